"""Wagtail's user bar, kept per editor and page (home/userbar.py, issue 18): what each editor sees is what Wagtail
renders for them, and a change to what it shows appears on the next page."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.admin.userbar import BaseItem
from wagtail.users.models import UserProfile

from home import cache as page_cache
from tests.factories.accounts import editor, provider_member

pytestmark = pytest.mark.django_db

PAGE = "/goede-voorbeelden/team-jeugdlink/"


def _bar(client, url=PAGE) -> str:
    html = client.get(url).content.decode()
    start = html.find("<!-- Wagtail user bar embed code -->")
    return html[start : html.index("<!-- end Wagtail user bar embed code -->")] if start >= 0 else ""


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_editor_gets_wagtails_user_bar_again_without_reading_it_again(demo_site):
    client = _signed_in(editor())
    first = _bar(client)  # rendered by Wagtail
    assert "/edit/" in first and "data-wagtail-userbar" in first
    with CaptureQueriesContext(connection) as queries:
        again = _bar(client)
    assert again == first
    assert not [q for q in queries.captured_queries if "wagtailusers_userprofile" in q["sql"]]
    assert _bar(_signed_in(provider_member())) == ""  # no admin access, no user bar


def test_each_editor_gets_the_bar_in_their_own_admin_language(demo_site):
    english, dutch = editor(), editor()
    for user, language in ((english, "en"), (dutch, "nl")):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    assert "Edit this page" in _bar(_signed_in(english))  # Wagtail writes its items in the admin language
    dutch_bar = _bar(_signed_in(dutch))
    assert "Wijzig deze pagina" in dutch_bar and "Edit this page" not in dutch_bar


def test_a_theme_chosen_in_the_admin_shows_on_the_next_page(demo_site):
    user = editor()
    client = _signed_in(user)
    assert "w-theme-dark" not in _bar(client)  # now kept
    profile = UserProfile.get_for_user(user)
    profile.theme = UserProfile.AdminColorThemes.DARK
    profile.save()
    assert "w-theme-dark" in _bar(client)


def test_a_dismissed_admin_tip_keeps_the_page_cache(demo_site):
    profile = UserProfile.get_for_user(editor())
    page_cache.purge()  # a generation to compare with
    generation = page_cache.cache.get(page_cache.GENERATION_KEY)
    profile.dismissibles = {"editor-guide": True}
    profile.save(update_fields=["dismissibles"])  # as Wagtail's dismissibles view saves it
    assert page_cache.cache.get(page_cache.GENERATION_KEY) == generation
    profile.density = UserProfile.AdminDensityThemes.SNUG
    profile.save(update_fields=["density"])
    assert page_cache.cache.get(page_cache.GENERATION_KEY) != generation


def test_each_page_has_its_own_bar(demo_site):
    client = _signed_in(editor())
    practice, home = _bar(client), _bar(client, "/")
    assert practice != home
    assert _bar(client) == practice


def test_an_item_added_by_a_hook_shows_on_every_visit(demo_site):
    class Note(BaseItem):
        def __init__(self, text):
            self.text = text

        def render_html(self, parent_context):
            return f"<li>{self.text} {parent_context['request'].GET.get('n', '')}</li>"

    def add_note(request, items, page):
        items.append(Note("Notitie van de redactie"))

    client = _signed_in(editor())
    assert "Notitie van de redactie" not in _bar(client)  # kept without the hook
    with hooks.register_temporarily("construct_wagtail_userbar", add_note):
        assert "Notitie van de redactie 1" in _bar(client, PAGE + "?n=1")
        assert "Notitie van de redactie 2" in _bar(client, PAGE + "?n=2")  # the hook sees each request
