"""Rules a registrant runs into: a full region, an event for some regions only, input the database would refuse,
and a form sent after registration closed. Each refusal is in Dutch and stores nothing."""

import datetime
import re

import pytest
from django.utils import timezone

from accounts.models import Organisation
from events import services
from events.models import RegionAudience, Registration
from events.services import RegistrationError
from tests.factories.events import EventPageFactory, register

pytestmark = pytest.mark.django_db


def _form_data(region, **overrides):
    data = {
        "name": "Anouk de Vries",
        "email": "anouk@voorbeeld.example",
        "organisation_name": "Gemeente Ede",
        "region": str(region.pk),
        "role": "policy",
        "needs": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def _fields(region, **overrides):
    fields = {
        "name": "Anouk de Vries",
        "email": "anouk@voorbeeld.example",
        "organisation_name": "Gemeente Ede",
        "region": region,
        "role": "policy",
        "consent": True,
    }
    fields.update(overrides)
    return fields


def _region_options(html: str) -> list[str]:
    (select,) = re.findall(r'<select name="region".*?</select>', html, re.S)
    return re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)


# --- a full region is not a full event ---------------------------------------------------------------------------


@pytest.fixture
def per_region(event_index):
    return EventPageFactory(capacity=10, max_per_region=2)


def test_region_full_while_event_has_places_says_the_regions_places_are_full(per_region, arnhem, mailoutbox):
    register(per_region, region=arnhem, notify=False)
    register(per_region, region=arnhem, notify=False)

    third = register(per_region, region=arnhem)

    assert third.status == "waiting"
    (message,) = mailoutbox
    assert "De plaatsen voor regio Arnhem zijn vol. U staat op de wachtlijst, op plaats 1." in message.body
    assert "De bijeenkomst is vol" not in message.body
    html = message.alternatives[0][0]
    assert "De plaatsen voor regio Arnhem zijn vol" in html and "De bijeenkomst is vol" not in html


def test_event_full_still_says_the_event_is_full(event_index, arnhem, food_valley, mailoutbox):
    event = EventPageFactory(capacity=2, max_per_region=2)
    register(event, region=food_valley, notify=False)
    register(event, region=food_valley, notify=False)

    register(event, region=arnhem)

    (message,) = mailoutbox
    assert "De bijeenkomst is vol. U staat op de wachtlijst, op plaats 1." in message.body


def test_event_page_names_the_full_regions(client, per_region, arnhem, food_valley):
    register(per_region, region=food_valley, notify=False)
    assert "De plaatsen zijn vol voor" not in client.get(per_region.url).content.decode()

    register(per_region, region=arnhem, notify=False)
    register(per_region, region=arnhem, notify=False)

    html = client.get(per_region.url).content.decode()
    assert "De plaatsen zijn vol voor: Arnhem." in html
    assert "nog 7 plaatsen" in html  # the event itself is not full
    assert "De bijeenkomst is vol" not in html


# --- audience: open to all regions, or only the chosen ones ------------------------------------------------------


@pytest.fixture
def for_arnhem(event_index, arnhem):
    event = EventPageFactory(title="Atelier voor Arnhem", audience_kind=RegionAudience.SELECTED)
    event.audience_regions.set([arnhem])
    event.save_revision().publish()
    event.refresh_from_db()
    return event


def test_service_refuses_a_region_outside_the_audience_in_dutch(for_arnhem, food_valley, arnhem):
    with pytest.raises(RegistrationError) as excinfo:
        services.register(event=for_arnhem, **_fields(food_valley))
    assert excinfo.value.field == "region" and excinfo.value.code == "audience"
    assert str(excinfo.value.message) == "Deze bijeenkomst is alleen voor de regio's Arnhem. Kies een van die regio's."
    assert not for_arnhem.registrations.exists()

    assert services.register(event=for_arnhem, **_fields(arnhem)).status == "confirmed"


def test_open_event_takes_every_region(event, food_valley, arnhem):
    assert event.audience_kind == RegionAudience.ALL
    register(event, region=food_valley)
    register(event, region=arnhem)
    assert event.registrations.count() == 2


def test_form_offers_only_the_allowed_regions_and_the_page_says_who_may_register(client, for_arnhem, arnhem):
    html = client.get(for_arnhem.url).content.decode().replace("&#x27;", "'")
    assert "Alleen voor mensen uit de regio's: Arnhem" in html
    assert _region_options(html) == ["Arnhem"]


def test_open_event_page_says_all_regions_and_offers_all_42(client, event):
    html = client.get(event.url).content.decode().replace("&#x27;", "'")
    assert "Open voor alle jeugdzorgregio's" in html
    assert len(_region_options(html)) == Organisation.objects.regions().count() > 1


