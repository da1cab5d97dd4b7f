"""Practice and project cards are rendered once and kept until content is published (frontend_tags.card_items)."""

import pytest
from django.test import Client

from knowledge.models import BestPracticePage, ProjectPage
from tests.factories.knowledge import practice_page

pytestmark = pytest.mark.django_db

CARD = "includes/card.html"


def _cards_rendered(response) -> int:
    return sum(1 for template in response.templates if template.name == CARD)


@pytest.mark.parametrize(
    ("url", "model"), [("/goede-voorbeelden/", BestPracticePage), ("/projecten/", ProjectPage), ("/", BestPracticePage)]
)
def test_a_card_is_rendered_once_and_again_after_its_page_is_published(demo_site, url, model):
    client = Client()
    first = client.get(url)
    assert first.status_code == 200 and _cards_rendered(first) > 0
    again = client.get(url)
    assert _cards_rendered(again) == 0
    assert again.content == first.content

    listed = next(page for page in model.objects.live().order_by("-pk") if page.title in first.content.decode())
    listed.title = f"{listed.title} (bijgewerkt)"
    listed.save_revision().publish()
    after = client.get(url)
    assert _cards_rendered(after) > 0
    assert listed.title in after.content.decode()


def test_an_unpublished_practice_leaves_the_cached_list(demo_site):
    client = Client()
    practice = practice_page(title="Tijdelijk voorbeeld")
    assert "Tijdelijk voorbeeld" in client.get("/goede-voorbeelden/").content.decode()
    practice.unpublish()
    assert "Tijdelijk voorbeeld" not in client.get("/goede-voorbeelden/").content.decode()


def test_a_card_with_a_text_match_shows_its_own_snippet(demo_site):
    """A finder card with a text match shows the matched words: never a card kept from the list without a question."""
    practice_page(title="Sneeuwklokje", summary="Een aanpak met gezinscoaches in de wijk, voor elk gezin.")
    client = Client()
    client.get("/goede-voorbeelden/")
    html = client.get("/goede-voorbeelden/?q=gezinscoaches").content.decode()
    assert "Sneeuwklokje" in html and "kp-snippet" in html
