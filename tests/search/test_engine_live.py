"""Against the real search engine that CI starts (make opensearch): OPENSEARCH_URL or ELASTICSEARCH_URL.

Without one these tests skip with the reason; with KP_REQUIRE_SERVICES=1 (CI) they fail instead. Every assertion
reads what the engine answered, or what its index holds: no request body is checked here.
"""

import re

import pytest
from django.http import QueryDict

from search.backends import DatabaseBackend, EngineBackend, get_backend
from search.contract import SiteQuery, parse_finder_query
from search.site_search import site_search
from tests.search.relevance_set import JUDGEMENTS, misses

from .conftest import run

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


def test_same_results_and_counts_as_the_database(es_index, finder_page, taxonomy):
    assert isinstance(get_backend(), EngineBackend)  # the one answer to "who answers?" with an engine configured
    region = taxonomy["regions"][0].slug
    for query in ("", f"regio={region}", "q=pleeggezinnen", f"q=jongeren&regio={region}"):
        es = run(finder_page, query)
        db = DatabaseBackend().finder(parse_finder_query(QueryDict(query)), index_page=finder_page)
        assert es.backend == "elasticsearch" and not es.notice
        assert {p.pk for p in es.items} == {p.pk for p in db.items}, query
        assert [(f.param, [(o.slug, o.count) for o in f.options]) for f in es.facets] == [
            (f.param, [(o.slug, o.count) for o in f.options]) for f in db.facets
        ], query


def test_dutch_stemming_synonyms_and_highlight(es_index, finder_page):
    result = run(finder_page, "q=pleeggezin")
    assert [p.title for p in result.items] == ["Meer pleeggezinnen werven"]
    assert re.search(r"<mark>pleeggezinnen</mark>", result.highlights[result.items[0].pk])
    assert [p.title for p in run(finder_page, "q=ondertoezichtstelling").items] == ["Snelle ondertoezichtstelling"]
    assert "Coördinatie met de GGZ" in [p.title for p in run(finder_page, "q=geestelijke gezondheidszorg").items]


def test_finder_page_shows_the_engine_answer(client, es_index, finder_page, practices):
    response = client.get(finder_page.url, {"q": "pleeggezin"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "tijdelijk niet bereikbaar" not in html
    assert "Meer pleeggezinnen werven" in html and "<mark>pleeggezinnen</mark>" in html


def test_completion(es_index, practices, site_index):
    """Titles come from the finder's completion field and from Wagtail's site index: both are built here."""
    page = practices[0]
    suggestions = EngineBackend().complete("meer pl", limit=8)
    assert {"label": page.title, "url": page.url, "type": "page"} in suggestions


def test_site_search_has_the_same_top_result_as_the_database(client, site_index):
    on_engine = site_search("pleegzorg")
    on_database = DatabaseBackend().site(SiteQuery("pleegzorg"))
    assert on_engine.backend == "elasticsearch" and on_engine.notice == ""
    assert on_engine.items and on_database.items
    assert on_engine.items[0].page.pk == on_database.items[0].page.pk
    assert {t.slug for t in on_engine.types} <= {t.slug for t in on_database.types}

    response = client.get("/zoeken/", {"q": "pleegzorg"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "tijdelijk niet bereikbaar" not in html  # the engine-down notice is absent when the engine is up
    assert on_database.items[0].page.title in html


def test_judged_pages_are_in_the_top_five_on_the_engine(site_index):
    failures = {}
    for judgement in JUDGEMENTS:
        missing, shown = misses(judgement)
        if missing:
            failures[f"{judgement.language}:{judgement.query}"] = (missing, shown)
    assert not failures
