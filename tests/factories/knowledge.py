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
    EvidenceLevel,
    Kpi,
    MainTheme,
    Measurement,
    Phase,
    PracticeKind,
    ProjectAmbition,
    ProjectPage,
)

from .pages import PublishedPageFactory

_counter = itertools.count(1)


class ProjectPageFactory(PublishedPageFactory):
    class Meta:
        model = ProjectPage


class BestPracticePageFactory(PublishedPageFactory):
    class Meta:
        model = BestPracticePage


class CaseEvaluationPageFactory(PublishedPageFactory):
    class Meta:
        model = CaseEvaluationPage


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
    return ProjectPageFactory(
        live=live,
        region=Organisation.objects.get(slug=region),
        action_lines=[ActionLine.objects.get(slug=action_line)] if action_line else [],
        **fields,
    )


def practice_page(*, live=True, region="food-valley", theme="begeleiding-18-min-18-plus", **fields):
    n = next(_counter)
    main_theme = MainTheme.objects.select_related("action_line").get(slug=theme)
    fields.setdefault("title", f"Testvoorbeeld {n}")
    fields.setdefault("slug", f"testvoorbeeld-{n}")
    fields.setdefault("summary", "Een goed voorbeeld om te testen.")
    fields.setdefault("phase", Phase.objects.get(slug="implementatie"))
    fields.setdefault("kind", PracticeKind.objects.get(slug="pilot"))
    fields.setdefault("evidence_level", EvidenceLevel.objects.get(slug="goed-beschreven"))
    return BestPracticePageFactory(
        live=live,
        region=Organisation.objects.get(slug=region),
        action_line=main_theme.action_line,
        main_theme=main_theme,
        **fields,
    )


def evaluation_page(*, live=True, **fields):
    n = next(_counter)
    fields.setdefault("title", f"Testcasus {n}")
    fields.setdefault("slug", f"testcasus-{n}")
    fields.setdefault("situation", "<p>Een gezin liep vast.</p>")
    fields.setdefault("approach", "<p>Eén plan van aanpak.</p>")
    fields.setdefault("outcome", "<p>Hulp binnen vier weken.</p>")
    fields.setdefault("anonymisation_confirmed", True)
    fields.setdefault("participants", [CaseParticipant(role="Medewerker sociaal team")])
    return CaseEvaluationPageFactory(live=live, **fields)
