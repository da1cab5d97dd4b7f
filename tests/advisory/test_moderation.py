"""Moderation that cannot be misused, seen through the pages: reports count per organisation, nobody reports their
own organisation's response, editors are told and decide in the admin queue, the author is told why and may ask
for review once, every decision is in the page history and a hidden text leaves the page cache at once."""

import datetime
from email import message_from_bytes

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import PageLogEntry

from knowledge.advisory.models import Report, ResponseState
from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.advisory import ResponseFactory, make_proposal

pytestmark = pytest.mark.django_db

TEXT = "Deze reactie noemt iets wat niet hoort"


@pytest.fixture
def closed(demo_site):
    now = timezone.now()
    return make_proposal(opens_at=now - datetime.timedelta(days=10), closes_at=now - datetime.timedelta(days=1))


@pytest.fixture
def author_org(db):
    return OrganisationFactory(name="Auteur & Zn", is_contracted=True)


@pytest.fixture
def author(author_org):
    return provider_member(author_org, first_name="Aart", last_name="Auteur")


@pytest.fixture
def target(closed, author, author_org):
    return ResponseFactory(proposal=closed, author=author, organisation=author_org, body_markdown=TEXT)


def _report(client, user, response, reason="spam"):
    client.force_login(user)
    return client.post(f"{response.proposal.url}reactie/{response.pk}/melden/", {"reason": reason})


def _state(response):
    response.refresh_from_db()
    return response.state


def _mails(user, subject_part=""):
    return [m for m in mail.outbox if m.to == [user.email] and subject_part in m.subject]


def test_three_colleagues_count_once_three_organisations_hide(client, target):
    colleagues = provider_member(OrganisationFactory(name="Collega's BV"))
    same_org = colleagues.memberships.get().organisation
    for user in (colleagues, provider_member(same_org), provider_member(same_org)):
        assert _report(client, user, target).status_code == 302
    assert Report.objects.filter(response=target).count() == 3
    assert _state(target) == ResponseState.ACTIVE
    client.logout()
    assert TEXT in client.get(target.proposal.url).content.decode()

    _report(client, provider_member(OrganisationFactory()), target)
    assert _state(target) == ResponseState.ACTIVE
    _report(client, provider_member(OrganisationFactory()), target)
    assert _state(target) == ResponseState.HIDDEN
    assert "3 organisaties" in target.moderation_reason
    client.logout()
    assert TEXT not in client.get(target.proposal.url).content.decode()


def test_threshold_is_a_setting(client, target, settings):
    settings.ADVISORY_REPORT_THRESHOLD = 1
    _report(client, provider_member(OrganisationFactory()), target)
    assert _state(target) == ResponseState.HIDDEN


def test_author_cannot_report_own_response_not_even_with_a_crafted_post(client, target, author):
    client.force_login(author)
    page = client.get(target.proposal.url).content.decode()
    assert TEXT in page and f"reactie/{target.pk}/melden/" not in page  # no button
    form = client.get(f"{target.proposal.url}reactie/{target.pk}/melden/")
    posted = _report(client, author, target)
    for response in (form, posted):
        html = response.content.decode()
        assert response.status_code == 403
        assert "U kunt geen reactie van uzelf of van uw eigen organisatie melden" in html
        assert 'lang="nl"' in html
    assert not Report.objects.exists()


def test_colleague_of_the_author_cannot_report_it_either(client, target, author_org):
    colleague = provider_member(author_org)
    client.force_login(colleague)
    assert f"reactie/{target.pk}/melden/" not in client.get(target.proposal.url).content.decode()
    response = _report(client, colleague, target)
    assert response.status_code == 403
    assert "eigen organisatie" in response.content.decode()
    assert not Report.objects.exists()


