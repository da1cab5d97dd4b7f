"""The engine's request bodies and mapping as we build them, and the fallback when no engine answers.

What a real engine answers is tested in test_engine_live.py against the node that CI starts.
"""

import logging
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict
from django.test import override_settings

from search.analysis import wagtail_index_settings
from search.backends.engine import completion_search, finder_search, spelling_search
from search.contract import parse_finder_query
from search.elastic import PracticeDocument, build_index, synonym_rules
from tests.factories.search import make_practice

pytestmark = pytest.mark.django_db

# Nothing listens on port 9: the transport fails at once, as with an engine that is down.
UNREACHABLE = {"OPENSEARCH_URL": "", "ELASTICSEARCH_URL": "http://127.0.0.1:9", "ELASTICSEARCH_TIMEOUT": 0.2}


def test_index_has_a_dutch_analyser_with_the_editors_synonyms(demo_site):
    definition = build_index().to_dict()
    analysis = definition["settings"]["analysis"]
    assert analysis["analyzer"]["dutch_index"]["filter"] == [
        "lowercase",
        "asciifolding",
        "dutch_compounds",
        "dutch_stop",
        "dutch_stemmer",
    ]
    assert analysis["analyzer"]["dutch_search"]["filter"] == [
        "lowercase",
        "asciifolding",
        "kp_synonyms",
        "dutch_stop",
        "dutch_stemmer",
    ]
    assert analysis["filter"]["dutch_stemmer"] == {"type": "stemmer", "language": "dutch_kp"}
    assert analysis["filter"]["dutch_stop"] == {"type": "stop", "stopwords": "_dutch_"}
    assert "crisis" in analysis["filter"]["dutch_compounds"]["word_list"]
    # Site search's index uses the same filters (search/analysis.py: one definition for both).
    site = wagtail_index_settings()["settings"]["analysis"]
    assert {name: site["filter"][name] for name in ("dutch_stop", "dutch_stemmer", "dutch_compounds")} == {
        name: analysis["filter"][name] for name in ("dutch_stop", "dutch_stemmer", "dutch_compounds")
    }
    rules = analysis["filter"]["kp_synonyms"]["synonyms"]
    assert rules == synonym_rules()
    assert any(r.startswith("ggz, geestelijke gezondheidszorg") for r in rules)
    assert any(r.startswith("ots, ondertoezichtstelling") for r in rules)
    properties = definition["mappings"]["properties"]
    assert properties["title"]["analyzer"] == "dutch_index"
    assert properties["title"]["search_analyzer"] == "dutch_search"
    assert properties["region"] == {"type": "keyword"}
    assert properties["suggest"]["type"] == "completion"
    assert properties["date"] == {"type": "date"}


def test_document_holds_only_what_the_public_page_shows(practices):
    page = practices[0]
    doc = PracticeDocument.from_page(page).to_dict(include_meta=True)
    # The bulk build passes parent and url it knows: the same document without a query per page.
    bulk = PracticeDocument.from_page(page, parent_id=page.get_parent().pk, url=page.url).to_dict(include_meta=True)
    assert bulk == doc
    assert doc["_id"] == page.pk
    source = doc["_source"]
    assert source["title"] == page.title
    assert source["region"] == page.region.slug
    assert source["subthemes"] == [s.slug for s in page.subthemes.all()]
    assert source["parent_id"] == str(page.get_parent().pk)
    assert set(source) <= {
        "title", "summary", "body", "results", "target_group", "taxonomy", "date", "parent_id", "url",
        "suggest", "action_line", "main_theme", "subthemes", "region", "phase", "kind", "evidence_level",
    }  # fmt: skip