def test_posting_another_region_to_a_selected_event_is_refused_in_dutch(client, for_arnhem, food_valley):
    response = client.post(for_arnhem.url, _form_data(food_valley), REMOTE_ADDR="10.1.0.1")
    assert response.status_code == 400
    assert "alleen voor de regio" in response.content.decode()
    assert not for_arnhem.registrations.exists()


def test_index_filter_by_region_follows_the_audience_choice(client, event_index, for_arnhem, food_valley, arnhem):
    open_event = EventPageFactory(title="Atelier voor iedereen")
    html = client.get(event_index.url, {"regio": food_valley.slug}).content.decode()
    assert open_event.title in html and for_arnhem.title not in html
    html = client.get(event_index.url, {"regio": arnhem.slug}).content.decode()
    assert open_event.title in html and for_arnhem.title in html


def _admin_form(event, *, regions=(), **fields):
    from django.utils.datastructures import MultiValueDict
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    form_class = type(event).get_edit_handler().get_form_class()
    data = {
        "title": event.title,
        "slug": event.slug,
        "kind": event.kind,
        "start": timezone.localtime(event.start).strftime("%Y-%m-%d %H:%M"),
        "end": timezone.localtime(event.end).strftime("%Y-%m-%d %H:%M"),
        **{name: streamfield([]) for name in ("body", "programme", "materials", "produced_items")},
        "waiting_list_mode": "automatic",
        "offer_hours": "24",
        "questions": inline_formset([]),
        **fields,
    }
    posted = MultiValueDict({key: [value] for key, value in nested_form_data(data).items()})
    posted.setlist("audience_regions", [str(region.pk) for region in regions])
    return form_class(posted, instance=event, for_user=None)


def test_admin_refuses_only_chosen_regions_without_a_region(event, arnhem):
    form = _admin_form(event, audience_kind="selected")
    assert not form.is_valid()
    assert "Kies minstens één regio" in str(form.errors["audience_regions"])

    form = _admin_form(event, audience_kind="selected", regions=[arnhem])
    assert form.is_valid(), form.errors
    assert _admin_form(event, audience_kind="all").is_valid()


# --- input the database would refuse ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "a" * 250 + "@voorbeeld.example"}, "email", "Dit e-mailadres is te lang"),
        ({"name": "N" * 121}, "name", "Uw naam is te lang: gebruik hoogstens 120 tekens."),
        ({"organisation_name": "O" * 201}, "organisation_name", "De naam van de organisatie is te lang"),
        ({"needs": "x" * 1001}, "needs", "Uw wensen zijn te lang"),
        ({"name": "   "}, "name", "Vul uw naam in."),
        ({"name": "Anouk\x00"}, "name", "ongeldig teken"),
        ({"email": "geen-adres"}, "email", "Vul een geldig e-mailadres in."),
    ],
)
def test_service_refuses_what_the_database_would_refuse(event, food_valley, overrides, field, message):
    with pytest.raises(RegistrationError) as excinfo:
        services.register(event=event, **_fields(food_valley, **overrides))
    assert excinfo.value.field == field
    assert message in str(excinfo.value.message)
    assert not Registration.objects.filter(event=event).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "a" * 250 + "@voorbeeld.example"}, "Dit e-mailadres is te lang"),
        ({"name": "N" * 121}, "Uw naam is te lang"),
        ({"organisation_name": "O" * 201}, "De naam van de organisatie is te lang"),
    ],
)
def test_form_reports_over_long_input_in_dutch_next_to_the_field(client, event, food_valley, overrides, message):
    response = client.post(event.url, _form_data(food_valley, **overrides), REMOTE_ADDR="10.1.0.2")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not event.registrations.exists()


# --- a form sent after registration closed ----------------------------------------------------------------------


def test_post_to_a_past_event_says_so_and_stores_nothing(client, event_index, food_valley):
    start = timezone.now() - datetime.timedelta(days=2)
    past = EventPageFactory(start=start, end=start + datetime.timedelta(hours=3))

    response = client.post(past.url, _form_data(food_valley), REMOTE_ADDR="10.1.0.3")

    assert response.status_code == 400
    assert "Deze bijeenkomst is al geweest; inschrijven kan niet meer." in response.content.decode()
    assert not past.registrations.exists()


def test_post_after_closing_time_says_so_even_with_an_incomplete_form(client, event_index, food_valley):
    closed = EventPageFactory(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))

    response = client.post(closed.url, _form_data(food_valley, name=""), REMOTE_ADDR="10.1.0.4")

    html = response.content.decode()
    assert response.status_code == 400
    assert "De inschrijving voor deze bijeenkomst is gesloten." in html
    assert "id_name_error" not in html  # no field errors for a form that cannot be sent anyway
    assert not closed.registrations.exists()
