"""Respondents: a confirmation with the text as submitted, "Mijn reacties", drafts, and following a proposal."""

import datetime
from email import message_from_bytes, policy

import pytest
from django.core import mail
from django.utils import timezone

from knowledge.advisory.models import ProposalFollow, Response, ResponseDraft, ResponseState, Visibility
from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.advisory import ReplyFactory, ResponseFactory, make_proposal

pytestmark = pytest.mark.django_db

TRICKY = "Jansen & Zn zegt: \"<b>niet</b> doen\" & 'dat' is 5 < 7"


def _form(proposal, **extra):
    data = {
        "question": proposal.questions.first().pk,
        "position": "conditions",
        "text": "Wij steunen het plan.",
        "visibility": "public",
    }
    data.update(extra)
    return data


def _text_part(message):
    parsed = message_from_bytes(message.message().as_bytes(), policy=policy.default)
    return parsed.get_body(preferencelist=("plain",)).get_content()


def test_confirmation_mail_has_the_text_verbatim_in_the_plain_part(client, proposal, provider):
    client.force_login(provider)
    mail.outbox.clear()
    assert client.post(f"{proposal.url}reageren/", _form(proposal, text=TRICKY)).status_code == 302
    [message] = [m for m in mail.outbox if m.to == [provider.email]]
    assert message.subject == f"Uw reactie is ontvangen: {proposal.title}"
    text = _text_part(message)
    assert TRICKY in text
    assert "&amp;" not in text and "&quot;" not in text and "&lt;" not in text
    assert "Steunt onder voorwaarden" in text and "Openbaar" in text
    response = Response.objects.get(proposal=proposal)
    assert f"{proposal.url}reactie/{response.pk}/" in text
    html = message.alternatives[0][0]
    assert "<b>niet</b>" not in html  # the HTML part shows the sanitised rendering, never raw HTML


def test_no_confirmation_when_the_response_is_refused(client, proposal, outsider):
    client.force_login(outsider)
    mail.outbox.clear()
    client.post(f"{proposal.url}reageren/", _form(proposal))
    assert not mail.outbox


# Drafts ------------------------------------------------------------------------------------------------------


def test_draft_is_kept_shown_only_to_its_author_and_removed_on_submit(client, proposal, provider, audience_org):
    client.force_login(provider)
    saved = client.post(
        f"{proposal.url}reageren/",
        {"question": proposal.questions.first().pk, "text": "Half af concept", "save_draft": "1"},
    )
    assert saved.status_code == 302 and saved["Location"].endswith("#reageren")
    assert not Response.objects.filter(proposal=proposal).exists()
    page = client.get(proposal.url).content.decode()
    assert "Half af concept" in page and "Uw concept van" in page
    mine = client.get("/adviestafel/mijn-reacties/").content.decode()
    assert "Half af concept" in mine

    colleague = provider_member(audience_org)
    client.force_login(colleague)
    assert "Half af concept" not in client.get(proposal.url).content.decode()
    assert "Half af concept" not in client.get("/adviestafel/mijn-reacties/").content.decode()

    client.force_login(provider)
    client.post(f"{proposal.url}reageren/", _form(proposal, text="Definitieve tekst"))
    assert not ResponseDraft.objects.exists()
    assert "Uw concept van" not in client.get(proposal.url).content.decode()


def test_an_empty_draft_or_one_from_outside_the_audience_is_refused(client, proposal, provider, outsider):
    client.force_login(provider)
    empty = client.post(f"{proposal.url}reageren/", {"text": "  ", "save_draft": "1"})
    assert empty.status_code == 400 and "nog geen tekst" in empty.content.decode()
    client.force_login(outsider)
    refused = client.post(f"{proposal.url}reageren/", {"text": "Van buiten", "save_draft": "1"})
    assert refused.status_code == 400 and "hoort niet bij de doelgroep" in refused.content.decode()
    assert not ResponseDraft.objects.exists()


