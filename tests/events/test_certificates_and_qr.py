"""After the event: attendance certificates (PDF, read back with pypdf) with points and a verification code; at the
door: the QR code in the confirmation carries the check-in code and the check-in page can scan it."""

import base64
import datetime
import io
import re
from decimal import Decimal

import pypdf
import pytest
import zxingcpp
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from events import services
from events.models import RegistrationStatus
from events.services import RegistrationError
from events.tokens import checkin_code
from tests.factories.accounts import editor
from tests.factories.events import EventPageFactory, register

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def ended(event_index):
    """An event with points that ended yesterday: Zoë was there, Bram did not come, Wim stayed on the list."""
    start = timezone.now() - datetime.timedelta(days=1, hours=4)
    event = EventPageFactory(
        title="Kennisatelier Thuis opgroeien",
        start=start,
        end=start + datetime.timedelta(hours=3),
        capacity=2,
        accreditation_points=Decimal("2.5"),
    )
    zoe = register(
        event, name="Zoë Zwart", organisation_name="Gemeente Ede", notify=False, now=start - datetime.timedelta(days=3)
    )
    bram = register(event, name="Bram Bos", notify=False, now=start - datetime.timedelta(days=3))
    wim = register(event, name="Wim Wachtlijst", notify=False, now=start - datetime.timedelta(days=3))
    services.set_attendance(registration=zoe, attended=True, now=start)
    return event, zoe, bram, wim


def test_the_command_mails_a_certificate_pdf_to_those_present_once(ended, mailoutbox, client):
    event, zoe, bram, wim = ended

    call_command("send_event_certificates", stdout=io.StringIO())
    call_command("send_event_certificates", stdout=io.StringIO())

    (message,) = mailoutbox
    assert message.to == [zoe.email]
    assert message.subject == "Uw certificaat van deelname: Kennisatelier Thuis opgroeien"
    (name, content, mimetype) = message.attachments[0]
    assert mimetype == "application/pdf" and name.endswith(".pdf")
    text = _pdf_text(content)
    zoe.refresh_from_db()
    for expected in (
        "Certificaat van deelname",
        "Zoë Zwart",
        "Gemeente Ede",
        "Kennisatelier Thuis opgroeien",
        "2,5 accreditatiepunten (Kwaliteitsregister Jeugd (SKJ))",
        f"Verificatiecode: {zoe.certificate_code}",
    ):
        assert expected in text, expected
    assert zoe.certificate_code and zoe.certificate_sent_at

    # the verification page, public, by link and by typed code
    url = re.search(r"https?://[^/\s]+(/\S+/certificaat/\S+/)", message.body).group(1)
    page = client.get(url).content.decode()
    assert "Dit certificaat is echt" in page and "Zoë Zwart" in page and "2,5 accreditatiepunten" in page
    typed = client.get("/kennisateliers/certificaat/", {"code": zoe.certificate_code.lower()}).content.decode()
    assert "Dit certificaat is echt" in typed
    wrong = client.get("/kennisateliers/certificaat/ABCDEFGHJK/")
    assert wrong.status_code == 404 and "geen certificaat uitgegeven" in wrong.content.decode()


def test_the_certificate_downloads_through_the_signed_link_only_for_those_present(ended, client):
    from events.views import registration_path

    event, zoe, bram, wim = ended
    own = client.get(registration_path(event, zoe)).content.decode()
    assert "Download uw certificaat van deelname (PDF)" in own
    response = client.get(registration_path(event, zoe) + "certificaat/")
    assert response["Content-Type"] == "application/pdf"
    assert "Zoë Zwart" in _pdf_text(response.content)
    assert response["Cache-Control"] == "private, no-store"

    assert (
        "certificaat" not in client.get(registration_path(event, bram)).content.decode().lower().split("</header>")[-1]
    )
    refused = client.get(registration_path(event, bram) + "certificaat/", follow=True).content.decode()
    assert "alleen voor wie bij de bijeenkomst aanwezig was" in refused
    bram.refresh_from_db()
    assert not bram.certificate_code


def test_no_certificate_before_the_event_ends(event):
    person = register(event, notify=False)
    services.check_in(event=event, code=checkin_code(person))
    person.refresh_from_db()
    assert person.status == RegistrationStatus.ATTENDED
    with pytest.raises(RegistrationError) as excinfo:
        services.issue_certificate(registration=person)
    assert excinfo.value.code == "not_ended"


def test_the_confirmation_shows_a_qr_code_of_the_check_in_code(event, mailoutbox):
    person = register(event, name="Zoë Zwart")
    (message,) = mailoutbox
    html = message.alternatives[0][0]
    code = checkin_code(person)
    match = re.search(r'<img src="data:image/png;base64,([^"]+)"[^>]*alt="QR-code met uw incheckcode ([^"]+)"', html)
    assert match and match.group(2) == code
    png = base64.b64decode(match.group(1))
    assert png.startswith(b"\x89PNG")
    # Read by an independent decoder (ZXing, the reader behind many phone scanner apps), as a camera would.
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert found.format == zxingcpp.BarcodeFormat.QRCode  # not a Micro QR code, which phones do not read
    assert found.text == code
    assert [a[0] for a in message.attachments] == [f"{event.slug}.ics"]  # still one attachment


def test_the_check_in_page_loads_the_scanner_script_as_a_file_and_works_without_it(client, event):
    client.force_login(editor())
    html = client.get(f"/admin/kennisateliers/{event.pk}/inchecken/").content.decode()
    assert re.search(r'<script src="/static/events/checkin\.js" defer></script>', html)
    assert "data-kp-scanner hidden" in html and 'name="code"' in html
    script = (__import__("pathlib").Path(__file__).parents[2] / "events/static/events/checkin.js").read_text()
    assert "BarcodeDetector" in script and "qr_code" in script


def test_the_certificate_arrives_through_a_real_smtp_server_with_a_readable_pdf(ended, settings):
    import email
    import email.policy
    import socket

    from aiosmtpd.controller import Controller

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope.original_content)
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        assert services.send_certificates() == 1
    finally:
        controller.stop()

    (raw,) = received
    message = email.message_from_bytes(raw, policy=email.policy.default)
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    text = _pdf_text(attachment.get_content())
    assert "Zoë Zwart" in text and "2,5 accreditatiepunten" in text
