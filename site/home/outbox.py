"""Outgoing e-mail through an outbox: nothing is lost while the mail server is down, nothing is sent twice.

``OutboxEmailBackend`` (``EMAIL_BACKEND`` whenever ``EMAIL_URL`` is set) does not talk SMTP: it stores each message
(``OutgoingEmail``) and queues its delivery as a task, in one transaction with the caller's work, so an e-mail
exists exactly when the registration or notification that caused it was committed. The task worker delivers it
through ``EMAIL_DELIVERY_BACKEND`` (Django's SMTP backend for ``EMAIL_URL``):

- the server is down, times out or answers 4xx: the message stays, attempt n is retried after
  ``EMAIL_RETRY_DELAYS[n-1]`` seconds (30 s, 2 min, 10 min, 30 min, 1 h, 2 h, then every 6 h), up to
  ``EMAIL_MAX_ATTEMPTS`` (20: about four days), then it is marked failed and logged as an error;
- the server refuses for good (5xx): marked failed at once;
- delivered: ``sent_at`` is set, and the message is deleted ``EMAIL_OUTBOX_KEEP_DAYS`` (7) later (AVG).

A message is claimed (``claimed_until``, for ``EMAIL_CLAIM_SECONDS``) before it is handed to the server, so two
workers or a duplicate task never send it twice. A worker killed mid-delivery leaves its task "running": the
heartbeat or ``deliver_queued_email`` (cron) puts it back (``home.tasks.requeue_stale_tasks``) and, once the claim
expired, it is delivered by the next worker (tests/reliability/test_worker_killed.py). Only if a worker dies after
the server accepted a message and before ``sent_at`` was saved is it sent again, once. A task run again after its
worker was killed stores each of its messages once: a message stored by a background task carries ``task_key``
(task result id and its number within the run). Logs name the message id, attempt and error class, never an
address, subject or content.
"""

import contextvars
import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import sanitize_address
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import DomainError
from .models import OutgoingEmail

logger = logging.getLogger("kennisplatform.mail")


# The background task running in this thread, if any: [task result id, messages stored so far]. A stack, because
# the immediate backend runs a task enqueued by a task inside it.
_running_tasks: contextvars.ContextVar[tuple] = contextvars.ContextVar("running_tasks", default=())


def task_started(sender, task_result, **kwargs):
    _running_tasks.set((*_running_tasks.get(), [str(task_result.id), 0]))


def task_finished(sender, task_result, **kwargs):
    _running_tasks.set(_running_tasks.get()[:-1])


def _next_task_key() -> str | None:
    running = _running_tasks.get()
    if not running:
        return None
    current = running[-1]
    current[1] += 1
    return f"{current[0]}:{current[1]}"[:80]


def claim_period() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.EMAIL_CLAIM_SECONDS)


def retry_delay(attempts: int) -> int:
    delays = settings.EMAIL_RETRY_DELAYS
    return delays[min(attempts, len(delays)) - 1]


class OutboxEmailBackend(BaseEmailBackend):
    """Stores messages for the task worker to deliver; returns how many were stored."""

    def send_messages(self, email_messages):
        from .tasks import deliver_email  # home.tasks imports this module

        stored = 0
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            encoding = message.encoding or settings.DEFAULT_CHARSET
            task_key = _next_task_key()
            if task_key and OutgoingEmail.objects.filter(task_key=task_key).exists():
                stored += 1  # this task ran before (its worker was killed after storing it): not a second time
                continue
            with transaction.atomic():
                outgoing = OutgoingEmail.objects.create(
                    sender=sanitize_address(message.from_email, encoding),
                    recipients=[sanitize_address(address, encoding) for address in recipients],
                    message=message.message().as_bytes(linesep="\r\n"),
                    next_attempt_at=timezone.now(),
                    task_key=task_key,
                )
                deliver_email.enqueue(email_id=outgoing.pk)
            stored += 1
        return stored


def _claim(email_id: int, now) -> OutgoingEmail | None:
    free = Q(claimed_until=None) | Q(claimed_until__lt=now)
    claimed = OutgoingEmail.objects.filter(free, pk=email_id, sent_at=None, failed_at=None).update(
        claimed_until=now + claim_period()
    )
    return OutgoingEmail.objects.get(pk=email_id) if claimed else None


