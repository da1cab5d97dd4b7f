"""Co-signed responses: the responding organisation invites other audience organisations; their members accept or
decline (e-mail link and "Mijn reacties"); the page, the report and the CSV show every signatory; the response
counts once."""

import csv
import io
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from wagtail.models import PageLogEntry

from knowledge.advisory.models import CoSignature, CoSignatureState, ResponseState, Visibility
from tests.advisory.helpers import close, publish_report
from tests.factories.accounts import OrganisationFactory, provider_member, region_staff
from tests.factories.advisory import ResponseFactory, make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def third_org(db):
    return OrganisationFactory(name="Derde Jeugdhulp", is_contracted=True)


@pytest.fixture
def third_provider(third_org):
    return provider_member(third_org, first_name="Cor", last_name="Derde")


@pytest.fixture
def response(proposal, provider, audience_org):
    return ResponseFactory(
        proposal=proposal, author=provider, organisation=audience_org, body_markdown="Samen sterker: meer bedden."
    )


def _invite(client, response, *organisations):
    return client.post(
        f"{response.proposal.url}reactie/{response.pk}/medeondertekenaars/",
        {"organisations": [org.pk for org in organisations]},
        follow=True,
    )


def _waiting(client, proposal):
    html = client.get(proposal.url).content.decode()
    return html.split('class="utrecht-unordered-list kp-non-responding"')[1].split("</ul>")[0]


def _decide(client, response, decision):
    return client.post(
        f"{response.proposal.url}reactie/{response.pk}/medeondertekenen/", {"decision": decision}, follow=True
    )


def test_the_author_sees_the_invite_form_with_audience_organisations_only(
    client, response, provider, other_audience_org, outsider
):
    client.force_login(provider)
    html = client.get(response.proposal.url).content.decode()
    form = html.split('id="medeondertekenen-')[1].split("</details>")[0]
    assert "Andere Aanbieder" in form
    assert "Jeugdzorg Doelgroep" not in form  # not its own organisation
    assert "Niet Gecontracteerd" not in form  # not outside the audience


def _invite_form(client, response):
    html = client.get(response.proposal.url).content.decode()
    return html.split(f'id="medeondertekenen-{response.pk}"')[1].split("</details>")[0]


def test_the_invite_form_follows_every_change_of_the_audience_on_the_next_visit(
    client, response, provider, other_audience_org, outsider
):
    """The form's organisations are kept between visits (views._audience_by_name): a new contracted provider, a
    renamed one, one no longer contracted, and an audience the editor narrowed all show on the next visit."""
    client.force_login(provider)
    assert "Andere Aanbieder" in _invite_form(client, response)
    newcomer = OrganisationFactory(name="Nieuwe Jeugdhulp", is_contracted=True)
    assert "Nieuwe Jeugdhulp" in _invite_form(client, response)
    other_audience_org.name = "Hernoemde Aanbieder"
    other_audience_org.save()
    form = _invite_form(client, response)
    assert "Hernoemde Aanbieder" in form and "Andere Aanbieder" not in form
    newcomer.is_contracted = False
    newcomer.save()
    assert "Nieuwe Jeugdhulp" not in _invite_form(client, response)
    page = type(response.proposal).objects.get(pk=response.proposal.pk)
    page.audience_kind = "selected"
    page.save_revision().publish()
    page.audience_organisations.set([response.organisation])
    page.save_revision().publish()
    assert "Hernoemde Aanbieder" not in _invite_form(client, response)


