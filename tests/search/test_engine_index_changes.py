"""How the real search engine's indices follow the pages (make opensearch: OPENSEARCH_URL or ELASTICSEARCH_URL):
publishing, unpublishing, deleting, drafts, view restrictions, aliases, moves and a renamed region. Split from
test_engine_live.py (the answers: parity with the database, stemming, relevance) so that CI's two workers share
the engine phase.

Without an engine these tests skip with the reason; with KP_REQUIRE_SERVICES=1 (CI) they fail instead. Every
assertion reads what the engine answered, or what its index holds.
"""

import uuid
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from search import elastic
from search.site_search import site_search
from tests.factories.search import make_finder_page, make_practice

from .conftest import hits_in_every_index, run, wait_for

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


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
