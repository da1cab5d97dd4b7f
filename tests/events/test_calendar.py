import datetime
import zoneinfo

import pytest
import vobject
from django.utils import timezone
from icalendar import Calendar

from tests.events.calendar_readers import read_with_ical_js, read_with_icalendar, read_with_vobject
from tests.factories.events import EventPageFactory, register

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


# --- time zones: every reader puts the event at the same moment ----------------------------------------------------

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
READERS = ["icalendar", "vobject", "ical.js"]


def _read(reader: str, content: bytes, tmp_path) -> dict:
    if reader == "icalendar":
        return read_with_icalendar(content)
    if reader == "vobject":
        return read_with_vobject(content)
    return read_with_ical_js(content, tmp_path)


def _last_sunday(year: int, month: int) -> datetime.date:
    day = datetime.date(year, month, 31)
    return day - datetime.timedelta(days=(day.weekday() + 1) % 7)


def _local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=AMSTERDAM)


def _cases(year: int | None = None) -> dict[str, tuple[datetime.datetime, datetime.datetime]]:
    """Events (next year's by default) whose UTC moments differ between CET and CEST, each as (start, end)."""
    year = year or timezone.now().year + 1
    march, october = _last_sunday(year, 3), _last_sunday(year, 10)
    first_0230 = _local(october, 2, 30).astimezone(datetime.UTC)  # 02:30 CEST, the first 02:30 of that night
    return {
        "winter": (_local(datetime.date(year, 1, 20), 10), _local(datetime.date(year, 1, 20), 12, 30)),
        "summer": (_local(datetime.date(year, 7, 1), 14), _local(datetime.date(year, 7, 1), 17)),
        # 01:30 CET to 04:00 CEST: two and a half hours on the clock, one and a half in reality
        "night_to_summer_time": (_local(march, 1, 30), _local(march, 4)),
        # 01:30 CEST to 04:00 CET: three and a half hours in reality
        "night_to_winter_time": (_local(october, 1, 30), _local(october, 4)),
        # 02:30 occurs twice that night: from the first 02:30 to the second
        "twice_0230": (first_0230, first_0230 + datetime.timedelta(hours=1)),
        # Friday 09:00 CET to Monday 17:00 CEST
        "multi_day": (_local(march - datetime.timedelta(days=2), 9), _local(march + datetime.timedelta(days=1), 17)),
    }


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def timed_events(module_demo, django_db_blocker):
    """Built once for the module (six published pages cost some two seconds per test); the tests only read them."""
    with django_db_blocker.unblock():
        return {
            name: EventPageFactory(title=f"Atelier {name}", start=start, end=end)
            for name, (start, end) in _cases().items()
        }


def test_summer_time_cases_are_the_hours_we_mean():
    """The expectations themselves, written out for one year, so the tests below compare with known moments."""
    cases = {name: (_utc(start), _utc(end)) for name, (start, end) in _cases(2027).items()}
    assert cases["summer"] == ("2027-07-01T12:00:00Z", "2027-07-01T15:00:00Z")
    assert cases["winter"] == ("2027-01-20T09:00:00Z", "2027-01-20T11:30:00Z")
    assert cases["night_to_summer_time"] == ("2027-03-28T00:30:00Z", "2027-03-28T02:00:00Z")
    assert cases["night_to_winter_time"] == ("2027-10-30T23:30:00Z", "2027-10-31T03:00:00Z")
    assert cases["twice_0230"] == ("2027-10-31T00:30:00Z", "2027-10-31T01:30:00Z")
    assert cases["multi_day"] == ("2027-03-26T08:00:00Z", "2027-03-29T15:00:00Z")
    # in UTC: subtracting two times of one tzinfo in Python counts wall-clock hours
    durations = {n: e.astimezone(datetime.UTC) - s.astimezone(datetime.UTC) for n, (s, e) in _cases().items()}
    assert durations["night_to_summer_time"] == datetime.timedelta(hours=1, minutes=30)
    assert durations["night_to_winter_time"] == datetime.timedelta(hours=3, minutes=30)


@pytest.mark.parametrize("reader", READERS)
def test_every_reader_places_each_event_ics_at_the_same_moment(client, timed_events, reader, tmp_path):
    for name, event in timed_events.items():
        content = client.get(event.url + "agenda.ics").content
        (read,) = _read(reader, content, tmp_path)["events"]
        start, end = _cases()[name]
        assert (read["start"], read["end"]) == (_utc(start), _utc(end)), name


@pytest.mark.parametrize("reader", READERS)
def test_every_reader_places_the_feed_events_at_the_same_moments(client, event_index, timed_events, reader, tmp_path):
    content = client.get(event_index.url + "agenda.ics").content
    read = {event["uid"]: event for event in _read(reader, content, tmp_path)["events"]}
    for name, event in timed_events.items():
        start, end = _cases()[name]
        found = read[f"event-{event.pk}@testserver"]
        assert (found["start"], found["end"]) == (_utc(start), _utc(end)), name


@pytest.mark.parametrize("reader", READERS)
def test_every_reader_places_the_confirmation_attachment_at_the_same_moment(timed_events, reader, tmp_path, mailoutbox):
    for name in ("summer", "night_to_winter_time"):
        mailoutbox.clear()
        register(timed_events[name])
        (message,) = mailoutbox
        (content,) = [content for filename, content, _ in message.attachments if filename.endswith(".ics")]
        (read,) = _read(reader, content.encode() if isinstance(content, str) else content, tmp_path)["events"]
        start, end = _cases()[name]
        assert (read["start"], read["end"]) == (_utc(start), _utc(end)), name


def test_written_time_zone_agrees_with_zoneinfo_every_hour_around_each_change_until_2037(client, event):
    """vobject turns our VTIMEZONE into a tzinfo; it must match Python's tzdata at every change of the clock."""
    calendar = vobject.readOne(client.get(event.url + "agenda.ics").content.decode())
    written = calendar.vtimezone.gettzinfo()
    for year in range(2000, 2038):
        for month in (3, 10):
            start = datetime.datetime(year, month, 20, tzinfo=datetime.UTC)
            for hour in range(12 * 24):
                moment = start + datetime.timedelta(hours=hour)
                assert moment.astimezone(written).utcoffset() == moment.astimezone(AMSTERDAM).utcoffset(), moment
