import codecs
import csv
import datetime
import io

import openpyxl
import pytest

from knowledge.advisory import services
from knowledge.advisory.models import OutcomeKind, Position, ResponseState, Visibility
from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.advisory import ReplyFactory, ResponseFactory, make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(demo_site, staff, editor_user):
    proposal = make_proposal(questions=("Eerste vraag?", "Tweede vraag?"))
    q1, q2 = proposal.questions.all()
    a = OrganisationFactory(name="Aanbieder Alfa")
    b = OrganisationFactory(name="Aanbieder Beta")
    silent = OrganisationFactory(name="Aanbieder Stil")
    first = ResponseFactory(
        proposal=proposal, question=q2, organisation=a, position=Position.CONCERNS, body_markdown="=1+1 bezwaar"
    )
    ResponseFactory(
        proposal=proposal,
        question=q1,
        organisation=b,
        position=Position.SUPPORTS,
        visibility=Visibility.REGION_ONLY,
        body_markdown="Alleen voor de regio",
    )
    ResponseFactory(proposal=proposal, question=q1, organisation=b, state=ResponseState.WITHDRAWN, body_markdown="Weg")
    ReplyFactory(response=first, author=provider_member(b), organisation=b, body_markdown="Eens met Alfa")
    ReplyFactory(response=first, author=staff, body_markdown="Regio-antwoord", is_official=True)
    services.outcome_record(response=first, user=staff, outcome=OutcomeKind.NOT_ADOPTED, reason="Past niet")
    return proposal, silent


def _csv_rows(client, proposal):
    content = client.get(proposal.url + "export-csv/").content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content), delimiter=";"))


def test_csv_grouped_by_question_with_replies_official_answers_and_outcome(client, filled, editor_user):
    proposal, _silent = filled
    client.force_login(editor_user)
    rows = _csv_rows(client, proposal)
    assert [r["Vraag"] for r in rows] == ["Eerste vraag?", "Tweede vraag?"]
    first, second = rows
    assert (first["Organisatie"], first["Standpunt"], first["Zichtbaarheid"]) == (
        "Aanbieder Beta",
        "Steunt het voorstel",
        "Alleen voor de regio",
    )
    assert second["Tekst"] == "'=1+1 bezwaar"  # formula neutralised with the OWASP prefix
    assert "Eens met Alfa" in second["Antwoorden"] and "Regio-antwoord" not in second["Antwoorden"]
    assert "Regio-antwoord" in second["Officiële antwoorden"]
    assert (second["Uitkomst"], second["Toelichting uitkomst"]) == ("Niet overgenomen", "Past niet")
    assert all(r["Tekst"] != "Weg" for r in rows)  # withdrawn responses are not exported


def test_xlsx_has_the_same_rows(client, filled, editor_user):
    proposal, _silent = filled
    client.force_login(editor_user)
    response = client.get(proposal.url + "export-xlsx/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "no-store" in response["Cache-Control"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.iter_rows())
    assert [c.value for c in header[:4]] == ["Vraag", "Organisatie", "Auteur", "Standpunt"]
    assert [row[1].value for row in rows] == ["Aanbieder Beta", "Aanbieder Alfa"]
    text = rows[1][7]
    assert (text.value, text.data_type) == ("=1+1 bezwaar", "s")  # shown verbatim, never run as a formula
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert isinstance(rows[0][6].value, datetime.datetime)  # "Geplaatst op" is a real date


def test_csv_opens_in_dutch_excel_and_is_not_stored(client, filled, editor_user):
    proposal, _silent = filled
    client.force_login(editor_user)
    response = client.get(proposal.url + "export-csv/")
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(codecs.BOM_UTF8)
    assert response.content.decode("utf-8-sig").splitlines()[0].startswith('"Vraag";"Organisatie";')


def test_print_report_is_not_stored(client, filled, editor_user):
    proposal, _silent = filled
    client.force_login(editor_user)
    assert "no-store" in client.get(proposal.url + "verslag-print/")["Cache-Control"]


def test_print_report_counts_positions_and_lists_non_responders(client, filled, editor_user):
    proposal, _silent = filled
    client.force_login(editor_user)
    html = client.get(proposal.url + "verslag-print/").content.decode()
    assert "2 reacties van 2 organisaties" in html
    assert '<td class="utrecht-table__cell">Heeft bezwaren</td><td class="utrecht-table__cell">1</td>' in html
    assert '<td class="utrecht-table__cell">Neutraal</td><td class="utrecht-table__cell">0</td>' in html
    assert "Aanbieder Stil" in html.split("zonder reactie")[-1]
    assert "Officieel antwoord:" in html


def test_admin_view_lists_non_responding_organisations(client, filled, editor_user, staff):
    proposal, _silent = filled
    client.force_login(staff)
    assert client.get(f"/admin/adviestafel/{proposal.pk}/").status_code in (302, 403)
    client.force_login(editor_user)
    html = client.get(f"/admin/adviestafel/{proposal.pk}/").content.decode()
    non_responding = html.split('class="advisory-non-responding"')[1].split("</ul>")[0]
    assert "Aanbieder Stil" in non_responding and "Aanbieder Alfa" not in non_responding
    assert "=1+1 bezwaar" in html  # versions are shown to editors
