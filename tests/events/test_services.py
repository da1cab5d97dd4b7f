import datetime

import pytest
from django.utils import timezone

from events import services
from events.models import CapacityNotice, Registration, RegistrationStatus
from events.services import RegistrationError
from tests.factories.accounts import editor
from tests.factories.events import EventPageFactory, register

pytestmark = pytest.mark.django_db


def test_registration_is_confirmed_while_places_are_left(event, mailoutbox):
    registration = register(event, email="anouk@voorbeeld.example")

    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.waiting_position is None
    assert [m.subject for m in mailoutbox] == [f"Inschrijving bevestigd: {event.title}"]
    assert mailoutbox[0].to == ["anouk@voorbeeld.example"]


def test_full_event_puts_people_on_the_waiting_list_in_order(event, mailoutbox):
    for _ in range(3):
        register(event)
    first = register(event)
    second = register(event)

    assert (first.status, first.waiting_position) == (RegistrationStatus.WAITING, 1)
    assert (second.status, second.waiting_position) == (RegistrationStatus.WAITING, 2)
    assert mailoutbox[-1].subject == f"U staat op de wachtlijst: {event.title}"
    assert "op plaats 2" in mailoutbox[-1].body
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 3


def test_cancelling_a_place_promotes_the_first_on_the_waiting_list_and_tells_them(event, mailoutbox):
    confirmed = [register(event) for _ in range(3)]
    first, second = register(event), register(event)
    mailoutbox.clear()

    promoted = services.cancel_registration(registration=confirmed[0])

    assert promoted == [first]
    first.refresh_from_db()
    second.refresh_from_db()
    confirmed[0].refresh_from_db()
    assert confirmed[0].status == RegistrationStatus.CANCELLED
    assert first.status == RegistrationStatus.CONFIRMED and first.waiting_position is None
    assert second.waiting_position == 1
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects[first.email] == f"Er is een plaats voor u vrijgekomen: {event.title}"
    assert subjects[confirmed[0].email] == f"Afmelding ontvangen: {event.title}"


def test_leaving_the_waiting_list_moves_the_others_up_without_promotion(event):
    for _ in range(3):
        register(event)
    first, second, third = register(event), register(event), register(event)

    assert services.cancel_registration(registration=second) == []

    first.refresh_from_db()
    third.refresh_from_db()
    assert (first.waiting_position, third.waiting_position) == (1, 2)
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 3


def test_cancelling_twice_is_refused(event):
    registration = register(event)
    services.cancel_registration(registration=registration)
    with pytest.raises(RegistrationError, match="al geannuleerd"):
        services.cancel_registration(registration=registration)


def test_one_email_holds_one_active_registration_per_event(event, mailoutbox):
    first = register(event, email="Sam@Voorbeeld.example")
    mailoutbox.clear()
    again = register(event, email="sam@voorbeeld.example", name="Iemand Anders")
    assert again.pk == first.pk and again.name == first.name  # nothing changes, nothing is refused
    assert event.registrations.count() == 1
    [message] = mailoutbox  # the owner of the address hears about it, with their own link
    assert message.to == ["Sam@Voorbeeld.example"]
    assert message.subject == f"U bent al ingeschreven: {event.title}"
    assert "/inschrijving/" in message.body

    # Colleagues of the same organisation register separately; after cancelling, the address may come back.
    register(event, email="collega@voorbeeld.example", organisation_name=first.organisation_name)
    services.cancel_registration(registration=first)
    again = register(event, email="sam@voorbeeld.example")
    assert again.status == RegistrationStatus.CONFIRMED


