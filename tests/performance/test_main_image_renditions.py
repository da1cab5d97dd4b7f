"""A page's main image (hero picture and og:image) costs one rendition-cache read and no writes (home/images.py)."""

import re

import pytest
from django.test import Client
from wagtail.images.models import Rendition

from events.models import EventPage
from knowledge.models import BestPracticePage, ProjectPage

pytestmark = pytest.mark.django_db


def _page_with_image():
    for model in (EventPage, BestPracticePage, ProjectPage):
        page = model.objects.live().public().filter(main_image__isnull=False).order_by("pk").first()
        if page is not None:
            return page
    pytest.fail("the demo has no page with a main image")


@pytest.fixture
def rendition_cache_calls(monkeypatch):
    backend = Rendition.cache_backend
    calls = []
    inside = []  # the in-memory cache's get_many calls its own get: count what Wagtail and we call, once

    for name in ("get", "get_many", "set", "set_many"):
        real = getattr(backend, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            keys = args[0] if args else ()
            keys = [keys] if isinstance(keys, str) else list(keys)
            if not inside and any(str(key).startswith("wagtail-rendition-") for key in keys):
                calls.append(_name)
            inside.append(_name)
            try:
                return _real(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(backend, name, spy)
    return calls


def test_the_main_image_is_read_from_the_cache_once_and_not_written_back(demo_site, rendition_cache_calls):
    page = _page_with_image()
    client = Client()
    first = client.get(page.url).content.decode()  # Wagtail finds the renditions and puts them in the cache
    rendition_cache_calls.clear()
    again = client.get(page.url).content.decode()
    assert rendition_cache_calls == ["get_many"]
    assert again == first
    assert re.search(r'<source[^>]+type="image/webp"', again)  # the hero picture, both formats
    assert re.search(r'<meta property="og:image" content="[^"]+"', again) and "og-default" not in again


def test_without_the_renditions_in_the_cache_the_page_still_shows_them(demo_site, rendition_cache_calls):
    from django.core.cache import cache

    page = _page_with_image()
    client = Client()
    expected = client.get(page.url).content.decode()
    cache.clear()
    rendition_cache_calls.clear()
    assert client.get(page.url).content.decode() == expected
    assert "set_many" in rendition_cache_calls or "set" in rendition_cache_calls  # put back for the next request


def test_the_picture_template_shows_the_renditions_the_demo_makes():
    from pathlib import Path

    from home.images import CARD_FILTER_SPECS, HERO_FILTER_SPECS

    template = (Path(__file__).resolve().parents[2] / "site/templates/includes/picture.html").read_text()
    assert f"{{% picture image {CARD_FILTER_SPECS} " in template
    assert f"{{% picture image {HERO_FILTER_SPECS} " in template


def test_the_demo_pages_show_their_images_without_making_a_rendition(demo_site):
    """load_demo makes every rendition of its images: a first visit makes none (a rendition made in a view costs
    the visitor up to half a second, and each test that renders the page made it again)."""
    made = Rendition.objects.count()
    assert made >= 11 * 11  # 11 demo images: hero 6, card 4, og:image 1
    pages = [
        page
        for model in (EventPage, BestPracticePage)
        for page in model.objects.live().public().filter(main_image__isnull=False)
    ]
    assert pages
    client = Client()
    for url in ["/", "/goede-voorbeelden/", "/kennisateliers/", "/nieuws/"]:
        assert client.get(url).status_code == 200, url
    for page in pages:
        assert "/media/images/" in client.get(page.url).content.decode(), page.url
    assert Rendition.objects.count() == made
