"""Taxonomy (reference data of seed 004) and the knowledge section of the demo site."""

import datetime
from decimal import Decimal

from django.db import transaction

from home.demo import ensure_child_page, ensure_home_page

from . import demo_data
from . import reference_data as data
from .models import (
    ActionLine,
    BestPracticePage,
    CaseEvaluationPage,
    CaseParticipant,
    EvaluationIndexPage,
    EvidenceLevel,
    Kpi,
    MainTheme,
    Measurement,
    OnsVerhaalPrinciple,
    Phase,
    PracticeIndexPage,
    PracticeKind,
    ProjectAmbition,
    ProjectIndexPage,
    ProjectPage,
    ProjectWorkLine,
    SubTheme,
)


def load_taxonomy():
    for line in data.ACTION_LINES:
        action_line, _ = ActionLine.objects.update_or_create(
            slug=line["slug"],
            defaults={"name": line["name"], "number": line["number"], "description": line.get("description", "")},
        )
        for theme_order, theme_data in enumerate(line["themes"]):
            theme, _ = MainTheme.objects.update_or_create(
                slug=theme_data["slug"],
                defaults={"name": theme_data["name"], "action_line": action_line, "sort_order": theme_order},
            )
            for sub_order, sub in enumerate(theme_data["subthemes"]):
                SubTheme.objects.update_or_create(
                    slug=sub["slug"], defaults={"name": sub["name"], "theme": theme, "sort_order": sub_order}
                )
    for model, items in (
        (Phase, data.PHASES),
        (PracticeKind, data.PRACTICE_KINDS),
        (EvidenceLevel, data.EVIDENCE_LEVELS),
        (OnsVerhaalPrinciple, data.ONS_VERHAAL_PRINCIPLES),
    ):
        for order, item in enumerate(items):
            model.objects.update_or_create(
                slug=item["slug"],
                defaults={"name": item["name"], "description": item.get("description", ""), "sort_order": order},
            )


def _orgs(slugs):
    from accounts.models import Organisation

    found = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def _municipalities(names):
    return _orgs([f"gemeente-{name}" for name in names])


def _by_slug(model, slugs):
    found = {o.slug: o for o in model.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs]


def ensure_partners():
    from accounts.models import Organisation

    food_valley = Organisation.objects.get(slug="food-valley")
    for slug, name, kind in demo_data.PARTNERS:
        Organisation.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "kind": kind, "region": food_valley if kind == "provider" else None},
        )


def _kpi(spec):
    return Kpi(
        name=spec["name"],
        unit=spec["unit"],
        direction=spec["direction"],
        baseline_value=Decimal(str(spec["baseline"][0])),
        baseline_date=spec["baseline"][1],
        target_value=Decimal(str(spec["target"][0])),
        target_date=spec["target"][1],
        target_note=spec.get("target_note", ""),
        is_headline=spec.get("headline", False),
        measurements=[
            Measurement(date=m[0], value=Decimal(str(m[1])), note=m[2] if len(m) > 2 else "")
            for m in spec["measurements"]
        ],
    )


