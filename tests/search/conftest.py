import pytest

from tests.factories.search import make_finder_page, make_practice, term


@pytest.fixture
def finder_page(demo_site):
    return make_finder_page()


@pytest.fixture
def taxonomy(demo_site):
    """A few fixed terms to place practices in (from the demo taxonomy)."""
    from accounts.models import Organisation
    from knowledge.models import ActionLine, EvidenceLevel, MainTheme, Phase, PracticeKind, SubTheme

    lines = list(ActionLine.objects.order_by("number")[:2])
    themes = [MainTheme.objects.filter(action_line=line).order_by("pk").first() for line in lines]
    return {
        "regions": list(Organisation.objects.regions().order_by("name")[:3]),
        "lines": lines,
        "themes": themes,
        "subthemes": [SubTheme.objects.filter(theme=t).order_by("pk").first() for t in themes],
        "phases": list(Phase.objects.order_by("sort_order")[:2]),
        "kinds": list(PracticeKind.objects.order_by("sort_order")[:2]),
        "levels": list(EvidenceLevel.objects.order_by("sort_order")[:2]),
    }


@pytest.fixture
def practices(finder_page, taxonomy):
    """Six practices spread over regions, themes and phases, with Dutch text to search in."""
    t = taxonomy
    specs = [
        ("Meer pleeggezinnen werven", "Werving van pleeggezinnen via lokale netwerken.", 0, 0, 0, 0),
        ("Eigen mentor voor jongeren", "Elke jongere kiest een Jouw Ingebrachte Mentor.", 0, 1, 1, 0),
        ("Coördinatie met de GGZ", "Betere coördinatie tussen wijkteam en geestelijke gezondheidszorg.", 1, 0, 0, 1),
        ("Thuis wonen na je 18e", "Jongvolwassenen houden hulp tijdens de overgang 18-/18+.", 1, 1, 1, 1),
        ("Snelle ondertoezichtstelling", "Een OTS binnen vier weken in plaats van acht maanden.", 2, 0, 1, 0),
        ("Samen met school", "Onderwijs en jeugdhulp in één team op school.", 2, 1, 0, 1),
    ]
    created = []
    for title, summary, region, line, phase, kind in specs:
        created.append(
            make_practice(
                title,
                summary=summary,
                region=t["regions"][region],
                main_theme=t["themes"][line],
                action_line=t["lines"][line],
                subthemes=[t["subthemes"][line]],
                phase=t["phases"][phase],
                kind=t["kinds"][kind],
                evidence_level=t["levels"][kind],
                index=finder_page,
            )
        )
    return created


__all__ = ["term"]


@pytest.fixture
def database_search(settings):
    """Pin the database backend: these tests state its answers; the engine's are in test_engine_live.py."""
    settings.OPENSEARCH_URL = ""
    settings.ELASTICSEARCH_URL = ""