def test_invite_accept_and_every_channel_shows_both_signatories_counted_once(
    client, response, provider, other_provider, other_audience_org, third_provider
):
    client.force_login(provider)
    page = _invite(client, response, other_audience_org)
    assert "Uitgenodigd om mede te ondertekenen: Andere Aanbieder" in page.content.decode()
    assert "Uitgenodigd om mede te ondertekenen (nog geen antwoord):" in page.content.decode()

    client.force_login(other_provider)
    html = client.get(response.proposal.url).content.decode()
    assert "Samen sterker" in html  # the invited organisation reads what it is asked to sign
    assert "Uw organisatie is uitgenodigd om deze reactie mede te ondertekenen." in html
    page = _decide(client, response, "accept")
    assert "Andere Aanbieder ondertekent deze reactie mede." in page.content.decode()
    assert CoSignature.objects.get().state == CoSignatureState.ACCEPTED

    proposal = publish_report(close(response.proposal))
    client.logout()
    html = client.get(proposal.url).content.decode()
    card = html.split(f'id="reactie-{response.pk}"')[1].split("</article>")[0]
    assert "Mede ondertekend door" in card and "Andere Aanbieder" in card
    assert "1 reactie van 2 organisaties" in html  # one response, two organisations, on every page
    assert "1 reactie van 2 organisaties" in client.get("/adviestafel/").content.decode()
    report = client.get(f"{proposal.url}verslag/").content.decode()
    assert "Jeugdzorg Doelgroep</a>, mede ondertekend door Andere Aanbieder" in report
    assert "1 reactie van 2 organisaties" in report
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"{proposal.url}reacties-csv/").content.decode("utf-8-sig")), delimiter=";"
        )
    )
    assert [(r["Organisatie"], r["Mede ondertekend door"]) for r in rows] == [
        ("Jeugdzorg Doelgroep", "Andere Aanbieder")
    ]


def test_decline_leaves_the_response_as_it_was_and_hides_it_from_the_decliner(
    client, response, provider, other_provider, other_audience_org
):
    client.force_login(provider)
    _invite(client, response, other_audience_org)
    client.force_login(other_provider)
    page = _decide(client, response, "decline")
    assert "U heeft de uitnodiging afgeslagen." in page.content.decode()
    assert "Samen sterker" not in client.get(response.proposal.url).content.decode()  # window: not public yet
    assert CoSignature.objects.get().state == CoSignatureState.DECLINED
    proposal = close(response.proposal)
    client.logout()
    html = client.get(proposal.url).content.decode()
    assert "Mede ondertekend door" not in html
    assert "1 reactie van 1 organisatie" in html


def test_invitation_mail_reaches_the_invited_members_through_smtp_with_a_working_link(
    client, settings, response, provider, other_provider, other_audience_org
):
    colleague = provider_member(other_audience_org, first_name="Dirk", last_name="Collega")
    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        client.force_login(provider)
        _invite(client, response, other_audience_org)
    finally:
        controller.stop()
    invitations = [
        e for e in received if message_from_bytes(e.content, policy=policy.default)["subject"].startswith("Uitnodiging")
    ]
    assert sorted(rcpt for e in invitations for rcpt in e.rcpt_tos) == sorted([other_provider.email, colleague.email])
    message = message_from_bytes(invitations[0].content, policy=policy.default)
    assert message["subject"] == f"Uitnodiging om mede te ondertekenen: {response.proposal.title}"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "Samen sterker: meer bedden." in text
    link = next(word for word in text.split() if word.endswith("/medeondertekenen/"))
    client.force_login(colleague)
    page = client.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert page.status_code == 200 and "Mede ondertekenen namens Andere Aanbieder" in page.content.decode()


def test_my_responses_lists_the_invitation_and_accepting_there_adds_the_response(
    client, response, provider, other_provider, other_audience_org
):
    client.force_login(provider)
    _invite(client, response, other_audience_org)
    mail.outbox.clear()
    client.force_login(other_provider)
    html = client.get("/adviestafel/mijn-reacties/").content.decode()
    assert "Uitnodigingen om mede te ondertekenen" in html
    assert "Jeugdzorg Doelgroep nodigt Andere Aanbieder uit om haar reactie mede te ondertekenen." in html
    client.post(f"{response.proposal.url}reactie/{response.pk}/medeondertekenen/", {"decision": "accept"})
    html = client.get("/adviestafel/mijn-reacties/").content.decode()
    assert "Uitnodigingen om mede te ondertekenen" not in html
    mine = html.split('id="reacties"')[1]
    assert "Samen sterker" in mine and "Mede ondertekend door" in mine
    # whoever invited hears of it
    [told] = [m for m in mail.outbox if m.to == [provider.email]]
    assert told.subject == f"Andere Aanbieder ondertekent uw reactie: {response.proposal.title}"