def load_projects(index):
    from accounts.models import Organisation

    food_valley = Organisation.objects.get(slug="food-valley")
    pages = {}
    for spec in demo_data.FOODVALLEY_PROJECTS:
        pages[spec["slug"]] = ensure_child_page(
            index,
            ProjectPage,
            slug=spec["slug"],
            title=spec["title"],
            number=spec["number"],
            summary=spec["summary"],
            status=spec["status"],
            status_note=spec.get("status_note", ""),
            region=food_valley,
            municipalities=_municipalities(spec.get("municipalities", demo_data.FOODVALLEY_MUNICIPALITIES)),
            action_lines=_by_slug(ActionLine, spec["action_lines"]),
            main_themes=_by_slug(MainTheme, spec["themes"]),
            principles=_by_slug(OnsVerhaalPrinciple, spec["principles"]),
            partners=_orgs(spec["partners"]),
            ambitions=[ProjectAmbition(label=label, text=text) for label, text in spec["ambitions"]],
            work_lines=[
                ProjectWorkLine(label=label, title=title, description=description)
                for label, title, description in spec["work_lines"]
            ],
            kpis=[_kpi(k) for k in spec["kpis"]],
            results=spec.get("results", ""),
            notable_points=spec.get("notable_points", ""),
            works_well=spec.get("works_well", ""),
            attention_points=spec.get("attention_points", ""),
            next_year_goals=spec.get("next_year_goals", ""),
            risks=spec.get("risks", ""),
            **demo_data.FOODVALLEY_ROLES,
        )
    alkmaar = Organisation.objects.get(slug="alkmaar-noord-kennemerland")
    alkmaar_municipalities = _orgs(
        list(Organisation.objects.filter(region=alkmaar, kind="municipality").values_list("slug", flat=True))
    )
    for slug, number, title, summary, lines in demo_data.ALKMAAR_PROJECTS:
        pages[slug] = ensure_child_page(
            index,
            ProjectPage,
            slug=f"alkmaar-{slug}",
            title=title,
            number=number,
            summary=summary,
            status="afgerond",
            status_note="Transformatieagenda regio Alkmaar 2016–2018",
            region=alkmaar,
            municipalities=alkmaar_municipalities,
            action_lines=_by_slug(ActionLine, lines),
            ambitions=[ProjectAmbition(text=summary)],
            project_leader="Projectleider namens de gemeenten in de regio Alkmaar",
        )
    return pages


def _practice_date(number):
    return datetime.date(2018, 12, 1) + datetime.timedelta(days=7 * number)


def load_practices(index, projects, evaluations):
    """The pilots of the 42 regions (reference data) and FoodValley's own practices; the number loaded."""
    from accounts.models import Organisation

    terms = {
        "regions": {o.slug: o for o in Organisation.objects.regions()},
        "themes": {t.slug: t for t in MainTheme.objects.select_related("action_line")},
        "phases": {p.slug: p for p in Phase.objects.all()},
        "kinds": {k.slug: k for k in PracticeKind.objects.all()},
        "levels": {e.slug: e for e in EvidenceLevel.objects.all()},
    }
    return _load_pilots(index, **terms) + _load_foodvalley_practices(index, projects, evaluations, **terms)


def _load_pilots(index, *, regions, themes, phases, kinds, levels):
    from django.utils.text import slugify

    count = 0
    for number, pilot in enumerate(data.PILOTS):
        summary = demo_data.PILOT_SUMMARIES.get(pilot["title"])
        if summary is None:
            continue
        theme = themes[pilot["theme"]]
        level_slug = demo_data.EVIDENCE_CYCLE[number % len(demo_data.EVIDENCE_CYCLE)]
        region = regions[pilot["regions"][0]]
        other_regions = [regions[slug].name for slug in pilot["regions"][1:]]
        body = [("paragraph", f"<p>{summary}</p>")]
        if other_regions:
            body.append(("paragraph", "<p>Ook in: " + ", ".join(other_regions) + ".</p>"))
        ensure_child_page(
            index,
            BestPracticePage,
            slug=slugify(pilot["title"])[:80],
            title=pilot["title"],
            summary=summary,
            date=_practice_date(number),
            region=region,
            action_line=theme.action_line,
            main_theme=theme,
            subthemes=list(theme.subthemes.all()[:1]),
            phase=phases[demo_data.PHASE_CYCLE[number % len(demo_data.PHASE_CYCLE)]],
            kind=kinds[pilot["kind"]],
            evidence_level=levels.get(level_slug),
            evidence_assessed_by="Programmabureau, met het Nederlands Jeugdinstituut" if level_slug else "",
            # Every seventh practice is overdue for re-assessment, so editors see the reminder in the admin.
            evidence_reassess_on=(datetime.date(2025, 6, 1) if number % 7 == 3 else datetime.date(2027, 6, 1))
            if level_slug
            else None,
            contact_organisation=region,
            contact_role="Beleidsadviseur jeugd van de regio",
            body=body,
        )
        count += 1
    return count


