"""Builders for knowledge pages on top of the demo tree (request the `demo_site` fixture first)."""

import datetime
import itertools
from decimal import Decimal

from accounts.models import Organisation
from knowledge.models import (
    ActionLine,
    BestPracticePage,
    CaseEvaluationPage,
    CaseParticipant,
    EvaluationIndexPage,
    EvidenceLevel,
    Kpi,
    MainTheme,
    Measurement,
    Phase,
    PracticeIndexPage,
    PracticeKind,
    ProjectAmbition,
    ProjectIndexPage,
    ProjectPage,
)

_counter = itertools.count(1)


def _publish(parent, page, *, live=True):
    page.live = live
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
        page.refresh_from_db()
    return page


def kpi(*, name="Jongeren 18+ in jeugdhulp", direction="lower", baseline=98, target=49, headline=True, values=()):
    """An unsaved KPI with measurements: `values` is a list of (date, value[, municipality])."""
    return Kpi(
        name=name,
        unit="jongeren",
        direction=direction,
        baseline_value=Decimal(str(baseline)),
        baseline_date=datetime.date(2018, 10, 1),
        target_value=Decimal(str(target)),
        target_date=datetime.date(2021, 12, 31),
        is_headline=headline,
        measurements=[
            Measurement(date=v[0], value=Decimal(str(v[1])), municipality=v[2] if len(v) > 2 else None) for v in values
        ],
    )


def project_page(*, live=True, region="food-valley", action_line="kwetsbare-kinderen-zelfstandig", **fields):
    n = next(_counter)
    fields.setdefault("title", f"Testproject {n}")
    fields.setdefault("slug", f"testproject-{n}")
    fields.setdefault("status", "uitvoering")
    fields.setdefault("summary", "Een project om te testen.")
    fields.setdefault("ambitions", [ProjectAmbition(text="De verlengde jeugdhulp halveren.")])
    page = ProjectPage(
        region=Organisation.objects.get(slug=region),
        action_lines=[ActionLine.objects.get(slug=action_line)] if action_line else [],
        **fields,
    )
    return _publish(ProjectIndexPage.objects.get(), page, live=live)


def practice_page(*, live=True, region="food-valley", theme="begeleiding-18-min-18-plus", **fields):
    n = next(_counter)
    main_theme = MainTheme.objects.select_related("action_line").get(slug=theme)
    fields.setdefault("title", f"Testvoorbeeld {n}")
    fields.setdefault("slug", f"testvoorbeeld-{n}")
    fields.setdefault("summary", "Een goed voorbeeld om te testen.")
    fields.setdefault("phase", Phase.objects.get(slug="implementatie"))
    fields.setdefault("kind", PracticeKind.objects.get(slug="pilot"))
    fields.setdefault("evidence_level", EvidenceLevel.objects.get(slug="goed-beschreven"))
    page = BestPracticePage(
        region=Organisation.objects.get(slug=region),
        action_line=main_theme.action_line,
        main_theme=main_theme,
        **fields,
    )
    return _publish(PracticeIndexPage.objects.get(), page, live=live)


def evaluation_page(*, live=True, **fields):
    n = next(_counter)
    fields.setdefault("title", f"Testcasus {n}")
    fields.setdefault("slug", f"testcasus-{n}")
    fields.setdefault("situation", "<p>Een gezin liep vast.</p>")
    fields.setdefault("approach", "<p>Eén plan van aanpak.</p>")
    fields.setdefault("outcome", "<p>Hulp binnen vier weken.</p>")
    fields.setdefault("anonymisation_confirmed", True)
    fields.setdefault("participants", [CaseParticipant(role="Medewerker sociaal team")])
    page = CaseEvaluationPage(**fields)
    return _publish(EvaluationIndexPage.objects.get(), page, live=live)
