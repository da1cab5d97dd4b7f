"""How content changes reach search: caches cleared here, index updates scheduled for the task worker.

Every index change goes through `search.tasks.schedule()` (the worker, or at once when none runs):

- publish and unpublish (Wagtail indexes in post_save, before modelcluster writes the page's inline children and
  parental many-to-many fields: the page is indexed again once they are saved);
- moves and view restrictions change whether a whole subtree is public without saving it: the subtree;
- a renamed taxonomy term or region: the pages that show it;
- a consultation response: its proposal page (closed consultations carry their public responses);
- a deleted practice leaves the finder index (Wagtail's indices drop pages in their own post_delete);
- a synonym edit: the caches at once, the finder index's synonym filter through the worker;
- any change to which practices a finder shows or how they are classified: the cached unfiltered facet counts
  (search/backends/database.py) at once.

The engine backends keep or drop each page they are given (search/backends/engines.py, search/elastic.py).
"""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from accounts.models import Organisation
from knowledge.advisory.models import Response
from knowledge.models import BestPracticePage
from knowledge.taxonomy import ActionLine, EvidenceLevel, MainTheme, Phase, PracticeKind, SubTheme

from .backends.database import forget_unfiltered_counts
from .models import REGION_CACHE_KEY, SYNONYM_CACHE_KEY, Synonym
from .tasks import refresh_synonyms, reindex_pages, remove_practices, schedule


def subtree_ids(page):
    return list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))


def on_synonym_changed(**kwargs):
    cache.delete(SYNONYM_CACHE_KEY)
    schedule(refresh_synonyms)


def clear_region_cache(**kwargs):
    cache.delete(REGION_CACHE_KEY)


def on_published_or_unpublished(sender, instance, **kwargs):
    schedule(reindex_pages, [instance.pk])


def on_practice_deleted(sender, instance, **kwargs):
    schedule(remove_practices, [instance.pk])


def on_moved(sender, instance, **kwargs):
    schedule(reindex_pages, subtree_ids(instance))


def on_restriction_changed(sender, instance, **kwargs):
    try:
        page = instance.page
    except Page.DoesNotExist:  # the restriction goes because its page is being deleted
        return
    schedule(reindex_pages, subtree_ids(page))


# Terms whose name or slug a page shows and indexes (site search text, finder facets and text).
TAXONOMY_MODELS = (ActionLine, MainTheme, SubTheme, Phase, PracticeKind, EvidenceLevel, Organisation)


def pages_showing(term):
    """The pages that point at `term`, through every relation from a page model to it."""
    ids = set()
    for relation in term._meta.related_objects:
        if issubclass(relation.related_model, Page):
            ids.update(
                relation.related_model.objects.filter(**{relation.field.name: term}).values_list("pk", flat=True)
            )
    return sorted(ids)


def remember_name(sender, instance, **kwargs):
    if instance.pk:
        instance._indexed_as = sender.objects.filter(pk=instance.pk).values_list("name", "slug").first()


def on_term_saved(sender, instance, created, **kwargs):
    if created or getattr(instance, "_indexed_as", None) in (None, (instance.name, instance.slug)):
        return
    page_ids = pages_showing(instance)
    if page_ids:
        schedule(reindex_pages, page_ids)


def on_response_changed(sender, instance, **kwargs):
    schedule(reindex_pages, [instance.proposal_id])


def register_signal_handlers():
    post_save.connect(on_synonym_changed, sender=Synonym, dispatch_uid="search-synonyms-save")
    post_delete.connect(on_synonym_changed, sender=Synonym, dispatch_uid="search-synonyms-delete")
    post_save.connect(clear_region_cache, sender=Organisation, dispatch_uid="search-regions-save")
    post_delete.connect(clear_region_cache, sender=Organisation, dispatch_uid="search-regions-delete")
    page_published.connect(on_published_or_unpublished, dispatch_uid="search-index-published")
    page_unpublished.connect(on_published_or_unpublished, dispatch_uid="search-index-unpublished")
    post_delete.connect(on_practice_deleted, sender=BestPracticePage, dispatch_uid="search-finder-deleted")
    post_page_move.connect(on_moved, dispatch_uid="search-index-moved")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-index-restricted")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-index-unrestricted")
    post_save.connect(on_response_changed, sender=Response, dispatch_uid="search-response-saved")
    post_delete.connect(on_response_changed, sender=Response, dispatch_uid="search-response-deleted")
    # The unfiltered finder's cached counts: a practice saved (created, published, unpublished, its facets edited),
    # deleted or moved, its sub-themes set, a view restriction, or a term deleted (its practices lose it in SQL).
    post_save.connect(forget_unfiltered_counts, sender=BestPracticePage, dispatch_uid="search-counts-practice-saved")
    post_delete.connect(forget_unfiltered_counts, sender=BestPracticePage, dispatch_uid="search-counts-deleted")
    m2m_changed.connect(
        forget_unfiltered_counts, sender=BestPracticePage.subthemes.through, dispatch_uid="search-counts-subthemes"
    )
    post_page_move.connect(forget_unfiltered_counts, dispatch_uid="search-counts-moved")
    post_save.connect(forget_unfiltered_counts, sender=PageViewRestriction, dispatch_uid="search-counts-restricted")
    post_delete.connect(forget_unfiltered_counts, sender=PageViewRestriction, dispatch_uid="search-counts-unrestricted")
    for model in TAXONOMY_MODELS:
        post_delete.connect(forget_unfiltered_counts, sender=model, dispatch_uid=f"search-counts-term-{model.__name__}")
        pre_save.connect(remember_name, sender=model, dispatch_uid=f"search-term-before-{model.__name__}")
        post_save.connect(on_term_saved, sender=model, dispatch_uid=f"search-term-saved-{model.__name__}")
