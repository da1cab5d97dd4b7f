"""Every input the database (or the rules) would refuse gets a clear Dutch message and stores nothing; the cases
not covered in test_registration_rules.py: a cancelled or not-yet-open event, a made-up region or role, an
over-long certificate code, and an editor's out-of-range waiting-list setting."""

import datetime

import pytest
from django.utils import timezone

from events.models import Registration
from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db


def _form_data(region_pk, **overrides):
    data = {
        "name": "Anouk de Vries",
        "email": "anouk@voorbeeld.example",
        "organisation_name": "Gemeente Ede",
        "region": str(region_pk),
        "role": "policy",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_a_post_to_a_cancelled_event_says_so_and_stores_nothing(client, event_index, food_valley):
    cancelled = EventPageFactory(cancelled=True)
    response = client.post(cancelled.url, _form_data(food_valley.pk), REMOTE_ADDR="10.8.0.1")
    assert response.status_code == 400
    assert "Deze bijeenkomst gaat niet door; inschrijven kan niet." in response.content.decode()
    assert not Registration.objects.filter(event=cancelled).exists()


def test_a_post_before_registration_opens_says_so_and_stores_nothing(client, event_index, food_valley):
    later = EventPageFactory(registration_opens_at=timezone.now() + datetime.timedelta(days=2))
    response = client.post(later.url, _form_data(food_valley.pk), REMOTE_ADDR="10.8.0.2")
    assert response.status_code == 400
    assert "De inschrijving voor deze bijeenkomst is nog niet geopend." in response.content.decode()
    assert not Registration.objects.filter(event=later).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"region": "999999"}, "Selecteer een geldige keuze"),
        ({"region": "geen-getal"}, "Selecteer een geldige keuze"),
        ({"role": "koning"}, "Selecteer een geldige keuze"),
        ({"email": "anouk@" + "a" * 250 + ".example"}, "Dit e-mailadres is te lang"),
        ({"needs": "x" * 1001}, "Uw wensen zijn te lang"),
    ],
)
def test_made_up_choices_and_over_long_text_are_refused_in_dutch(client, event, food_valley, overrides, message):
    response = client.post(event.url, _form_data(food_valley.pk, **overrides), REMOTE_ADDR="10.8.0.3")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not event.registrations.exists()


def test_an_over_long_certificate_code_is_not_found(client, event_index):
    response = client.get("/kennisateliers/certificaat/", {"code": "A" * 5000})
    assert response.status_code == 404


def test_the_editor_cannot_set_an_offer_time_the_database_or_the_clock_would_refuse(event):
    from django.core.exceptions import ValidationError

    event.waiting_list_mode = "offer"
    for hours, message in ((0, "De bedenktijd is minstens 1 uur."), (10**12, "hoogstens 720 uur (30 dagen)")):
        event.offer_hours = hours
        with pytest.raises(ValidationError) as excinfo:
            event.full_clean()
        assert message in str(excinfo.value), str(excinfo.value)