def test_editors_are_mailed_when_reported_and_when_hidden(client, target, editor_user, settings):
    settings.ADVISORY_REPORT_THRESHOLD = 2
    mail.outbox.clear()
    _report(client, provider_member(OrganisationFactory(name="Melder Een")), target, reason="offensive")
    [reported] = _mails(editor_user, "Reactie gemeld")
    assert target.proposal.title in reported.subject
    assert "Beledigend (Melder Een)" in reported.body and "/admin/adviestafel/moderatie/" in reported.body
    _report(client, provider_member(OrganisationFactory()), target)
    assert len(_mails(editor_user, "Reactie verborgen na meldingen")) == 1
    assert not _mails(target.author, "gemeld")  # the author hears of the decision, not of each report


def test_moderation_queue_lists_reports_with_reasons_and_is_for_editors_only(
    client, target, editor_user, staff, author
):
    _report(client, provider_member(OrganisationFactory(name="Melder Twee")), target, reason="personal_data")
    client.force_login(staff)
    assert client.get("/admin/adviestafel/moderatie/").status_code in (302, 403)
    client.force_login(author)
    assert client.get("/admin/adviestafel/moderatie/").status_code in (302, 403)
    client.force_login(editor_user)
    assert '"url": "/admin/adviestafel/moderatie/"' in client.get("/admin/").content.decode()  # the menu item
    html = client.get("/admin/adviestafel/moderatie/").content.decode()
    assert f'id="moderatie-{target.pk}"' in html
    assert "Bevat persoonsgegevens" in html and "Melder Twee" in html and "Gemeld" in html


def test_queue_hides_and_restores_with_reason_author_told_and_all_logged(client, target, editor_user, author):
    client.force_login(editor_user)
    assert (
        client.post(
            "/admin/adviestafel/moderatie/", {"response": target.pk, "action": "hide", "reason": ""}
        ).status_code
        == 400
    )
    assert _state(target) == ResponseState.ACTIVE
    mail.outbox.clear()
    response = client.post(
        "/admin/adviestafel/moderatie/",
        {"response": target.pk, "action": "hide", "reason": "Noemt een cliënt bij naam & adres"},
    )
    assert response.status_code == 302
    assert _state(target) == ResponseState.HIDDEN
    [told] = _mails(author, "Uw reactie is verborgen")
    text = message_from_bytes(told.message().as_bytes()).get_payload()[0].get_payload(decode=True).decode()
    assert "Noemt een cliënt bij naam & adres" in text  # verbatim, not HTML-escaped
    assert "nieuwe beoordeling" in text

    # The author sees the reason on the page; others do not see the response at all.
    client.force_login(author)
    page = client.get(target.proposal.url).content.decode()
    assert "Noemt een cliënt bij naam &amp; adres" in page and TEXT in page
    client.force_login(provider_member(OrganisationFactory()))
    assert TEXT not in client.get(target.proposal.url).content.decode()

    client.force_login(editor_user)
    assert "Verborgen" in client.get("/admin/adviestafel/moderatie/").content.decode()
    client.post("/admin/adviestafel/moderatie/", {"response": target.pk, "action": "restore", "reason": "Naam eruit"})
    assert _state(target) == ResponseState.ACTIVE
    assert "Teruggezet" in client.get("/admin/adviestafel/moderatie/").content.decode()
    assert _mails(author, "Uw reactie is weer zichtbaar")
    entries = PageLogEntry.objects.filter(page=target.proposal, action__startswith="advisory.response_")
    assert [(e.action, e.user, e.data["reason"]) for e in entries.order_by("timestamp", "pk")] == [
        ("advisory.response_hidden", editor_user, "Noemt een cliënt bij naam & adres"),
        ("advisory.response_restored", editor_user, "Naam eruit"),
    ]


