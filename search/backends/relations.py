"""Indexing a chunk of objects without a query per object for their many-to-many and child relations.

Wagtail's `update_index` hands each backend 1,000 objects at a time, but every object then reads its related search
fields (a practice's sub-themes, a project's municipalities, partners, work lines…) with queries of its own, three per
relation and object for the sub-themes. Prefetching them for the whole chunk turns that into one query per relation.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import prefetch_related_objects
from modelsearch import index


def many_relations(model):
    """The related search fields of `model` that hold many objects (many-to-many, reverse foreign keys)."""
    names = []
    for search_field in model.get_search_fields():
        if not isinstance(search_field, index.RelatedFields):
            continue
        try:
            field = model._meta.get_field(search_field.field_name)
        except FieldDoesNotExist:
            continue
        if field.many_to_many or field.one_to_many:
            names.append(search_field.field_name)
    return list(dict.fromkeys(names))


class PrefetchRelationsMixin:
    """For a Wagtail search index class: prefetch the chunk's many-valued search relations before indexing it."""

    def add_items(self, model, items):
        items = list(items)
        names = many_relations(model)
        if items and names:
            prefetch_related_objects(items, *names)
        return super().add_items(model, items)