def test_database_refuses_a_second_active_registration_for_the_same_email(event):
    from django.db import IntegrityError, transaction

    registration = register(event, email="dubbel@voorbeeld.example")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            event=event,
            name="Kopie",
            email="DUBBEL@voorbeeld.example",
            organisation_name="x",
            region=registration.region,
            role="policy",
            status=RegistrationStatus.WAITING,
        )


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"registration_opens_at_days": 2}, "nog niet geopend"),
        ({"registration_closes_at_days": -1}, "gesloten"),
        ({"start_days": -10}, "al geweest"),
        ({"start_days": 0}, "gesloten"),  # started an hour ago, still running
    ],
)
def test_registration_outside_the_window_is_refused(event_index, fields, message):
    now = timezone.now()
    start = now + datetime.timedelta(days=fields.get("start_days", 7))
    if fields.get("start_days") == 0:
        start = now - datetime.timedelta(hours=1)
    kwargs = {"start": start, "end": start + datetime.timedelta(hours=3)}
    if "registration_opens_at_days" in fields:
        kwargs["registration_opens_at"] = now + datetime.timedelta(days=fields["registration_opens_at_days"])
    if "registration_closes_at_days" in fields:
        kwargs["registration_closes_at"] = now + datetime.timedelta(days=fields["registration_closes_at_days"])
    event = EventPageFactory(**kwargs)

    with pytest.raises(RegistrationError, match=message):
        register(event)
    assert event.registrations.count() == 0


def test_registration_without_consent_or_region_is_refused(event, food_valley):
    with pytest.raises(RegistrationError, match="toestemming"):
        register(event, consent=False)
    municipality = food_valley.municipalities.first()
    with pytest.raises(RegistrationError, match="jeugdzorgregio"):
        register(event, region=municipality)
    assert event.registrations.count() == 0


def test_per_region_maximum_sends_extra_people_of_that_region_to_the_waiting_list(event_index, arnhem):
    event = EventPageFactory(capacity=4, max_per_region=2)
    register(event, region="food-valley")
    fv_second = register(event, region="food-valley")
    fv_third = register(event, region="food-valley")
    from_arnhem = register(event, region=arnhem)

    assert fv_third.status == RegistrationStatus.WAITING
    assert from_arnhem.status == RegistrationStatus.CONFIRMED  # the region cap does not block other regions

    # A Food Valley place frees up: the waiting Food Valley registrant fits again.
    services.cancel_registration(registration=fv_second)
    fv_third.refresh_from_db()
    assert fv_third.status == RegistrationStatus.CONFIRMED


def test_promotion_skips_waiting_people_whose_region_is_full(event_index, arnhem):
    event = EventPageFactory(capacity=3, max_per_region=2)
    fv = [register(event, region="food-valley") for _ in range(2)]
    arnhem_first = register(event, region=arnhem)
    fv_waiting = register(event, region="food-valley")  # total full and region full
    arnhem_waiting = register(event, region=arnhem)  # total full

    services.cancel_registration(registration=arnhem_first)

    fv_waiting.refresh_from_db()
    arnhem_waiting.refresh_from_db()
    assert fv_waiting.status == RegistrationStatus.WAITING and fv_waiting.waiting_position == 1
    assert arnhem_waiting.status == RegistrationStatus.CONFIRMED
    assert len(fv) == 2


def test_unlimited_capacity_always_confirms(event_index):
    event = EventPageFactory(capacity=None)
    assert all(register(event).status == RegistrationStatus.CONFIRMED for _ in range(15))


def test_editors_are_told_once_at_80_and_once_at_100_percent(event_index, mailoutbox):
    editor(email="redactie@foodvalley.example")
    event = EventPageFactory(capacity=5)
    for _ in range(7):
        register(event)
    notices = [m for m in mailoutbox if m.to and "redactie@foodvalley.example" in m.to]
    assert [m.subject for m in notices] == [
        f"80% van de plaatsen bezet: {event.title}",
        f"Vol: {event.title}",
    ]
    assert set(CapacityNotice.objects.filter(event=event).values_list("threshold", flat=True)) == {80, 100}
    assert "alle 5 plaatsen" in notices[1].body


def test_raising_the_capacity_promotes_the_waiting_list_on_publish(event):
    for _ in range(3):
        register(event)
    waiting = register(event)
    event.capacity = 4
    event.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_attendance_only_for_people_with_a_place(event):
    confirmed = [register(event) for _ in range(3)]
    waiting = register(event)
    assert services.set_attendance(registration=confirmed[0], attended=True).status == RegistrationStatus.ATTENDED
    with pytest.raises(RegistrationError, match="Alleen bevestigde"):
        services.set_attendance(registration=waiting, attended=True)
    undone = services.set_attendance(registration=confirmed[0], attended=False)
    assert undone.status == RegistrationStatus.CONFIRMED and undone.attended_at is None
    # Attended people keep their place: nobody is promoted.
    services.set_attendance(registration=confirmed[1], attended=True)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITING
