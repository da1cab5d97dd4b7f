import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db


def _parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_event_ics_is_valid_with_time_zone_stable_uid_and_no_online_link(client, event):
    calendar = _parse(client.get(event.url + "agenda.ics"))

    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.pk}@testserver"
    assert vevent["SUMMARY"] == event.title
    assert vevent["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert vevent.decoded("DTSTART") == event.start.replace(microsecond=0)
    assert vevent.decoded("DTEND") == event.end.replace(microsecond=0)
    assert "DTSTAMP" in vevent and vevent["SEQUENCE"] == 0
    assert "Gemeentehuis Ede" in vevent["LOCATION"]
    assert "geheim" not in response_text(vevent)


def response_text(component):
    return component.to_ical().decode()


def test_sequence_rises_when_time_or_place_changes_but_uid_stays(client, event):
    first = _parse(client.get(event.url + "agenda.ics")).walk("VEVENT")[0]

    event.summary = "Andere samenvatting"
    event.save_revision().publish()
    unchanged = _parse(client.get(event.url + "agenda.ics")).walk("VEVENT")[0]
    assert unchanged["SEQUENCE"] == 0

    event.start += datetime.timedelta(hours=1)
    event.end += datetime.timedelta(hours=1)
    event.save_revision().publish()
    moved = _parse(client.get(event.url + "agenda.ics")).walk("VEVENT")[0]
    assert moved["SEQUENCE"] == 1
    assert moved["UID"] == first["UID"]

    event.refresh_from_db()
    event.venue_name = "Het Cultuurhuis"
    event.save_revision().publish()
    assert _parse(client.get(event.url + "agenda.ics")).walk("VEVENT")[0]["SEQUENCE"] == 2


def test_feed_lists_upcoming_events_only(client, event_index):
    upcoming = EventPageFactory(title="Komend atelier")
    start = timezone.now() - datetime.timedelta(days=3)
    past = EventPageFactory(title="Afgelopen atelier", start=start, end=start + datetime.timedelta(hours=2))

    calendar = _parse(client.get(event_index.url + "agenda.ics"))

    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert f"event-{upcoming.pk}@testserver" in uids
    assert f"event-{past.pk}@testserver" not in uids
    assert calendar.walk("VTIMEZONE")
    for vevent in calendar.walk("VEVENT"):
        assert vevent.decoded("DTEND") >= timezone.now()
        assert "webinar.voorbeeld.example" not in vevent.to_ical().decode()
