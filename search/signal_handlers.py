"""Side effects of content changes on search: the synonym cache, the search indices and the finder's index.

Wagtail re-indexes a page when it is saved (publish, unpublish). A view restriction or a move changes whether a
whole subtree is public without saving it, so those re-index the subtree here; the engine backends then keep or
drop each page (search/backends/engines.py).
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from modelsearch import index
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, post_page_move

from accounts.models import Organisation
from knowledge.advisory.models import Response
from knowledge.taxonomy import ActionLine, EvidenceLevel, MainTheme, Phase, PracticeKind, SubTheme

from . import elastic
from .models import REGION_CACHE_KEY, SYNONYM_CACHE_KEY, Synonym
from .tasks import reindex_pages


def clear_synonym_cache(**kwargs):
    cache.delete(SYNONYM_CACHE_KEY)


def clear_region_cache(**kwargs):
    cache.delete(REGION_CACHE_KEY)


def reindex_subtree(page):
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific():
        index.insert_or_update_object(descendant)


def _on_published(sender, instance, **kwargs):
    # Wagtail indexes in post_save, before modelcluster writes the page's inline children and parental
    # many-to-many fields (partners, municipalities, work lines): index again once they are saved.
    index.insert_or_update_object(instance)


def _on_moved(sender, instance, **kwargs):
    reindex_subtree(instance)


def _on_restriction_changed(sender, instance, **kwargs):
    try:
        page = instance.page
    except Page.DoesNotExist:  # the restriction goes because its page is being deleted
        return
    reindex_subtree(page)


# Terms whose name or slug a page shows and indexes (site search text, finder facets and text).
TAXONOMY_MODELS = (ActionLine, MainTheme, SubTheme, Phase, PracticeKind, EvidenceLevel, Organisation)


def _pages_showing(term):
    """The pages that point at `term`, through every relation from a page model to it."""
    ids = set()
    for relation in term._meta.related_objects:
        if issubclass(relation.related_model, Page):
            ids.update(
                relation.related_model.objects.filter(**{relation.field.name: term}).values_list("pk", flat=True)
            )
    return sorted(ids)


def _remember_name(sender, instance, **kwargs):
    if instance.pk:
        instance._indexed_as = sender.objects.filter(pk=instance.pk).values_list("name", "slug").first()


def _on_term_saved(sender, instance, created, **kwargs):
    if created or getattr(instance, "_indexed_as", None) in (None, (instance.name, instance.slug)):
        return
    page_ids = _pages_showing(instance)
    if page_ids:
        transaction.on_commit(lambda: reindex_pages.enqueue(page_ids))


def _on_response_changed(sender, instance, **kwargs):
    # A closed consultation's page carries its public responses (ProposalPage.public_response_texts).
    proposal_id = instance.proposal_id
    transaction.on_commit(lambda: reindex_pages.enqueue([proposal_id]))


def register_signal_handlers():
    post_save.connect(clear_synonym_cache, sender=Synonym, dispatch_uid="search-synonyms-save")
    post_save.connect(clear_region_cache, sender=Organisation, dispatch_uid="search-regions-save")
    post_delete.connect(clear_region_cache, sender=Organisation, dispatch_uid="search-regions-delete")
    post_delete.connect(clear_synonym_cache, sender=Synonym, dispatch_uid="search-synonyms-delete")
    page_published.connect(_on_published, dispatch_uid="search-index-published")
    post_save.connect(_on_response_changed, sender=Response, dispatch_uid="search-response-saved")
    post_delete.connect(_on_response_changed, sender=Response, dispatch_uid="search-response-deleted")
    for model in TAXONOMY_MODELS:
        pre_save.connect(_remember_name, sender=model, dispatch_uid=f"search-term-before-{model.__name__}")
        post_save.connect(_on_term_saved, sender=model, dispatch_uid=f"search-term-saved-{model.__name__}")
    post_page_move.connect(_on_moved, dispatch_uid="search-index-moved")
    post_save.connect(_on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-index-restricted")
    post_delete.connect(_on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-index-unrestricted")
    elastic.register_signal_handlers()
