"""Taxonomy (reference data of seed 004) and the knowledge section of the demo site."""

from django.db import transaction

from home.demo import ensure_child_page, ensure_home_page

from . import reference_data as data
from .models import (
    ActionLine,
    EvaluationIndexPage,
    EvidenceLevel,
    MainTheme,
    OnsVerhaalPrinciple,
    Phase,
    PracticeIndexPage,
    PracticeKind,
    ProjectIndexPage,
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


@transaction.atomic
def load(*, stdout):
    load_taxonomy()
    home = ensure_home_page()
    ensure_child_page(
        home,
        ProjectIndexPage,
        slug="projecten",
        title="Transformatieprojecten",
        summary="De projecten waarmee de regio de jeugdhulp vernieuwt, met hun ambities en resultaten.",
    )
    ensure_child_page(
        home,
        EvaluationIndexPage,
        slug="casusevaluaties",
        title="Casusevaluaties",
        summary="Geanonimiseerde casussen en wat we ervan leren.",
    )
    ensure_child_page(
        home,
        PracticeIndexPage,
        slug="goede-voorbeelden",
        title="Goede voorbeelden",
        summary="Pilots en werkwijzen uit de 42 jeugdzorgregio's, te filteren op actielijn, thema, regio en fase.",
    )
    stdout.write(
        f"  taxonomie: {ActionLine.objects.count()} actielijnen, {MainTheme.objects.count()} hoofdthema's, "
        f"{SubTheme.objects.count()} subthema's"
    )
