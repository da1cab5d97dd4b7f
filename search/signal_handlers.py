"""Side effects of content changes on search: the synonym cache, the search indices and the finder's index.

Wagtail indexes a page on save; a page that stops being public (unpublished, behind a view restriction, moved
under a restricted page) is removed from every index here, and put back when it is public again.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from modelsearch import index
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_unpublished, post_page_move

from . import elastic
from .models import SYNONYM_CACHE_KEY, Synonym


def clear_synonym_cache(**kwargs):
    cache.delete(SYNONYM_CACHE_KEY)


def sync_page(page):
    """Index `page` if its type indexes it now (live and public, see BasePage), else remove it."""
    specific = page.specific
    if not index.class_is_indexed(type(specific)):
        return
    if type(specific).get_indexed_objects().filter(pk=specific.pk).exists():
        index.insert_or_update_object(specific)
    else:
        index.remove_object(specific)


def sync_subtree(page):
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific():
        sync_page(descendant)


def _on_unpublished(sender, instance, **kwargs):
    index.remove_object(instance)


def _on_moved(sender, instance, **kwargs):
    sync_subtree(instance)


def _on_restriction_changed(sender, instance, **kwargs):
    sync_subtree(instance.page)


def register_signal_handlers():
    post_save.connect(clear_synonym_cache, sender=Synonym, dispatch_uid="search-synonyms-save")
    post_delete.connect(clear_synonym_cache, sender=Synonym, dispatch_uid="search-synonyms-delete")
    page_unpublished.connect(_on_unpublished, dispatch_uid="search-index-unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="search-index-moved")
    post_save.connect(_on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-index-restricted")
    post_delete.connect(_on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-index-unrestricted")
    elastic.register_signal_handlers()
