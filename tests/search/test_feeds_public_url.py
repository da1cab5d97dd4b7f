"""Feeds link to the public address (BASE_URL), whatever Host header the request came with."""

import re

import pytest

pytestmark = pytest.mark.django_db

PUBLIC = "https://kennisplatform.example.nl"


@pytest.mark.parametrize("path", ["/goede-voorbeelden/feed/", "/adviestafel/feed/"])
def test_feed_items_link_to_the_public_address(client, demo_site, settings, path):
    from home.public_url import sync_default_site
    from search import elastic, engine

    if engine.configured():  # the finder feed answers from the engine's index: the demo's practices, not a test's
        elastic.rebuild()
    settings.BASE_URL = PUBLIC
    sync_default_site()  # what `migrate` does in production, where BASE_URL is required
    xml = client.get(path, HTTP_HOST="localhost").content.decode()
    item_links = re.findall(r"<item>.*?<link>([^<]+)</link>", xml, re.S)
    assert item_links, xml[:500]
    assert all(link.startswith(PUBLIC + "/") for link in item_links), item_links
    assert "localhost" not in xml
