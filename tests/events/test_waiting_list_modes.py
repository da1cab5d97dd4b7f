"""Waiting list per event: off (full means closed), automatic promotion, or a place offered for N hours."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from events import services
from events.models import Registration, RegistrationStatus, WaitingListMode
from events.services import RegistrationError
from tests.factories.events import EventPageFactory, register

pytestmark = pytest.mark.django_db


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+/inschrijving/[^/\s]+/)", message.body).group(1)


def _mails_to(mailoutbox, registration):
    return [m for m in mailoutbox if m.to == [registration.email]]


# --- off: full means closed ---------------------------------------------------------------------------------------


def test_without_a_waiting_list_a_full_event_refuses_in_dutch_and_stores_nothing(client, event_index, food_valley):
    event = EventPageFactory(capacity=2, waiting_list_mode=WaitingListMode.OFF)
    register(event, notify=False)
    register(event, notify=False)

    with pytest.raises(RegistrationError) as excinfo:
        register(event, email="derde@voorbeeld.example")
    assert excinfo.value.code == "full"
    assert "vol en heeft geen wachtlijst" in str(excinfo.value.message)

    response = client.post(
        event.url,
        {
            "name": "Anouk",
            "email": "anouk@voorbeeld.example",
            "organisation_name": "Gemeente Ede",
            "region": food_valley.pk,
            "role": "policy",
            "consent": "on",
        },
        REMOTE_ADDR="10.9.0.1",
    )
    assert response.status_code == 400
    assert "Deze bijeenkomst is vol en heeft geen wachtlijst." in response.content.decode()
    assert event.registrations.count() == 2
    assert not event.registrations.filter(status=RegistrationStatus.WAITING).exists()


def test_without_a_waiting_list_a_full_region_says_the_region_is_full(event_index, arnhem):
    event = EventPageFactory(capacity=10, max_per_region=1, waiting_list_mode=WaitingListMode.OFF)
    register(event, notify=False)
    with pytest.raises(RegistrationError) as excinfo:
        register(event)
    assert excinfo.value.code == "region_full" and excinfo.value.field == "region"
    assert "De plaatsen voor de regio Food Valley zijn vol" in str(excinfo.value.message)
    assert register(event, region=arnhem).status == RegistrationStatus.CONFIRMED


# --- automatic (the default) ----------------------------------------------------------------------------------------


def test_automatic_is_the_default_and_promotes_at_once(event):
    assert event.waiting_list_mode == WaitingListMode.AUTOMATIC
    first = register(event, notify=False)
    register(event, notify=False)
    register(event, notify=False)
    waiting = register(event, notify=False)
    services.cancel_registration(registration=first)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


# --- a time-limited offer -------------------------------------------------------------------------------------------


@pytest.fixture
def offer_event(event_index):
    event = EventPageFactory(capacity=2, waiting_list_mode=WaitingListMode.OFFER, offer_hours=12)
    people = [register(event, notify=False) for _ in range(2)]
    waiting = [register(event, notify=False, name=f"Wachtende {n}") for n in range(1, 4)]
    return event, people, waiting


def test_a_freed_place_is_offered_held_and_confirmed_through_the_signed_link(client, offer_event, mailoutbox):
    event, people, (first, second, third) = offer_event
    now = timezone.now()
    services.cancel_registration(registration=people[0], now=now)

    first.refresh_from_db()
    assert first.status == RegistrationStatus.OFFERED
    assert abs(first.offer_expires_at - (now + datetime.timedelta(hours=12))) < datetime.timedelta(seconds=1)
    second.refresh_from_db()
    assert second.status == RegistrationStatus.WAITING and second.waiting_position == 1
    (offer,) = _mails_to(mailoutbox, first)
    assert offer.subject == f"Bevestig uw plaats: {event.title}"
    assert "Bevestig uw plaats vóór" in offer.body and not offer.attachments
    assert PageLogEntry.objects.filter(page=event, action="events.place_offered").count() == 1

    # the offered place is held: a newcomer goes to the waiting list, not into it
    newcomer = register(event, notify=False)
    assert newcomer.status == RegistrationStatus.WAITING

    page = client.get(_link(offer)).content.decode()
    assert "Plaats bevestigen" in page
    client.post(_link(offer), {"action": "accept"})
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED and first.offer_expires_at is None
    confirmation = _mails_to(mailoutbox, first)[-1]
    assert confirmation.subject.startswith("Er is een plaats voor u vrijgekomen")
    assert any(name.endswith(".ics") for name, *_ in confirmation.attachments)
    assert PageLogEntry.objects.filter(page=event, action="events.offer_accepted").count() == 1


def test_an_offer_not_confirmed_in_time_goes_to_the_next_person_by_the_command(offer_event, mailoutbox):
    event, people, (first, second, third) = offer_event
    then = timezone.now() - datetime.timedelta(hours=13)
    services.cancel_registration(registration=people[0], now=then)
    first.refresh_from_db()
    assert first.status == RegistrationStatus.OFFERED
    mailoutbox.clear()

    call_command("expire_event_offers", stdout=io.StringIO())

    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert second.status == RegistrationStatus.OFFERED and second.offer_expires_at > timezone.now()
    assert third.status == RegistrationStatus.WAITING and third.waiting_position == 1
    assert [m.subject for m in _mails_to(mailoutbox, first)] == [f"Aangeboden plaats vervallen: {event.title}"]
    assert [m.subject for m in _mails_to(mailoutbox, second)] == [f"Bevestig uw plaats: {event.title}"]
    assert PageLogEntry.objects.filter(page=event, action="events.offer_expired").count() == 1
    # running it again changes nothing
    assert services.expire_offers() == 0


def test_accepting_after_the_deadline_is_refused_and_passes_the_place_on(client, offer_event, mailoutbox):
    event, people, (first, second, _third) = offer_event
    services.cancel_registration(registration=people[0], now=timezone.now() - datetime.timedelta(hours=13))
    (offer,) = _mails_to(mailoutbox, first)

    html = client.post(_link(offer), {"action": "accept"}, follow=True).content.decode()

    assert "De bedenktijd is voorbij" in html
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert second.status == RegistrationStatus.OFFERED


def test_declining_an_offer_passes_it_on_at_once(client, offer_event, mailoutbox):
    event, people, (first, second, _third) = offer_event
    services.cancel_registration(registration=people[0])
    first.refresh_from_db()
    services.cancel_registration(registration=first)
    second.refresh_from_db()
    assert second.status == RegistrationStatus.OFFERED


def test_the_worker_withdraws_the_offer_when_it_expires(run_worker, offer_event, mailoutbox):
    """With the database task backend the expiry is a deferred task: no cron needed once its time has come."""
    from django_tasks_db.models import DBTaskResult

    event, people, (first, second, _third) = offer_event
    services.cancel_registration(registration=people[0], now=timezone.now() - datetime.timedelta(hours=13))
    deferred = DBTaskResult.objects.filter(task_path="events.tasks.expire_offers_task")
    assert deferred.count() == 1 and deferred.get().run_after is not None

    run_worker()

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert second.status == RegistrationStatus.OFFERED


def test_an_offered_person_cannot_check_in_before_confirming(client, offer_event):
    from events.tokens import checkin_code

    event, people, (first, *_rest) = offer_event
    services.cancel_registration(registration=people[0])
    first.refresh_from_db()
    with pytest.raises(RegistrationError) as excinfo:
        services.check_in(event=event, code=checkin_code(first))
    assert "heeft de aangeboden plaats nog niet bevestigd" in str(excinfo.value.message)
    assert Registration.objects.get(pk=first.pk).status == RegistrationStatus.OFFERED


def test_a_full_event_without_a_waiting_list_shows_no_form(client, event_index):
    event = EventPageFactory(capacity=1, waiting_list_mode=WaitingListMode.OFF)
    register(event, notify=False)
    html = client.get(event.url).content.decode()
    assert "Deze bijeenkomst is vol en heeft geen wachtlijst." in html
    assert "Zet mij op de wachtlijst" not in html and 'name="consent"' not in html
    assert 'kp-badge--full">vol</span>' in html and "vol: wachtlijst" not in html
