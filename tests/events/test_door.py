"""At the door: the printable attendance list and check-in by code (issue 15, organisers' tools)."""

import re

import pytest
from wagtail.models import PageLogEntry

from events import services
from events.models import RegistrationStatus
from tests.concurrency import needs_postgres, run_simultaneously
from tests.factories.accounts import editor, region_staff
from tests.factories.events import EventPageFactory, register

pytestmark = pytest.mark.django_db


def _code_from_mail(message) -> str:
    match = re.search(r"Uw incheckcode voor bij de deur: (\S+)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def people(event, arnhem):
    """Capacity 3: Zoë and Anna confirmed, Bram confirmed, Wim on the waiting list."""
    return {
        "zoe": register(event, name="Zoë Zwart", organisation_name="Gemeente Ede"),
        "anna": register(event, region=arnhem, name="Anna Arnhem", organisation_name="Jeugdteam Arnhem"),
        "bram": register(event, name="Bram Bos", organisation_name="Gemeente Wageningen"),
        "wim": register(event, name="Wim Wachtlijst"),
    }


def test_attendance_sheet_lists_confirmed_by_name_with_signature_column_and_no_store(client, event, people):
    client.force_login(editor())
    response = client.get(f"/admin/kennisateliers/{event.pk}/presentielijst/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert html.index("Anna Arnhem") < html.index("Bram Bos") < html.index("Zoë Zwart")
    assert "Jeugdteam Arnhem" in html and "Arnhem" in html and "Food Valley" in html
    assert "Handtekening" in html and "3 deelnemers" in html
    assert "Wim Wachtlijst" not in html
    assert "w-sidebar" not in html and "<nav" not in html  # a page of its own: no admin navigation
    assert "css/site.css" in html and "style=" not in html


def test_region_staff_get_neither_the_sheet_nor_the_check_in(client, event, people):
    client.force_login(region_staff())
    for url in ("presentielijst/", "inchecken/"):
        response = client.get(f"/admin/kennisateliers/{event.pk}/{url}")
        assert response.status_code in (302, 403)
        assert b"Zwart" not in response.content
    code = services_code(people["zoe"])
    client.post(f"/admin/kennisateliers/{event.pk}/inchecken/", {"code": code})
    people["zoe"].refresh_from_db()
    assert people["zoe"].status == RegistrationStatus.CONFIRMED


def services_code(registration):
    from events.tokens import checkin_code

    return checkin_code(registration)


def test_the_confirmation_mail_carries_the_code_and_the_editor_checks_in_with_it(client, event, people, mailoutbox):
    zoe = people["zoe"]
    (mail,) = [m for m in mailoutbox if m.to == [zoe.email]]
    code = _code_from_mail(mail)
    assert code in mail.alternatives[0][0]
    client.force_login(editor())
    page = client.get(f"/admin/kennisateliers/{event.pk}/inchecken/")
    assert page.status_code == 200 and "Incheckcode" in page.content.decode()

    # a phone keyboard may send lower case and spaces
    response = client.post(f"/admin/kennisateliers/{event.pk}/inchecken/", {"code": f" {code.lower()} "}, follow=True)
    html = response.content.decode()
    assert "Zoë Zwart is ingecheckt." in html and "Aanwezig: 1" in html
    zoe.refresh_from_db()
    assert zoe.status == RegistrationStatus.ATTENDED and zoe.attended_at is not None
    entry = PageLogEntry.objects.get(page=event, action="events.check_in")
    assert entry.data == {"registration": zoe.pk}

    again = client.post(f"/admin/kennisateliers/{event.pk}/inchecken/", {"code": code}, follow=True).content.decode()
    from django.utils import timezone

    at = timezone.localtime(zoe.attended_at).strftime("%H:%M")
    assert f"Zoë Zwart: al ingecheckt om {at}." in again
    assert PageLogEntry.objects.filter(page=event, action="events.check_in").count() == 1
    sheet = client.get(f"/admin/kennisateliers/{event.pk}/presentielijst/").content.decode()
    assert "ingecheckt" in sheet


def test_wrong_other_event_and_waiting_codes_are_refused_in_dutch(client, event, people, event_index):
    other = EventPageFactory()
    stranger = register(other, name="Olga Ander")
    client.force_login(editor())
    url = f"/admin/kennisateliers/{event.pk}/inchecken/"
    zoe_code = services_code(people["zoe"])
    tampered = zoe_code[:-1] + ("A" if zoe_code[-1] != "A" else "B")
    cases = {
        "": "Vul een incheckcode in.",
        "hallo": "Deze code is onbekend",
        tampered: "Deze code is onbekend",
        services_code(stranger): "Deze code hoort bij een andere bijeenkomst.",
        services_code(people["wim"]): "Wim Wachtlijst staat op de wachtlijst en heeft geen plaats.",
    }
    for code, error in cases.items():
        html = client.post(url, {"code": code}, follow=True).content.decode()
        assert error in html, code
    for registration in [stranger, *people.values()]:
        registration.refresh_from_db()
        assert registration.status != RegistrationStatus.ATTENDED
    services.cancel_registration(registration=people["bram"])
    html = client.post(url, {"code": services_code(people["bram"])}, follow=True).content.decode()
    assert "De inschrijving van Bram Bos is geannuleerd." in html


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_editors_checking_in_the_same_person_at_once_give_one_check_in(demo_site):
    event = EventPageFactory(capacity=5)
    person = register(event, name="Dubbel Gescand", notify=False)
    code = services_code(person)
    results, errors = run_simultaneously(2, lambda i: services.check_in(event=event, code=code))
    assert errors == [None, None]
    assert sorted(r.already for r in results) == [False, True]
    assert len({r.registration.attended_at for r in results}) == 1
    assert PageLogEntry.objects.filter(page=event, action="events.check_in").count() == 1
