"""The event page's "Verbanden": the same for every visitor, so only pages every visitor may open."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from events.models import EventPage
from tests.factories.knowledge import practice_page

pytestmark = pytest.mark.django_db


def test_a_restricted_practice_is_not_listed_under_an_event(demo_site):
    event = EventPage.objects.live().public().order_by("pk").first()
    shown = practice_page(title="Zichtbaar voorbeeld bij het atelier")
    hidden = practice_page(title="Afgeschermd voorbeeld bij het atelier")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    event.related_practices.add(shown, hidden)
    event.save_revision().publish()

    html = Client().get(event.url).content.decode()

    assert "Zichtbaar voorbeeld bij het atelier" in html
    assert "Afgeschermd voorbeeld bij het atelier" not in html
