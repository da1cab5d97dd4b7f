"""An editor moves, relocates or cancels an event: everyone registered or waiting hears it once, and the calendar
entry of those with a place is replaced (METHOD:REQUEST) or removed (METHOD:CANCEL), with the same UID."""

import datetime

import pytest
from icalendar import Calendar
from wagtail.models import PageLogEntry

from events import services
from events.models import RegistrationStatus
from tests.events.calendar_readers import read_with_ical_js, read_with_icalendar, read_with_vobject
from tests.factories.accounts import editor as make_editor
from tests.factories.events import register

pytestmark = pytest.mark.django_db


def _ics(message) -> bytes | None:
    found = [content for filename, content, _ in message.attachments if filename.endswith(".ics")]
    if not found:
        return None
    return found[0].encode() if isinstance(found[0], str) else found[0]


def _utc(moment) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def people(event, mailoutbox):
    """Three with a place (capacity 3), one waiting, one who cancelled; the mailbox starts empty."""
    confirmed = [register(event) for _ in range(3)]
    waiting = register(event)
    gone = register(event, notify=False)  # waiting too, then leaves
    services.cancel_registration(registration=gone)
    first_entry = read_with_icalendar(_ics(mailoutbox[0]))["events"][0]
    mailoutbox.clear()
    return {"confirmed": confirmed, "waiting": waiting, "gone": gone, "first_entry": first_entry}


def _move(event, *, hours=1, user=None):
    event.refresh_from_db()
    event.start += datetime.timedelta(hours=hours)
    event.end += datetime.timedelta(hours=hours)
    event.save_revision(user=user).publish(user=user)
    event.refresh_from_db()
    return event


def test_a_new_time_is_mailed_once_to_everyone_registered_or_waiting(event, people, mailoutbox, tmp_path):
    editor = make_editor()
    moved = _move(event, user=editor)

    recipients = sorted(m.to[0] for m in mailoutbox)
    expected = sorted([r.email for r in people["confirmed"]] + [people["waiting"].email])
    assert recipients == expected  # not the one who cancelled
    assert all(m.subject == f"Gewijzigd: {event.title}" for m in mailoutbox)

    for message in mailoutbox:
        content = _ics(message)
        if message.to == [people["waiting"].email]:
            assert content is None  # no entry for someone without a place
            assert "U staat nog op de wachtlijst, op plaats 1." in message.body
            continue
        assert "method=REQUEST" in next(a[2] for a in message.attachments if a[0].endswith(".ics"))
        for read in (read_with_icalendar(content), read_with_vobject(content), read_with_ical_js(content, tmp_path)):
            (vevent,) = read["events"]
            assert read["method"] == "REQUEST"
            assert vevent["uid"] == people["first_entry"]["uid"]
            assert vevent["sequence"] > people["first_entry"]["sequence"]
            assert (vevent["start"], vevent["end"]) == (_utc(moved.start), _utc(moved.end))

    entry = PageLogEntry.objects.get(page=event, action="events.change_notice")
    assert entry.data == {"kind": "updated", "count": 4}
    assert entry.user == editor  # the editor who published sees it in the page history


def test_publishing_again_or_changing_only_the_text_sends_nothing(event, people, mailoutbox):
    _move(event)
    mailoutbox.clear()

    event.save_revision().publish()
    event.summary = "Een nieuwe samenvatting"
    event.title = "Nieuwe titel"
    event.save_revision().publish()

    assert mailoutbox == []


def test_a_new_online_link_reaches_those_with_a_place_in_the_mail_and_the_entry(event, people, mailoutbox):
    event.refresh_from_db()
    event.online_url = "https://webinar.voorbeeld.example/nieuw"
    event.save_revision().publish()

    with_place = [m for m in mailoutbox if m.to != [people["waiting"].email]]
    assert len(with_place) == 3
    for message in with_place:
        assert "webinar.voorbeeld.example/nieuw" in message.body
        assert "webinar.voorbeeld.example/nieuw" in _ics(message).decode().replace("\r\n ", "")
    (waiting,) = [m for m in mailoutbox if m.to == [people["waiting"].email]]
    assert "webinar.voorbeeld.example" not in waiting.body


def test_cancelling_the_event_removes_the_entry_and_closes_registration(client, event, people, mailoutbox, tmp_path):
    event.refresh_from_db()
    event.cancelled = True
    event.save_revision().publish()

    assert len(mailoutbox) == 4
    assert all(m.subject == f"Gaat niet door: {event.title}" for m in mailoutbox)
    for message in mailoutbox:
        content = _ics(message)
        if message.to == [people["waiting"].email]:
            assert content is None
            continue
        for read in (read_with_icalendar(content), read_with_vobject(content), read_with_ical_js(content, tmp_path)):
            (vevent,) = read["events"]
            assert (read["method"], vevent["status"]) == ("CANCEL", "CANCELLED")
            assert vevent["uid"] == people["first_entry"]["uid"]
            assert vevent["sequence"] > people["first_entry"]["sequence"]

    page = client.get(event.url).content.decode()
    assert "Deze bijeenkomst gaat niet door." in page
    (vevent,) = read_with_icalendar(client.get(event.url + "agenda.ics").content)["events"]
    assert vevent["status"] == "CANCELLED"
    with pytest.raises(services.RegistrationError, match="gaat niet door"):
        register(event)


def test_cancelling_a_place_at_a_cancelled_event_promotes_nobody(event, people, mailoutbox):
    event.refresh_from_db()
    event.cancelled = True
    event.save_revision().publish()
    mailoutbox.clear()

    services.cancel_registration(registration=people["confirmed"][0])

    people["waiting"].refresh_from_db()
    assert people["waiting"].status == RegistrationStatus.WAITING
    assert [m.to for m in mailoutbox] == [[people["confirmed"][0].email]]


def test_two_changes_before_the_worker_runs_send_one_mail_with_the_latest_time(event, people, mailoutbox, run_worker):
    _move(event, hours=1)
    moved = _move(event, hours=1)

    run_worker()

    assert len(mailoutbox) == 4
    for message in mailoutbox:
        content = _ics(message)
        if content is not None:
            (vevent,) = read_with_icalendar(content)["events"]
            assert vevent["start"] == _utc(moved.start)


def test_without_a_contact_the_sites_sender_is_the_organizer_as_a_plain_address(event_index, mailoutbox, settings):
    from tests.factories.events import EventPageFactory

    settings.DEFAULT_FROM_EMAIL = "Kennisplatform Jeugd <noreply@kennisplatform.example>"
    event = EventPageFactory(contact_email="")
    registration = register(event)
    mailoutbox.clear()

    services.cancel_registration(registration=registration)

    (vevent,) = Calendar.from_ical(_ics(mailoutbox[0])).walk("VEVENT")
    assert str(vevent["ORGANIZER"]) == "mailto:noreply@kennisplatform.example"
    assert vevent["ORGANIZER"].params["CN"] == "Kennisplatform Jeugd"
    assert str(vevent["ATTENDEE"]) == f"mailto:{registration.email}"
