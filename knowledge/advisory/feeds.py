"""Public channels of the consultations: RSS (new consultations) and iCalendar (closing dates).

Only proposal pages that are live and public (``selectors.consultation_feed``), only their title, summary and dates:
no response ever reaches a feed.
"""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from home.public_url import absolute_url

from . import selectors

FEED_ITEMS = 50
PRODID = "-//Kennisplatform Jeugd//Adviestafel//NL"


def _closing_line(proposal) -> str:
    return _("Reageren kan van %(opens)s tot %(closes)s.") % {
        "opens": date_format(timezone.localtime(proposal.opens_at), "j F Y H:i"),
        "closes": date_format(timezone.localtime(proposal.closes_at), "j F Y H:i"),
    }


def rss(request, *, index_page) -> HttpResponse:
    site_url = absolute_url("")
    feed = Rss201rev2Feed(
        title=f"{index_page.title} — {_('consultaties')}",
        link=index_page.get_full_url(request),
        description=_("Nieuwe consultaties van de digitale adviestafel, met hun sluitdatum."),
        language="nl",
        feed_url=absolute_url(request.get_full_path()),
    )
    for proposal in selectors.consultation_feed()[:FEED_ITEMS]:
        url = site_url + proposal.url
        feed.add_item(
            title=proposal.title,
            link=url,
            description=" ".join(part for part in (proposal.summary, _closing_line(proposal)) if part),
            pubdate=proposal.opens_at,
            unique_id=url,
            categories=[proposal.status_label],
        )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def ics(request, *, index_page) -> HttpResponse:
    """One entry per consultation at its closing time (no end: an instant, RFC 5545 3.6.1); UID per page."""
    site_url = absolute_url("")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{index_page.title}: {_('sluitdata van consultaties')}")
    now = timezone.now()
    for proposal in selectors.consultation_feed():
        entry = Event()
        entry.add("uid", f"adviestafel-{proposal.pk}@{request.get_host().split(':')[0]}")
        entry.add("dtstamp", now)
        entry.add("dtstart", proposal.closes_at)
        entry.add("summary", _("Consultatie sluit: %(title)s") % {"title": proposal.title})
        entry.add("description", " ".join(part for part in (proposal.summary, _closing_line(proposal)) if part))
        entry.add("url", site_url + proposal.url)
        calendar.add_component(entry)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="adviestafel.ics"'
    return response