# Mijn reacties -----------------------------------------------------------------------------------------------


def test_my_responses_lists_my_organisations_responses_and_the_regions_answers(
    client, demo_site, provider, audience_org, other_audience_org, staff
):
    first, second = make_proposal(title="Eerste voorstel"), make_proposal(title="Tweede voorstel")
    mine = ResponseFactory(proposal=first, author=provider, organisation=audience_org, body_markdown="Mijn eigen tekst")
    colleague = ResponseFactory(
        proposal=second,
        author=provider_member(audience_org),
        organisation=audience_org,
        visibility=Visibility.REGION_ONLY,
        body_markdown="Tekst van mijn collega",
    )
    ReplyFactory(response=colleague, author=staff, is_official=True, body_markdown="Het antwoord van de regio")
    ResponseFactory(proposal=first, organisation=other_audience_org, body_markdown="Tekst van een ander")
    ResponseFactory(
        proposal=first,
        author=provider,
        organisation=audience_org,
        state=ResponseState.WITHDRAWN,
        body_markdown="Ingetrokken tekst",
    )
    client.force_login(provider)
    response = client.get("/adviestafel/mijn-reacties/")
    html = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert "Mijn eigen tekst" in html and "Tekst van mijn collega" in html
    assert "Het antwoord van de regio" in html and "Officieel antwoord van de regio" in html
    assert "Eerste voorstel" in html and "Tweede voorstel" in html
    assert "Tekst van een ander" not in html and "Ingetrokken tekst" not in html
    assert f"{first.url}reactie/{mine.pk}/" in html


def test_my_responses_asks_to_sign_in(client, demo_site):
    response = client.get("/adviestafel/mijn-reacties/")
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_my_responses_shows_my_hidden_response_with_the_reason(client, proposal, provider, audience_org):
    ResponseFactory(
        proposal=proposal,
        author=provider,
        organisation=audience_org,
        state=ResponseState.HIDDEN,
        moderation_reason="Bevat een naam",
        body_markdown="Verborgen tekst",
    )
    client.force_login(provider)
    html = client.get("/adviestafel/mijn-reacties/").content.decode()
    assert "Verborgen tekst" in html and "Bevat een naam" in html
    client.force_login(provider_member(audience_org))  # a colleague does not see the hidden one
    assert "Verborgen tekst" not in client.get("/adviestafel/mijn-reacties/").content.decode()


# Following ---------------------------------------------------------------------------------------------------


def test_follow_and_unfollow_through_the_page(client, proposal, outsider):
    client.force_login(outsider)
    assert "Volgen" in client.get(proposal.url).content.decode()
    assert client.get(f"{proposal.url}volgen/").status_code == 405
    client.post(f"{proposal.url}volgen/", {"action": "follow"})
    client.post(f"{proposal.url}volgen/", {"action": "follow"})
    assert ProposalFollow.objects.filter(proposal=proposal, user=outsider).count() == 1
    assert "Niet meer volgen" in client.get(proposal.url).content.decode()
    client.post(f"{proposal.url}volgen/", {"action": "unfollow"})
    assert not ProposalFollow.objects.exists()
    assert "Niet meer volgen" not in client.get(proposal.url).content.decode()


def test_the_follow_button_shows_the_visitors_own_state(client, proposal, outsider):
    ProposalFollow.objects.create(proposal=proposal, user=outsider)
    client.force_login(outsider)
    assert "Niet meer volgen" in client.get(proposal.url).content.decode()
    client.force_login(provider_member(OrganisationFactory(name="Niet-volger BV", is_contracted=True)))
    html = client.get(proposal.url).content.decode()
    assert "Niet meer volgen" not in html and 'value="follow"' in html


def test_anonymous_follow_asks_to_sign_in(client, proposal):
    response = client.post(f"{proposal.url}volgen/", {"action": "follow"})
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]
    assert not ProposalFollow.objects.exists()


