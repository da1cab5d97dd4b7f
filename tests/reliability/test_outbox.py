"""The outbox against a real SMTP server (aiosmtpd on a free port) in the test process: the edges of delivery.

The end-to-end run with gunicorn, the worker and a server that is down, then refusing, is test_smtp.py; here the
tasks run immediately (test settings), so each delivery attempt can be looked at on its own.
"""

import email
import email.policy

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from home import outbox
from home.models import OutgoingEmail

from .conftest import free_port

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd is not installed (requirements.txt)")

pytestmark = pytest.mark.django_db


class Handler:
    def __init__(self, answer="250 OK"):
        self.answer = answer
        self.received = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("weg@"):
            return "550 5.1.1 Onbekende ontvanger"
        if address.startswith("vol@"):
            return "452 4.2.2 Mailbox vol"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.answer.startswith("250"):
            self.received.append(envelope)
        return self.answer


@pytest.fixture
def smtp():
    handler = Handler()
    port = free_port()
    controller = aiosmtpd_controller.Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    with override_settings(
        EMAIL_BACKEND="home.outbox.OutboxEmailBackend",
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_TIMEOUT=5,
        EMAIL_RETRY_DELAYS=[30, 120],
        EMAIL_MAX_ATTEMPTS=3,
    ):
        yield handler
    controller.stop()


def test_a_message_is_stored_and_delivered_once_with_its_headers(smtp):
    sent = mail.send_mail("Inschrijving bevestigd: Één dag", "Beste Zoë,\n\nTot ziens.", None, ["zoe@vb.example"])
    assert sent == 1
    (stored,) = OutgoingEmail.objects.all()
    assert stored.sent_at is not None and stored.attempts == 1
    (envelope,) = smtp.received
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert message["Subject"] == "Inschrijving bevestigd: Één dag"
    assert "Beste Zoë" in message.get_content()
    assert outbox.deliver(stored.pk) == "skipped"  # a duplicate task sends nothing
    assert len(smtp.received) == 1


def test_a_temporary_refusal_keeps_the_message_for_a_later_attempt(smtp):
    smtp.answer = "451 4.3.0 Later"
    mail.send_mail("Onderwerp", "Tekst", None, ["a@voorbeeld.example"])
    (stored,) = OutgoingEmail.objects.all()
    assert stored.sent_at is None and stored.failed_at is None
    assert stored.attempts == 1 and stored.last_error == "SMTPDataError 451"
    assert (stored.next_attempt_at - timezone.now()).total_seconds() == pytest.approx(30, abs=5)

    smtp.answer = "250 OK"
    assert outbox.deliver_due(now=stored.next_attempt_at) == {"sent": 1}
    stored.refresh_from_db()
    assert stored.sent_at is not None and stored.attempts == 2
    assert len(smtp.received) == 1


def test_a_permanent_refusal_gives_up_at_once_and_keeps_the_record(smtp):
    mail.send_mail("Onderwerp", "Tekst", None, ["weg@voorbeeld.example"])
    (stored,) = OutgoingEmail.objects.all()
    assert stored.failed_at is not None and stored.sent_at is None
    assert stored.last_error == "SMTPRecipientsRefused [550]"
    assert "weg@" not in stored.last_error


def test_a_full_mailbox_is_tried_again_for_that_recipient_only(smtp):
    mail.send_mail("Onderwerp", "Tekst", None, ["a@voorbeeld.example", "vol@voorbeeld.example"])
    (stored,) = OutgoingEmail.objects.all()
    assert [e.rcpt_tos for e in smtp.received] == [["a@voorbeeld.example"]]
    assert stored.sent_at is None and stored.recipients == ["vol@voorbeeld.example"]


def test_it_gives_up_after_the_last_attempt(smtp):
    smtp.answer = "421 4.3.2 Dienst niet beschikbaar"
    mail.send_mail("Onderwerp", "Tekst", None, ["a@voorbeeld.example"])
    stored = OutgoingEmail.objects.get()
    for _ in range(2):
        outbox.deliver_due(now=timezone.now() + timezone.timedelta(hours=1))
    stored.refresh_from_db()
    assert stored.attempts == 3 and stored.failed_at is not None and stored.sent_at is None


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_nothing_is_stored_or_queued_when_the_work_that_sent_it_is_rolled_back(smtp):
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        mail.send_mail("Onderwerp", "Tekst", None, ["bewaard@voorbeeld.example"])
    with pytest.raises(RuntimeError), transaction.atomic():
        mail.send_mail("Onderwerp", "Tekst", None, ["a@voorbeeld.example"])
        raise RuntimeError("de inschrijving mislukt")
    assert list(OutgoingEmail.objects.values_list("recipients", flat=True)) == [["bewaard@voorbeeld.example"]]
    assert DBTaskResult.objects.filter(task_path="home.tasks.deliver_email").count() == 1
    assert smtp.received == []  # the worker delivers, after the commit


def test_delivered_messages_are_forgotten_after_a_week(smtp):
    mail.send_mail("Onderwerp", "Tekst", None, ["a@voorbeeld.example"])
    assert outbox.forget_delivered(now=timezone.now() + timezone.timedelta(days=6)) == 0
    assert outbox.forget_delivered(now=timezone.now() + timezone.timedelta(days=8)) == 1
