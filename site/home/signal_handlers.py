"""Side effects of publishing: drop the anonymous page cache (home/cache.py) whenever public content changes."""

from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django_tasks.signals import task_finished, task_started
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.users.models import UserProfile

from . import cache as page_cache
from . import locales, outbox, request_scope, sites
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
        issubclass(sender, (Site, Locale, PageViewRestriction, BaseSiteSetting, BaseGenericSetting))
        or sender in get_snippet_models()
    ):
        page_cache.purge()


def forget_site_root(sender, instance, **kwargs):
    """A site's root page is kept with the site lookup (home/sites.py): a draft, lock or other save of it, which
    purges nothing else, must not leave the old copy in use."""
    if issubclass(sender, Page) and not kwargs.get("raw") and sites.is_site_root(instance):
        page_cache.purge()


def purge_on_page_delete(sender, **kwargs):
    if issubclass(sender, Page):
        page_cache.purge()


# What of an editor's admin profile their user bar shows: its language and the admin theme's classes.
USER_BAR_PROFILE_FIELDS = frozenset({"preferred_language", "theme", "contrast", "density"})


def forget_user_bars(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """An editor's admin profile shows in the user bars kept for them (home.userbar). Its creation, on the first
    user bar rendered, changes nothing already kept, and neither does a save of other fields only: the admin saves
    the tips an editor dismissed (``update_fields=["dismissibles"]``), which must not empty the page cache."""
    if created or raw:
        return
    if update_fields is None or USER_BAR_PROFILE_FIELDS & set(update_fields):
        page_cache.purge()


def _mirror(page_id):
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is not None:
        locales.sync_view_restrictions(page)


def mirror_view_restrictions(sender, instance, **kwargs):
    """A Dutch page's view restriction changed: its translations get the same (home/locales.py)."""
    if not kwargs.get("raw"):
        _mirror(instance.page_id)


def mirror_removed_restriction(sender, instance, **kwargs):
    """Freed only once the deletion is committed and the Dutch page still exists: deleting a restricted page (which
    deletes its restrictions first) must not make its translations public."""
    transaction.on_commit(lambda: _mirror(instance.page_id))


def mirror_restriction_groups(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, PageViewRestriction):
        mirror_view_restrictions(PageViewRestriction, instance)


def register_signal_handlers():
    page_published.connect(purge_page_cache, dispatch_uid="home_page_cache_published")
    page_unpublished.connect(purge_page_cache, dispatch_uid="home_page_cache_unpublished")
    post_page_move.connect(purge_page_cache, dispatch_uid="home_page_cache_moved")
    post_delete.connect(purge_on_page_delete, dispatch_uid="home_page_cache_page_deleted")
    post_save.connect(forget_site_root, dispatch_uid="home_site_root_saved")
    post_save.connect(purge_on_public_content_change, dispatch_uid="home_page_cache_content_saved")
    post_delete.connect(purge_on_public_content_change, dispatch_uid="home_page_cache_content_deleted")
    post_save.connect(forget_user_bars, sender=UserProfile, dispatch_uid="home_user_bars_profile_saved")
    post_save.connect(mirror_view_restrictions, sender=PageViewRestriction, dispatch_uid="home_mirror_restriction")
    post_delete.connect(mirror_removed_restriction, sender=PageViewRestriction, dispatch_uid="home_mirror_unrestrict")
    m2m_changed.connect(
        mirror_restriction_groups, sender=PageViewRestriction.groups.through, dispatch_uid="home_mirror_groups"
    )
    post_save.connect(locales.forget_translated_keys, dispatch_uid="home_translated_keys_saved")
    post_delete.connect(locales.forget_translated_keys, dispatch_uid="home_translated_keys_deleted")
    post_migrate.connect(sync_after_migrate, dispatch_uid="home_sync_site_with_base_url")
    request_started.connect(request_scope.begin, dispatch_uid="home_request_scope_begin")
    request_finished.connect(request_scope.end, dispatch_uid="home_request_scope_end")
    # E-mails stored by a background task carry its id, so a task run again stores each message once.
    task_started.connect(outbox.task_started, dispatch_uid="home_outbox_task_started")
    task_finished.connect(outbox.task_finished, dispatch_uid="home_outbox_task_finished")
