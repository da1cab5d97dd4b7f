"""Side effects of publishing: drop the anonymous page cache (home/cache.py) whenever public content changes."""

from django.core.signals import request_finished, request_started
from django.db.models.signals import post_delete, post_migrate, post_save
from django_tasks.signals import task_finished, task_started
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import cache as page_cache
from . import outbox, request_scope
from .public_url import sync_after_migrate


def purge_page_cache(**kwargs):
    page_cache.purge()


def purge_on_public_content_change(sender, **kwargs):
    """Snippets (taxonomy, synonyms), sites, view restrictions and site settings show up on pages too; page drafts
    do not."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.snippets.models import get_snippet_models

    if issubclass(sender, Page):
        return
    if (
        issubclass(sender, (Site, PageViewRestriction, BaseSiteSetting, BaseGenericSetting))
        or sender in get_snippet_models()
    ):
        page_cache.purge()


def purge_on_page_delete(sender, **kwargs):
    if issubclass(sender, Page):
        page_cache.purge()


def register_signal_handlers():
    page_published.connect(purge_page_cache, dispatch_uid="home_page_cache_published")
    page_unpublished.connect(purge_page_cache, dispatch_uid="home_page_cache_unpublished")
    post_page_move.connect(purge_page_cache, dispatch_uid="home_page_cache_moved")
    post_delete.connect(purge_on_page_delete, dispatch_uid="home_page_cache_page_deleted")
    post_save.connect(purge_on_public_content_change, dispatch_uid="home_page_cache_content_saved")
    post_delete.connect(purge_on_public_content_change, dispatch_uid="home_page_cache_content_deleted")
    post_migrate.connect(sync_after_migrate, dispatch_uid="home_sync_site_with_base_url")
    request_started.connect(request_scope.begin, dispatch_uid="home_request_scope_begin")
    request_finished.connect(request_scope.end, dispatch_uid="home_request_scope_end")
    # E-mails stored by a background task carry its id, so a task run again stores each message once.
    task_started.connect(outbox.task_started, dispatch_uid="home_outbox_task_started")
    task_finished.connect(outbox.task_finished, dispatch_uid="home_outbox_task_finished")
