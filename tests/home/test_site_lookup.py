"""The site that answers a request is read from the cache (home/sites.py) and forgotten when it changes."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in context.captured_queries]


def test_a_page_reads_the_site_and_its_root_page_from_the_cache_after_the_first_request(demo_site):
    client = Client()
    first = _queries(client, "/privacy/")
    again = _queries(client, "/privacy/")
    assert any('FROM "wagtailcore_site"' in sql for sql in first)
    assert not any('FROM "wagtailcore_site"' in sql for sql in again)
    assert not any('FROM "home_homepage"' in sql for sql in again)  # the root page came as its specific type


def test_the_home_page_published_anew_shows_at_once(demo_site):
    client = Client()
    assert "Vernieuwd welkom" not in client.get("/").content.decode()
    demo_site.title = "Vernieuwd welkom"
    demo_site.save_revision().publish()
    assert "Vernieuwd welkom" in client.get("/").content.decode()


def test_a_site_given_another_root_page_serves_that_page_on_the_next_request(demo_site):
    client = Client()
    client.get("/")
    statement = StandardPage.objects.get(slug="privacy")
    site = Site.objects.get(is_default_site=True)
    site.root_page = statement
    site.save()
    response = client.get("/")
    assert response.status_code == 200
    assert statement.title in response.content.decode()
    assert 'id="open-consultations"' not in response.content.decode()


def test_a_lock_on_the_root_page_is_not_hidden_by_the_cached_copy(demo_site):
    from django.test import RequestFactory

    from home.sites import find_site

    assert find_site(RequestFactory().get("/")).root_page.locked is False
    demo_site.locked = True
    demo_site.save(update_fields=["locked"])
    assert find_site(RequestFactory().get("/")).root_page.locked is True


@override_settings(ALLOWED_HOSTS=["testserver", "tweede.example"])
def test_each_hostname_gets_its_own_site(demo_site):
    statement = StandardPage.objects.get(slug="privacy")
    Site.objects.create(hostname="tweede.example", port=80, root_page=statement, site_name="Tweede")
    client = Client()
    home = client.get("/").content.decode()
    other = client.get("/", HTTP_HOST="tweede.example").content.decode()
    assert 'id="open-consultations"' in home
    assert statement.title in other and 'id="open-consultations"' not in other
    assert 'id="open-consultations"' in client.get("/").content.decode()
