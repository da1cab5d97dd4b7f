"""Registrants change their own details through their signed link and get an updated calendar entry."""

import re

import pytest
from icalendar import Calendar
from wagtail.models import PageLogEntry

from events import services
from events.models import RegionAudience, RegistrationStatus
from events.services import RegistrationError
from tests.events.calendar_readers import read_with_vobject
from tests.factories.events import EventPageFactory, question, register

pytestmark = pytest.mark.django_db


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+/inschrijving/[^/\s]+/)", message.body).group(1)


def _vevent(message):
    (content,) = [c for name, c, _ in message.attachments if name.endswith(".ics")]
    content = content.encode() if isinstance(content, str) else content
    (vevent,) = Calendar.from_ical(content).walk("VEVENT")
    return vevent, content


def _data(region, **overrides):
    data = {
        "name": "Anouk Jansen",
        "organisation_name": "Jeugdteam Ede",
        "region": str(region.pk),
        "role": "professional",
    }
    data.update(overrides)
    return data


def test_a_registrant_changes_their_details_and_gets_the_same_entry_with_a_higher_sequence(
    client, event, food_valley, arnhem, mailoutbox, tmp_path
):
    lunch = question(event, "Welke lunch wilt u?", kind="choice", choices=["Vis", "Vegetarisch"])
    registration = register(event, name="Anouk de Vries", answers={str(lunch.pk): "Vis"})
    (confirmation,) = mailoutbox
    before, _ = _vevent(confirmation)
    link = _link(confirmation)
    edit = link + "wijzigen/"

    page = client.get(edit).content.decode()
    assert 'value="Anouk de Vries"' in page and "Welke lunch wilt u?" in page
    response = client.post(edit, _data(arnhem, **{f"question_{lunch.pk}": "Vegetarisch"}))
    assert response.status_code == 302

    registration.refresh_from_db()
    assert (registration.name, registration.organisation_name, registration.region, registration.role) == (
        "Anouk Jansen",
        "Jeugdteam Ede",
        arnhem,
        "professional",
    )
    assert registration.answers == {str(lunch.pk): "Vegetarisch"}
    assert registration.status == RegistrationStatus.CONFIRMED
    changed = mailoutbox[-1]
    assert changed.subject == f"Uw gegevens zijn gewijzigd: {event.title}"
    after, content = _vevent(changed)
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert "METHOD:REQUEST" in content.decode()
    assert after["ATTENDEE"].params["CN"] == "Anouk Jansen"
    parsed = read_with_vobject(content)  # an independent reader sees the same update
    assert parsed["method"] == "REQUEST"
    assert [(e["uid"], e["sequence"]) for e in parsed["events"]] == [(str(before["UID"]), int(after["SEQUENCE"]))]
    assert PageLogEntry.objects.filter(page=event, action="events.registration_changed").count() == 1
    assert "Anouk Jansen" in client.get(link).content.decode()


def test_two_changes_raise_the_sequence_each_time(event, food_valley, arnhem, mailoutbox):
    registration = register(event)
    fields = {"organisation_name": "Gemeente Ede", "role": "policy"}
    services.update_registration(registration=registration, name="Een", region=food_valley, **fields)
    services.update_registration(registration=registration, name="Twee", region=arnhem, **fields)
    sequences = [int(_vevent(m)[0]["SEQUENCE"]) for m in mailoutbox]
    assert sequences == sorted(sequences) and len(set(sequences)) == 3


def test_changing_to_a_full_region_is_refused_in_dutch_and_changes_nothing(
    client, event_index, food_valley, arnhem, mailoutbox
):
    event = EventPageFactory(capacity=10, max_per_region=1)
    register(event, region=arnhem, notify=False)
    registration = register(event, name="Blijft Zo")
    link = _link(mailoutbox[-1])

    response = client.post(link + "wijzigen/", _data(arnhem, name="Anders"))

    assert response.status_code == 400
    assert "De plaatsen voor de regio Arnhem zijn vol" in response.content.decode()
    registration.refresh_from_db()
    assert registration.name == "Blijft Zo" and registration.region == food_valley


def test_a_region_outside_the_audience_is_refused(client, event_index, food_valley, arnhem, mailoutbox):
    event = EventPageFactory(audience_kind=RegionAudience.SELECTED)
    event.audience_regions.set([food_valley])
    event.save_revision().publish()
    registration = register(event)
    with pytest.raises(RegistrationError) as excinfo:
        services.update_registration(
            registration=registration, name="X", organisation_name="Y", region=arnhem, role="policy"
        )
    assert excinfo.value.field == "region"
    registration.refresh_from_db()
    assert registration.region == food_valley


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": "N" * 121}, "Uw naam is te lang: gebruik hoogstens 120 tekens."),
        ({"organisation_name": "O" * 201}, "De naam van de organisatie is te lang"),
        ({"name": ""}, "Vul uw naam in."),
    ],
)
def test_over_long_details_are_refused_in_dutch_and_nothing_is_stored(
    client, event, food_valley, mailoutbox, overrides, message
):
    registration = register(event, name="Blijft Zo")
    response = client.post(_link(mailoutbox[-1]) + "wijzigen/", _data(food_valley, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    registration.refresh_from_db()
    assert registration.name == "Blijft Zo" and registration.details_version == 0


def test_a_cancelled_registration_cannot_be_changed(event, food_valley):
    registration = register(event)
    services.cancel_registration(registration=registration)
    with pytest.raises(RegistrationError) as excinfo:
        services.update_registration(
            registration=registration, name="X", organisation_name="Y", region=food_valley, role="policy"
        )
    assert excinfo.value.code == "cancelled"


def test_a_tampered_link_cannot_change_anything(client, event, food_valley, mailoutbox):
    registration = register(event, name="Blijft Zo")
    link = _link(mailoutbox[-1])
    response = client.post(link[:-3] + "xx/wijzigen/", _data(food_valley, name="Hacker"))
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.name == "Blijft Zo"