def _permanent(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    code = getattr(error, "smtp_code", None)
    return isinstance(error, smtplib.SMTPResponseException) and code is not None and code >= 500


def _describe(error: Exception) -> str:
    """Error class and SMTP code only: server messages may quote the address."""
    code = getattr(error, "smtp_code", None)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code = sorted({c for c, _m in error.recipients.values()})
    return f"{type(error).__name__}{f' {code}' if code else ''}"[:200]


def deliver(email_id: int) -> str:
    """Hand one message to the mail server: "sent", "retry", "failed" or "skipped" (sent, failed or claimed)."""
    from .tasks import deliver_email  # home.tasks imports this module

    now = timezone.now()
    outgoing = _claim(email_id, now)
    if outgoing is None:
        return "skipped"
    refused = {}
    try:
        connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
        connection.open()
        try:
            refused = connection.connection.sendmail(outgoing.sender, outgoing.recipients, bytes(outgoing.message))
        finally:
            connection.close()
    except (smtplib.SMTPException, OSError) as error:
        outgoing.attempts += 1
        return _failed(outgoing, error, deliver_email)
    temporary = [address for address, (code, _m) in refused.items() if code < 500]
    outgoing.attempts += 1
    outgoing.claimed_until = None
    if temporary:  # accepted for some, 4xx for others: only those are tried again
        outgoing.recipients = temporary
        return _failed(outgoing, smtplib.SMTPRecipientsRefused(dict.fromkeys(temporary, (450, b""))), deliver_email)
    outgoing.sent_at = timezone.now()
    outgoing.last_error = ""
    outgoing.save(update_fields=["attempts", "claimed_until", "sent_at", "last_error", "recipients"])
    logger.info("E-mail %s afgeleverd (poging %s).", outgoing.pk, outgoing.attempts)
    return "sent"


def _failed(outgoing: OutgoingEmail, error: Exception, deliver_email) -> str:
    now = timezone.now()
    outgoing.claimed_until = None
    outgoing.last_error = _describe(error)
    if _permanent(error) or outgoing.attempts >= settings.EMAIL_MAX_ATTEMPTS:
        outgoing.failed_at = now
        outgoing.save()
        logger.error("E-mail %s opgegeven na %s pogingen (%s).", outgoing.pk, outgoing.attempts, outgoing.last_error)
        return "failed"
    delay = retry_delay(outgoing.attempts)
    outgoing.next_attempt_at = now + datetime.timedelta(seconds=delay)
    with transaction.atomic():
        outgoing.save()
        if getattr(deliver_email.get_backend(), "supports_defer", False):
            deliver_email.using(run_after=outgoing.next_attempt_at).enqueue(email_id=outgoing.pk)
    logger.warning(
        "E-mail %s niet afgeleverd (poging %s, %s); nieuwe poging over %s s.",
        outgoing.pk,
        outgoing.attempts,
        outgoing.last_error,
        delay,
    )
    return "retry"


def deliver_due(now=None) -> dict:
    """Deliver every message that is due and not claimed (cron ``deliver_queued_email``: the safety net)."""
    now = now or timezone.now()
    free = Q(claimed_until=None) | Q(claimed_until__lt=now)
    due = OutgoingEmail.objects.filter(free, sent_at=None, failed_at=None, next_attempt_at__lte=now)
    results = {}
    for email_id in due.values_list("pk", flat=True):
        state = deliver(email_id)
        results[state] = results.get(state, 0) + 1
    return results


def forget_delivered(now=None) -> int:
    """Delete delivered messages after EMAIL_OUTBOX_KEEP_DAYS (they hold personal data)."""
    now = now or timezone.now()
    keep = datetime.timedelta(days=settings.EMAIL_OUTBOX_KEEP_DAYS)
    deleted, _ = OutgoingEmail.objects.filter(sent_at__lt=now - keep).delete()
    return deleted


# The admin's view of the outbox (home/admin_views.py): states, attempts and errors, never a body or a link.

QUEUED, FAILED, SENT = "queued", "failed", "sent"


class OutboxError(DomainError):
    """A rule about the outbox was broken; shown to the editor."""


def state_of(outgoing: OutgoingEmail) -> str:
    if outgoing.sent_at:
        return SENT
    return FAILED if outgoing.failed_at else QUEUED


def listing(state: str | None = None):
    """The outbox for the admin, newest first."""
    rows = OutgoingEmail.objects.order_by("-created_at", "-pk")
    if state == SENT:
        rows = rows.exclude(sent_at=None)
    elif state == FAILED:
        rows = rows.filter(sent_at=None).exclude(failed_at=None)
    elif state == QUEUED:
        rows = rows.filter(sent_at=None, failed_at=None)
    return rows


def counts() -> dict[str, int]:
    rows = OutgoingEmail.objects.all()
    return {
        QUEUED: rows.filter(sent_at=None, failed_at=None).count(),
        FAILED: rows.filter(sent_at=None).exclude(failed_at=None).count(),
        SENT: rows.exclude(sent_at=None).count(),
    }


def subject_of(outgoing: OutgoingEmail) -> str:
    """The decoded Subject header only (the body holds links with tokens and is never shown)."""
    from email import message_from_bytes, policy

    headers, _sep, _body = bytes(outgoing.message or b"").partition(b"\r\n\r\n")
    return str(message_from_bytes(headers + b"\r\n\r\n", policy=policy.default).get("Subject", ""))


def masked_recipients(outgoing: OutgoingEmail) -> list[str]:
    """`d…@voorbeeld.example`: enough to recognise a domain that refuses, not to read an address."""
    masked = []
    for address in outgoing.recipients:
        local, _at, domain = address.rpartition("<")[2].rstrip(">").partition("@")
        masked.append(f"{local[:1]}…@{domain}" if domain else "…")
    return masked


def retry_failed(*, email_id: int, user) -> OutgoingEmail:
    """Give a failed message a new series of attempts, now; logged in the admin history."""
    from wagtail.log_actions import log

    from .tasks import deliver_email  # home.tasks imports this module

    with transaction.atomic():
        outgoing = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if outgoing is None:
            raise OutboxError(_("Deze e-mail bestaat niet meer."))
        if outgoing.sent_at is not None:
            raise OutboxError(_("Deze e-mail is al verzonden; hij wordt niet nog eens verstuurd."))
        if outgoing.failed_at is None:
            raise OutboxError(_("Deze e-mail staat nog in de wachtrij; de werker probeert het zelf opnieuw."))
        previous = outgoing.attempts
        outgoing.failed_at = None
        outgoing.claimed_until = None
        outgoing.attempts = 0
        outgoing.next_attempt_at = timezone.now()
        outgoing.save(update_fields=["failed_at", "claimed_until", "attempts", "next_attempt_at"])
        log(instance=outgoing, action="home.email_retried", user=user, data={"previous_attempts": previous})
        deliver_email.enqueue(email_id=outgoing.pk)
    logger.info("E-mail %s opnieuw in de wachtrij gezet (na %s pogingen).", outgoing.pk, previous)
    return outgoing
