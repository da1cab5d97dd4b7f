"""Background e-mail (django-tasks): the request only enqueues; a worker (or the immediate backend) sends."""

from django_tasks import task

from .emails import capacity_message, event_message, registration_message
from .models import PLACE_STATUSES, EventPage, Registration
from .selectors import editor_emails


@task()
def send_registration_email(*, registration_id: int, kind: str) -> bool:
    registration = Registration.objects.select_related("event", "region").filter(pk=registration_id).first()
    if registration is None or registration.anonymised:
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
