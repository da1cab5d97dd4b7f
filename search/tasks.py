"""Search work for the task worker: re-indexing pages whose taxonomy terms changed."""

from django_tasks import task
from modelsearch import index
from wagtail.models import Page

from . import elastic


@task()
def reindex_pages(page_ids: list[int]) -> int:
    """Site search and the finder re-read these pages (a region, theme or phase they show was renamed)."""
    pages = list(Page.objects.filter(pk__in=page_ids).specific())
    for page in pages:
        index.insert_or_update_object(page)
        elastic.index_practice(page)
    return len(pages)
