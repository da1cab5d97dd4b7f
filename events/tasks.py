"""Background e-mail (django-tasks): the request only enqueues; a worker (or the immediate backend) sends.

A registration e-mail is built from the registration as it is when the worker gets to it; one whose premise no
longer holds (see `emails.stale_reason`) is skipped and logged, never sent with a state that is no longer true.
"""

import logging

from django_tasks import task

from .emails import capacity_message, certificate_message, event_message, registration_message, stale_reason
from .models import PLACE_STATUSES, EventPage, Registration, RegistrationStatus
from .selectors import editor_emails
from .services import expire_offers

logger = logging.getLogger(__name__)


@task()
def send_registration_email(
    *, registration_id: int, kind: str, version: int | None = None, details_version: int | None = None
) -> bool:
    """Send one registration e-mail; False when skipped. `version`: the event's schedule a change notice is about;
    `details_version`: the registrant's own change a "details changed" mail is about (a later one replaces it)."""
    registration = Registration.objects.select_related("event", "region").filter(pk=registration_id).first()
    if registration is None:
        logger.info("events: %s e-mail for registration %s skipped: it no longer exists", kind, registration_id)
        return False
    reason = stale_reason(registration, kind)
    if not reason and version is not None and registration.event.schedule_version > version:
        reason = "a later change of the event is announced instead"
    if not reason and details_version is not None and registration.details_version > details_version:
        reason = "a later change of the details is confirmed instead"
    if reason:
        logger.info("events: %s e-mail for registration %s skipped: %s", kind, registration_id, reason)
        return False
    registration_message(registration, kind).send()
    return True


@task()
def send_event_message(*, registration_id: int, subject: str, body: str) -> bool:
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or registration.anonymised or registration.status not in PLACE_STATUSES:
        return False
    event_message(registration, subject=subject, body=body).send()
    return True


@task()
def send_capacity_notice(*, event_id: int, threshold: int) -> bool:
    event = EventPage.objects.filter(pk=event_id).first()
    recipients = editor_emails(event) if event else []
    if not recipients:
        return False
    taken = event.registrations.filter(status__in=PLACE_STATUSES).count()
    capacity_message(event, threshold=threshold, taken=taken, recipients=recipients).send()
    return True


@task()
def expire_offers_task(*, event_id: int | None = None) -> int:
    """Deferred to the moment an offer expires (see services._enqueue_offer_expiry); the cron command is the net."""

    return expire_offers(event_id=event_id)


@task()
def send_certificate_email(*, registration_id: int) -> bool:
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None or registration.anonymised or not registration.certificate_code:
        return False
    if registration.status != RegistrationStatus.ATTENDED:
        logger.info("events: certificate for registration %s skipped: no longer marked present", registration_id)
        return False
    certificate_message(registration).send()
    return True