def test_author_asks_for_review_once(client, target, author, editor_user):
    client.force_login(editor_user)
    client.post(f"{target.proposal.url}reactie/{target.pk}/verbergen/", {"reason": "Niet ter zake"})
    client.force_login(author)
    page = client.get(target.proposal.url).content.decode()
    assert f"reactie/{target.pk}/herbeoordeling/" in page
    mail.outbox.clear()
    url = f"{target.proposal.url}reactie/{target.pk}/herbeoordeling/"
    assert client.post(url, {"text": "Het gaat wel over het voorstel"}).status_code == 302
    target.refresh_from_db()
    assert target.review_requested_at is not None
    [alert] = _mails(editor_user, "Vraag om herbeoordeling")
    assert "Het gaat wel over het voorstel" in alert.body
    page = client.get(target.proposal.url).content.decode()
    assert "Om een nieuwe beoordeling gevraagd op" in page and url not in page
    again = client.post(url, {"text": "Nog een keer"})
    assert again.status_code == 403 and "dat kan één keer" in again.content.decode()
    assert PageLogEntry.objects.filter(page=target.proposal, action="advisory.review_requested").count() == 1
    client.force_login(editor_user)
    html = client.get("/admin/adviestafel/moderatie/").content.decode()
    assert "Auteur vraagt om herbeoordeling" in html and "Het gaat wel over het voorstel" in html


def test_only_the_author_may_ask_for_review(client, target, author_org, editor_user):
    client.force_login(editor_user)
    client.post(f"{target.proposal.url}reactie/{target.pk}/verbergen/", {"reason": "Niet ter zake"})
    for user in (provider_member(author_org), editor_user):
        client.force_login(user)
        response = client.post(f"{target.proposal.url}reactie/{target.pk}/herbeoordeling/", {"text": "Ik ook"})
        assert response.status_code in (403, 404)
    target.refresh_from_db()
    assert target.review_requested_at is None


def test_hiding_takes_the_text_out_of_the_page_cache_at_once(
    client, target, editor_user, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 60
    url = target.proposal.url
    assert Client().get(url)["X-Cache"] == "MISS"
    cached = Client().get(url)
    assert cached["X-Cache"] == "HIT" and TEXT in cached.content.decode()
    client.force_login(editor_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{url}reactie/{target.pk}/verbergen/", {"reason": "Persoonsgegevens"})
    after = Client().get(url)
    assert after["X-Cache"] == "MISS"
    assert TEXT not in after.content.decode()


def test_hiding_by_reports_also_purges_the_cache(client, target, settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 60
    settings.ADVISORY_REPORT_THRESHOLD = 1
    reporter = provider_member(OrganisationFactory())  # before caching: saving an organisation purges by itself
    Client().get(target.proposal.url)
    assert TEXT in Client().get(target.proposal.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        _report(client, reporter, target)
    after = Client().get(target.proposal.url)
    assert after["X-Cache"] == "MISS"
    assert TEXT not in after.content.decode()


def test_a_restored_response_is_judged_on_new_reports_only(client, target, editor_user, settings):
    settings.ADVISORY_REPORT_THRESHOLD = 2
    for _ in range(2):
        _report(client, provider_member(OrganisationFactory()), target)
    assert _state(target) == ResponseState.HIDDEN
    client.force_login(editor_user)
    client.post(f"{target.proposal.url}reactie/{target.pk}/herstellen/", {"reason": "Niets mis mee"})
    assert _state(target) == ResponseState.ACTIVE
    _report(client, provider_member(OrganisationFactory()), target)
    assert _state(target) == ResponseState.ACTIVE  # the two old reports were decided on
    _report(client, provider_member(OrganisationFactory()), target)
    assert _state(target) == ResponseState.HIDDEN


def test_moderation_queue_costs_a_fixed_number_of_queries(client, closed, editor_user, django_assert_max_num_queries):
    def add(n):
        for _ in range(n):
            response = ResponseFactory(proposal=closed, organisation=OrganisationFactory())
            Report.objects.create(response=response, reporter=provider_member(OrganisationFactory()), reason="spam")

    add(2)
    client.force_login(editor_user)
    client.get("/admin/adviestafel/moderatie/")
    with django_assert_max_num_queries(60) as before:
        client.get("/admin/adviestafel/moderatie/")
    add(6)
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get("/admin/adviestafel/moderatie/")
