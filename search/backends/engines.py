"""Wagtail's engine backends (OpenSearch 2/3, Elasticsearch 8/9), sending only what the public may read.

Wagtail indexes every page, drafts included, and filters on read. An external engine should never hold a draft
or a page behind a view restriction, so these backends leave such pages out (and delete them when a page stops
being public). The database backend keeps drafts: the same database already holds them, and editors search
drafts in the admin.

Every text field gets the Dutch analysis of search/analysis.py. Settings name a class here, e.g.
`search.backends.engines.OpenSearch2SearchBackend`. The classes are built on
first use (PEP 562), so only the configured engine's client library is imported.
"""

import importlib

from modelsearch.utils import deep_update
from wagtail.models import Page

from home.request_scope import public

from ..analysis import wagtail_index_settings
from ..engine import bulk_write
from .relations import PrefetchRelationsMixin

ENGINES = {
    "OpenSearch2SearchBackend": "modelsearch.backends.opensearch2",
    "OpenSearch3SearchBackend": "modelsearch.backends.opensearch3",
    "Elasticsearch8SearchBackend": "modelsearch.backends.elasticsearch8",
    "Elasticsearch9SearchBackend": "modelsearch.backends.elasticsearch9",
}


def public_page_ids(items) -> set[int]:
    """Of these objects, the ids of the pages the public may read (live, no view restriction up the tree)."""
    ids = [item.pk for item in items if isinstance(item, Page)]
    return set(public(Page.objects.filter(pk__in=ids).live()).values_list("pk", flat=True)) if ids else set()


class PublicOnlyIndexMixin:
    def add_item(self, item):
        if isinstance(item, Page) and item.pk not in public_page_ids([item]):
            self.delete_item(item)
            return
        super().add_item(item)

    def add_items(self, model, items):
        items = list(items)
        readable = public_page_ids(items)
        super().add_items(model, [item for item in items if not isinstance(item, Page) or item.pk in readable])


class DutchAnalysisMixin:
    def __init__(self, params):
        overrides = params.get("INDEX_SETTINGS", {})
        super().__init__({**params, "INDEX_SETTINGS": deep_update(wagtail_index_settings(), overrides)})


class BulkWriteTimeoutMixin:
    """`update_index` writes in bulk with the write timeout, not the search timeout (search.engine.bulk_write)."""

    def bulk(self, client, actions, **kwargs):
        return bulk_write(super().bulk, client, actions, **kwargs)


def _build(name):
    base = importlib.import_module(ENGINES[name]).SearchBackend
    index_class = type(
        f"PublicOnly{base.index_class.__name__}", (PublicOnlyIndexMixin, PrefetchRelationsMixin, base.index_class), {}
    )
    return type(
        name, (DutchAnalysisMixin, BulkWriteTimeoutMixin, base), {"index_class": index_class, "__module__": __name__}
    )


def __getattr__(name):
    if name not in ENGINES:
        raise AttributeError(name)
    backend = _build(name)
    globals()[name] = backend
    return backend