def test_followers_hear_of_replies_they_may_see_only(
    client, proposal, provider, audience_org, other_provider, other_audience_org, staff
):
    proposal.public_during_window = True
    proposal.save_revision().publish()
    follower = provider_member(OrganisationFactory(name="Volger BV", is_contracted=True))
    ProposalFollow.objects.create(proposal=proposal, user=follower)
    public = ResponseFactory(proposal=proposal, author=other_provider, organisation=other_audience_org)
    secret = ResponseFactory(
        proposal=proposal, author=provider, organisation=audience_org, visibility=Visibility.REGION_ONLY
    )
    client.force_login(staff)
    mail.outbox.clear()
    client.post(f"{proposal.url}reactie/{public.pk}/reageren/", {"text": "Openbaar antwoord"})
    client.post(f"{proposal.url}reactie/{secret.pk}/reageren/", {"text": "Antwoord op regio-reactie"})
    to_follower = [m for m in mail.outbox if m.to == [follower.email]]
    assert len(to_follower) == 1
    assert "Nieuw antwoord bij een voorstel dat u volgt" in to_follower[0].subject
    assert "Openbaar antwoord" in to_follower[0].body
    assert all("Antwoord op regio-reactie" not in m.body for m in to_follower)


def test_followers_hear_of_the_report_and_the_decision(client, demo_site, outsider):
    now = timezone.now()
    proposal = make_proposal(opens_at=now - datetime.timedelta(days=20), closes_at=now - datetime.timedelta(days=2))
    ResponseFactory(proposal=proposal, visibility=Visibility.REGION_ONLY, body_markdown="Vertrouwelijke inbreng")
    client.force_login(outsider)  # not in the audience: only following brings the mail
    client.post(f"{proposal.url}volgen/", {"action": "follow"})
    mail.outbox.clear()
    proposal.report_published_at = now
    proposal.save_revision().publish()
    [report] = [m for m in mail.outbox if m.to == [outsider.email]]
    assert "Verslag gepubliceerd" in report.subject and "Vertrouwelijke inbreng" not in report.body
    proposal.adopted_at = timezone.now()
    proposal.save_revision().publish()
    decisions = [m for m in mail.outbox if m.to == [outsider.email] and "Besluit genomen" in m.subject]
    assert len(decisions) == 1 and f"{proposal.url}verslag/" in decisions[0].body
    proposal.save_revision().publish()
    assert len([m for m in mail.outbox if m.to == [outsider.email]]) == 2  # each once


def test_drafts_and_follows_are_in_the_personal_data_download(client, proposal, provider):
    client.force_login(provider)
    client.post(f"{proposal.url}reageren/", {"text": "Concept voor de download", "save_draft": "1"})
    client.post(f"{proposal.url}volgen/", {"action": "follow"})
    data = client.get("/account/mijn-gegevens.json").json()
    advisory = data["adviestafel"]
    assert [d["tekst"] for d in advisory["concepten"]] == ["Concept voor de download"]
    assert [f["voorstel"] for f in advisory["gevolgde_voorstellen"]] == [proposal.title]


def test_my_responses_costs_a_fixed_number_of_queries(
    client, demo_site, provider, audience_org, staff, django_assert_max_num_queries
):
    def add(n):
        for _ in range(n):
            response = ResponseFactory(proposal=make_proposal(), author=provider, organisation=audience_org)
            ReplyFactory(response=response, author=staff, is_official=True)

    add(2)
    client.force_login(provider)
    client.get("/adviestafel/mijn-reacties/")
    with django_assert_max_num_queries(40) as before:
        client.get("/adviestafel/mijn-reacties/")
    few = len(before.captured_queries)
    add(6)
    client.get("/adviestafel/mijn-reacties/")  # warm-up again: publishing forgot the cached site lookup
    with django_assert_max_num_queries(few):
        client.get("/adviestafel/mijn-reacties/")
