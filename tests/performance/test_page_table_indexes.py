"""What every request reads from Wagtail's page table stays cheap however many pages there are."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_routing_reads_pages_by_an_indexed_url_path():
    """BasePage.route reads the chain of pages by url_path (Wagtail does not index it: migration home 0007)."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert any(c["index"] and c["columns"] == ["url_path"] for c in constraints.values())
