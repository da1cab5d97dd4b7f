"""Wagtail's database search backend, made Dutch-aware.

Use as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends.database"``. It picks the
SQLite (FTS5) or PostgreSQL implementation of modelsearch like the stock backend does, and adds:

- a `Prefix` query node (search.query.Prefix) so stems match inflected words;
- plain string queries (the Wagtail admin, the API) go through `search.query.build_query` too, so
  every channel gets stemming, accent folding and the editors' synonyms.

On PostgreSQL pass ``SEARCH_CONFIG = "dutch"`` so the index uses Dutch stemming and stop words.
"""

import functools

from django.db import connection
from modelsearch.backends.database import SearchBackend as stock_backend

from ..query import Prefix, build_query


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
    from django.db.models import FloatField, Func
    from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    class WeightedBM25(Func):
        """bm25 with column weights (autocomplete 0, body 1, title 4); lower is better, as in FTS5."""

        output_field = FloatField()

        def as_sql(self, compiler, connection, **extra):
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, 4.0)", []

    class DutchSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if isinstance(query, Prefix):
                return SearchQueryExpression(Lexeme(query.query_string, prefix=True), config=config)
            return super().build_search_query_content(query, config=config)

        def _build_rank_expression(self, vectors, config):
            # The stock expression multiplies the whole-row bm25 by a title-length factor, which
            # ranks short titles first whatever they say; weighting the title column is fairer.
            return WeightedBM25()

    class DutchSQLiteSearchBackend(DutchSearchMixin, SQLiteSearchBackend):
        query_compiler_class = DutchSQLiteQueryCompiler

    return DutchSQLiteSearchBackend


@functools.cache
def _postgres_backend():
    from django.contrib.postgres.search import SearchQuery
    from modelsearch.backends.database.postgres.postgres import (
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )
    from modelsearch.backends.database.postgres.query import Lexeme

    class DutchPostgresQueryCompiler(PostgresSearchQueryCompiler):
        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, Prefix):
                lexeme = Lexeme(query.query_string, invert=invert, prefix=True)
                return SearchQuery(lexeme, search_type="raw", config=config)
            return super().build_tsquery_content(query, config=config, invert=invert)

    class DutchPostgresSearchBackend(DutchSearchMixin, PostgresSearchBackend):
        query_compiler_class = DutchPostgresQueryCompiler

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
