import io

import pytest
from django.core.exceptions import ValidationError

from home import privacy
from tests.factories.knowledge import evaluation_page, practice_page


@pytest.mark.parametrize(
    "text, kind, fragment",
    [
        ("Het BSN van de jongere is 111222333.", privacy.BSN, "111222333"),
        ("BSN 1234.56.782 stond in het dossier.", privacy.BSN, "1234.56.782"),
        ("Mail naar moeder.jansen@example.nl voor info.", privacy.EMAIL, "moeder.jansen@example.nl"),
        ("Bel vader op 06-12345678.", privacy.PHONE, "06-12345678"),
        ("Het team is bereikbaar via 0318 123 456.", privacy.PHONE, "0318 123 456"),
        ("Bel +31 6 1234 5678 na vijf uur.", privacy.PHONE, "+31 6 1234 5678"),
        ("De jongen (geboren op 12 maart 2009) woont thuis.", privacy.BIRTH_DATE, "12 maart 2009"),
        ("Geboortedatum: 03-04-2010.", privacy.BIRTH_DATE, "03-04-2010"),
        ("Het gezin woont op 6711 AB 12 in Ede.", privacy.ADDRESS, "6711 AB 12"),
        ("Adres: Stationsweg 12, 6711 AB Ede.", privacy.ADDRESS, "Stationsweg 12, 6711 AB"),
    ],
)
def test_each_pattern_of_personal_data_is_found(text, kind, fragment):
    findings = privacy.find_personal_data(text)
    assert privacy.Finding(kind, fragment) in findings


@pytest.mark.parametrize(
    "text, kind, fragment",
    [
        ("BSN 123456782.", privacy.BSN, "123456782"),
        ("BSN 1234.56.782.", privacy.BSN, "1234.56.782"),
        ("BSN 123 456 782 in het dossier.", privacy.BSN, "123 456 782"),
        ("BSN 12-34-56-782.", privacy.BSN, "12-34-56-782"),
        ("geboren 12-03-2011", privacy.BIRTH_DATE, "12-03-2011"),
        ("geb. 12/3/11", privacy.BIRTH_DATE, "12/3/11"),
        ("Geboortedatum 2011-03-12", privacy.BIRTH_DATE, "2011-03-12"),
        ("Hij is geboren op 12 maart 2011.", privacy.BIRTH_DATE, "12 maart 2011"),
        ("geboren 12 mrt. 2011", privacy.BIRTH_DATE, "12 mrt. 2011"),
        ("geboren 12-3-2011 in Ede", privacy.BIRTH_DATE, "12-3-2011"),
        ("DOB: 1.3.2009", privacy.BIRTH_DATE, "1.3.2009"),
        ("Leeftijd: 14 (12-03-2011)", privacy.BIRTH_DATE, "12-03-2011"),
        ("De jongen (12-03-2011) woont thuis.", privacy.BIRTH_DATE, "12-03-2011"),
        ("Moeder, 3 mei 1985, werkt.", privacy.BIRTH_DATE, "3 mei 1985"),
        ("Woont op 3811 AB 12.", privacy.ADDRESS, "3811 AB 12"),
        ("Woont op 3811ab 12a.", privacy.ADDRESS, "3811ab 12a"),
        ("Adres 3811 AB, 12-II.", privacy.ADDRESS, "3811 AB, 12-II"),
        ("Adres Bergstraat 12A, 3811 AB Amersfoort.", privacy.ADDRESS, "Bergstraat 12A, 3811 AB"),
        ("adres 3811 ab 12", privacy.ADDRESS, "3811 ab 12"),
        ("Bel 06-12345678.", privacy.PHONE, "06-12345678"),
        ("Bel +31 6 1234 5678.", privacy.PHONE, "+31 6 1234 5678"),
        ("Bel 0318-123456.", privacy.PHONE, "0318-123456"),
        ("Mail j.de.vries+jeugd@gemeente-ede.nl.", privacy.EMAIL, "j.de.vries+jeugd@gemeente-ede.nl"),
    ],
)
def test_every_notation_is_found(text, kind, fragment):
    assert privacy.Finding(kind, fragment) in privacy.find_personal_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "Het project loopt van 1 januari 2022 tot 31 december 2024.",
        "Per 1-1-2022 start de pilot; evaluatie op 2023-06-30.",
        "Bijeenkomst 12 mrt. 2024 in Ede.",
        "Van 98 naar 49 jongeren (min 50%), 15% minder, budget € 1.250.000.",
        "Op grond van artikel 2.3 Jeugdwet en artikel 7.3.11 BW.",
        "In de jaren 2021-2024 en 2018 daalde het aantal.",
        "Een doorlooptijd van 6 tot 8 weken, 3 dagen per week, 12 uur.",
        "In 2019 en 12 gemeenten: 380 jeugdigen minder.",
        "Regio 3811 heeft 12 gemeenten.",
        "Dossiernummer 123.456.789 is gesloten.",
        "De jongeren kregen vanaf 1 maart 2022 begeleiding.",
        "Kosten 2018: 3.400.000; 2020: 2.200.000.",
        "goed-voorbeeld-154-616382",  # a generated slug: not a BSN grouping
        "Het jeugdbudget is € 154.616.382 en 154.616.382 euro.",  # passes the 11-proef, but an amount
    ],
)
def test_ordinary_project_text_passes(text):
    assert privacy.find_personal_data(text) == []


