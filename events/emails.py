"""The e-mails of the events app, built here and sent from `events.tasks` (never inside a request).

A registration e-mail is built when the worker sends it, from the registration as it is then. Each kind states
its premise (`MAIL_KINDS`): the statuses the registration must still have. `stale_reason()` says why a queued
mail is no longer true (a confirmation after a cancellation, a waiting-list mail after a promotion); the task then
skips it instead of sending something false.
"""

import base64
from dataclasses import dataclass

import segno
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from home.mail import template_message
from home.public_url import absolute_url

from .calendar import CANCEL, PUBLISH, REQUEST, event_ics
from .certificates import certificate_filename, certificate_pdf, verification_url
from .models import ACTIVE_STATUSES, PLACE_STATUSES, Registration, RegistrationStatus
from .selectors import waiting_reason
from .tokens import checkin_code, make_token

# the mails that carry the check-in code also carry it as a QR code to scan at the door
QR_KINDS = ("confirmed", "promoted", "details_changed")


@dataclass(frozen=True)
class MailKind:
    statuses: tuple  # the registration must still have one of these when the mail is sent
    method: str | None  # iTIP method of the attached .ics; None: no attachment
    before_start: bool = False  # only worth sending before the event starts


MAIL_KINDS = {
    "confirmed": MailKind(PLACE_STATUSES, PUBLISH),
    "waiting": MailKind((RegistrationStatus.WAITING,), None),
    "promoted": MailKind(PLACE_STATUSES, PUBLISH),
    # the .ics removes the entry; only for someone who had a place (and so an entry)
    "cancelled": MailKind((RegistrationStatus.CANCELLED,), CANCEL),
    "reminder": MailKind((RegistrationStatus.CONFIRMED,), PUBLISH, before_start=True),
    # the event's time, date, venue or online link changed: the entry is replaced (for those with a place)
    "updated": MailKind((RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING), REQUEST, before_start=True),
    # the event is cancelled: the entry is removed
    "event_cancelled": MailKind((RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING), CANCEL),
    # someone registered again with this address: the owner gets their own link (the form told the visitor nothing)
    "already_registered": MailKind((RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING), None, before_start=True),
    # a place is held for someone from the waiting list: confirm it within the event's offer hours
    "offered": MailKind((RegistrationStatus.OFFERED,), None, before_start=True),
    "offer_expired": MailKind((RegistrationStatus.CANCELLED,), None, before_start=True),
    # the registrant changed their details: their own entry is replaced (REQUEST with a higher SEQUENCE)
    "details_changed": MailKind(ACTIVE_STATUSES, REQUEST, before_start=True),
}


def stale_reason(registration: Registration, kind: str, *, now=None) -> str:
    """Why a `kind` e-mail to this registration would no longer be true; empty when it may be sent."""
    premise = MAIL_KINDS[kind]
    if registration.anonymised:
        return "anonymised"
    if registration.status not in premise.statuses:
        return f"status is {registration.status}"
    if registration.status == RegistrationStatus.WAITING and not registration.waiting_position:
        return "no place on the waiting list"
    if premise.before_start and registration.event.start <= (now or timezone.now()):
        return "the event has started"
    if registration.event.cancelled != (kind == "event_cancelled") and kind != "cancelled":
        return "the event is cancelled" if registration.event.cancelled else "the event is no longer cancelled"
    return ""


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
        "updated": _("Gewijzigd: %(title)s"),
        "event_cancelled": _("Gaat niet door: %(title)s"),
        "already_registered": _("U bent al ingeschreven: %(title)s"),
        "offered": _("Bevestig uw plaats: %(title)s"),
        "offer_expired": _("Aangeboden plaats vervallen: %(title)s"),
        "details_changed": _("Uw gegevens zijn gewijzigd: %(title)s"),
    }
    return subjects[kind] % {"title": event.title}


def _attaches_ics(registration: Registration, method: str | None) -> bool:
    if method is None:
        return False
    if method == CANCEL:
        # only who had a place was sent an entry (confirmed_at stays set after a cancellation)
        return registration.confirmed_at is not None
    return registration.status in PLACE_STATUSES


def registration_message(registration: Registration, kind: str) -> EmailMultiAlternatives:
    event = registration.event
    method = MAIL_KINDS[kind].method
    with translation.override("nl"):
        has_place = registration.status in PLACE_STATUSES
        online_url = event.online_url if has_place and method != CANCEL else ""
        context = {
            "registration": registration,
            "event": event,
            "kind": kind,
            "registration_url": registration_url(registration) if kind != "event_cancelled" else "",
            "event_url": event.full_url,
            "online_url": online_url,
            "has_place": has_place,
            "checkin_code": checkin_code(registration) if has_place else "",
            "waiting_reason": waiting_reason(event, registration.region)
            if registration.status == RegistrationStatus.WAITING
            else "",
        }
        if has_place and kind in QR_KINDS:
            # inline in the HTML part (a data: PNG, so the message keeps one attachment, the .ics); the text part
            # and the HTML part also carry the code itself, which can always be typed
            context["qr_src"] = qr_data_uri(context["checkin_code"])
        attachments = ()
        if _attaches_ics(registration, method):
            ics = event_ics(event, url=event.full_url, online_url=online_url, method=method, attendee=registration)
            attachments = ((f"{event.slug}.ics", ics, f"text/calendar; charset=utf-8; method={method}"),)
        return template_message(
            template=f"events/email/{kind}",
            subject=_subject(kind, event),
            context=context,
            to=[registration.email],
            attachments=attachments,
        )


def qr_png(code: str) -> bytes:
    """The check-in code as a QR code (PNG, segno), to scan at the door."""
    return base64.b64decode(qr_data_uri(code).split(",", 1)[1])


def qr_data_uri(code: str) -> str:
    # make_qr, not make: for a code this short segno would choose a Micro QR code, which phone cameras and the
    # browser's BarcodeDetector ("qr_code") do not read.
    return segno.make_qr(code, error="m").png_data_uri(scale=6, border=4)


def certificate_message(registration: Registration) -> EmailMultiAlternatives:
    """The attendance certificate after the event, as a PDF attachment with its verification link."""
    event = registration.event
    with translation.override("nl"):
        context = {
            "registration": registration,
            "event": event,
            "registration_url": registration_url(registration),
            "event_url": event.full_url,
            "verification_url": verification_url(registration),
        }
        return template_message(
            template="events/email/certificate",
            subject=_("Uw certificaat van deelname: %(title)s") % {"title": event.title},
            context=context,
            to=[registration.email],
            attachments=((certificate_filename(registration), certificate_pdf(registration), "application/pdf"),),
        )


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
        return template_message(
            template="events/email/message", subject=subject, context=context, to=[registration.email]
        )


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
            "admin_url": absolute_url(f"/admin/kennisateliers/{event.pk}/"),
        }
        return template_message(template="events/email/capacity", subject=subject, context=context, to=recipients)
