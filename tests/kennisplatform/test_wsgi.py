"""The WSGI entry point warms Django up before gunicorn forks its workers (gunicorn.conf.py: preload_app)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_warm_up_loads_urls_and_catalogues_without_touching_the_database():
    from django.urls import clear_url_caches, get_resolver

    from kennisplatform.wsgi import application, warm_up

    clear_url_caches()
    assert not get_resolver()._populated
    with CaptureQueriesContext(connection) as queries:
        warm_up()

    assert callable(application)
    assert get_resolver()._populated
    assert len(queries) == 0  # a connection opened in gunicorn's master would be shared by every worker
