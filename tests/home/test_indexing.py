"""Saves without index work (home.indexing): what is written inside the block is indexed once afterwards, and every
save after the block is indexed again as before. A block that left Wagtail's handler disconnected would stop the
search index for the rest of the process without an error."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, ReferenceIndex
from wagtail.search.models import IndexEntry

from home.indexing import index_updates_deferred
from tests.factories.knowledge import practice_page


def _indexed(page) -> bool:
    return IndexEntry.objects.filter(content_type__model=page._meta.model_name, object_id=str(page.pk)).exists()


def _references():
    return set(ReferenceIndex.objects.values_list("content_type", "object_id", "to_content_type", "to_object_id"))


def test_every_live_page_and_reference_of_the_demo_is_indexed(demo_site):
    live = Page.objects.live().specific()
    assert len(live) > 30
    assert [page.url_path for page in live if not _indexed(page)] == []
    before = _references()
    assert len(before) > 100  # images, documents and pages that the demo's pages point at
    call_command("rebuild_references_index", verbosity=0)
    assert _references() == before


def _found(page, words) -> bool:
    return page.pk in {hit.pk for hit in type(page).objects.search(words)}


def test_a_save_after_the_block_is_indexed_again(demo_site):
    page = practice_page(title="Buurtgezinnen")
    with index_updates_deferred():
        page.title = "Buurtgezinnen met xylofoonles"
        page.save()
    # The block's save left the index as it was.
    assert _found(page, "Buurtgezinnen")
    assert not _found(page, "xylofoonles")
    page.title = "Buurtgezinnen in Wageningen"
    page.save()
    assert _found(page, "Wageningen")


def test_a_block_left_by_an_error_leaves_indexing_on(demo_site):
    page = practice_page(title="Gezinshuis")
    with pytest.raises(RuntimeError), index_updates_deferred():
        raise RuntimeError("loader failed")
    page.title = "Gezinshuis in Barneveld"
    page.save()
    assert _found(page, "Barneveld")


def test_a_draft_from_the_factory_is_indexed_for_the_admin_search(demo_site):
    draft = practice_page(title="Jongerenwerk op school", live=False)
    assert not draft.live
    assert _found(draft, "Jongerenwerk")