def test_nine_digits_failing_the_eleven_test_are_not_a_bsn():
    assert not privacy.passes_eleven_test("123456789")
    assert privacy.find_personal_data("Dossiernummer 123456789 is gesloten.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Van 98 jongeren in oktober 2018 naar 57 in oktober 2020.",
        "Op 28 augustus 2018 zijn de voorstellen besproken.",
        "Tussen 2018 en 2020 daalden de kosten van 3,4 naar 2,2 miljoen.",
        "In 2019 en 12 gemeenten: 380 jeugdigen minder.",
        "Team Jeugdlink behandelde 22 casussen, drie dagen per week.",
    ],
)
def test_ordinary_report_text_passes(text):
    assert privacy.find_personal_data(text) == []


def test_patterns_cannot_hide_behind_html():
    found = privacy.find_personal_data("<p>Bel <strong>06-12345678</strong></p>")
    assert [f.kind for f in found] == [privacy.PHONE]


def test_the_message_names_the_field_and_the_fragment():
    errors = privacy.check_fields([("situation", "de situatie", "Bel 06-12345678.")])
    (message,) = errors["situation"]
    assert "de situatie" in message and "06-12345678" in message and "telefoonnummer" in message


@pytest.mark.django_db
def test_publishing_a_case_evaluation_with_personal_data_is_blocked(demo_site):
    with pytest.raises(ValidationError) as error:
        evaluation_page(outcome="<p>Moeder is bereikbaar op moeder@example.nl.</p>")
    assert "outcome" in error.value.message_dict
    assert "moeder@example.nl" in error.value.message_dict["outcome"][0]


@pytest.mark.django_db
def test_personal_data_in_the_streamfield_body_is_found(demo_site):
    with pytest.raises(ValidationError) as error:
        evaluation_page(body=[("paragraph", "<p>BSN 111222333</p>")])
    assert "body" in error.value.message_dict


@pytest.mark.django_db
def test_a_participant_must_be_a_role_not_contact_details(demo_site):
    from knowledge.models import CaseParticipant

    with pytest.raises(ValidationError) as error:
        evaluation_page(participants=[CaseParticipant(role="Vader, 06-12345678")])
    assert "participants" in error.value.message_dict


@pytest.mark.django_db
def test_publishing_requires_confirmed_anonymisation(demo_site):
    with pytest.raises(ValidationError) as error:
        evaluation_page(anonymisation_confirmed=False)
    assert "anonymisation_confirmed" in error.value.message_dict
    # A draft may be saved before the check is done.
    draft = evaluation_page(anonymisation_confirmed=False, live=False)
    assert not draft.live


@pytest.mark.django_db
def test_best_practices_are_guarded_too(demo_site):
    with pytest.raises(ValidationError) as error:
        practice_page(contact_role="Jan, jan@example.nl")
    assert "contact_role" in error.value.message_dict