def _load_foodvalley_practices(index, projects, evaluations, *, regions, themes, phases, kinds, levels):
    food_valley = regions["food-valley"]
    count = 0
    for number, spec in enumerate(demo_data.FOODVALLEY_PRACTICES):
        theme = themes[spec["theme"]]
        ensure_child_page(
            index,
            BestPracticePage,
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            date=datetime.date(2020, 10, 1) + datetime.timedelta(days=number),
            region=food_valley,
            action_line=theme.action_line,
            main_theme=theme,
            subthemes=_by_slug(SubTheme, spec["subthemes"]),
            phase=phases[spec["phase"]],
            kind=kinds[spec["kind"]],
            evidence_level=levels[spec["evidence"]],
            evidence_assessed_by="Programmabureau FoodValley",
            evidence_reassess_on=datetime.date(2027, 3, 1),
            contact_organisation=food_valley,
            contact_role="Projectleider van het transformatieprogramma",
            related_projects=[projects[spec["project"]]],
            related_evaluations=[evaluations[spec["evaluation"]]] if spec.get("evaluation") else [],
            body=[("paragraph", f"<p>{spec['summary']}</p>")],
        )
        count += 1
    return count


def load_evaluations(index, projects):
    pages = {}
    for spec in demo_data.CASE_EVALUATIONS:
        time_value, time_unit = spec["time"]
        norm_value, norm_unit = spec["norm"] or (None, "maanden")
        pages[spec["slug"]] = ensure_child_page(
            index,
            CaseEvaluationPage,
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            date=spec["date"],
            related_projects=[projects[spec["project"]]],
            main_themes=_by_slug(MainTheme, spec["themes"]),
            situation=spec["situation"],
            approach=spec["approach"],
            outcome=spec["outcome"],
            lessons_worked=spec["lessons_worked"],
            lessons_to_change=spec["lessons_to_change"],
            time_to_result_value=time_value,
            time_to_result_unit=time_unit,
            norm_value=norm_value,
            norm_unit=norm_unit,
            norm_description=spec["norm_description"],
            participants=[
                CaseParticipant(role=role, organisation=(_orgs([org])[0] if org else None))
                for role, org in spec["participants"]
            ],
            consent_basis=spec["consent"],
            consent_note=spec["consent_note"],
            review_date=spec["review_date"],
            anonymisation_confirmed=True,
        )
    return pages


def ensure_case_evaluation_workflow(index):
    """Workflow "Casusevaluatie: tweede redacteur": a second editor approves every case evaluation (idempotent)."""
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow, WorkflowPage, WorkflowTask

    from accounts import groups

    from .models import SecondEditorApprovalTask

    editors, _ = Group.objects.get_or_create(name=groups.EDITORS)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = SecondEditorApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = SecondEditorApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(editors)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=index.page_ptr, defaults={"workflow": workflow})
    return workflow


WORKFLOW_NAME = "Casusevaluatie: tweede redacteur"
TASK_NAME = "Goedkeuring door een tweede redacteur"


@transaction.atomic
def load(*, stdout):
    load_taxonomy()
    ensure_partners()
    home = ensure_home_page()
    project_index = ensure_child_page(
        home,
        ProjectIndexPage,
        slug="projecten",
        title="Transformatieprojecten",
        summary="De projecten waarmee de regio de jeugdhulp vernieuwt, met hun ambities en resultaten.",
    )
    evaluation_index = ensure_child_page(
        home,
        EvaluationIndexPage,
        slug="casusevaluaties",
        title="Casusevaluaties",
        summary="Geanonimiseerde casussen en wat we ervan leren.",
    )
    practice_index = ensure_child_page(
        home,
        PracticeIndexPage,
        slug="goede-voorbeelden",
        title="Goede voorbeelden",
        summary="Pilots en werkwijzen uit de 42 jeugdzorgregio's, te filteren op actielijn, thema, regio en fase.",
    )
    projects = load_projects(project_index)
    evaluations = load_evaluations(evaluation_index, projects)
    practices = load_practices(practice_index, projects, evaluations)
    ensure_case_evaluation_workflow(evaluation_index)
    stdout.write(
        f"  taxonomie: {ActionLine.objects.count()} actielijnen, {MainTheme.objects.count()} hoofdthema's, "
        f"{SubTheme.objects.count()} subthema's"
    )
    stdout.write(
        f"  kennis: {len(projects)} projecten, {len(evaluations)} casusevaluaties, {practices} goede voorbeelden"
    )
