import pytest
from icalendar import Calendar

from events import services
from tests.factories.events import register

pytestmark = pytest.mark.django_db


def _ics(message):
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    name, content, mimetype = attachment
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_confirmation_has_plain_and_html_the_ics_with_online_link_and_a_working_cancel_link(client, event, mailoutbox):
    registration = register(event, name="Anouk de Vries")
    (message,) = mailoutbox

    assert message.subject == f"Inschrijving bevestigd: {event.title}"
    assert "Beste Anouk de Vries," in message.body
    assert "https://webinar.voorbeeld.example/geheim" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "<a href=" in html and "webinar.voorbeeld.example/geheim" in html

    (vevent,) = _ics(message).walk("VEVENT")
    assert str(vevent["UID"]) == f"event-{event.pk}@testserver"
    assert "webinar.voorbeeld.example/geheim" in vevent.to_ical().decode().replace("\r\n ", "")
    assert _ics(message).walk("VTIMEZONE")

    link = next(line for line in message.body.splitlines() if "/inschrijving/" in line).split(": ", 1)[1]
    path = link.replace("http://localhost", "")
    assert "Bevestigd" in client.get(path).content.decode()
    client.post(path, {"action": "cancel"})
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_waiting_list_mail_has_position_but_no_online_link_or_ics(event, mailoutbox):
    for _ in range(3):
        register(event, notify=False)
    register(event)
    (message,) = mailoutbox
    assert "op plaats 1" in message.body
    assert "geheim" not in message.body and "geheim" not in message.alternatives[0][0]
    assert not message.attachments


def test_promotion_mail_brings_the_online_link_and_ics(event, mailoutbox):
    first = register(event, notify=False)
    register(event, notify=False)
    register(event, notify=False)
    waiting = register(event, notify=False)
    services.cancel_registration(registration=first)
    (promoted,) = [m for m in mailoutbox if m.to == [waiting.email]]
    assert "vrijgekomen" in promoted.subject
    assert "webinar.voorbeeld.example/geheim" in promoted.body
    assert _ics(promoted).walk("VEVENT")


def test_message_to_confirmed_registrants_only(event, mailoutbox):
    confirmed = [register(event, notify=False) for _ in range(3)]
    register(event, notify=False)  # waiting
    sent = services.email_confirmed_registrants(event=event, subject="Route en parkeren", body="Parkeer bij P1.")
    assert sent == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(r.email for r in confirmed)
    assert all(m.subject == "Route en parkeren" and "Parkeer bij P1." in m.body for m in mailoutbox)
