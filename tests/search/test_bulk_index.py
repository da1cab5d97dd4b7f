"""Rebuilding the indices costs queries per chunk, not per page (what made 100,000 practices take 25 minutes)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.backends import get_search_backend

from knowledge.models import BestPracticePage
from search.backends.dutch_index import database_index_alias, pk_in
from tests.factories.search import make_practice

pytestmark = pytest.mark.django_db


def subtheme_queries(count, finder_page, taxonomy):
    for i in range(count):
        make_practice(f"Bulk {count} {i}", subthemes=taxonomy["subthemes"][:2], index=finder_page)
    practices = list(BestPracticePage.get_indexed_objects().child_of(finder_page).order_by("pk"))
    backend = get_search_backend(database_index_alias())
    with CaptureQueriesContext(connection) as ctx:
        backend.get_index_for_model(BestPracticePage).add_items(BestPracticePage, practices)
    return len(practices), [q["sql"] for q in ctx.captured_queries if '"knowledge_subtheme"' in q["sql"]]


@pytest.mark.parametrize("count", [3, 20])
def test_the_database_index_reads_the_sub_themes_of_a_chunk_in_one_query(finder_page, taxonomy, count):
    indexed, queries = subtheme_queries(count, finder_page, taxonomy)
    assert indexed == count
    assert len(queries) == 1


def test_a_long_list_of_matches_is_one_sql_parameter(finder_page, taxonomy):
    """40,000 ids (past SQLite's 32,766 parameters) filter as one array or JSON parameter, on either database."""
    page = make_practice("Eén van vele", index=finder_page)
    ids = [*range(10_000_000, 10_040_000), page.pk]
    assert list(BestPracticePage.objects.filter(pk_in(ids)).values_list("pk", flat=True)) == [page.pk]
    assert list(BestPracticePage.objects.filter(pk_in(ids[-500:])).values_list("pk", flat=True)) == [page.pk]
