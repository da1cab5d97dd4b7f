"""English versions of pages (issue 19): translated in the admin, served under /en/, Dutch addresses unchanged."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from accounts import groups
from home import demo
from home.models import HomePage, StandardPage
from tests.factories.accounts import editor, provider_member
from tests.factories.knowledge import practice_page

pytestmark = pytest.mark.django_db


def html_of(response):
    return response.content.decode()


@pytest.fixture
def english(demo_site, settings):
    """The English demo pages (home, accessibility and privacy statements), as `load_demo` makes them."""
    settings.DEMO_ENGLISH_PAGES = True
    demo.load_english_pages(demo_site)
    return Locale.objects.get(language_code="en")


def _english(slug):
    return StandardPage.objects.get(locale__language_code="en", slug=slug)


def _alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def test_an_editor_translates_a_page_in_the_admin_and_it_is_served_in_english(demo_site):
    user = editor()
    client = Client()
    client.force_login(user)
    en = Locale.objects.get(language_code="en")
    dutch = StandardPage.objects.get(slug="toegankelijkheid")
    # Wagtail's "Vertalen" action, first on the home page (the English tree's root), then on the statement.
    for page in (demo_site, dutch):
        url = reverse("simple_translation:submit_page_translation", args=[page.pk])
        assert client.get(url).status_code == 200
        assert client.post(url, {"locales": [en.pk]}).status_code == 302
    english = StandardPage.objects.get(locale=en, translation_key=dutch.translation_key)
    assert not english.live  # a copy to work on: nothing is public before the editor publishes it
    assert Client().get("/en/toegankelijkheid/").status_code == 302  # until then the Dutch page answers

    body = streamfield([("paragraph", rich_text("<p>Everyone should be able to use it.</p>"))])
    _publish_in_admin(client, english, {"body": body}, title="Accessibility statement", slug="accessibility")
    _publish_in_admin(client, HomePage.objects.get(locale=en), {}, title="Knowledge Platform Youth")

    visitor = Client()
    response = visitor.get("/en/accessibility/")
    html = html_of(response)
    assert response.status_code == 200
    assert '<html lang="en"' in html and "Everyone should be able to use it." in html
    # English content, breadcrumbs included, carries no Dutch mark; only the switch's "Nederlands" does.
    assert len(re.findall(r'\slang="nl"', html)) == 1
    alternates = _alternates(html)
    assert alternates["nl"].endswith("/toegankelijkheid/") and alternates["en"].endswith("/en/accessibility/")
    assert alternates["x-default"] == alternates["nl"]

    dutch_html = html_of(visitor.get("/toegankelijkheid/"))
    assert '<html lang="nl"' in dutch_html and "Toegankelijkheidsverklaring" in dutch_html
    assert _alternates(dutch_html)["en"].endswith("/en/accessibility/")
    # The switch leads to the translation, and back.
    assert "/taal/en/?next=/en/accessibility/" in dutch_html
    assert "/taal/nl/?next=/toegankelijkheid/" in html


def _publish_in_admin(client, page, streamfields, **fields):
    """Post the page's edit form as the editor's browser would, with "Publiceren"."""
    edit = f"/admin/pages/{page.pk}/edit/"
    data = querydict_from_html(html_of(client.get(edit)), form_id="page-edit-form")
    data.update(nested_form_data(streamfields))  # StreamFields are rendered by JavaScript
    for name, value in fields.items():
        data[name] = value
    data["action-publish"] = "action-publish"
    response = client.post(edit, data)
    assert response.status_code == 302, html_of(response)[:3000]


def test_a_member_without_the_editor_group_may_not_translate(demo_site):
    client = Client()
    client.force_login(provider_member())
    en = Locale.objects.get(language_code="en")
    url = reverse("simple_translation:submit_page_translation", args=[demo_site.pk])
    response = client.post(url, {"locales": [en.pk]})
    assert response.status_code in (302, 403)
    assert not HomePage.objects.filter(locale=en).exists()


def test_editors_group_has_the_translate_permission(demo_site):
    assert Group.objects.get(name=groups.EDITORS).permissions.filter(codename="submit_translation").exists()


def test_dutch_urls_stay_dutch_in_the_english_interface(english):
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.get("/toegankelijkheid/")
    html = html_of(response)
    assert response.status_code == 200
    assert '<html lang="en"' in html  # the English interface, as before
    assert 'lang="nl"' in html  # Dutch content marked as such (WCAG 3.1.2), as before
    assert "Toegankelijkheidsverklaring" in html
    assert 'href="/en/accessibility/"' in html  # "this page in English"
    # Pages without a translation answer at their Dutch address in both interfaces.
    assert client.get("/projecten/van-18-min-naar-18-plus/").status_code == 200
    assert Client().get("/projecten/van-18-min-naar-18-plus/").status_code == 200


def test_english_address_without_an_english_page_leads_to_the_dutch_one(english):
    client = Client()
    response = client.get("/en/projecten/van-18-min-naar-18-plus/")
    assert response.status_code == 302 and response["Location"] == "/projecten/van-18-min-naar-18-plus/"
    assert client.get("/en/bestaat-niet/").status_code == 404
    assert client.get("/nl/toegankelijkheid/").status_code == 404  # Dutch has no prefix


def test_english_home_page(english):
    response = Client().get("/en/")
    html = html_of(response)
    assert response.status_code == 200
    assert '<html lang="en"' in html and "Knowledge Platform Youth" in html
    assert _alternates(html)["nl"].endswith("/")


def test_dutch_only_page_types_are_not_served_in_english(english):
    from events.models import EventPage

    event = EventPage.objects.live().filter(locale__language_code="nl").first()
    translation = event.copy_for_translation(english, copy_parents=True)
    translation.save_revision().publish()
    response = Client().get(translation.url)
    assert response.status_code == 302 and response["Location"] == event.url  # one form, one capacity


def test_site_search_finds_english_pages_on_the_english_site_and_dutch_ones_on_the_dutch(english):
    english_client = Client()
    english_client.cookies["django_language"] = "en"
    found = html_of(english_client.get("/zoeken/?q=accessibility"))
    assert "/en/accessibility/" in found
    dutch = html_of(Client().get("/zoeken/?q=toegankelijkheidsverklaring"))
    assert "/toegankelijkheid/" in dutch and "/en/accessibility/" not in dutch
    assert "/en/accessibility/" not in html_of(Client().get("/zoeken/?q=accessibility"))
    # On the English site a translated Dutch page gives way to its translation; untranslated ones stay findable.
    english_results = html_of(english_client.get("/zoeken/?q=toegankelijkheidsverklaring"))
    footer_only = html_of(english_client.get("/zoeken/?q=onvindbaarwoord")).count('href="/toegankelijkheid/"')
    assert english_results.count('href="/toegankelijkheid/"') == footer_only
    assert "/goede-voorbeelden/team-jeugdlink/" in html_of(english_client.get("/zoeken/?q=jeugdlink"))


def test_the_privacy_guard_blocks_personal_data_in_a_translation(english):
    page = _english("accessibility")
    page.body = [("paragraph", rich_text("<p>Call the mother on 06-12345678.</p>"))]
    with pytest.raises(ValidationError) as error:
        page.save_revision().publish()
    assert "telefoonnummer" in str(error.value)
    assert "06-12345678" not in html_of(Client().get("/en/accessibility/"))


def test_a_restricted_pages_translation_stays_restricted(english):
    dutch = StandardPage.objects.get(slug="privacy", locale__language_code="nl")
    restriction = PageViewRestriction.objects.create(page=dutch, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name=groups.EDITORS)])
    english_page = _english("privacy")
    assert english_page.view_restrictions.filter(restriction_type=PageViewRestriction.GROUPS).exists()
    anonymous = Client()
    assert anonymous.get("/en/privacy/").status_code == 302  # to the sign-in, not the text
    assert "/en/privacy/" not in html_of(anonymous.get("/zoeken/?q=privacy"))
    assert "/en/privacy/" not in html_of(anonymous.get("/sitemap.xml"))
    api = anonymous.get("/api/v2/pages/?locale=en").json()
    assert "privacy" not in {item["meta"]["slug"] for item in api["items"]}
    member = Client()
    member.force_login(editor())
    assert member.get("/en/privacy/").status_code == 200


def test_restricting_later_reaches_the_translation_and_lifting_it_too(english, django_capture_on_commit_callbacks):
    dutch = StandardPage.objects.get(slug="privacy", locale__language_code="nl")
    restriction = PageViewRestriction.objects.create(page=dutch, restriction_type=PageViewRestriction.LOGIN)
    assert _english("privacy").view_restrictions.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert _english("privacy").view_restrictions.count() == 0
    assert Client().get("/en/privacy/").status_code == 200


def test_a_translation_of_a_page_restricted_above_it_is_not_served(english):
    """Even when the mirror missed it (a restriction made before this code): serving checks the Dutch original."""
    dutch = StandardPage.objects.get(slug="privacy", locale__language_code="nl")
    PageViewRestriction.objects.bulk_create([PageViewRestriction(page=dutch, restriction_type="login")])  # no signal
    response = Client().get("/en/privacy/")
    assert response.status_code == 302 and response["Location"] == "/privacy/"


def test_api_filters_by_locale(english):
    client = Client()
    english_pages = client.get("/api/v2/pages/?locale=en").json()["items"]
    assert {item["meta"]["slug"] for item in english_pages} >= {"accessibility", "privacy"}
    assert all(item["meta"]["locale"] == "en" for item in english_pages)
    assert english_pages[0]["meta"]["html_url"].count("/en/") == 1
    dutch = client.get("/api/v2/pages/?locale=nl&slug=toegankelijkheid").json()["items"]
    assert [item["meta"]["locale"] for item in dutch] == ["nl"]
    assert client.get("/api/v2/pages/?locale=en&slug=toegankelijkheid").json()["items"] == []


def test_sitemap_lists_both_languages_once(english):
    sitemap = html_of(Client().get("/sitemap.xml"))
    assert "/en/accessibility/</loc>" in sitemap and "/toegankelijkheid/</loc>" in sitemap
    assert sitemap.count("/en/accessibility/</loc>") == 1


def test_page_cache_keeps_the_languages_apart(english, settings):
    settings.PAGE_CACHE_SECONDS = 60
    english_client = Client()
    english_client.cookies["django_language"] = "en"
    first = html_of(english_client.get("/toegankelijkheid/"))
    dutch = html_of(Client().get("/toegankelijkheid/"))
    assert '<html lang="en"' in first and '<html lang="nl"' in dutch
    assert '<html lang="en"' in html_of(Client().get("/en/accessibility/"))


def test_new_translation_shows_up_in_hreflang_after_publishing(english):
    """The translations are cached until the next publish: a new one appears on the Dutch page at once."""
    practice = practice_page(title="Gezin centraal")
    assert 'hreflang="en"' not in html_of(Client().get(practice.url)).split("</head>")[0]
    translation = practice.copy_for_translation(english, copy_parents=True)
    translation.title = "Family first"
    translation.save_revision().publish()
    head = html_of(Client().get(practice.url)).split("</head>")[0]
    assert 'hreflang="en"' in head


def test_load_demo_twice_changes_nothing_in_english(english, settings):
    settings.DEMO_ENGLISH_PAGES = True
    before = list(Page.objects.filter(locale__language_code="en").values_list("pk", "title", "live", "path"))
    assert len(before) == 3
    call_command("load_demo", stdout=_Null())
    call_command("load_demo", stdout=_Null())
    after = list(Page.objects.filter(locale__language_code="en").values_list("pk", "title", "live", "path"))
    assert after == before


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
