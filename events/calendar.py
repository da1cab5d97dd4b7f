"""iCalendar (RFC 5545) for one event and for the feed of upcoming events.

UID `event-<page id>@<host>` never changes; SEQUENCE is the page's `sequence`, raised whenever its title, times
or venue change, so calendar programs replace their copy. Times are written in Europe/Amsterdam with a VTIMEZONE.
"""

import zoneinfo
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, Timezone

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
PRODID = "-//Kennisplatform Jeugd//Kennisateliers//NL"


def uid_host() -> str:
    return urlparse(settings.WAGTAILADMIN_BASE_URL).hostname or "kennisplatform-jeugd.nl"


def event_uid(event) -> str:
    return f"event-{event.pk}@{uid_host()}"


def _location(event, *, online_url: str = "") -> str:
    parts = [event.venue_name, " ".join(event.venue_address.split())] if event.venue_name else []
    if event.online_url and not parts:
        parts = ["Online"]
    if online_url:
        parts.append(online_url)
    return ", ".join(p for p in parts if p)


def _vevent(event, *, url: str, online_url: str = "") -> Event:
    vevent = Event()
    vevent.add("uid", event_uid(event))
    vevent.add("sequence", event.sequence)
    vevent.add("dtstamp", timezone.now().astimezone(zoneinfo.ZoneInfo("UTC")))
    vevent.add("dtstart", event.start.astimezone(AMSTERDAM).replace(microsecond=0))
    vevent.add("dtend", event.end.astimezone(AMSTERDAM).replace(microsecond=0))
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
        vevent.add("last-modified", event.last_published_at.astimezone(zoneinfo.ZoneInfo("UTC")))
    if event.contact_email:
        vevent.add("organizer", f"mailto:{event.contact_email}", parameters={"CN": event.contact_name or event.title})
    return vevent


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    return cal


def event_ics(event, *, url: str, online_url: str = "") -> bytes:
    """One event; `online_url` only for a confirmed registrant's own copy."""
    cal = _calendar(event.title)
    cal.add_component(_vevent(event, url=url, online_url=online_url))
    cal.add_missing_timezones()
    return cal.to_ical()


def feed_ics(events, *, name: str, urls: dict[int, str]) -> bytes:
    cal = _calendar(name)
    for event in events:
        cal.add_component(_vevent(event, url=urls[event.pk]))
    cal.add_missing_timezones()
    if not cal.subcomponents:
        # RFC 5545 wants at least one component, also when nothing is planned.
        cal.add_component(Timezone.from_tzid("Europe/Amsterdam"))
    return cal.to_ical()
