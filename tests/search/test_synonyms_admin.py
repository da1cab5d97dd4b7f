"""Editors maintain the synonyms themselves, and a new synonym changes what search finds at once."""

import pytest

from search.models import Synonym
from tests.factories.accounts import editor

pytestmark = [pytest.mark.django_db, pytest.mark.database_search]

LISTING = "/admin/snippets/search/synonym/"


def test_an_editor_opens_the_synonym_list_and_adds_one_that_search_uses(client, practices):
    client.force_login(editor())
    listing = client.get(LISTING)
    assert listing.status_code == 200
    assert Synonym.objects.first().term in listing.content.decode()
    assert client.get("/zoeken/", {"q": "kweekgezin"}).context["result"].total == 0

    added = client.post(f"{LISTING}add/", {"term": "kweekgezin", "synonyms": "pleeggezin"})
    assert added.status_code == 302, added.content.decode()[:2000]
    assert Synonym.objects.filter(term="kweekgezin").exists()
    found = client.get("/zoeken/", {"q": "kweekgezin"}).context["result"]
    assert "Meer pleeggezinnen werven" in [item.page.title for item in found.items]


def test_a_provider_member_cannot_open_the_synonym_list(client, demo_site):
    from tests.factories.accounts import provider_member

    client.force_login(provider_member())
    assert client.get(LISTING).status_code in (302, 403)
