"""The database backend: Wagtail's own index (SQLite FTS5 or PostgreSQL full text) answers the contract.

Finder: the text match comes from the index table alone (`dutch_index.text_scores`); the facet counts are one
`COUNT … GROUP BY` per facet in SQL, each filtered by the text and the *other* facets (disjunctive), all seven in one
statement; the shown page
is cut in SQL (by date) or from the index's scores (by relevance). A fixed number of queries whatever the number
of practices, and no row is loaded that is not shown.

This module is also what settings name as Wagtail's search backend (`search.backends.database`): modelsearch looks
up `SearchBackend` here, which comes from `dutch_index`.
"""

import functools
import operator
import re
import uuid

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, Case, Count, Q, Value, When, Window

from knowledge.models import BestPracticePage

from ..contract import (
    FACETS,
    FINDER_PER_PAGE,
    OTHER,
    SORT_RELEVANCE,
    BaseBackend,
    FinderResult,
    SiteSearchResult,
    build_facets,
    highlights_for,
    load_practices,
    page_number,
    public_pages,
    site_results,
    site_type_ids,
    type_options,
)
from .dutch_index import (
    SearchBackend,  # noqa: F401  (Wagtail's settings name this module: its database index)
    database_index_alias,
    pk_in,
    ranked_rows,
    text_scores,
)

SubthemeLink = BestPracticePage.subthemes.through
CARD_RELATIONS = ("region", "action_line", "main_theme", "phase", "kind", "evidence_level")


def facet_q(spec, ids):
    """The practices having one of these terms (OR within a facet)."""
    if spec.multi:
        return Q(pk__in=SubthemeLink.objects.filter(subtheme_id__in=ids).values("bestpracticepage_id"))
    return Q(**{f"{spec.column}__in": ids})


def facets_q(selected, *, leave_out=None):
    """Every selected facet (AND across facets), except `leave_out`'s; None when nothing is selected."""
    chosen = [spec for spec in FACETS if selected.get(spec.param) and spec.param != leave_out]
    parts = [facet_q(spec, selected[spec.param]) for spec in chosen]
    return functools.reduce(operator.and_, parts) if parts else None


def filtered(queryset, selected, *, leave_out=None):
    condition = facets_q(selected, leave_out=leave_out)
    return queryset if condition is None else queryset.filter(condition)


def facet_counts(matches, selected):
    """{param: {term id: n}}: per facet a COUNT … GROUP BY over the matches filtered by the *other* facets, the
    seven sent as one statement (UNION ALL): one round trip, and the database counts without returning rows.

    The matches' facet columns are read once into a materialized CTE and the seven counts run over it. Seven
    separate scopes made PostgreSQL scan the practices seven times (a bitmap scan per facet, each rechecking the
    match list, in parallel workers): 43 ms of execution at 10,000 practices for a two-word question."""
    quote = connection.ops.quote_name
    singles = [spec for spec in FACETS if not spec.multi]
    columns = [f"c{i}" for i in range(len(singles))]
    counts: dict[str, dict] = {spec.param: {} for spec in FACETS}
    try:
        base_sql, base_params = (
            matches.order_by().values_list("pk", *[spec.column for spec in singles]).query.sql_with_params()
        )
    except EmptyResultSet:  # no match at all (`pk IN ()`): Django will not write the SQL, and nothing is counted
        return counts
    link_table = quote(SubthemeLink._meta.db_table)
    link_page = quote(SubthemeLink._meta.get_field("bestpracticepage").column)
    link_term = quote(SubthemeLink._meta.get_field("subtheme").column)

    def conditions(leave_out):
        sql: list[str] = []
        params: list[int] = []
        for spec in FACETS:
            ids = selected.get(spec.param)
            if not ids or spec.param == leave_out:
                continue
            marks = ", ".join(["%s"] * len(ids))
            if spec.multi:
                sql.append(f"m.pk IN (SELECT {link_page} FROM {link_table} WHERE {link_term} IN ({marks}))")
            else:
                sql.append(f"m.{columns[singles.index(spec)]} IN ({marks})")
            params.extend(int(pk) for pk in ids)
        return sql, params

    parts: list[str] = []
    params: list[int] = []
    for spec in FACETS:
        where, where_params = conditions(spec.param)
        label = "'" + spec.param + "'"  # a code constant (a GET parameter name), never input
        if spec.multi:
            source = f"m JOIN {link_table} l ON l.{link_page} = m.pk"
            value = f"l.{link_term}"
        else:
            value = f"m.{columns[singles.index(spec)]}"
            source = "m"
            where = [f"{value} IS NOT NULL", *where]
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        parts.append(f"SELECT {label} AS facet, {value} AS value, COUNT(*) AS n FROM {source}{clause} GROUP BY {value}")
        params.extend(where_params)
    sql = f"WITH m (pk, {', '.join(columns)}) AS MATERIALIZED ({base_sql}) " + " UNION ALL ".join(parts)
    with connection.cursor() as cursor:
        cursor.execute(sql, (*base_params, *params))
        for param, value, n in cursor.fetchall():
            counts[param][value] = n
    return counts


# Newest first: the page's ids are picked over the narrow rows, then only those 20 practices are read with what a
# card shows. Sorting the section joined with the card's six relations cost PostgreSQL 170 ms at 10,000 practices,
# most of it building wide rows of which 20 were kept (and as a subquery, PostgreSQL still joined every row first).


def newest(ids, start, per_page):
    return load_practices(list(ids[start : start + per_page]))


def newest_counted(shown, requested, per_page):
    """(total, page number, practices) of `shown`, newest first: the page's ids and the total in one query (a window
    count), as the paginator would give them; only a page past the end needs the count first."""
    number = int(requested) if str(requested).isdigit() and int(requested) >= 1 else None
    if number is not None:
        start = (number - 1) * per_page
        rows = list(
            shown.order_by("-date", "-pk")
            .annotate(total=Window(Count("pk")))
            .values_list("pk", "total")[start : start + per_page]
        )
        if rows:
            return rows[0][1], number, load_practices([pk for pk, _total in rows])
    total = shown.count()
    number = page_number(requested, total, per_page)
    ids = shown.order_by("-date", "-pk").values_list("pk", flat=True)
    return total, number, newest(ids, (number - 1) * per_page, per_page)


# The unfiltered finder (no text, no facet) counts every practice of the section seven times over: the same answer
# for every visitor until a practice changes, so it is cached under a generation that `forget_unfiltered_counts()`
# (search/signal_handlers.py: publish, unpublish, save, delete, move, view restriction, taxonomy) replaces. The
# timeout bounds what a change that sends no signal (a queryset update) can leave stale.
COUNTS_GENERATION_KEY = "search:finder-counts-generation"
UNFILTERED_COUNTS_TIMEOUT = 300


def counts_generation():
    generation = cache.get(COUNTS_GENERATION_KEY)
    if generation is None:
        cache.add(COUNTS_GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(COUNTS_GENERATION_KEY)
    return generation


def forget_unfiltered_counts(**kwargs):
    cache.delete(COUNTS_GENERATION_KEY)


def unfiltered_counts(section, *, index_page):
    """(total, facet counts) of the whole section: from the cache, else counted and kept."""
    key = f"search:finder-unfiltered:{index_page.pk}:{counts_generation()}"
    cached = cache.get(key)
    if cached is None:
        cached = (section.count(), facet_counts(section, {}))
        cache.set(key, cached, UNFILTERED_COUNTS_TIMEOUT)
    return cached


class DatabaseBackend(BaseBackend):
    name = "database"

    def __init__(self, alias=None):
        self.alias = alias or database_index_alias()  # the Wagtail backend holding the database index

    def finder(self, fq, *, index_page, per_page=FINDER_PER_PAGE):
        section = index_page.get_practices()
        dutch = fq.dutch
        counts = None
        if not dutch:
            matches = section
            shown = filtered(matches, fq.selected)
            if fq.selected:
                total, number, items = newest_counted(shown, fq.page, per_page)
            else:
                total, counts = unfiltered_counts(section, index_page=index_page)
                number = page_number(fq.page, total, per_page)
                items = newest(
                    shown.order_by("-date", "-pk").values_list("pk", flat=True), (number - 1) * per_page, per_page
                )
        else:
            # The text matches in this finder (one query), each flagged whether it passes every selected facet.
            scores = text_scores(section, dutch.to_wagtail(), backend=self.alias)
            condition = facets_q(fq.selected)
            in_section = section.filter(pk_in(scores)).order_by()
            # With its date, so that the date order needs no wide sort in SQL.
            if condition is None:
                rows = [(pk, date, True) for pk, date in in_section.values_list("pk", "date")]
            else:
                flag = Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())
                rows = list(in_section.annotate(shown=flag).values_list("pk", "date", "shown"))
            # From here on the practices' own table only: no join with the page tree.
            matches = BestPracticePage.objects.order_by().filter(pk_in([pk for pk, _date, _shown in rows]))
            shown_ids = [pk for pk, _date, is_shown in rows if is_shown]
            dates = {pk: date for pk, date, _shown in rows}
            total = len(shown_ids)
            number = page_number(fq.page, total, per_page)
            start = (number - 1) * per_page
            cards = BestPracticePage.objects.select_related(*CARD_RELATIONS)
            if fq.sort == SORT_RELEVANCE:
                # The index's scores give the order; only the shown page is loaded.
                page_ids = sorted(shown_ids, key=lambda pk: (scores[pk], -pk))[start : start + per_page]
                by_pk = {p.pk: p for p in cards.filter(pk_in(page_ids))}
                items = [by_pk[pk] for pk in page_ids if pk in by_pk]
            else:
                newest_first = sorted(shown_ids, key=lambda pk: (dates[pk], pk), reverse=True)
                items = load_practices(newest_first[start : start + per_page])
        return FinderResult(
            items=items,
            total=total,
            facets=build_facets(fq, counts if counts is not None else facet_counts(matches, fq.selected)),
            highlights=highlights_for(items, dutch),
            page_number=number,
            backend=self.name,
            expanded_terms=dutch.expanded_terms if dutch else [],
        )

    def site(self, sq):
        dutch = sq.dutch
        if not dutch:
            return SiteSearchResult(items=[], total=0, types=[])
        ct_to_slug = {ct: slug for slug, ct in site_type_ids().items()}
        rows = ranked_rows(public_pages(), dutch.to_wagtail(), ["pk", "content_type_id"], backend=self.alias)
        counts: dict[int, int] = {}
        chosen_ids: list[int] = []
        for pk, ct in rows:
            slug = ct_to_slug.get(ct, OTHER)
            counts[slug] = counts.get(slug, 0) + 1
            if not sq.type_slug or slug == sq.type_slug:
                chosen_ids.append(pk)
        number = page_number(sq.page, len(chosen_ids), sq.per_page)
        ids = chosen_ids[(number - 1) * sq.per_page : number * sq.per_page]
        return SiteSearchResult(
            items=site_results(ids, ct_to_slug, dutch),
            total=len(chosen_ids),
            types=type_options(counts, sq.type_slug),
            page_number=number,
            expanded_terms=dutch.expanded_terms,
            backend=self.name,
        )

    def complete(self, text, *, limit):
        # Only words reach the index's query parser: SQLite's FTS5 refuses `"`, `>` and the like (a 500 before).
        words = " ".join(re.findall(r"\w+", text))
        if not words:
            return []
        pages = public_pages().filter(depth__gt=2).autocomplete(words, backend=self.alias)[:limit]
        return [{"label": page.title, "url": page.url, "type": "page"} for page in pages]
