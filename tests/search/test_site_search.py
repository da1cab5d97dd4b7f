import re

import pytest
from wagtail.models import Page

from tests.factories.search import make_practice

pytestmark = [pytest.mark.django_db, pytest.mark.database_search]


def result_titles(response):
    return re.findall(
        r'<h3 class="utrecht-heading-3"><a class="utrecht-link" href="[^"]*">([^<]*)</a>', response.content.decode()
    )


def test_stemming_finds_plural_and_singular(client, practices, finder_page):
    for query in ("pleeggezin", "pleeggezinnen", "PLEEGGEZINNEN"):
        assert "Meer pleeggezinnen werven" in result_titles(client.get("/zoeken/", {"q": query}))
    html = client.get("/zoeken/", {"q": "pleeggezin"}).content.decode()
    assert "<mark>pleeggezinnen</mark>" in html


def test_accent_folding(client, practices):
    assert "Coördinatie met de GGZ" in result_titles(client.get("/zoeken/", {"q": "coordinatie"}))


def test_synonyms_from_the_admin_snippet(client, practices):
    from search.models import Synonym

    # Seeded by search.demo: GGZ ~ geestelijke gezondheidszorg, OTS ~ ondertoezichtstelling, JIM ~ ...
    assert Synonym.objects.filter(term="GGZ").exists()
    assert "Coördinatie met de GGZ" in result_titles(client.get("/zoeken/", {"q": "geestelijke gezondheidszorg"}))
    assert "Snelle ondertoezichtstelling" in result_titles(client.get("/zoeken/", {"q": "OTS"}))
    assert "Eigen mentor voor jongeren" in result_titles(client.get("/zoeken/", {"q": "JIM"}))
    # An editor adds a synonym: it works at once (the cache is cleared on save).
    assert "Samen met school" not in result_titles(client.get("/zoeken/", {"q": "leerplicht"}))
    Synonym.objects.create(term="leerplicht", synonyms="onderwijs")
    assert "Samen met school" in result_titles(client.get("/zoeken/", {"q": "leerplicht"}))


def test_results_show_type_label_date_and_filter_by_type_with_counts(client, practices, demo_site):
    from home.models import NewsIndexPage, NewsPage

    news_index = NewsIndexPage.objects.get()
    news_index.add_child(
        instance=NewsPage(title="Pleeggezinnen gezocht in de regio", slug="pleeg-nieuws", date="2025-03-01")
    )
    response = client.get("/zoeken/", {"q": "pleeggezinnen"})
    html = response.content.decode()
    assert "Goed voorbeeld" in html and "Nieuws" in html
    assert re.search(r"Goed voorbeeld <span class=\"kp-count\">\(\d+\)</span>", html)
    assert "1 maart 2025" in html
    only_news = client.get("/zoeken/", {"q": "pleeggezinnen", "type": "nieuws"})
    assert result_titles(only_news) == ["Pleeggezinnen gezocht in de regio"]


def test_drafts_and_private_pages_never_show(client, finder_page, practices):
    make_practice("Geheim conceptvoorbeeld", summary="Zwaluwstaart concept", live=False, index=finder_page)
    make_practice("Besloten voorbeeld", summary="Zwaluwstaart besloten", private=True, index=finder_page)
    for url in ("/zoeken/", finder_page.url, f"{finder_page.url}feed/"):
        html = client.get(url, {"q": "zwaluwstaart"}).content.decode()
        assert "Geheim conceptvoorbeeld" not in html and "Besloten voorbeeld" not in html
    suggestions = client.get("/zoeken/suggesties/", {"q": "Besloten"}).json()["suggestions"]
    assert all("Besloten" not in s["label"] and "Geheim" not in s["label"] for s in suggestions)


def test_only_pages_and_taxonomy_are_indexed():
    """Advisory responses and event registrations are no pages and must never enter the index."""
    from wagtail.search.index import get_indexed_models

    for model in get_indexed_models():
        label = model._meta.label_lower
        assert issubclass(model, Page) or model._meta.app_label in {
            "knowledge",
            "accounts",
            "wagtailimages",
            "wagtaildocs",
            "wagtailcore",
            "taggit",
            "auth",
            "wagtailsnippets",
        }, label
        assert "response" not in label and "registration" not in label and "comment" not in label, label


def test_a_misspelling_shows_the_results_of_the_correction_and_says_so(client, practices):
    html = client.get("/zoeken/", {"q": "pleegezinnen"}).content.decode()  # typo
    assert "Niets gevonden voor “pleegezinnen”. U ziet de resultaten voor “pleeggezinnen”." in html
    assert "Meer pleeggezinnen werven" in html


def test_a_question_no_page_fully_answers_shows_the_pages_with_most_of_its_words(client, practices):
    html = client.get("/zoeken/", {"q": "pleeggezinnen werven kwartelkoning"}).content.decode()
    assert "Geen pagina bevat al uw zoekwoorden" in html
    assert "Meer pleeggezinnen werven" in html


def test_no_results_offers_a_way_out_but_no_correction_that_finds_nothing(client, practices):
    from search.models import Synonym

    # "zeldzaamterm" is a known word (a synonym) that no page contains: proposing it would lead nowhere.
    Synonym.objects.create(term="zeldzaamterm", synonyms="nergensvoorkomend")
    html = client.get("/zoeken/", {"q": "zeldzaamtrem"}).content.decode()
    assert "0 resultaten" in html
    assert "Bedoelde u" not in html
    assert "Meer pleeggezinnen werven" not in html


def test_suggestions_as_you_type_give_titles_with_url_and_taxonomy_terms(client, practices, taxonomy):
    data = client.get("/zoeken/suggesties/", {"q": "pleeg"}).json()
    labels = {s["label"]: s for s in data["suggestions"]}
    assert labels["Meer pleeggezinnen werven"]["url"].endswith("/")
    theme = taxonomy["themes"][0]
    data = client.get("/zoeken/suggesties/", {"q": theme.name[:6]}).json()
    assert any(s["label"] == theme.name and "thema=" in s["url"] for s in data["suggestions"])
    assert client.get("/zoeken/suggesties/", {"q": "a"}).json()["suggestions"] == []


def test_site_search_pagination(client, finder_page):
    for i in range(22):
        make_practice(f"Kwartelaanpak {i}", summary="Complexe kwartelkoningen voorkomen", index=finder_page)
    html = client.get("/zoeken/", {"q": "kwartelkoningen", "type": "goede-voorbeelden"}).content.decode()
    assert "22 resultaten" in html and "q=kwartelkoningen&amp;type=goede-voorbeelden&amp;page=2" in html
    page2 = client.get("/zoeken/", {"q": "kwartelkoningen", "type": "goede-voorbeelden", "page": 2})
    assert len(result_titles(page2)) == 2


def test_site_search_query_count_is_fixed(client, finder_page, django_assert_max_num_queries):
    for i in range(15):
        make_practice(f"Wachttijden {i}", summary="Wachttijden verkorten", index=finder_page)
    client.get("/zoeken/", {"q": "wachttijden"})
    with django_assert_max_num_queries(15):
        client.get("/zoeken/", {"q": "wachttijden"})


def test_suggestions_as_you_type_follow_the_synonyms(client, demo_site):
    # The demo page's title says "Ondertoezichtstelling"; professionals type the abbreviation.
    labels = [s["label"] for s in client.get("/zoeken/suggesties/", {"q": "OTS"}).json()["suggestions"]]
    assert "Ondertoezichtstelling in vier weken in plaats van acht maanden" in labels