@pytest.mark.parametrize("who", ["staff", "other_region_staff", "third", "anonymous"])
def test_only_members_of_the_invited_organisation_decide(
    client, response, provider, other_audience_org, third_provider, staff, who
):
    client.force_login(provider)
    _invite(client, response, other_audience_org)
    users = {
        "staff": staff,
        "other_region_staff": region_staff(OrganisationFactory(name="Regio Elders", kind="region")),
        "third": third_provider,
        "anonymous": None,
    }
    client.logout()
    if users[who] is not None:
        client.force_login(users[who])
    result = client.post(f"{response.proposal.url}reactie/{response.pk}/medeondertekenen/", {"decision": "accept"})
    assert result.status_code in (302, 403, 404)
    if users[who] is None:
        assert "/account/" in result["Location"]
    assert CoSignature.objects.get().state == CoSignatureState.INVITED


def test_no_invitation_outside_the_audience_by_others_or_after_closing(
    client, response, provider, other_provider, other_audience_org, outsider
):
    outside_org = outsider.memberships.get().organisation
    client.force_login(provider)
    assert _invite(client, response, outside_org).status_code == 200  # back on the page with the error
    assert not CoSignature.objects.exists()
    client.force_login(other_provider)  # not of the responding organisation
    result = client.post(
        f"{response.proposal.url}reactie/{response.pk}/medeondertekenaars/", {"organisations": [other_audience_org.pk]}
    )
    assert result.status_code in (403, 404)
    close(response.proposal)
    client.force_login(provider)
    result = client.post(
        f"{response.proposal.url}reactie/{response.pk}/medeondertekenaars/", {"organisations": [other_audience_org.pk]}
    )
    assert result.status_code == 403
    assert "gesloten" in result.content.decode()
    assert not CoSignature.objects.exists()


def test_accepting_after_closing_is_refused_with_the_reason(
    client, response, provider, other_provider, other_audience_org
):
    client.force_login(provider)
    _invite(client, response, other_audience_org)
    close(response.proposal)
    client.force_login(other_provider)
    page = client.get(f"{response.proposal.url}reactie/{response.pk}/medeondertekenen/")
    assert "De consultatie is gesloten; ondertekenen kan niet meer." in page.content.decode()
    assert _decide(client, response, "accept").status_code == 403
    assert CoSignature.objects.get().state == CoSignatureState.INVITED


