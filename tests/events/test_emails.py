import datetime
import logging

import pytest
from icalendar import Calendar

from events import services
from tests.events.calendar_readers import read_with_ical_js, read_with_icalendar, read_with_vobject
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


# --- cancelling removes the calendar entry ----------------------------------------------------------------------


def _ics_bytes(message) -> bytes:
    (content,) = [content for filename, content, _ in message.attachments if filename.endswith(".ics")]
    return content.encode() if isinstance(content, str) else content


def _cancel_link(message) -> str:
    link = next(line for line in message.body.splitlines() if "/inschrijving/" in line).split(": ", 1)[1]
    return link.replace("http://testserver", "").replace("http://localhost", "")


def test_cancelling_through_the_link_mails_an_ics_that_removes_the_entry(client, event, mailoutbox, tmp_path):
    register(event, name="Anouk de Vries")
    (confirmation,) = mailoutbox
    entry = read_with_icalendar(_ics_bytes(confirmation))
    mailoutbox.clear()

    client.post(_cancel_link(confirmation), {"action": "cancel"})

    (message,) = mailoutbox
    assert message.subject == f"Afmelding ontvangen: {event.title}"
    assert "haalt uw agenda de afspraak weg" in message.body
    (name, content, mimetype) = next(a for a in message.attachments if a[0].endswith(".ics"))
    assert mimetype == "text/calendar; charset=utf-8; method=CANCEL"
    for reader in (read_with_icalendar, read_with_vobject):
        cancel = reader(_ics_bytes(message))
        (vevent,) = cancel["events"]
        assert cancel["method"] == "CANCEL"
        assert vevent["uid"] == entry["events"][0]["uid"]
        assert vevent["sequence"] >= entry["events"][0]["sequence"]
        assert vevent["status"] == "CANCELLED"
        assert (vevent["start"], vevent["end"]) == (entry["events"][0]["start"], entry["events"][0]["end"])
    # the cancellation carries no online link
    assert "geheim" not in _ics_bytes(message).decode() and "geheim" not in message.body


def test_cancel_ics_is_read_as_a_cancellation_by_ical_js(client, event, mailoutbox, tmp_path):
    registration = register(event)
    mailoutbox.clear()
    services.cancel_registration(registration=registration)
    (message,) = mailoutbox
    cancel = read_with_ical_js(_ics_bytes(message), tmp_path)
    assert cancel["method"] == "CANCEL"
    assert [(e["uid"], e["status"]) for e in cancel["events"]] == [(f"event-{event.pk}@testserver", "CANCELLED")]


def test_leaving_the_waiting_list_sends_no_calendar_entry(event, mailoutbox):
    for _ in range(3):
        register(event, notify=False)
    waiting = register(event, notify=False)
    services.cancel_registration(registration=waiting)
    (message,) = mailoutbox
    assert message.to == [waiting.email] and "Afmelding ontvangen" in message.subject
    assert not message.attachments


# --- a queued e-mail says what is true when the worker sends it, or is not sent ---------------------------------


def test_confirmation_queued_before_a_cancellation_is_not_sent(run_worker, event, mailoutbox, caplog):
    registration = register(event)
    services.cancel_registration(registration=registration)
    assert not mailoutbox

    with caplog.at_level(logging.INFO, logger="events.tasks"):
        run_worker()

    assert [m.subject for m in mailoutbox] == [f"Afmelding ontvangen: {event.title}"]
    assert f"confirmed e-mail for registration {registration.pk} skipped: status is cancelled" in caplog.text


def test_waiting_list_mail_queued_before_a_promotion_is_replaced_by_the_promotion(run_worker, event, mailoutbox):
    first = register(event, notify=False)
    register(event, notify=False)
    register(event, notify=False)
    waiting = register(event)  # "U staat op de wachtlijst" queued
    services.cancel_registration(registration=first)  # promotes `waiting`

    run_worker()

    mine = [m for m in mailoutbox if m.to == [waiting.email]]
    assert [m.subject for m in mine] == [f"Er is een plaats voor u vrijgekomen: {event.title}"]
    assert "None" not in mine[0].body and "wachtlijst, op plaats" not in mine[0].body


def test_waiting_list_mail_of_someone_who_left_the_list_is_not_sent(run_worker, event, mailoutbox):
    for _ in range(3):
        register(event, notify=False)
    waiting = register(event)
    services.cancel_registration(registration=waiting)

    run_worker()

    assert [m.subject for m in mailoutbox] == [f"Afmelding ontvangen: {event.title}"]
    assert all("plaats None" not in m.body for m in mailoutbox)


def test_waiting_list_mail_gives_the_position_at_sending_time(run_worker, event, mailoutbox):
    for _ in range(3):
        register(event, notify=False)
    ahead = register(event, notify=False)
    waiting = register(event)  # queued while at place 2
    services.cancel_registration(registration=ahead)

    run_worker()

    (message,) = [m for m in mailoutbox if m.to == [waiting.email]]
    assert "op plaats 1." in message.body


def test_reminder_queued_for_someone_who_cancelled_is_not_sent(run_worker, event, mailoutbox):
    registration = register(event, notify=False)
    services.send_due_reminders(now=event.start - datetime.timedelta(hours=24))
    services.cancel_registration(registration=registration)

    run_worker()

    assert [m.subject for m in mailoutbox] == [f"Afmelding ontvangen: {event.title}"]