# Every field reaches the guard: inline children, promote tab, documents, every page type; in code, on import and
# in the admin.


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value",
    [
        ("seo_title", "Casus van de jongen, geboren 12/3/11"),
        ("search_description", "Bel moeder op 0318-123456"),
        ("slug", "casus-12-34-56-782"),
        ("norm_description", "Adres 3811ab 12a"),
    ],
)
def test_promote_tab_and_all_text_fields_of_a_case_evaluation_are_guarded(demo_site, field, value):
    with pytest.raises(ValidationError) as error:
        evaluation_page(**{field: value})
    assert field in error.value.message_dict


@pytest.mark.django_db
def test_every_text_field_of_a_best_practice_is_guarded(demo_site):
    with pytest.raises(ValidationError) as error:
        practice_page(evidence_assessed_by="Gezinscoach, 06-12345678")
    assert "evidence_assessed_by" in error.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, relation",
    [
        ({"summary": "Voor het meisje (geb. 2011-03-12)."}, "summary"),
        ({"project_leader": "Jan, jan.jansen@example.nl"}, "project_leader"),
        ({"seo_title": "Project van vader, BSN 123 456 782"}, "seo_title"),
        ({"ambitions": "Bel 06-12345678"}, "ambitions"),
        ({"work_lines": "Bergstraat 12A, 3811 AB"}, "work_lines"),
        ({"kpis": "Mail naar kpi.eigenaar@example.nl"}, "kpis"),
    ],
)
def test_project_pages_and_their_inline_children_are_guarded_in_code(demo_site, fields, relation):
    from knowledge.models import ProjectAmbition, ProjectWorkLine
    from tests.factories.knowledge import kpi, project_page

    if relation == "ambitions":
        fields = {"ambitions": [ProjectAmbition(text=fields["ambitions"])]}
    elif relation == "work_lines":
        fields = {"work_lines": [ProjectWorkLine(title="Thuis", description=fields["work_lines"])]}
    elif relation == "kpis":
        fields = {"kpis": [kpi(name=fields["kpis"])]}
    with pytest.raises(ValidationError) as error:
        project_page(**fields)
    assert relation in error.value.message_dict


@pytest.mark.django_db
def test_publishing_in_code_is_refused(demo_site):
    page = practice_page()
    page.summary = "Voor de jongen, geboren 12 mrt. 2011."
    with pytest.raises(ValidationError):
        page.save_revision().publish()
    page.refresh_from_db()
    assert "2011" not in page.summary


@pytest.mark.django_db
def test_document_titles_in_the_body_are_guarded(demo_site):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="Verslag BSN 1234.56.782", file=ContentFile(b"%PDF-1.4", name="verslag.pdf")
    )
    with pytest.raises(ValidationError) as error:
        practice_page(body=[("document", {"document": document, "title": ""})])
    assert "body" in error.value.message_dict
    assert "1234.56.782" in error.value.message_dict["body"][0]


