"""Against a real Elasticsearch: run with ELASTICSEARCH_URL=http://127.0.0.1:9200 (see README)."""

import os
import re

import pytest
from django.http import QueryDict

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="ELASTICSEARCH_URL is not set"),
]


@pytest.fixture
def es_index(practices, settings):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_INDEX_PREFIX = "kp_test"
    from search import elastic

    elastic.rebuild()
    return elastic


def run(finder_page, query):
    from search.finder import parse_finder_query, run_finder

    return run_finder(parse_finder_query(QueryDict(query)), index_page=finder_page)


def test_same_results_and_counts_as_the_database(es_index, finder_page, taxonomy):
    from search.finder import DatabaseFinderBackend, parse_finder_query

    region = taxonomy["regions"][0].slug
    for query in ("", f"regio={region}", "q=pleeggezinnen", f"q=jongeren&regio={region}"):
        es = run(finder_page, query)
        db = DatabaseFinderBackend().search(parse_finder_query(QueryDict(query)), index_page=finder_page)
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


def test_completion(es_index):
    assert any(s["label"] == "Meer pleeggezinnen werven" for s in es_index.completion_suggestions("meer pl"))
