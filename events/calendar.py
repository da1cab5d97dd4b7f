"""iCalendar (RFC 5545) for one event, for the feed of upcoming events and for the registrants' e-mails.

UID `event-<page id>@<host>` never changes; SEQUENCE is the page's `sequence`, raised whenever its title, times,
venue or online link change, so calendar programs replace their copy. Times are written in Europe/Amsterdam with
the VTIMEZONE below.

Why a VTIMEZONE of our own: icalendar's `add_missing_timezones()` writes the zone as one DTSTART per
component plus a long RDATE list, which independent readers (Mozilla's ical.js, Python's vobject) read as
"always +01:00", putting every summer-time event an hour late. Two components with a yearly RRULE (the EU rule
since 1996: last Sunday of March and of October) is what Outlook, Google and tzurl.org write, and what every
reader understands. `tests/events/test_calendar.py` checks it against Python's zoneinfo for every year up to 2037,
so a change of the EU rule in tzdata fails CI instead of silently shifting appointments.

A local time that occurs twice (02:00–03:00 on the last Sunday of October) cannot be told apart with a TZID:
readers take the first occurrence. Such a time is written in UTC instead.
"""

import datetime
import zoneinfo
from email.utils import parseaddr
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

TZID = "Europe/Amsterdam"
AMSTERDAM = zoneinfo.ZoneInfo(TZID)
UTC = zoneinfo.ZoneInfo("UTC")
PRODID = "-//Kennisplatform Jeugd//Kennisateliers//NL"

# RFC 5546 methods used here: PUBLISH (page, feed, confirmation), REQUEST (an update sent to registrants) and
# CANCEL (the registrant cancelled, or the event was cancelled).
PUBLISH, REQUEST, CANCEL = "PUBLISH", "REQUEST", "CANCEL"


def uid_host() -> str:
    return urlparse(settings.BASE_URL).hostname or "kennisplatform-jeugd.nl"


def event_uid(event) -> str:
    return f"event-{event.pk}@{uid_host()}"


def amsterdam_vtimezone() -> Timezone:
    """Europe/Amsterdam as RFC 5545 wants it: a STANDARD and a DAYLIGHT component with a yearly RRULE."""
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    for component, start, month, offset_from, offset_to, name in (
        (TimezoneDaylight(), datetime.datetime(1970, 3, 29, 2), 3, 1, 2, "CEST"),
        (TimezoneStandard(), datetime.datetime(1970, 10, 25, 3), 10, 2, 1, "CET"),
    ):
        component.add("tzname", name)
        component.add("tzoffsetfrom", datetime.timedelta(hours=offset_from))
        component.add("tzoffsetto", datetime.timedelta(hours=offset_to))
        component.add("dtstart", start)
        component.add("rrule", vRecur(freq="YEARLY", bymonth=month, byday="-1SU"))
        zone.add_component(component)
    return zone


def local_time(moment):
    """`moment` in Amsterdam time without microseconds; in UTC when that local time occurs twice (October)."""
    local = moment.astimezone(AMSTERDAM).replace(microsecond=0)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return local.astimezone(UTC)
    return local


def _location(event, *, online_url: str = "") -> str:
    parts = [event.venue_name, " ".join(event.venue_address.split())] if event.venue_name else []
    if event.online_url and not parts:
        parts = ["Online"]
    if online_url:
        parts.append(online_url)
    return ", ".join(p for p in parts if p)


def _organizer(event) -> tuple[str, str]:
    """The event's contact, else the site's sender (DEFAULT_FROM_EMAIL may read "Name <address>")."""
    if event.contact_email:
        return event.contact_email, event.contact_name or event.title
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return address, name or event.title


def _vevent(event, *, url: str, online_url: str = "", method: str = PUBLISH, attendee=None) -> Event:
    vevent = Event()
    vevent.add("uid", event_uid(event))
    # a registrant's own copy also changes when they change their details (Registration.details_version)
    vevent.add("sequence", attendee.calendar_sequence if attendee is not None else event.sequence)
    vevent.add("dtstamp", timezone.now().astimezone(UTC).replace(microsecond=0))
    vevent.add("dtstart", local_time(event.start))
    vevent.add("dtend", local_time(event.end))
    vevent.add("summary", event.title)
    description = event.summary or ""
    if online_url:
        description = f"{description}\n\nOnline deelnemen: {online_url}".strip()
    description = f"{description}\n\n{url}".strip()
    vevent.add("description", strip_tags(description))
    location = _location(event, online_url=online_url)
    if location:
        vevent.add("location", location)
    vevent.add("url", url)
    if event.last_published_at:
        vevent.add("last-modified", event.last_published_at.astimezone(UTC).replace(microsecond=0))
    if method == CANCEL or event.cancelled:
        vevent.add("status", "CANCELLED")
    else:
        vevent.add("status", "CONFIRMED")
    # iTIP (RFC 5546) wants an ORGANIZER for REQUEST and CANCEL, and the ATTENDEE the message is about.
    if event.contact_email or method != PUBLISH:
        address, name = _organizer(event)
        vevent.add("organizer", f"mailto:{address}", parameters={"CN": name})
    if attendee is not None and method != PUBLISH:
        vevent.add(
            "attendee",
            f"mailto:{attendee.email}",
            parameters={
                "CN": attendee.name,
                "ROLE": "REQ-PARTICIPANT",
                "PARTSTAT": "DECLINED" if method == CANCEL else "ACCEPTED",
                "RSVP": "FALSE",  # registering and cancelling go through the site, not a calendar reply
            },
        )
    return vevent


def _calendar(name: str, *, method: str = PUBLISH) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(amsterdam_vtimezone())
    return cal


def event_ics(event, *, url: str, online_url: str = "", method: str = PUBLISH, attendee=None) -> bytes:
    """One event; `online_url` only for a confirmed registrant's own copy, `attendee` (a registration) for iTIP.

    `method=CANCEL` removes the entry from the registrant's calendar (STATUS:CANCELLED, same UID and SEQUENCE);
    `method=REQUEST` replaces it with the event's current time and place.
    """
    cal = _calendar(event.title, method=method)
    cal.add_component(_vevent(event, url=url, online_url=online_url, method=method, attendee=attendee))
    return cal.to_ical()


def feed_ics(events, *, name: str, urls: dict[int, str]) -> bytes:
    cal = _calendar(name)
    for event in events:
        cal.add_component(_vevent(event, url=urls[event.pk]))
    return cal.to_ical()
