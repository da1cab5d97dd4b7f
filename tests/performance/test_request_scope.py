"""Work done once per request however many lists a page shows: view restrictions and site root paths."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from knowledge.models import ProjectPage

pytestmark = pytest.mark.django_db


def _restriction_reads(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in context.captured_queries if 'FROM "wagtailcore_pageviewrestriction"' in q["sql"]]


def test_view_restrictions_are_read_once_for_all_related_lists_of_a_project(demo_site):
    # Wagtail's check before serving the page and the related lists (projects, practices, evaluations, events)
    # share one read of the restricted sections.
    reads = _restriction_reads(Client(), "/projecten/van-18-min-naar-18-plus/")
    assert len(reads) == 1, reads


def test_a_restriction_added_between_requests_is_honoured_on_the_next(demo_site):
    client = Client()
    assert "Jeugdbescherming dichterbij" in client.get("/projecten/").content.decode()
    project = ProjectPage.objects.get(slug="jeugdbescherming-dichterbij")
    PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)
    assert "Jeugdbescherming dichterbij" not in client.get("/projecten/").content.decode()


@pytest.mark.parametrize("url", ["/goede-voorbeelden/", "/zoeken/?q=jeugd", "/"])
def test_result_lists_look_up_the_site_root_paths_once(demo_site, url, monkeypatch):
    from wagtail.models import sites

    lookups = []
    real_get = sites.cache.get

    def counting_get(key, *args, **kwargs):
        if key == sites.SITE_ROOT_PATHS_CACHE_KEY:
            lookups.append(key)
        return real_get(key, *args, **kwargs)

    client = Client()
    assert client.get(url).status_code == 200  # fills the cache
    monkeypatch.setattr(sites.cache, "get", counting_get)
    html = client.get(url).content.decode()
    assert html.count('href="/goede-voorbeelden/') >= 4
    assert len(lookups) <= 1, len(lookups)


def test_a_page_inside_a_restricted_section_still_asks_for_a_login(demo_site):
    # The shortcut in BasePage.get_view_restrictions must not skip Wagtail's check where a restriction applies.
    index = ProjectPage.objects.get(slug="jeugdbescherming-dichterbij").get_parent()
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    response = Client().get("/projecten/jeugdbescherming-dichterbij/")
    assert response.status_code == 302
    assert "/account/" in response["Location"] or "login" in response["Location"]


def test_an_alias_of_a_restricted_page_is_kept_from_the_public_like_its_source(demo_site):
    """Wagtail checks an alias's source page: the restricted sections hold the alias too (not own), so listings and
    the alias itself stay behind the login, and an alias with its own restriction lifted still is."""
    from home.request_scope import _restricted_sections

    project = ProjectPage.objects.get(slug="jeugdbescherming-dichterbij")
    alias = project.create_alias(update_slug="jeugdbescherming-dichterbij-kopie")
    PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.filter(page=alias).delete()  # only the source carries the restriction
    assert (alias.path, alias.depth, False) in _restricted_sections()
    assert (project.path, project.depth, True) in _restricted_sections()
    client = Client()
    assert client.get(alias.url).status_code == 302
    assert "Jeugdbescherming dichterbij" not in client.get("/projecten/").content.decode()
