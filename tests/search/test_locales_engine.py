"""Site search per language on the real search engine (OPENSEARCH_URL or ELASTICSEARCH_URL; make opensearch)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from home import demo
from search.site_search import site_search

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


@pytest.fixture
def english_index(live_engine, demo_site, settings):
    settings.DEMO_ENGLISH_PAGES = True
    demo.load_english_pages(demo_site)
    call_command("update_index", backend_name="default", verbosity=0, stdout=StringIO())


def _urls(result):
    return [item.page.url for item in result.items]


def test_english_pages_on_the_english_site_only(english_index):
    with translation.override("en"):
        english = site_search("accessibility")
        translated_away = site_search("toegankelijkheidsverklaring")
    dutch = site_search("accessibility")
    assert english.backend == "elasticsearch"
    assert "/en/accessibility/" in _urls(english)
    assert "/en/accessibility/" not in _urls(dutch)
    assert "/toegankelijkheid/" not in _urls(translated_away)  # its English version stands for it
    assert "/toegankelijkheid/" in _urls(site_search("toegankelijkheidsverklaring"))