def test_every_step_is_in_the_proposal_history(client, response, provider, other_provider, other_audience_org):
    client.force_login(provider)
    _invite(client, response, other_audience_org)
    client.force_login(other_provider)
    _decide(client, response, "accept")
    actions = list(
        PageLogEntry.objects.filter(page=response.proposal, action__startswith="advisory.cosign").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["advisory.cosign_accepted", "advisory.cosign_invited"]


def test_a_cosigned_region_only_response_stays_with_the_region_and_the_signatories(
    client, proposal, provider, audience_org, other_provider, other_audience_org, third_provider
):
    response = ResponseFactory(
        proposal=proposal,
        author=provider,
        organisation=audience_org,
        visibility=Visibility.REGION_ONLY,
        body_markdown="Vertrouwelijk samen",
    )
    client.force_login(provider)
    _invite(client, response, other_audience_org)
    client.force_login(other_provider)
    _decide(client, response, "accept")
    proposal = close(proposal)
    assert "Vertrouwelijk samen" in client.get(proposal.url).content.decode()  # a signatory sees it
    assert "Vertrouwelijk samen" in client.get("/adviestafel/mijn-reacties/").content.decode()
    client.force_login(third_provider)
    assert "Vertrouwelijk samen" not in client.get(proposal.url).content.decode()
    assert "Vertrouwelijk samen" not in client.get("/adviestafel/mijn-reacties/").content.decode()
    client.logout()
    assert "Vertrouwelijk samen" not in client.get(proposal.url).content.decode()
    assert "Vertrouwelijk samen" not in client.get(f"{proposal.url}reacties-csv/").content.decode()


def test_a_withdrawn_cosigned_response_counts_nowhere(client, response, provider, other_provider, other_audience_org):
    client.force_login(provider)
    _invite(client, response, other_audience_org)
    client.force_login(other_provider)
    _decide(client, response, "accept")
    type(response).objects.filter(pk=response.pk).update(state=ResponseState.WITHDRAWN)
    proposal = close(response.proposal)
    assert "0 reacties van 0 organisaties" in client.get(proposal.url).content.decode()
    assert "Samen sterker" not in client.get("/adviestafel/mijn-reacties/").content.decode()


def test_a_cosigner_has_responded_for_the_non_responders_list(
    client, response, provider, other_provider, other_audience_org, staff
):
    client.force_login(provider)
    _invite(client, response, other_audience_org)
    client.force_login(staff)
    waiting = _waiting(client, response.proposal)
    assert "Andere Aanbieder" in waiting.split("</ul>")[0]  # invited is not yet responded
    client.force_login(other_provider)
    _decide(client, response, "accept")
    client.force_login(staff)
    waiting = _waiting(client, response.proposal)
    assert "Andere Aanbieder" not in waiting.split("</ul>")[0]
    assert "Jeugdzorg Doelgroep" not in waiting.split("</ul>")[0]


def test_a_proposal_for_chosen_organisations_only_offers_those(client, demo_site, audience_org, provider):
    chosen = OrganisationFactory(name="Gekozen Partner", is_contracted=False)
    not_chosen = OrganisationFactory(name="Niet Gekozen", is_contracted=True)
    proposal = make_proposal(audience_kind="selected")
    page = type(proposal).objects.get(pk=proposal.pk)
    page.audience_organisations.set([audience_org, chosen])
    page.save_revision().publish()
    response = ResponseFactory(proposal=page, author=provider, organisation=audience_org)
    client.force_login(provider)
    html = client.get(page.url).content.decode()
    form = html.split(f'id="medeondertekenen-{response.pk}"')[1].split("</details>")[0]
    assert "Gekozen Partner" in form and not_chosen.name not in form


def test_a_cosigner_cannot_report_the_response_it_signed(
    client, proposal, provider, audience_org, other_provider, other_audience_org
):
    response = ResponseFactory(proposal=proposal, author=provider, organisation=audience_org)
    client.force_login(provider)
    _invite(client, response, other_audience_org)
    client.force_login(other_provider)
    assert f"reactie/{response.pk}/melden/" in client.get(proposal.url).content.decode()  # not signed yet
    _decide(client, response, "accept")
    assert f"reactie/{response.pk}/melden/" not in client.get(proposal.url).content.decode()
    refused = client.get(f"{proposal.url}reactie/{response.pk}/melden/")
    assert refused.status_code == 403
    assert "van uw eigen organisatie" in refused.content.decode()


def test_editors_see_cosignatures_in_the_admin_and_people_in_their_data_download(
    client, response, provider, other_provider, other_audience_org, editor_user
):
    client.force_login(provider)
    _invite(client, response, other_audience_org)
    client.force_login(other_provider)
    _decide(client, response, "decline")
    data = client.get("/account/mijn-gegevens.json").json()
    [entry] = data["adviestafel"]["medeondertekeningen"]
    assert (entry["organisatie"], entry["status"], entry["beslist_door_u"]) == ("Andere Aanbieder", "Afgeslagen", True)
    client.force_login(editor_user)
    html = client.get(f"/admin/adviestafel/{response.proposal.pk}/").content.decode()
    assert "Medeondertekening: Andere Aanbieder (Afgeslagen)" in html
