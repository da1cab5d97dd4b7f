"""Against the real search engine that CI starts (make opensearch): OPENSEARCH_URL or ELASTICSEARCH_URL.

Without one these tests skip with the reason; with KP_REQUIRE_SERVICES=1 (CI) they fail instead. Every assertion
reads what the engine answered, or what its index holds: no request body is checked here.
"""

import re
import time
import uuid
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.http import QueryDict
from wagtail.models import PageViewRestriction

from search import elastic, engine
from search.backends import DatabaseBackend, EngineBackend, get_backend
from search.contract import SiteQuery, parse_finder_query
from search.finder import run_finder
from search.site_search import site_search
from tests.factories.search import make_finder_page, make_practice
from tests.search.relevance_set import JUDGEMENTS, misses
from tests.services import service_missing

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


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


def test_publish_unpublish_and_delete_change_the_engine_answer(site_index, finder_page):
    word = f"kwartiermaker{uuid.uuid4().hex[:8]}"
    page = make_practice(f"Proef met {word}", summary=f"Een {word} in de wijk.", live=False, index=finder_page)
    assert site_search(word).total == 0  # a draft is not in the index

    page.save_revision().publish()
    assert wait_for(lambda: [i.page.pk for i in site_search(word).items] == [page.pk])
    assert wait_for(lambda: [p.pk for p in run(finder_page, f"q={word}").items] == [page.pk])

    page.refresh_from_db()  # publish() went through the revision: this copy still says "draft"
    page.unpublish()
    assert wait_for(lambda: site_search(word).total == 0)
    assert wait_for(lambda: run(finder_page, f"q={word}").total == 0)

    page.refresh_from_db()
    page.save_revision().publish()
    assert wait_for(lambda: site_search(word).total == 1)
    page.delete()
    assert wait_for(lambda: not hits_in_every_index(site_index, word))
    assert site_search(word).total == 0


def test_drafts_and_restricted_pages_never_reach_the_index(site_index, finder_page):
    draft_word = f"conceptwoord{uuid.uuid4().hex[:8]}"
    private_word = f"afgeschermd{uuid.uuid4().hex[:8]}"
    make_practice(f"Concept {draft_word}", summary=draft_word, live=False, index=finder_page)
    private = make_practice(f"Besloten {private_word}", summary=private_word, index=finder_page)
    public_word = f"openbaar{uuid.uuid4().hex[:8]}"
    make_practice(f"Openbaar {public_word}", summary=public_word, index=finder_page)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    call_command("update_index", verbosity=0, stdout=StringIO())

    # The control: a public page with the same shape is in the index, so the query below can find documents.
    assert wait_for(lambda: len(hits_in_every_index(site_index, public_word)) >= 1)
    assert hits_in_every_index(site_index, draft_word) == []
    assert hits_in_every_index(site_index, private_word) == []


def test_an_alias_of_a_restricted_page_never_reaches_the_index(site_index, finder_page):
    """Wagtail serves an alias through its source's view restriction, so the alias is as private as its source: its
    copy of the text stays out of the site index and the finder's index alike. The control: the alias of a public
    page with the same shape is indexed beside its source."""
    other = make_finder_page(slug=f"aliassen-{uuid.uuid4().hex[:6]}")
    private_word = f"aliasbesloten{uuid.uuid4().hex[:8]}"
    public_word = f"aliasopenbaar{uuid.uuid4().hex[:8]}"
    private = make_practice(f"Besloten {private_word}", summary=private_word, index=finder_page)
    public = make_practice(f"Openbaar {public_word}", summary=public_word, index=finder_page)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    private_alias = private.create_alias(parent=other, update_slug=f"{private.slug}-alias")
    public_alias = public.create_alias(parent=other, update_slug=f"{public.slug}-alias")
    PageViewRestriction.objects.filter(page=private_alias).delete()  # only the source carries the restriction
    call_command("update_index", verbosity=0, stdout=StringIO())
    elastic.rebuild()

    def indexed_pages(word):
        return {int(hit["_id"].rsplit(":", 1)[-1]) for hit in hits_in_every_index(site_index, word)}

    assert wait_for(lambda: {public.pk, public_alias.pk} <= indexed_pages(public_word))
    assert indexed_pages(private_word) == set()
    assert site_search(private_word).total == 0
    assert run(other, f"q={private_word}").total == 0


def test_judged_pages_are_in_the_top_five_on_the_engine(site_index):
    failures = {}
    for judgement in JUDGEMENTS:
        missing, shown = misses(judgement)
        if missing:
            failures[f"{judgement.language}:{judgement.query}"] = (missing, shown)
    assert not failures


def test_renaming_a_region_reaches_the_finder_and_site_search_on_the_engine(
    es_index, site_index, finder_page, practices, taxonomy, django_capture_on_commit_callbacks
):
    region = taxonomy["regions"][0]
    new_name = f"Regio{uuid.uuid4().hex[:6]}"
    with django_capture_on_commit_callbacks(execute=True):
        region.name = new_name
        region.save()
    in_region = {p.pk for p in practices if p.region_id == region.pk}
    assert wait_for(lambda: {p.pk for p in run(finder_page, f"q={new_name}").items} == in_region)
    assert wait_for(lambda: in_region <= {item.page.pk for item in site_search(new_name).items})


def test_a_view_restriction_and_a_move_change_the_engine_index(
    site_index, finder_page, django_capture_on_commit_callbacks
):
    """Through the signals (no rebuild): a restriction takes the page out of the engine's indices, lifting it puts
    it back, and a move to another finder takes it out of this finder's answer and into the other's."""
    word = f"verhuisproef{uuid.uuid4().hex[:8]}"
    with django_capture_on_commit_callbacks(execute=True):
        page = make_practice(f"Proef met {word}", summary=f"Een {word} in de wijk.", live=False, index=finder_page)
        page.save_revision().publish()
    assert wait_for(lambda: len(hits_in_every_index(site_index, word)) >= 1)
    assert wait_for(lambda: [p.pk for p in run(finder_page, f"q={word}").items] == [page.pk])

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert wait_for(lambda: hits_in_every_index(site_index, word) == [])
    assert run(finder_page, f"q={word}").total == 0

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert wait_for(lambda: len(hits_in_every_index(site_index, word)) >= 1)
    assert wait_for(lambda: run(finder_page, f"q={word}").total == 1)

    other = make_finder_page(slug=f"andere-{uuid.uuid4().hex[:6]}")
    page.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        page.move(other, pos="last-child")
    assert wait_for(lambda: run(finder_page, f"q={word}").total == 0)
    assert wait_for(lambda: [p.pk for p in run(other, f"q={word}").items] == [page.pk])
    answered = run(other, f"q={word}")
    assert answered.backend != "database" and not answered.notice  # the engine answered, not the fallback