@pytest.mark.django_db
def test_import_markdown_runs_the_guard_on_every_field(demo_site, tmp_path):
    from django.core.management import CommandError, call_command

    from tests.knowledge.test_importer import PRACTICE

    text = PRACTICE.replace(
        "beoordeeld_door: Programmabureau FoodValley", "beoordeeld_door: Gezinscoach, tel. 0318-123456"
    )
    assert text != PRACTICE
    path = tmp_path / "voorbeeld.md"
    path.write_text(text, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_markdown", str(path), stdout=io.StringIO(), stderr=err)
    assert "telefoonnummer" in err.getvalue() and "0318-123456" in err.getvalue()


@pytest.mark.django_db
def test_the_admin_edit_view_refuses_personal_data_in_the_promote_tab(demo_site, editor_client):
    from knowledge.models import CaseEvaluationPage
    from tests.knowledge.test_admin import _evaluation_form

    page = evaluation_page(live=False, anonymisation_confirmed=False)
    data = _evaluation_form()
    data.update(
        {
            "title": page.title,
            "slug": page.slug,
            "search_description": "Moeder is te bereiken op +31 6 1234 5678",
        }
    )
    response = editor_client.post(f"/admin/pages/{page.pk}/edit/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "persoonsgegevens (telefoonnummer)" in html and "+31 6 1234 5678" in html
    page = CaseEvaluationPage.objects.get(pk=page.pk)
    assert "1234 5678" not in (page.get_latest_revision_as_object().search_description or "")


@pytest.mark.django_db
def test_the_admin_shows_findings_in_inline_children_instead_of_crashing(demo_site, editor_client):
    from knowledge.models import CaseEvaluationPage, EvaluationIndexPage
    from tests.knowledge.test_admin import _evaluation_form

    index = EvaluationIndexPage.objects.get()
    data = _evaluation_form(**{"participants-0-role": "Vader, vader@example.nl"})
    response = editor_client.post(f"/admin/pages/add/knowledge/caseevaluationpage/{index.pk}/", data)
    assert response.status_code == 200
    assert "vader@example.nl" in response.content.decode()
    assert not CaseEvaluationPage.objects.filter(slug=data["slug"]).exists()


# The designated contact of a best practice is allowed and shown: "bel de andere regio".


@pytest.mark.django_db
def test_the_designated_contact_is_not_blocked_and_is_shown(demo_site, client):
    page = practice_page(
        contact_role="Projectleider Afbouw verblijf",
        contact_phone="0318-123456",
        contact_email="jeugd@regiofoodvalley.nl",
    )
    page.full_clean()  # the guard does not block the contact fields
    html = client.get(page.url).content.decode()
    assert "Bel de andere regio" in html
    assert 'href="tel:0318123456"' in html and "0318-123456" in html
    assert 'href="mailto:jeugd@regiofoodvalley.nl"' in html
    assert "Projectleider Afbouw verblijf" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, field",
    [
        ({"contact_phone": "06-12345678"}, "contact_phone"),
        ({"contact_phone": "+31 6 1234 5678"}, "contact_phone"),
        ({"contact_email": "j.jansen@regiofoodvalley.nl"}, "contact_email"),
        ({"summary": "Mail jeugd@regiofoodvalley.nl of bel 0318-123456."}, "summary"),
    ],
)
def test_only_the_contact_fields_may_hold_an_office_number_and_a_functional_mailbox(demo_site, fields, field):
    with pytest.raises(ValidationError) as error:
        practice_page(**fields)
    assert field in error.value.message_dict


@pytest.mark.django_db
def test_import_markdown_takes_the_designated_contact(demo_site, tmp_path):
    from django.core.management import call_command

    from knowledge.models import BestPracticePage
    from tests.knowledge.test_importer import PRACTICE

    text = PRACTICE.replace(
        "contact_rol: Projectleider Afbouw verblijf",
        "contact_rol: Projectleider Afbouw verblijf\ncontact_telefoon: 0318-123456\ncontact_email: info@foodvalley.nl",
    )
    path = tmp_path / "voorbeeld.md"
    path.write_text(text, encoding="utf-8")
    call_command("import_markdown", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    page = BestPracticePage.objects.get(slug="buurtgezinnen-foodvalley").get_latest_revision_as_object()
    assert (page.contact_phone, page.contact_email) == ("0318-123456", "info@foodvalley.nl")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model_name",
    [
        "ProjectPage",
        "CaseEvaluationPage",
        "BestPracticePage",
        "ProjectIndexPage",
        "EvaluationIndexPage",
        "PracticeIndexPage",
    ],
)
def test_every_text_field_of_every_knowledge_page_type_reaches_the_guard(model_name):
    """Also a field added later: each text field (except choices and the designated contact) is checked."""
    from django.db import models
    from wagtail.fields import StreamField

    from knowledge import models as knowledge_models

    model = getattr(knowledge_models, model_name)
    fields = [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | StreamField)
        and not f.choices
        and f.name not in ("path", "url_path", "draft_title", *model.privacy_exempt_fields)
    ]
    assert {"title", "slug", "seo_title", "search_description", "summary"} <= {f.name for f in fields}
    for field in fields:
        value = [("paragraph", "<p>Bel 06-12345678</p>")] if isinstance(field, StreamField) else "Bel 06-12345678"
        page = model(**{field.name: value})
        assert field.name in page.privacy_errors(), field.name
