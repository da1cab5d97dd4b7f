"""Editors cancel a registration and give someone on the waiting list a place, from the admin list (issue 15)."""

import pytest
from wagtail.models import PageLogEntry

from events.models import RegistrationStatus
from tests.factories.accounts import editor, region_staff
from tests.factories.events import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(event, arnhem):
    """Capacity 3, full: two from Food Valley and one from Arnhem confirmed; Wendy (Arnhem) waits."""
    return {
        "fv1": register(event, name="Femke Foodvalley", notify=False),
        "fv2": register(event, name="Gijs Foodvalley", notify=False),
        "ar1": register(event, region=arnhem, name="Anna Arnhem", notify=False),
        "wait": register(event, region=arnhem, name="Wendy Wacht", notify=False),
    }


def _list(client, event):
    return client.get(f"/admin/kennisateliers/{event.pk}/").content.decode()


def test_the_list_has_labelled_buttons_in_a_scroll_container_styled_by_the_project_stylesheet(client, event, people):
    client.force_login(editor())
    html = _list(client, event)
    assert '<div class="kp-table-scroll">' in html and "css/site.css" in html
    assert ">Annuleren</button>" in html and ">Plaats geven</button>" in html and ">Aanwezig</button>" in html
    assert 'style="' not in html.split('<div class="kp-table-scroll">')[1].split("</table>")[0]
    from django.contrib.staticfiles import finders

    with open(finders.find("css/site.css"), encoding="utf-8") as stylesheet:
        css = stylesheet.read()
    assert ".kp-table-scroll { overflow-x: auto;" in css


def test_confirming_from_a_full_event_is_refused_in_dutch(client, event, people, mailoutbox):
    client.force_login(editor())
    response = client.post(f"/admin/kennisateliers/{event.pk}/bevestigen/{people['wait'].pk}/", follow=True)
    assert "De bijeenkomst is vol (3 plaatsen)." in response.content.decode()
    people["wait"].refresh_from_db()
    assert people["wait"].status == RegistrationStatus.WAITING
    assert not PageLogEntry.objects.filter(page=event, action="events.registration_confirmed").exists()


def test_cancelling_frees_the_place_for_the_waiting_list_and_is_logged(client, event, people, mailoutbox):
    client.force_login(editor())
    response = client.post(f"/admin/kennisateliers/{event.pk}/annuleren/{people['fv1'].pk}/", follow=True)
    html = response.content.decode()
    assert "De inschrijving van Femke Foodvalley is geannuleerd." in html
    assert "Wendy Wacht heeft de vrijgekomen plaats gekregen." in html
    assert "Geannuleerd: 1" in html and "Wachtlijst: 0" in html
    for key, status in (("fv1", RegistrationStatus.CANCELLED), ("wait", RegistrationStatus.CONFIRMED)):
        people[key].refresh_from_db()
        assert people[key].status == status
    entry = PageLogEntry.objects.get(page=event, action="events.registration_cancelled")
    assert entry.data == {"registration": people["fv1"].pk, "promoted": [people["wait"].pk]}
    assert entry.user.is_superuser or entry.user.username
    again = client.post(f"/admin/kennisateliers/{event.pk}/annuleren/{people['fv1'].pk}/", follow=True)
    assert "Deze inschrijving is al geannuleerd." in again.content.decode()


def test_confirming_respects_the_per_region_maximum_and_then_gives_the_place(client, event, people, mailoutbox):
    event.capacity = 5
    event.max_per_region = 2
    event.save_revision().publish()  # publishing fills places: Wendy (Arnhem, 1 of 2) gets one at once
    people["wait"].refresh_from_db()
    assert people["wait"].status == RegistrationStatus.CONFIRMED
    third = register(event, name="Fleur Foodvalley", notify=False)  # Food Valley has its 2: waiting list
    assert third.status == RegistrationStatus.WAITING
    client.force_login(editor())
    url = f"/admin/kennisateliers/{event.pk}/bevestigen/{third.pk}/"
    html = client.post(url, follow=True).content.decode()
    assert "De regio Food Valley heeft het maximum van 2 plaatsen bereikt." in html
    third.refresh_from_db()
    assert third.status == RegistrationStatus.WAITING

    event.max_per_region = 3
    event.save()  # no publish: nobody is promoted automatically
    mailoutbox.clear()
    html = client.post(url, follow=True).content.decode()
    assert "Fleur Foodvalley heeft een plaats gekregen." in html
    third.refresh_from_db()
    assert third.status == RegistrationStatus.CONFIRMED and third.waiting_position is None
    (mail,) = [m for m in mailoutbox if m.to == [third.email]]
    assert "plaats voor u vrijgekomen" in mail.subject and "Uw incheckcode voor bij de deur" in mail.body
    assert any(m.subject.startswith("Vol:") for m in mailoutbox)  # 5 of 5: the editors are told once
    assert PageLogEntry.objects.get(page=event, action="events.registration_confirmed").data == {
        "registration": third.pk
    }


def test_region_staff_cannot_cancel_or_confirm(client, event, people):
    client.force_login(region_staff())
    html = _list(client, event)
    assert "Annuleren</button>" not in html
    client.post(f"/admin/kennisateliers/{event.pk}/annuleren/{people['fv1'].pk}/")
    people["fv1"].refresh_from_db()
    assert people["fv1"].status == RegistrationStatus.CONFIRMED


def test_a_checked_in_person_cannot_be_cancelled(client, event, people):
    from events import services

    services.set_attendance(registration=people["ar1"], attended=True)
    client.force_login(editor())
    html = client.post(f"/admin/kennisateliers/{event.pk}/annuleren/{people['ar1'].pk}/", follow=True).content.decode()
    assert "De bijeenkomst is al begonnen of Anna Arnhem is ingecheckt; annuleren kan niet meer." in html
    people["ar1"].refresh_from_db()
    assert people["ar1"].status == RegistrationStatus.ATTENDED
