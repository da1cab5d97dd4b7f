import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import Registration, RegistrationStatus
from tests.factories.events import EventPageFactory, register

pytestmark = pytest.mark.django_db


def _event_at(start, **kwargs):
    return EventPageFactory(start=start, end=start + datetime.timedelta(hours=3), **kwargs)


def test_reminders_go_once_to_confirmed_registrants_of_events_within_48_hours(event_index, mailoutbox):
    soon = EventPageFactory(capacity=2, online_url="https://webinar.voorbeeld.example/binnenkort")
    confirmed = [register(soon, notify=False) for _ in range(2)]
    register(soon, notify=False)  # waiting: no reminder
    later = EventPageFactory()
    register(later, notify=False)
    now = timezone.now()
    # The factory starts events 14 days ahead; move this one to within 48 hours.
    soon.start = now + datetime.timedelta(hours=30)
    soon.end = soon.start + datetime.timedelta(hours=2)
    soon.save_revision().publish()
    mailoutbox.clear()

    out = io.StringIO()
    call_command("send_event_reminders", stdout=out)
    call_command("send_event_reminders", stdout=io.StringIO())

    assert "2 herinnering" in out.getvalue()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(r.email for r in confirmed)
    assert all("Herinnering" in m.subject and "binnenkort" in m.body for m in mailoutbox)
    assert all(r.reminder_sent_at for r in Registration.objects.filter(pk__in=[r.pk for r in confirmed]))


def test_purge_anonymises_after_the_retention_period_and_keeps_counts(event_index, settings, arnhem):
    settings.REGISTRATION_RETENTION_MONTHS = 12
    old_event = EventPageFactory(capacity=None)
    register(old_event, region="food-valley", organisation_name="Gemeente Ede", notify=False)
    register(old_event, region=arnhem, organisation_name="Jeugdteam Arnhem", notify=False)
    recent_event = EventPageFactory(capacity=None)
    recent = register(recent_event, notify=False)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    old_event.start, old_event.end = long_ago, long_ago + datetime.timedelta(hours=3)
    old_event.save_revision().publish()
    recently = timezone.now() - datetime.timedelta(days=200)
    recent_event.start, recent_event.end = recently, recently + datetime.timedelta(hours=3)
    recent_event.save_revision().publish()

    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)

    assert "2 inschrijving(en) geanonimiseerd" in out.getvalue()
    purged = Registration.objects.filter(event=old_event)
    assert all(r.anonymised and r.name == "" and r.email == "" and r.needs == "" for r in purged)
    assert sorted(purged.values_list("region__slug", "organisation_name")) == [
        ("arnhem", "Jeugdteam Arnhem"),
        ("food-valley", "Gemeente Ede"),
    ]
    assert set(purged.values_list("status", flat=True)) == {RegistrationStatus.CONFIRMED}
    recent.refresh_from_db()
    assert not recent.anonymised and recent.email

    call_command("purge_personal_data", "--months", "6", stdout=out)
    recent.refresh_from_db()
    assert recent.anonymised


def test_the_reminder_window_is_one_constant_for_the_service_and_the_command(event_index, mailoutbox):
    from events.services import REMINDER_HOURS

    now = timezone.now()
    inside = _event_at(now + datetime.timedelta(hours=REMINDER_HOURS - 1))
    outside = _event_at(now + datetime.timedelta(hours=REMINDER_HOURS + 1))
    near = register(inside, notify=False)
    register(outside, notify=False)
    mailoutbox.clear()
    call_command("send_event_reminders", stdout=io.StringIO())
    assert [m.to for m in mailoutbox] == [[near.email]]
