"""Side effects of content changes on search: synonym cache, and the Elasticsearch finder index."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from .models import SYNONYM_CACHE_KEY, Synonym


def clear_synonym_cache(**kwargs):
    cache.delete(SYNONYM_CACHE_KEY)


def register_signal_handlers():
    post_save.connect(clear_synonym_cache, sender=Synonym, dispatch_uid="search-synonyms-save")
    post_delete.connect(clear_synonym_cache, sender=Synonym, dispatch_uid="search-synonyms-delete")
    from . import elastic

    elastic.register_signal_handlers()
