"""Related items on detail pages: worked out once, kept until published content changes."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories.knowledge import practice_page

pytestmark = pytest.mark.django_db

PROJECT = "/projecten/van-18-min-naar-18-plus/"


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        html = client.get(url).content.decode()
    return len(context.captured_queries), html


def test_related_items_are_not_queried_again_on_the_next_visit(demo_site):
    client = Client()
    first, html = _queries(client, PROJECT)
    again, html_again = _queries(client, PROJECT)
    assert "Gerelateerd" in html and html_again == html
    assert first - again >= 6, (first, again)


def test_a_newly_published_related_practice_shows_up_at_once(demo_site):
    from knowledge.models import ProjectPage

    client = Client()
    assert "Nieuw goed voorbeeld bij dit project" not in client.get(PROJECT).content.decode()
    project = ProjectPage.objects.get(url_path__endswith="/van-18-min-naar-18-plus/")
    practice_page(title="Nieuw goed voorbeeld bij dit project", related_projects=[project])
    assert "Nieuw goed voorbeeld bij dit project" in client.get(PROJECT).content.decode()
