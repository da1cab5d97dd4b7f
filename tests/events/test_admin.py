import csv
import io

import openpyxl
import pytest

from accounts.models import Organisation
from events.models import RegistrationStatus
from tests.factories.accounts import OrganisationFactory, editor, provider_member, region_staff
from tests.factories.events import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrations(event, arnhem):
    """Two from Food Valley, one from Arnhem (full event with capacity 3) and one Arnhem waiting."""
    return {
        "fv1": register(event, region="food-valley", name="Femke Foodvalley", notify=False),
        "fv2": register(event, region="food-valley", name="Gijs Foodvalley", notify=False),
        "ar1": register(event, region=arnhem, name="Anna Arnhem", notify=False),
        "ar2": register(event, region=arnhem, name="Arjen Arnhem", notify=False),
    }


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _urls(event):
    base = f"/admin/kennisateliers/{event.pk}/"
    return [base, base + "export.csv", base + "export.xlsx"]


def test_anonymous_is_sent_to_the_login(client, event, registrations):
    for url in _urls(event) + ["/admin/kennisateliers/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_provider_members_see_nothing(client, event, registrations):
    client.force_login(provider_member(OrganisationFactory()))
    for url in _urls(event) + ["/admin/kennisateliers/"]:
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"Foodvalley" not in response.content and b"Arnhem" not in response.content


def test_region_staff_see_only_their_own_region_everywhere(client, event, registrations):
    client.force_login(region_staff())  # Food Valley
    html = client.get(f"/admin/kennisateliers/{event.pk}/").content.decode()
    assert "Femke Foodvalley" in html and "Gijs Foodvalley" in html
    assert "Anna Arnhem" not in html and "Arjen Arnhem" not in html
    assert "Exporteer CSV" in html and "E-mail alle bevestigde" not in html

    rows = _csv_rows(client.get(f"/admin/kennisateliers/{event.pk}/export.csv"))
    assert sorted(row[0] for row in rows[1:]) == ["Femke Foodvalley", "Gijs Foodvalley"]

    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"/admin/kennisateliers/{event.pk}/export.xlsx").content))
    names = [row[0] for row in sheet.active.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["Femke Foodvalley", "Gijs Foodvalley"]


def test_region_staff_of_another_region_see_none_of_these(client, event, registrations):
    client.force_login(region_staff(Organisation.objects.get(slug="achterhoek")))
    html = client.get(f"/admin/kennisateliers/{event.pk}/").content.decode()
    assert "Foodvalley" not in html and "Arnhem" not in html and "Geen inschrijvingen" in html
    rows = _csv_rows(client.get(f"/admin/kennisateliers/{event.pk}/export.csv"))
    assert len(rows) == 1  # header only


def test_region_staff_cannot_mark_attendance_or_send_messages(client, event, registrations, mailoutbox):
    client.force_login(region_staff())
    fv1 = registrations["fv1"]
    client.post(f"/admin/kennisateliers/{event.pk}/aanwezig/{fv1.pk}/", {"attended": "1"})
    client.post(f"/admin/kennisateliers/{event.pk}/bericht/", {"subject": "Hoi", "body": "Tekst"})
    fv1.refresh_from_db()
    assert fv1.status == RegistrationStatus.CONFIRMED
    assert mailoutbox == []


def test_editor_sees_all_with_counts_and_exports_everything(client, event, registrations):
    client.force_login(editor())
    html = client.get(f"/admin/kennisateliers/{event.pk}/").content.decode()
    for name in ("Femke Foodvalley", "Gijs Foodvalley", "Anna Arnhem", "Arjen Arnhem"):
        assert name in html
    assert "Bevestigd: 3" in html and "Wachtlijst: 1" in html

    rows = _csv_rows(client.get(f"/admin/kennisateliers/{event.pk}/export.csv"))
    assert rows[0][:4] == ["Naam", "E-mailadres", "Organisatie", "Regio"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Arjen Arnhem"][3] == "Arnhem"
    assert by_name["Arjen Arnhem"][6] == "Wachtlijst" and by_name["Arjen Arnhem"][7] == "1"
    assert by_name["Femke Foodvalley"][6] == "Bevestigd"

    waiting_only = client.get(f"/admin/kennisateliers/{event.pk}/?status=waiting").content.decode()
    assert "Arjen Arnhem" in waiting_only and "Femke Foodvalley" not in waiting_only


def test_editor_marks_attendance_at_the_door(client, event, registrations):
    client.force_login(editor())
    fv1 = registrations["fv1"]
    response = client.post(f"/admin/kennisateliers/{event.pk}/aanwezig/{fv1.pk}/", {"attended": "1"})
    assert response.status_code == 302
    fv1.refresh_from_db()
    assert fv1.status == RegistrationStatus.ATTENDED
    html = client.get(f"/admin/kennisateliers/{event.pk}/").content.decode()
    assert "Aanwezig: 1" in html
    from wagtail.models import PageLogEntry

    entry = PageLogEntry.objects.get(page=event, action="events.attendance")
    assert entry.data == {"registration": fv1.pk, "attended": True}


def test_editor_emails_all_confirmed_registrants(client, event, registrations, mailoutbox):
    client.force_login(editor())
    assert client.get(f"/admin/kennisateliers/{event.pk}/bericht/").status_code == 200
    response = client.post(
        f"/admin/kennisateliers/{event.pk}/bericht/", {"subject": "Route en parkeren", "body": "Parkeer bij P1."}
    )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == sorted(registrations[k].email for k in ("fv1", "fv2", "ar1"))


def test_event_list_and_page_button_for_viewers(client, event, registrations):
    client.force_login(editor())
    html = client.get("/admin/kennisateliers/").content.decode()
    assert event.title in html
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert f"/admin/kennisateliers/{event.pk}/" in html
