"""Wagtail's apps without the v3 API (kennisplatform/wagtail_apps.py) still do everything else their ready() does."""

import sys

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_page_move
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models.reference_index import ReferenceIndex
from wagtail.permissions import policy_registry
from wagtail.signals import post_page_move
from wagtail.snippets.models import get_snippet_models

from kennisplatform.wagtail_apps import V3_API, WithoutV3API

LABELS = ["wagtailimages", "wagtaildocs", "wagtailsnippets", "wagtailredirects", "wagtaillocales"]


def test_the_five_configs_are_wagtails_own_with_their_labels():
    for label in LABELS:
        config = apps.get_app_config(label)
        assert isinstance(config, WithoutV3API)
        assert config.name.startswith("wagtail.")


def test_their_ready_registered_the_rest_and_left_no_stand_in_behind():
    assert ReferenceIndex.is_indexed(get_image_model())
    assert ReferenceIndex.is_indexed(get_document_model())
    assert policy_registry.get_by_type(Redirect, fallback=False) is not None
    assert any(entry[1]() is autocreate_redirects_on_page_move for entry in post_page_move.receivers)
    assert get_snippet_models()  # deferred snippet registrations ran (the site registers taxonomy snippets)
    assert V3_API not in sys.modules or hasattr(sys.modules[V3_API], "__file__")


@pytest.mark.django_db
def test_the_admin_pages_of_those_apps_and_the_v2_api_answer(client, demo_site):
    admin = get_user_model().objects.create_superuser("beheer-v3", "beheer-v3@example.nl", "x-Geheim-123")
    client.force_login(admin)
    for url in ["/admin/images/", "/admin/documents/", "/admin/redirects/", "/admin/locales/"]:
        assert client.get(url).status_code == 200, url
    client.logout()
    for url in ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "items" in response.json()
