"""Limits and wording: rate limits on replies and reports, a window that closes after it opens, reminders that say
the time actually left, and Dutch 403/404 pages on the advisory table that say why."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from freezegun import freeze_time

from knowledge.advisory.models import Report, Visibility
from knowledge.advisory.wording import time_left
from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.advisory import ResponseFactory, make_proposal

pytestmark = pytest.mark.django_db

# freeze_time moves the clock, which a real Redis's expiry does not follow: these rules run on locmem.
LOCMEM = override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})


@pytest.fixture
def open_response(proposal, other_provider, other_audience_org):
    proposal.public_during_window = True
    proposal.save_revision().publish()
    return ResponseFactory(proposal=proposal, author=other_provider, organisation=other_audience_org)


@LOCMEM
def test_replies_are_rate_limited_with_a_dutch_message_that_keeps_the_text(client, provider, open_response, settings):
    settings.ADVISORY_REPLY_RATE_LIMIT = (2, 600)
    client.force_login(provider)
    url = f"{open_response.proposal.url}reactie/{open_response.pk}/reageren/"
    for n in range(2):
        assert client.post(url, {"text": f"Antwoord {n}"}).status_code == 302
    refused = client.post(url, {"text": "Het derde antwoord"})
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "U heeft net al 2 antwoorden geplaatst. Wacht 10 minuten" in html and "Het derde antwoord" in html
    assert open_response.replies.count() == 2
    with freeze_time(timezone.now() + datetime.timedelta(minutes=11)):
        assert client.post(url, {"text": "Later wel"}).status_code == 302


@LOCMEM
def test_reports_are_rate_limited(client, provider, proposal, settings):
    settings.ADVISORY_REPORT_RATE_LIMIT = (1, 3600)
    proposal.public_during_window = True
    proposal.save_revision().publish()
    first, second = (ResponseFactory(proposal=proposal, organisation=OrganisationFactory()) for _ in range(2))
    client.force_login(provider)
    assert client.post(f"{proposal.url}reactie/{first.pk}/melden/", {"reason": "spam"}).status_code == 302
    refused = client.post(f"{proposal.url}reactie/{second.pk}/melden/", {"reason": "spam"})
    assert refused.status_code == 400
    assert "U heeft net al 1 meldingen gedaan. Wacht 60 minuten" in refused.content.decode()
    assert list(Report.objects.values_list("response", flat=True)) == [first.pk]


def test_a_proposal_must_close_after_it_opens(demo_site):
    proposal = make_proposal()
    proposal.closes_at = proposal.opens_at - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        proposal.full_clean()
    assert error.value.message_dict["closes_at"] == [
        "De consultatie moet sluiten na de opening; kies een sluitdatum na de openingsdatum."
    ]
    proposal.closes_at = proposal.opens_at
    with pytest.raises(ValidationError):
        proposal.full_clean()
    proposal.closes_at = proposal.opens_at + datetime.timedelta(days=1)
    proposal.full_clean()


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (datetime.timedelta(days=2, hours=23), "nog 2 dagen"),
        (datetime.timedelta(days=1, hours=2), "nog 1 dag"),
        (datetime.timedelta(hours=5, minutes=59), "nog 5 uur"),
        (datetime.timedelta(hours=1), "nog 1 uur"),
        (datetime.timedelta(minutes=12), "nog 12 minuten"),
        (datetime.timedelta(seconds=20), "nog minder dan een minuut"),
    ],
)
def test_time_left_wording(delta, expected):
    assert time_left(delta) == expected


def _reminders(user):
    return [m for m in mail.outbox if m.to == [user.email] and "reageer op Sluit bijna" in m.subject]


def test_reminder_timing_is_a_setting_and_the_mail_says_the_time_actually_left(provider, demo_site, settings):
    settings.ADVISORY_REMINDER_HOURS = 6
    closes = timezone.now() + datetime.timedelta(days=5)
    make_proposal(title="Sluit bijna", closes_at=closes)
    mail.outbox.clear()
    with freeze_time(closes - datetime.timedelta(hours=7)):
        call_command("send_advisory_notifications", stdout=io.StringIO())
    assert not _reminders(provider)
    with freeze_time(closes - datetime.timedelta(hours=5, minutes=10)):
        call_command("send_advisory_notifications", stdout=io.StringIO())
    [reminder] = _reminders(provider)
    assert reminder.subject.startswith("Nog 5 uur: ")
    assert "Reageren kan nog 5 uur" in reminder.body
    assert "Nog 3 dagen" not in reminder.subject and "nog 5 uur" in reminder.alternatives[0][0]


def test_proposal_page_says_the_time_left_the_same_way(client, demo_site):
    proposal = make_proposal(closes_at=timezone.now() + datetime.timedelta(hours=5, minutes=30))
    html = client.get(proposal.url).content.decode()
    assert 'kp-time-left">nog 5 uur<' in html


# Dutch 403 and 404 pages that say why -----------------------------------------------------------------------


def _assert_dutch_refusal(response, status, reason):
    html = response.content.decode()
    assert response.status_code == status
    assert 'lang="nl"' in html and "kp-refusal-reason" in html
    assert reason in html
    assert response["Cache-Control"] == "private, no-store"


def test_editing_after_the_window_is_a_dutch_403_that_says_why(client, proposal, provider, audience_org):
    response = ResponseFactory(proposal=proposal, author=provider, organisation=audience_org)
    client.force_login(provider)
    with freeze_time(timezone.now() + datetime.timedelta(minutes=31)):
        page = client.get(f"{proposal.url}reactie/{response.pk}/bewerken/")
    _assert_dutch_refusal(page, 403, "Bewerken kan tot 30 minuten na het plaatsen.")
    assert proposal.title in page.content.decode()  # a link back to the proposal


def test_outcome_moderation_and_export_refusals_say_who_may(client, proposal, provider, audience_org):
    response = ResponseFactory(proposal=proposal, author=provider, organisation=audience_org)
    client.force_login(provider)
    _assert_dutch_refusal(
        client.get(f"{proposal.url}reactie/{response.pk}/uitkomst/"), 403, "Alleen medewerkers van de regio"
    )
    _assert_dutch_refusal(
        client.get(f"{proposal.url}reactie/{response.pk}/verbergen/"), 403, "Alleen redacteuren kunnen reacties"
    )
    _assert_dutch_refusal(
        client.get(f"{proposal.url}verslag-print/"), 403, "Alleen redacteuren en medewerkers van de regio"
    )


def test_a_response_you_may_not_see_is_a_dutch_404_that_explains(client, proposal, outsider):
    hidden = ResponseFactory(proposal=proposal, visibility=Visibility.REGION_ONLY)
    client.force_login(outsider)
    page = client.get(f"{proposal.url}reactie/{hidden.pk}/bijlage/")
    _assert_dutch_refusal(page, 404, "niet voor u zichtbaar")
    _assert_dutch_refusal(client.get(f"{proposal.url}verslag/"), 404, "nog niet gepubliceerd")


def test_an_unknown_sub_url_is_the_sites_404(client, proposal):
    response = client.get(f"{proposal.url}bestaat-niet/")
    assert response.status_code == 404
    assert "kp-refusal-reason" not in response.content.decode()


def test_reporting_from_another_organisation_still_works(client, demo_site):
    now = timezone.now()
    closed = make_proposal(opens_at=now - datetime.timedelta(days=3), closes_at=now - datetime.timedelta(days=1))
    response = ResponseFactory(proposal=closed)
    client.force_login(provider_member(OrganisationFactory()))
    assert client.post(f"{closed.url}reactie/{response.pk}/melden/", {"reason": "spam"}).status_code == 302


def test_the_admin_edit_form_refuses_a_closing_date_before_the_opening(client, demo_site, editor_user):
    from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

    proposal = make_proposal(title="Venster in de admin")
    client.force_login(editor_user)
    url = f"/admin/pages/{proposal.pk}/edit/"
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([]), "documents": streamfield([])}))  # rendered by JS
    data["opens_at"] = "2026-12-10 09:00"
    data["closes_at"] = "2026-12-01 17:00"
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200  # the form again, with the error
    assert "kies een sluitdatum na de openingsdatum" in html
    proposal.refresh_from_db()
    assert proposal.closes_at > proposal.opens_at
    data["closes_at"] = "2026-12-20 17:00"
    assert client.post(url, data).status_code == 302  # the same form saves once the dates are right


def test_in_english_the_page_and_the_refusal_are_translated(client, proposal, provider, audience_org, settings):
    response = ResponseFactory(proposal=proposal, author=provider, organisation=audience_org)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(provider)
    page = client.get(proposal.url).content.decode()
    assert 'kp-time-left">9 days left<' in page and "Save draft" in page and ">Follow<" in page
    refused = client.get(f"{proposal.url}reactie/{response.pk}/uitkomst/")
    assert refused.status_code == 403
    assert "Only staff of the region holding this consultation record the outcome" in refused.content.decode()
