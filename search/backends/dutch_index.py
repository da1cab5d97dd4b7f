"""Wagtail's database search index, made Dutch-aware, and ranked reads from it.

Settings name it as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.database"`` (that module
re-exports `SearchBackend` from here). It picks the
SQLite (FTS5) or PostgreSQL implementation of modelsearch like the stock backend does, and adds:

- a `Prefix` query node (search.query.Prefix) so stems match inflected words;
- plain string queries (the Wagtail admin, the API) go through `search.query.build_query` too, so
  every channel gets stemming, accent folding and the editors' synonyms.

On PostgreSQL pass ``SEARCH_CONFIG = "dutch"`` so the index uses Dutch stemming and stop words.
"""

import functools
import json

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, F, FloatField, Func, Q
from django.db.models.expressions import RawSQL
from modelsearch.backends.database import SearchBackend as stock_backend
from modelsearch.query import Phrase
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.models import IndexEntry

from ..query import Prefix, build_query
from .relations import PrefetchRelationsMixin


def _dutch(query, fields, operator):
    if isinstance(query, str) and fields is None and operator is None:
        parsed = build_query(query)
        if parsed:
            return parsed.to_wagtail()
    return query


class DutchSearchMixin:
    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        return super().search(_dutch(query, fields, operator), model_or_queryset, fields, operator, order_by_relevance)


@functools.cache
def _sqlite_backend():
    # The vendor's modules can only be imported on that vendor (the PostgreSQL one needs psycopg).
    from modelsearch.backends.database.sqlite.query import Lexeme, MatchExpression, SearchQueryExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteIndex,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    class WeightedBM25(Func):
        """bm25 with column weights (autocomplete 0, body 1, title 8); lower is better, as in FTS5."""

        output_field = FloatField()

        def as_sql(self, compiler, connection, **extra):
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, 8.0)", []

    class DutchSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, Prefix):
                return SearchQueryExpression(Lexeme(query.query_string, prefix=True), config=config)
            return super().build_search_query_content(query, config=config)

        def _build_rank_expression(self, vectors, config):
            # The stock expression multiplies the whole-row bm25 by a title-length factor, which
            # ranks short titles first whatever they say; weighting the title column is fairer.
            return WeightedBM25()

        def scores(self, backend=None):
            """{object pk: bm25} of every match (lower is better), in two index-only queries.

            The stock queryset joins the FTS table to the index entries; SQLite then loops over
            every index entry and runs the MATCH inside the loop, and annotates the score with a
            correlated subquery per row. Matching on the FTS table alone takes a millisecond."""
            search_query = self.build_search_query(normalize(self.query))
            matches = dict(
                SQLiteFTSIndexEntry.objects.filter(MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query))
                .annotate(score=WeightedBM25())
                .values_list("index_entry_id", "score")
            )
            entries = IndexEntry.objects.filter(
                content_type__in=get_descendants_content_types_pks(self.queryset.model)
            ).values_list("id", "object_id")
            entries = entries.filter(pk_in(matches))
            return {int(object_id): matches[entry_id] for entry_id, object_id in entries if entry_id in matches}

    class DutchSQLiteIndex(PrefetchRelationsMixin, SQLiteIndex):
        pass

    class DutchSQLiteSearchBackend(DutchSearchMixin, SQLiteSearchBackend):
        query_compiler_class = DutchSQLiteQueryCompiler
        index_class = DutchSQLiteIndex

    return DutchSQLiteSearchBackend


