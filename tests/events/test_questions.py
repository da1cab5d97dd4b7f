"""An event's own questions (text, choice, yes/no; required or not): on the form, checked on the server in Dutch,
in the exports, in the own-data download and purged with the rest."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.utils import timezone

from events import services
from events.services import RegistrationError
from tests.factories.accounts import editor
from tests.factories.events import question, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions(event):
    return {
        "lunch": question(
            event, "Welke lunch wilt u?", kind="choice", choices=["Vegetarisch", "Vis", "Geen"], required=True
        ),
        "foto": question(event, "Mogen we u fotograferen?", kind="yes_no", required=True),
        "vraag": question(event, "Welke vraag neemt u mee?", help_text="Die bespreken we in de middag."),
    }


def _form_data(region, questions, **overrides):
    data = {
        "name": "Anouk de Vries",
        "email": "anouk@voorbeeld.example",
        "organisation_name": "Gemeente Ede",
        "region": str(region.pk),
        "role": "policy",
        "consent": "on",
        "website": "",
        f"question_{questions['lunch'].pk}": "Vis",
        f"question_{questions['foto'].pk}": "nee",
        f"question_{questions['vraag'].pk}": "Hoe houden we =HYPERLINK() buiten de export?",
    }
    data.update(overrides)
    return data


def test_the_form_shows_the_questions_and_stores_the_answers(client, event, questions, food_valley):
    html = client.get(event.url).content.decode()
    for label in ("Welke lunch wilt u?", "Mogen we u fotograferen?", "Welke vraag neemt u mee?", "Vegetarisch"):
        assert label in html
    assert html.index("Welke lunch wilt u?") < html.index("Ik geef toestemming")
    assert "Die bespreken we in de middag." in html

    response = client.post(event.url, _form_data(food_valley, questions), REMOTE_ADDR="10.7.0.1")

    assert response.status_code == 302
    (registration,) = event.registrations.all()
    assert registration.answers == {
        str(questions["lunch"].pk): "Vis",
        str(questions["foto"].pk): "nee",
        str(questions["vraag"].pk): "Hoe houden we =HYPERLINK() buiten de export?",
    }


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("lunch", "", "Beantwoord de vraag \u201cWelke lunch wilt u?\u201d."),
        ("lunch", "Kreeft", "Kies een van de mogelijkheden bij \u201cWelke lunch wilt u?\u201d."),
        ("foto", "misschien", "Kies een van de mogelijkheden bij \u201cMogen we u fotograferen?\u201d."),
        ("foto", "", "Beantwoord de vraag \u201cMogen we u fotograferen?\u201d."),
        ("vraag", "x" * 1001, "Uw antwoord op \u201cWelke vraag neemt u mee?\u201d is te lang: gebruik hoogstens 1000"),
    ],
)
def test_the_form_refuses_bad_answers_in_dutch_next_to_the_question(
    client, event, questions, food_valley, key, value, message
):
    data = _form_data(food_valley, questions, **{f"question_{questions[key].pk}": value})
    response = client.post(event.url, data, REMOTE_ADDR="10.7.0.2")
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert f'id="id_question_{questions[key].pk}_error"' in html
    assert not event.registrations.exists()


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("lunch", "", "required"),
        ("lunch", "Kreeft", "invalid_choice"),
        ("vraag", "y" * 1001, "too_long"),
        ("vraag", "a\x00", "invalid"),
    ],
)
def test_the_service_refuses_what_the_form_would_refuse(event, questions, key, value, code):
    answers = {str(questions["lunch"].pk): "Vis", str(questions["foto"].pk): "ja", str(questions[key].pk): value}
    with pytest.raises(RegistrationError) as excinfo:
        register(event, answers=answers)
    assert excinfo.value.code == code and excinfo.value.field == f"question_{questions[key].pk}"
    assert not event.registrations.exists()


def test_an_optional_question_may_stay_empty(event, questions):
    registration = register(event, answers={str(questions["lunch"].pk): "Geen", str(questions["foto"].pk): "ja"})
    assert registration.answers == {str(questions["lunch"].pk): "Geen", str(questions["foto"].pk): "ja"}


def _answers(questions):
    return {
        str(questions["lunch"].pk): "Vegetarisch",
        str(questions["foto"].pk): "ja",
        str(questions["vraag"].pk): "=1+1",
    }


def test_answers_are_in_the_csv_and_xlsx_exports(client, event, questions):
    register(event, name="Femke Foodvalley", answers=_answers(questions))
    client.force_login(editor())

    content = client.get(f"/admin/kennisateliers/{event.pk}/export.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][-3:] == ["Welke lunch wilt u?", "Mogen we u fotograferen?", "Welke vraag neemt u mee?"]
    assert rows[1][0] == "Femke Foodvalley"
    assert rows[1][-3:] == ["Vegetarisch", "ja", "'=1+1"]  # the one export helper neutralises formulas

    response = client.get(f"/admin/kennisateliers/{event.pk}/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][-3:] == ["Welke lunch wilt u?", "Mogen we u fotograferen?", "Welke vraag neemt u mee?"]
    assert values[1][-3:] == ["Vegetarisch", "ja", "=1+1"]
    assert sheet.cell(row=2, column=len(values[0])).data_type == "s"


def test_answers_are_in_the_own_data_download_of_the_verified_address(client, event, questions):
    from accounts.models import EmailVerification
    from tests.factories.accounts import provider_member

    register(event, email="femke@voorbeeld.example", answers=_answers(questions), notify=False)
    user = provider_member(username="femke@voorbeeld.example", email="femke@voorbeeld.example")
    EmailVerification.objects.create(user=user, email=user.email, verified_at=timezone.now())
    client.force_login(user)

    (entry,) = json.loads(client.get("/account/mijn-gegevens.json").content)["kennisateliers"]

    assert entry["antwoorden"] == [
        {"vraag": "Welke lunch wilt u?", "antwoord": "Vegetarisch"},
        {"vraag": "Mogen we u fotograferen?", "antwoord": "ja"},
        {"vraag": "Welke vraag neemt u mee?", "antwoord": "=1+1"},
    ]


def test_purge_removes_the_answers_with_the_rest(event_index, food_valley):
    from django.core.management import call_command

    from events.models import Registration, RegistrationStatus
    from tests.factories.events import EventPageFactory

    start = timezone.now() - datetime.timedelta(days=500)
    old = EventPageFactory(start=start, end=start + datetime.timedelta(hours=3))
    lunch = question(old, "Welke lunch wilt u?")
    registration = Registration.objects.create(
        event=old,
        name="Oud",
        email="oud@voorbeeld.example",
        organisation_name="Gemeente Ede",
        region=food_valley,
        role="policy",
        status=RegistrationStatus.ATTENDED,
        answers={str(lunch.pk): "Vis"},
    )

    call_command("purge_personal_data", stdout=io.StringIO())

    registration.refresh_from_db()
    assert registration.anonymised and registration.answers == {}


def test_editors_add_questions_in_the_event_editor(client, event):
    client.force_login(editor())
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert "Vragen op het inschrijfformulier" in html


def test_a_choice_question_needs_two_choices(event):
    from django.core.exceptions import ValidationError

    from events.models import EventQuestion

    with pytest.raises(ValidationError) as excinfo:
        EventQuestion(event=event, label="Welke?", kind="choice", choices="Alleen deze").full_clean()
    assert "Geef minstens twee keuzes" in str(excinfo.value)


def test_answer_rows_follow_the_form_order(event, questions):
    registration = register(event, answers=_answers(questions))
    assert [q for q, _a in services.answer_rows(event, registration)] == [
        "Welke lunch wilt u?",
        "Mogen we u fotograferen?",
        "Welke vraag neemt u mee?",
    ]
