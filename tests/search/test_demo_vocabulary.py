"""The words professionals actually type find the demo's practices (no dead ends for common jargon)."""

import re

import pytest


@pytest.mark.parametrize("query", ["pleegzorg", "pleeggezinnen", "JIM"])
def test_common_jargon_finds_demo_practices(client, demo_site, query):
    html = client.get("/goede-voorbeelden/", {"q": query}).content.decode()
    match = re.search(r'id="finder-results-heading"[^>]*>\s*(\d+)', html)
    assert match, "the finder shows its result count"
    assert int(match.group(1)) > 0
