"""Search work for the task worker, and `schedule()`: every search update goes through it.

Publishing, unpublishing, moves, view restrictions, taxonomy renames, consultation responses and synonym edits
reach the indices (Wagtail's database index, the engine's site index and the finder's practice index) through these
tasks. The queue is a table (django_tasks_db): a task enqueued in a transaction reaches the worker when it commits,
and not at all when it rolls back. When no worker has been seen for a while (`home.health.worker_missing()`, the
same check as /health/ and the editors' dashboard warning) the update runs at once in the request, logged: a page
is never left out of search, or in it, because no worker runs.
"""

import logging

from django_tasks import task
from modelsearch import index
from wagtail.models import Page

from home import health, indexing

logger = logging.getLogger("kennisplatform.search")


def _finder_index():
    """search.elastic, the finder's engine index; it defines its documents with elasticsearch-dsl (30 MB per worker),
    so it is imported when a task runs, not when the signal handlers that schedule tasks are connected."""
    from . import elastic  # noqa: PLC0415 - optional engine client, see above

    return elastic


@task()
def reindex_pages(page_ids: list[int]) -> int:
    """Site search and the finder re-read these pages: each index keeps, adds or drops each page."""
    pages = list(Page.objects.filter(pk__in=page_ids).specific())
    for page in pages:
        index.insert_or_update_object(page)
        _finder_index().index_practice(page)
    return len(pages)


@task()
def remove_practices(page_ids: list[int]) -> int:
    """Deleted practices leave the finder's index (Wagtail's own indices drop them in its post_delete)."""
    for page_id in page_ids:
        _finder_index().remove_practice(page_id)
    return len(page_ids)


@task()
def refresh_synonyms() -> str:
    """An editor changed a synonym: the finder index gets the new synonym filter."""
    _finder_index().refresh_synonyms()
    return "ok"


def schedule(search_task, *args) -> None:
    """Queue a search update for the worker; run it at once when no worker has been seen for a while. Inside
    home.indexing.index_updates_deferred() nothing is queued: the block's owner indexes what it wrote."""
    if indexing.deferred():
        return
    if health.worker_missing() is None:
        search_task.enqueue(*args)
        return
    logger.warning("No task worker seen for a while: %s runs now, in the request.", search_task.name)
    search_task.call(*args)
