import datetime

import pytest
from django.test import Client
from wagtail.models import WorkflowPage

from knowledge.models import CaseEvaluationPage, EvaluationIndexPage, SecondEditorApprovalTask
from tests.factories.accounts import editor, provider_member
from tests.factories.knowledge import evaluation_page, practice_page

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_demo_assigns_the_second_editor_workflow_to_case_evaluations(demo_site):
    index = EvaluationIndexPage.objects.get()
    workflow = WorkflowPage.objects.get(page=index).workflow
    assert workflow.name == "Casusevaluatie: tweede redacteur"
    task = workflow.tasks.get().specific
    assert isinstance(task, SecondEditorApprovalTask)
    assert [g.name for g in task.groups.all()] == ["Redacteuren"]


def test_editor_cannot_publish_a_case_evaluation_directly(demo_site, editor_client):
    page = CaseEvaluationPage.objects.get(slug="ondertoezichtstelling-in-vier-weken")
    html = editor_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert 'name="action-publish"' not in html and 'name="action-submit"' in html
    response = editor_client.post(f"/admin/pages/{page.pk}/edit/", {"action-publish": "1", "title": "Gewijzigd"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title != "Gewijzigd"


def test_the_submitter_cannot_approve_but_a_second_editor_can(demo_site):
    first, second = editor(), editor()
    page = evaluation_page(live=False, title="Ter beoordeling")
    workflow = page.get_workflow()
    workflow.start(page, first)
    page.refresh_from_db()
    task = page.current_workflow_task.specific
    assert "approve" not in [name for name, *_ in task.get_actions(page, first)]
    assert "approve" in [name for name, *_ in task.get_actions(page, second)]
    assert not task.get_task_states_user_can_moderate(first).exists()
    assert task.get_task_states_user_can_moderate(second).exists()
    page.current_workflow_task_state.approve(user=second)
    page.refresh_from_db()
    assert page.live


def _draftail(text):
    return (
        '{"blocks":[{"key":"k","text":"' + text + '","type":"unstyled","depth":0,'
        '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
    )


def _evaluation_form(**changes):
    data = {
        "title": "Casus zonder gegevens",
        "slug": "casus-zonder-gegevens",
        "date": "2020-11-01",
        "situation": _draftail("Een gezin liep vast."),
        "approach": _draftail("Eén plan van aanpak."),
        "outcome": _draftail("Hulp binnen vier weken."),
        "time_to_result_value": "4",
        "time_to_result_unit": "weken",
        "norm_value": "8",
        "norm_unit": "maanden",
        "consent_basis": "geanonimiseerd",
        "review_date": "2027-01-01",
        "anonymisation_confirmed": "on",
        "body-count": "0",
        "participants-TOTAL_FORMS": "1",
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "0",
        "participants-MAX_NUM_FORMS": "1000",
        "participants-0-role": "Medewerker sociaal team",
        "participants-0-ORDER": "1",
        "participants-0-id": "",
        "participants-0-DELETE": "",
        "action-submit": "1",
    }
    data.update(changes)
    return data


def test_editor_submits_a_case_evaluation_to_the_second_editor(demo_site, editor_client):
    index = EvaluationIndexPage.objects.get()
    response = editor_client.post(f"/admin/pages/add/knowledge/caseevaluationpage/{index.pk}/", _evaluation_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CaseEvaluationPage.objects.get(slug="casus-zonder-gegevens")
    assert not page.live
    assert page.current_workflow_state is not None
    assert page.current_workflow_task.name == "Goedkeuring door een tweede redacteur"
    assert [p.role for p in page.get_latest_revision_as_object().participants.all()] == ["Medewerker sociaal team"]


def test_admin_form_shows_personal_data_on_the_field(demo_site, editor_client):
    index = EvaluationIndexPage.objects.get()
    response = editor_client.get(f"/admin/pages/add/knowledge/caseevaluationpage/{index.pk}/")
    assert response.status_code == 200
    data = {
        "title": "Casus met gegevens",
        "slug": "casus-met-gegevens",
        "date": "2020-11-01",
        "situation": '{"blocks":[{"key":"a","text":"Mail naar vader@example.nl","type":"unstyled","depth":0,'
        '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
        "approach": '{"blocks":[{"key":"b","text":"Plan","type":"unstyled","depth":0,"inlineStyleRanges":[],'
        '"entityRanges":[]}],"entityMap":{}}',
        "outcome": '{"blocks":[{"key":"c","text":"Hulp","type":"unstyled","depth":0,"inlineStyleRanges":[],'
        '"entityRanges":[]}],"entityMap":{}}',
        "time_to_result_unit": "weken",
        "norm_unit": "maanden",
        "consent_basis": "geanonimiseerd",
        "review_date": "2027-01-01",
        "body-count": "0",
        "participants-TOTAL_FORMS": "0",
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "0",
        "participants-MAX_NUM_FORMS": "1000",
        "action-submit": "1",
    }
    response = editor_client.post(f"/admin/pages/add/knowledge/caseevaluationpage/{index.pk}/", data)
    html = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert "vader@example.nl" in html and "persoonsgegevens (e-mailadres)" in html
    assert "Bevestig dat de casus geanonimiseerd is" in html
    assert not CaseEvaluationPage.objects.filter(slug="casus-met-gegevens").exists()


def test_reports_list_overdue_evaluations_and_practices(demo_site, editor_client):
    overdue = practice_page(title="Verouderd voorbeeld", evidence_reassess_on=datetime.date(2020, 1, 1))
    html = editor_client.get("/admin/rapporten/goede-voorbeelden-herbeoordelen/").content.decode()
    assert overdue.title in html
    html = editor_client.get("/admin/rapporten/casusevaluaties-herzien/").content.decode()
    assert "Terug naar huis met ambulante hulp" in html  # demo review date 2025-09-01 has passed
    assert "Ondertoezichtstelling in vier weken" not in html  # reviewed by 2027
    dashboard = editor_client.get("/admin/").content.decode()
    assert "Kennis: te herzien" in dashboard and "casusevaluatie voorbij de herzieningsdatum" in dashboard


def test_reports_are_for_editors_only(demo_site):
    client = logged_in(provider_member())
    response = client.get("/admin/rapporten/casusevaluaties-herzien/")
    assert response.status_code in (302, 403)


def test_project_editor_has_nested_kpi_and_measurement_panels(demo_site, editor_client):
    from knowledge.models import ProjectPage

    page = ProjectPage.objects.get(slug="van-18-min-naar-18-plus")
    html = editor_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Kritieke prestatie-indicatoren" in html and "Metingen" in html
    assert "Dit doen we door" in html and "Ons Verhaal" in html
    assert 'name="action-publish"' in html  # projects are published directly, unlike case evaluations
