"""Search updates go through the task worker (the real queue and the real `db_worker`), and never wait for one that
does not run: then they happen at once and editors see the dashboard warning (home/health.py, reused)."""

import logging
import uuid

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from home.tasks import worker_heartbeat
from search.site_search import site_search
from tests.factories.accounts import editor
from tests.factories.search import make_practice

# The production queue (a table, run by `manage.py db_worker`) instead of the tests' immediate backend.
QUEUE = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.database_search]


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


def publish_with(page, word):
    page.refresh_from_db()
    page.summary = f"Nu ook over {word}."
    page.save_revision().publish()


def waiting_search_tasks():
    return DBTaskResult.objects.filter(task_path__startswith="search.tasks.", status=TaskResultStatus.READY)


@QUEUE
def test_with_a_worker_running_a_publication_reaches_search_through_it(demo_site, finder_page):
    worker_heartbeat.enqueue()
    run_worker()  # a worker ran just now: its heartbeat is what /health/ and the dashboard read
    word = f"kwartiermaker{uuid.uuid4().hex[:8]}"
    page = make_practice("Proef in de wijk", summary="Nog zonder het woord.", index=finder_page)

    publish_with(page, word)
    assert [t.task_path for t in waiting_search_tasks()] == ["search.tasks.reindex_pages"]
    assert site_search(word).total == 0  # queued, not yet done in the request

    run_worker()
    assert not waiting_search_tasks().exists()
    assert [item.page.pk for item in site_search(word).items] == [page.pk]


@QUEUE
def test_without_a_worker_a_publication_is_searchable_at_once_and_editors_are_warned(
    demo_site, finder_page, client, caplog
):
    assert not DBTaskResult.objects.exclude(finished_at=None).exists()  # no worker has ever run
    word = f"kwartiermaker{uuid.uuid4().hex[:8]}"
    page = make_practice("Proef in de wijk", summary="Nog zonder het woord.", index=finder_page)

    with caplog.at_level(logging.WARNING, logger="kennisplatform.search"):
        publish_with(page, word)
    assert [item.page.pk for item in site_search(word).items] == [page.pk]
    assert not waiting_search_tasks().exists()
    assert any("No task worker seen" in record.getMessage() for record in caplog.records)

    page.refresh_from_db()
    page.unpublish()
    assert site_search(word).total == 0

    client.force_login(editor())
    dashboard = client.get("/admin/").content.decode()
    assert "de takenwerker draait niet" in dashboard