@functools.cache
def _postgres_backend():
    from django.contrib.postgres.search import SearchQuery, SearchRank
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )
    from modelsearch.backends.database.postgres.query import Lexeme

    class DutchPostgresQueryCompiler(PostgresSearchQueryCompiler):
        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, Prefix):
                lexeme = Lexeme(query.query_string, invert=invert, prefix=True)
                return SearchQuery(lexeme, search_type="raw", config=config)
            numbers = query.query_string.split() if isinstance(query, Phrase) else []
            if len(numbers) > 1 and all(n.isdigit() for n in numbers) and not invert:
                # PostgreSQL's parser reads "18-/18+" as the number 18 followed by the file path "/18":
                # a phrase of numbers also matches that path form, else the field's "18-/18+" is never found.
                raw = " <-> ".join([numbers[0]] + [f"({n} | '/{n}')" for n in numbers[1:]])
                return SearchQuery(raw, search_type="raw", config=config)
            return super().build_tsquery_content(query, config=config, invert=invert)

        def scores(self, backend):
            """{object pk: -rank} of every match (lower is better), from the index table alone.

            Matching `title || body` on the index entries uses our GIN expression index (search migration
            0003); starting from the pages instead makes PostgreSQL walk every page of the section."""
            config = backend.config
            search_query = self.build_tsquery(self.query, config=config)
            # Two ts_rank calls per match (title ×4, body) instead of modelsearch's product over every
            # clause and column: at thousands of matches the rank is most of the query's cost.
            rank = SearchRank(F("title"), search_query) * 8.0 + SearchRank(F("body"), search_query)
            entries = (
                IndexEntry.objects.filter(content_type__in=get_descendants_content_types_pks(self.queryset.model))
                .annotate(_vector_=F("title")._combine(F("body"), "||", False))
                .filter(_vector_=search_query)
                .annotate(score=rank)
                .values_list("object_id", "score")
            )
            return {int(object_id): -score for object_id, score in entries}

    class DutchPostgresIndex(PrefetchRelationsMixin, PostgresIndex):
        pass

    class DutchPostgresSearchBackend(DutchSearchMixin, PostgresSearchBackend):
        query_compiler_class = DutchPostgresQueryCompiler
        index_class = DutchPostgresIndex

    return DutchPostgresSearchBackend


def SearchBackend(params):  # noqa: N802  (modelsearch looks up this name)
    backend = stock_backend(params)
    vendor = connection.vendor
    name = type(backend).__name__
    if vendor == "sqlite" and name == "SQLiteSearchBackend":
        return _sqlite_backend()(params)
    if vendor == "postgresql":
        return _postgres_backend()(params)
    return backend  # MySQL or SQLite without FTS5: the stock backend, without Dutch prefixes


def database_index_alias() -> str:
    """The Wagtail search backend alias of the database index ('database' beside an engine, else 'default')."""
    return "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"


SMALL_ID_LIST = 1000


class AnyOf(Func):
    """`column = ANY(array)` on PostgreSQL."""

    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()


def pk_in(ids):
    """`pk IN (ids)`; past SMALL_ID_LIST ids as one SQL parameter: an array on PostgreSQL, JSON on SQLite.

    Django writes `pk__in=[...]` as one parameter per id: past SQLite's 32,766 it fails, and PostgreSQL parses and
    plans every one of them again in each facet query. A short list stays a plain IN: the planner then knows its
    size and reads the rows by primary key (with `IN (SELECT unnest(…))` it hashes the whole section)."""
    ids = [int(pk) for pk in ids]
    if len(ids) <= SMALL_ID_LIST:
        return Q(pk__in=ids)
    if connection.vendor == "postgresql":
        # `= ANY(array)`: a bitmap scan of the primary key (`IN (SELECT unnest(…))` hashes the whole table).
        return AnyOf(F("pk"), RawSQL("%s::integer[]", (ids,)))
    if connection.vendor == "sqlite":
        return Q(pk__in=RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),)))
    return Q(pk__in=ids)


def text_scores(queryset, query, *, backend):
    """{pk: score} (lower is better) of the pages in `queryset` matching `query`, from the index table alone.

    Both databases plan `pk IN (text match)` as a loop over every page of the section; asking the index first
    (SQLite FTS5 or PostgreSQL's GIN index) and filtering on its ids is orders of magnitude faster. The ids may
    include pages outside `queryset` (other sections, drafts): filter the queryset on them."""
    results = queryset.search(query, order_by_relevance=False, backend=backend)
    compiler = results.query_compiler
    if hasattr(compiler, "scores"):
        return compiler.scores(results.backend)
    # The stock backend (MySQL, SQLite without FTS5): its relevance order as the score.
    ranked = queryset.search(query, order_by_relevance=True, backend=backend)
    return {pk: rank for rank, pk in enumerate(ranked.get_queryset().values_list("pk", flat=True))}


def ranked_rows(queryset, query, columns, *, backend):
    """`values_list(*columns)` (the first column is the pk) of the pages in `queryset` matching `query`, best
    match first. Two or three queries whatever the number of matches."""
    scores = text_scores(queryset, query, backend=backend)
    rows = list(queryset.filter(pk_in(scores)).values_list(*columns)) if scores else []
    rows.sort(key=lambda row: (scores[row[0]], -row[0]))
    return rows