def test_faceted_request_body(finder_page, taxonomy):
    region, phase = taxonomy["regions"][0].slug, taxonomy["phases"][1].slug
    fq = parse_finder_query(QueryDict(f"q=pleeggezinnen&regio={region}&fase={phase}"))
    body = finder_search(fq, index_page=finder_page)._s.to_dict()
    assert body["query"]["bool"]["filter"] == [{"term": {"parent_id": str(finder_page.pk)}}]
    assert body["query"]["bool"]["must"][0]["multi_match"]["query"] == "pleeggezinnen"
    assert body["query"]["bool"]["must"][0]["multi_match"]["operator"] == "and"
    both = {"bool": {"must": [{"terms": {"region": [region]}}, {"terms": {"phase": [phase]}}]}}
    assert body["post_filter"] == both
    # Disjunctive facets: each aggregation ignores its own filter.
    assert body["aggs"]["_filter_regio"]["filter"] == {"terms": {"phase": [phase]}}
    assert body["aggs"]["_filter_fase"]["filter"] == {"terms": {"region": [region]}}
    assert body["aggs"]["_filter_soort"]["filter"] == both
    assert body["aggs"]["_filter_subthema"]["aggs"]["subthema"] == {"terms": {"field": "subthemes", "size": 200}}
    assert body["highlight"]["encoder"] == "html"
    assert body["highlight"]["pre_tags"] == ["<mark>"]
    assert body["sort"] == ["_score", {"date": {"order": "desc"}}]
    # Only what the page shows: one page of ids, exact totals; the spelling suggester is a separate request.
    assert body["_source"] is False and body["track_total_hits"] is True
    assert "suggest" not in body
    assert spelling_search("pleegezinnen").to_dict()["suggest"]["spelling"] == {
        "text": "pleegezinnen",
        "term": {"field": "title", "suggest_mode": "popular"},
    }


def test_faceted_request_body_is_one_page_of_hits(finder_page):
    fq = parse_finder_query(QueryDict("q=pleeggezinnen&page=3"))
    body = finder_search(fq, index_page=finder_page)[40:60]._s.to_dict()
    assert body["from"] == 40 and body["size"] == 20


def test_request_without_text_sorts_by_date_and_has_no_query(finder_page):
    body = finder_search(parse_finder_query(QueryDict("")), index_page=finder_page)._s.to_dict()
    assert "must" not in body["query"]["bool"] and "post_filter" not in body
    assert "highlight" not in body  # nothing to highlight without text
    assert body["sort"] == [{"date": {"order": "desc"}}, "_id"]


def test_completion_request_body():
    body = completion_search("pleeg").to_dict()
    assert body["suggest"]["titles"] == {
        "prefix": "pleeg",
        "completion": {"field": "suggest", "size": 8, "skip_duplicates": True},
    }


@override_settings(**UNREACHABLE)
def test_unreachable_elasticsearch_falls_back_to_the_database_with_a_notice(client, finder_page, practices, caplog):
    with caplog.at_level(logging.WARNING, logger="kennisplatform.search"):
        response = client.get(finder_page.url, {"q": "pleeggezin"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "tijdelijk niet bereikbaar" in html
    assert "Meer pleeggezinnen werven" in html
    assert any("falling back to the database" in r.message for r in caplog.records)
    assert client.get("/zoeken/suggesties/", {"q": "pleeg"}).status_code == 200


def test_unreachable_elasticsearch_for_site_search(client, practices, settings):
    settings.OPENSEARCH_URL = ""
    settings.ELASTICSEARCH_URL = UNREACHABLE["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_TIMEOUT = 0.2
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [UNREACHABLE["ELASTICSEARCH_URL"]],
            "TIMEOUT": 0.2,
            "OPTIONS": {"max_retries": 0},
            "AUTO_UPDATE": False,
        },
        "database": {"BACKEND": "search.backends.database"},
    }
    response = client.get("/zoeken/", {"q": "pleeggezinnen"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "tijdelijk niet bereikbaar" in html and "Meer pleeggezinnen werven" in html


def test_indexing_signals_never_break_publishing(finder_page, settings):
    settings.OPENSEARCH_URL = ""
    settings.ELASTICSEARCH_URL = UNREACHABLE["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_TIMEOUT = 0.2
    page = make_practice("Gepubliceerd ondanks storing", index=finder_page)
    page.save_revision().publish()  # page_published -> index_practice: logs, does not raise
    page.unpublish()
    page.delete()


def test_update_finder_index_command(settings):
    settings.OPENSEARCH_URL = settings.ELASTICSEARCH_URL = ""
    out = StringIO()
    call_command("update_finder_index", stdout=out)
    assert "Er is geen zoekmachine ingesteld" in out.getvalue()
    settings.ELASTICSEARCH_URL = UNREACHABLE["ELASTICSEARCH_URL"]
    settings.ELASTICSEARCH_TIMEOUT = 0.2
    with pytest.raises(CommandError, match="niet bereikbaar"):
        call_command("update_finder_index", "--no-progress", stdout=StringIO())
