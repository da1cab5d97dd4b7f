"""Reads with visibility rules for knowledge pages; every channel (pages, feeds, API, admin reports) uses these."""

import datetime

from django.db.models import Prefetch

from home.request_scope import public

RELATED_LIMIT = 4


def visible(queryset):
    """What an anonymous visitor may see: published and not behind a view restriction (read once per request)."""
    return public(queryset.live())


def latest_practices():
    from .models import BestPracticePage

    return visible(BestPracticePage.objects.all()).order_by("-first_published_at")


# --- Projects ---------------------------------------------------------------------------------------------------


def project_filter_options(projects) -> dict:
    """The index filters' options as (pk, slug, label) rows: every action line (labelled as ``ActionLine.__str__``
    labels them) and the regions that have one of these projects."""
    from accounts.models import Organisation

    from .taxonomy import ActionLine

    lines = [
        (pk, slug, f"{number}. {name}")
        for pk, slug, number, name in ActionLine.objects.values_list("pk", "slug", "number", "name")
    ]
    regions = Organisation.objects.regions().filter(projects__in=projects).distinct().order_by("name")
    return {"action_lines": lines, "regions": list(regions.values_list("pk", "slug", "name"))}


def filter_projects(projects, *, action_line=None, status="", region=None):
    """The projects of one action line, status and region; a criterion left empty does not filter."""
    if action_line:
        projects = projects.filter(action_lines=action_line)
    if status:
        projects = projects.filter(status=status)
    if region:
        projects = projects.filter(region=region)
    return projects


def with_headline_kpi(projects):
    """Projects with region, action lines and their headline KPI(s) with measurements: a fixed number of queries."""
    from .models import Kpi

    headline = Kpi.objects.filter(is_headline=True).prefetch_related("measurements")
    return (
        projects.select_related("region")
        .prefetch_related("action_lines", Prefetch("kpis", queryset=headline, to_attr="headline_kpis"))
        .order_by("region__name", "number", "title")
    )


# --- Related content: explicit relations first, then the same main theme ---------------------------------------


def _fill(explicit, by_theme, *, limit=RELATED_LIMIT):
    items = list(explicit[:limit])
    seen = {item.pk for item in items}
    if len(items) < limit:
        for item in by_theme[: limit + len(seen)]:
            if item.pk not in seen:
                items.append(item)
                seen.add(item.pk)
            if len(items) >= limit:
                break
    return items


def _events_for(page):
    # `events` is the reverse of EventPage.related_projects / related_practices (the events app, one floor up).
    return list(visible(page.events.all()).distinct()[:RELATED_LIMIT])


def related_for_project(page):
    from .models import BestPracticePage, CaseEvaluationPage, ProjectPage

    theme_ids = list(page.main_themes.values_list("pk", flat=True))
    others = visible(ProjectPage.objects.exclude(pk=page.pk))
    explicit = others.filter(pk__in=list(page.related_projects.values_list("pk", flat=True))) | others.filter(
        related_projects=page
    )
    practices = visible(BestPracticePage.objects.all())
    return {
        "projects": _fill(
            explicit.distinct().order_by("title"),
            others.filter(main_themes__in=theme_ids).distinct().order_by("title"),
        ),
        "practices": _fill(
            practices.filter(related_projects=page).order_by("-date"),
            practices.filter(main_theme__in=theme_ids).order_by("-date"),
        ),
        "evaluations": list(
            visible(CaseEvaluationPage.objects.filter(related_projects=page)).order_by("-date")[:RELATED_LIMIT]
        ),
        "events": _events_for(page),
    }


def related_for_evaluation(page):
    from .models import BestPracticePage, CaseEvaluationPage, ProjectPage

    theme_ids = list(page.main_themes.values_list("pk", flat=True))
    practices = visible(BestPracticePage.objects.all())
    others = visible(CaseEvaluationPage.objects.exclude(pk=page.pk))
    return {
        "projects": list(
            visible(ProjectPage.objects.filter(pk__in=list(page.related_projects.values_list("pk", flat=True))))[
                :RELATED_LIMIT
            ]
        ),
        "practices": _fill(
            practices.filter(related_evaluations=page).order_by("-date"),
            practices.filter(main_theme__in=theme_ids).order_by("-date"),
        ),
        "evaluations": list(others.filter(main_themes__in=theme_ids).distinct().order_by("-date")[:RELATED_LIMIT]),
        "events": [],
    }


def related_for_practice(page):
    from .models import BestPracticePage, CaseEvaluationPage, ProjectPage

    practices = visible(BestPracticePage.objects.exclude(pk=page.pk)).select_related("region")
    return {
        "projects": list(
            visible(ProjectPage.objects.filter(pk__in=list(page.related_projects.values_list("pk", flat=True))))[
                :RELATED_LIMIT
            ]
        ),
        "evaluations": list(
            visible(
                CaseEvaluationPage.objects.filter(pk__in=list(page.related_evaluations.values_list("pk", flat=True)))
            )[:RELATED_LIMIT]
        ),
        "practices": list(practices.filter(main_theme_id=page.main_theme_id).order_by("-date")[:RELATED_LIMIT]),
        "events": _events_for(page),
    }


# --- Editors' reminders -----------------------------------------------------------------------------------------


def evaluations_past_review(*, today=None):
    """Case evaluations whose review date has passed: re-check them or unpublish them."""
    from .models import CaseEvaluationPage

    today = today or datetime.date.today()
    return CaseEvaluationPage.objects.filter(review_date__lt=today).order_by("review_date")


def practices_past_reassessment(*, today=None):
    """Best practices whose evidence level is due for re-assessment."""
    from .models import BestPracticePage

    today = today or datetime.date.today()
    return (
        BestPracticePage.objects.filter(evidence_reassess_on__lt=today)
        .select_related("region", "evidence_level")
        .order_by("evidence_reassess_on")
    )
