"""The search tests' data (a finder page, a taxonomy, six practices) and the live engine's fixtures and helpers
(test_engine_live.py, test_engine_index_changes.py and the other engine tests)."""

import time
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.http import QueryDict

from search import elastic, engine
from search.contract import parse_finder_query
from search.finder import run_finder
from tests.factories.search import make_finder_page, make_practice, term
from tests.services import service_missing


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


@pytest.fixture(autouse=True)
def database_search(request):
    """Tests marked database_search state the database backend's answers (the engine's are in test_engine_live.py):
    the backend is pinned whatever the run configures. CI's engine phase leaves them out (-m "not database_search"),
    as they ran on the same database in the phase before."""
    if request.node.get_closest_marker("database_search"):
        settings = request.getfixturevalue("settings")
        settings.OPENSEARCH_URL = ""
        settings.ELASTICSEARCH_URL = ""


# --- The live engine (OPENSEARCH_URL or ELASTICSEARCH_URL; make opensearch) -----------------------------------------


@pytest.fixture
def live_engine(settings):
    config = engine.configured()
    if config is None:
        service_missing("no search engine configured: set OPENSEARCH_URL (make opensearch) or ELASTICSEARCH_URL")
    try:
        info = engine.transport().info()
    except Exception as exc:  # noqa: BLE001
        service_missing(f"the search engine at {config.url} does not answer: {exc}")
    assert info["version"]["number"]
    return engine.transport()


@pytest.fixture
def es_index(live_engine, practices):
    elastic.rebuild()
    return elastic


@pytest.fixture
def site_index(live_engine, demo_site):
    """Wagtail's engine index rebuilt from this test's database, so no other test's pages linger in it."""
    call_command("update_index", backend_name="default", verbosity=0, stdout=StringIO())
    return live_engine


def wait_for(condition, *, seconds=5.0):
    """The engine makes writes searchable within its refresh interval (1 s): poll, do not sleep blindly."""
    deadline = time.monotonic() + seconds
    while True:
        if condition():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)


def run(finder_page, query):
    return run_finder(parse_finder_query(QueryDict(query)), index_page=finder_page)


def hits_in_every_index(transport, word):
    """Documents anywhere in this run's indices (site search and finder) that contain `word`."""
    body = {"query": {"query_string": {"query": word}}, "size": 10}
    return transport.search(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}_*", body=body)["hits"]["hits"]
