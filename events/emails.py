"""The e-mails of the events app, built here and sent from `events.tasks` (never inside a request)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .calendar import event_ics
from .models import PLACE_STATUSES, Registration
from .tokens import make_token

# kind -> whether the event's .ics (with the online link) is attached
REGISTRATION_KINDS = {
    "confirmed": True,
    "waiting": False,
    "promoted": True,
    "cancelled": False,
    "reminder": True,
}


def registration_url(registration: Registration) -> str:
    event = registration.event
    return event.full_url + event.reverse_subpage("registration", kwargs={"token": make_token(registration)})


def _subject(kind: str, event) -> str:
    subjects = {
        "confirmed": _("Inschrijving bevestigd: %(title)s"),
        "waiting": _("U staat op de wachtlijst: %(title)s"),
        "promoted": _("Er is een plaats voor u vrijgekomen: %(title)s"),
        "cancelled": _("Afmelding ontvangen: %(title)s"),
        "reminder": _("Herinnering: %(title)s begint binnenkort"),
    }
    return subjects[kind] % {"title": event.title}


def _message(*, subject: str, template: str, context: dict, to: list[str]) -> EmailMultiAlternatives:
    text = render_to_string(f"events/email/{template}.txt", context)
    html = render_to_string(f"events/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    message.attach_alternative(html, "text/html")
    return message


def registration_message(registration: Registration, kind: str) -> EmailMultiAlternatives:
    event = registration.event
    with translation.override("nl"):
        has_place = registration.status in PLACE_STATUSES
        online_url = event.online_url if has_place else ""
        context = {
            "registration": registration,
            "event": event,
            "kind": kind,
            "registration_url": registration_url(registration),
            "event_url": event.full_url,
            "online_url": online_url,
        }
        message = _message(subject=_subject(kind, event), template=kind, context=context, to=[registration.email])
        if REGISTRATION_KINDS[kind] and has_place:
            ics = event_ics(event, url=event.full_url, online_url=online_url)
            message.attach(f"{event.slug}.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")
    return message


def event_message(registration: Registration, *, subject: str, body: str) -> EmailMultiAlternatives:
    """A message from the editors to a registrant."""
    event = registration.event
    with translation.override("nl"):
        context = {
            "registration": registration,
            "event": event,
            "body": body,
            "registration_url": registration_url(registration),
            "event_url": event.full_url,
        }
        return _message(subject=subject, template="message", context=context, to=[registration.email])


def capacity_message(event, *, threshold: int, taken: int, recipients: list[str]) -> EmailMultiAlternatives:
    with translation.override("nl"):
        if threshold >= 100:
            subject = _("Vol: %(title)s") % {"title": event.title}
        else:
            subject = _("%(threshold)s%% van de plaatsen bezet: %(title)s") % {
                "threshold": threshold,
                "title": event.title,
            }
        context = {
            "event": event,
            "threshold": threshold,
            "taken": taken,
            "event_url": event.full_url,
            "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + f"/admin/kennisateliers/{event.pk}/",
        }
        return _message(subject=subject, template="capacity", context=context, to=recipients)
