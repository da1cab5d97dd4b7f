"""Pages are routed with the chain of pages read at once (BasePage.route) and answer as Wagtail's routing would."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from knowledge.models import ProjectPage

pytestmark = pytest.mark.django_db


def test_a_detail_page_is_found_with_one_query_for_its_chain(demo_site):
    client = Client()
    url = "/projecten/van-18-min-naar-18-plus/"
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    slug_lookups = [q["sql"] for q in context.captured_queries if '"wagtailcore_page"."slug" =' in q["sql"]]
    assert slug_lookups == []
    html = response.content.decode()
    assert 'href="/projecten/"' in html  # breadcrumbs from the routed chain


def test_unknown_and_unpublished_pages_are_not_found(demo_site):
    client = Client()
    assert client.get("/projecten/bestaat-niet/").status_code == 404
    assert client.get("/projecten/van-18-min-naar-18-plus/bestaat-niet/").status_code == 404
    page = ProjectPage.objects.get(slug="van-18-min-naar-18-plus")
    page.unpublish()
    assert client.get("/projecten/van-18-min-naar-18-plus/").status_code == 404


def test_a_routable_index_still_answers_its_own_routes_and_its_children(demo_site):
    client = Client()
    assert client.get("/goede-voorbeelden/team-jeugdlink/").status_code == 200
    assert client.get("/kennisateliers/").status_code == 200


def test_a_stale_url_path_falls_back_to_wagtails_walk(demo_site):
    page = ProjectPage.objects.get(slug="van-18-min-naar-18-plus")
    ProjectPage.objects.filter(pk=page.pk).update(url_path="/elders/")
    assert Client().get("/projecten/van-18-min-naar-18-plus/").status_code == 200
