"""The outbox in the admin: editors see queued, failed and sent messages with attempts and the last error, never a
body, a link or a full address, and retry a failed message, which is then delivered once (a real SMTP server)."""

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from home.models import OutgoingEmail
from tests.factories.accounts import editor, provider_member

from .test_outbox import Handler, smtp  # noqa: F401  (the fixture: aiosmtpd on a free port)

pytestmark = pytest.mark.django_db

URL = "/admin/uitgaande-e-mail/"
SECRET = "https://kennisplatform.example/kennisateliers/inschrijving/Zm9vYmFy-geheim-token/"


def _send(subject, to):
    mail.send_mail(subject, f"Beste deelnemer,\n\nUw persoonlijke link: {SECRET}\n", None, [to])
    return OutgoingEmail.objects.order_by("-pk").first()


@pytest.fixture
def three_messages(smtp):  # noqa: F811
    sent = _send("Inschrijving bevestigd: Kennisatelier", "zoe.jansen@voorbeeld.example")
    smtp.answer = "451 4.3.0 Probeer later"
    queued = _send("Herinnering: Kennisatelier", "piet@wachtrij.example")
    smtp.answer = "554 5.7.1 Geweigerd"
    failed = _send("Wijziging: Kennisatelier", "anna.de.vries@mislukt.example")
    smtp.answer = "250 OK"
    return sent, queued, failed


def test_editors_see_each_state_with_attempts_and_the_last_error_but_no_content(client, demo_site, three_messages):
    sent, queued, failed = three_messages
    client.force_login(editor())
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    for message, state, label in (
        (sent, "sent", "Verzonden"),
        (queued, "queued", "In de wachtrij"),
        (failed, "failed", "Mislukt"),
    ):
        row = html[html.index(f'id="email-{message.pk}"') :].split("</tr>", 1)[0]
        assert f'data-state="{state}"' in row and label in row
    failed_row = html[html.index(f'id="email-{failed.pk}"') :].split("</tr>", 1)[0]
    assert "SMTPDataError 554" in failed_row and "<td>1</td>" in failed_row
    assert "Opnieuw versturen" in failed_row
    assert "Wijziging: Kennisatelier" in failed_row  # the subject, decoded
    assert "a…@mislukt.example" in failed_row
    # Never the body, the signed link or a full address.
    assert "geheim-token" not in html and "Beste deelnemer" not in html
    assert "anna.de.vries" not in html and "zoe.jansen" not in html
    failed_only = client.get(URL, {"status": "failed"}).content.decode()
    assert f'id="email-{failed.pk}"' in failed_only and f'id="email-{sent.pk}"' not in failed_only


def test_retrying_a_failed_message_delivers_it_once_and_is_logged(client, demo_site, smtp, three_messages):  # noqa: F811
    _sent, _queued, failed = three_messages
    user = editor()
    client.force_login(user)
    before = len(smtp.received)
    response = client.post(URL, {"email": failed.pk})
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.sent_at is not None and failed.failed_at is None
    assert len(smtp.received) == before + 1
    assert smtp.received[-1].rcpt_tos == ["anna.de.vries@mislukt.example"]
    entry = ModelLogEntry.objects.get(action="home.email_retried", object_id=str(failed.pk))
    assert entry.user_id == user.pk
    # A second retry (a double click, an old tab) sends nothing more.
    again = client.post(URL, {"email": failed.pk})
    assert again.status_code == 400
    assert "al verzonden" in again.content.decode()
    assert len(smtp.received) == before + 1


def test_a_queued_message_is_not_retried_by_hand(client, demo_site, three_messages):
    _sent, queued, _failed = three_messages
    client.force_login(editor())
    response = client.post(URL, {"email": queued.pk})
    assert response.status_code == 400
    queued.refresh_from_db()
    assert queued.attempts == 1 and queued.sent_at is None


def test_people_without_the_permission_see_nothing(client, demo_site, three_messages):
    client.force_login(provider_member())
    assert client.get(URL).status_code in (302, 403)
    _sent, _queued, failed = three_messages
    assert client.post(URL, {"email": failed.pk}).status_code in (302, 403)
    failed.refresh_from_db()
    assert failed.failed_at is not None


def test_the_outbox_is_in_the_editors_settings_menu(client, demo_site):
    client.force_login(editor())
    assert "Uitgaande e-mail" in client.get("/admin/").content.decode()
