"""The engine backend: OpenSearch 2/3 or Elasticsearch 8/9 answers the contract.

elasticsearch-dsl describes every query, facet and highlight and reads every response; the engine's transport
(search/engine.py) carries the bodies, so the same code answers on both engines. The practice index itself (mapping,
documents, writes) is search/elastic.py.

- Finder: `PracticeFacetedSearch`, disjunctive facets (each aggregation filtered by the other facets only, the hits
  by all of them in a `post_filter`), highlighting with HTML escaping. The request asks only what the page shows:
  `size` = one page, no `_source`, exact totals (`track_total_hits`), highlights only for a text query, and the
  term suggester ("bedoelde u") only in a second request when nothing matched.
- Site search: Wagtail's engine backend (alias "default", search/backends/engines.py); its analyser stems, the
  query adds the synonyms and region names.
- Suggestions: the completion suggester over practice titles, then Wagtail's autocomplete on the engine.
"""

from django.utils.safestring import mark_safe
from elasticsearch.dsl import FacetedSearch, TermsFacet
from elasticsearch.dsl.faceted_search_base import FacetedResponse
from elasticsearch.dsl.response import Response
from modelsearch.query import And, Or, Phrase, PlainText

from .. import elastic, engine
from ..contract import (
    FACETS,
    FINDER_PER_PAGE,
    OTHER,
    SORT_DATE,
    BaseBackend,
    FinderResult,
    SiteSearchResult,
    build_facets,
    load_practices,
    page_number,
    public_pages,
    site_results,
    site_type_ids,
    type_options,
)

WAGTAIL_ALIAS = "default"  # Wagtail's search backend for the engine (settings: WAGTAILSEARCH_BACKENDS)
HIGHLIGHTED = ("summary", "target_group", "body", "results")


class PracticeFacetedSearch(FacetedSearch):
    doc_types = [elastic.PracticeDocument]
    fields = elastic.TEXT_FIELDS
    facets = {spec.param: TermsFacet(field=spec.document_field, size=200) for spec in FACETS}

    def __init__(self, query=None, filters=None, sort=(), *, parent_id=None):
        self.index: str = elastic.index_name()
        self.parent_id = parent_id
        super().__init__(query, filters or {}, sort)

    def search(self):
        s = super().search()
        if self.parent_id is not None:
            s = s.filter("term", parent_id=str(self.parent_id))  # filter context: cached, not scored
        return s.source(False).extra(track_total_hits=True)

    def query(self, search, query):
        if not query:
            return search
        return search.query("multi_match", query=query, fields=self.fields, operator="and", type="best_fields")

    def highlight(self, search):
        if not self._query:
            return search
        return search.highlight_options(
            encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], number_of_fragments=1, fragment_size=200
        ).highlight(*HIGHLIGHTED)

    def execute(self):
        raw = engine.transport().search(index=self.index, body=self._s.to_dict())
        response = FacetedResponse(self._s, raw)
        response._faceted_search = self
        return response


def finder_search(fq, *, index_page):
    filters = {param: slugs for param, slugs in fq.selected_slugs.items() if slugs}
    sort = ["-date", "_id"] if fq.sort == SORT_DATE or not fq.text else ["_score", "-date"]
    return PracticeFacetedSearch(fq.text or None, filters, sort, parent_id=index_page.pk)


def spelling_search(text):
    """The term suggester over the titles: "bedoelde u" for a query that found nothing."""
    return (
        elastic.PracticeDocument.search(index=elastic.index_name())
        .suggest("spelling", text, term={"field": "title", "suggest_mode": "popular"})
        .extra(size=0)
    )


def completion_search(text, *, size=8):
    """The completion suggester over practice titles."""
    return (
        elastic.PracticeDocument.search(index=elastic.index_name())
        .source(["title", "url"])
        .suggest("titles", text, completion={"field": "suggest", "size": size, "skip_duplicates": True})
        .extra(size=0)
    )


def execute(search):
    """Send an elasticsearch-dsl search through the engine's transport and read the answer with the DSL."""
    return Response(search, engine.transport().search(index=elastic.index_name(), body=search.to_dict()))


def wagtail_query(dutch):
    """The Dutch query for Wagtail's engine backend: its analyser stems, we add the synonyms."""
    parts = []
    for clause in dutch.clauses:
        variants = [PlainText(o) if " " not in o else Phrase(o) for o in clause.originals]
        parts.append(variants[0] if len(variants) == 1 else Or(variants))
    if len(parts) == 1:
        return parts[0]
    return Or(parts) if dutch.match_any else And(parts)


class EngineBackend(BaseBackend):
    name = "elasticsearch"  # the engine family, whichever engine answers (OpenSearch or Elasticsearch)

    def finder(self, fq, *, index_page, per_page=FINDER_PER_PAGE):
        faceted = finder_search(fq, index_page=index_page)
        requested = fq.requested_page
        response = faceted[(requested - 1) * per_page : requested * per_page].execute()
        total = response.hits.total.value
        last = max(1, -(-total // per_page))
        if requested > last:  # out of range: show the last page, like the database backend
            requested = last
            response = faceted[(requested - 1) * per_page : requested * per_page].execute()
        ids = [int(hit.meta.id) for hit in response.hits]
        counts = {}
        for spec in FACETS:
            by_slug = {t.slug: t.pk for t in fq.terms[spec.param]}
            counts[spec.param] = {
                by_slug[slug]: n for slug, n, _selected in response.facets[spec.param] if slug in by_slug
            }
        highlights = {}
        for hit in response.hits:
            marked = hit.meta.to_dict().get("highlight", {})
            fragments = [f for name in HIGHLIGHTED for f in marked.get(name, [])]
            if fragments:
                highlights[int(hit.meta.id)] = mark_safe(" … ".join(fragments[:2]))  # escaped by the engine
        suggestions = []
        if total == 0 and fq.text:
            spelling = getattr(execute(spelling_search(fq.text)).suggest, "spelling", [])
            corrected = " ".join(entry.options[0].text if entry.options else entry.text for entry in spelling)
            if corrected and corrected != fq.text.lower():
                suggestions.append(("did_you_mean", corrected, fq.querystring(text=corrected)))
        return FinderResult(
            items=load_practices(ids),
            total=total,
            facets=build_facets(fq, counts),
            highlights=highlights,
            suggestions=suggestions,
            page_number=requested,
            backend=self.name,
        )

    def site(self, sq):
        dutch = sq.dutch
        if not dutch:
            return SiteSearchResult(items=[], total=0, types=[])
        type_cts = site_type_ids()
        ct_to_slug = {ct: slug for slug, ct in type_cts.items()}
        query = wagtail_query(dutch)
        counts: dict[int, int] = {}
        for ct, n in public_pages().search(query, backend=WAGTAIL_ALIAS).facet("content_type_id").items():
            slug = ct_to_slug.get(int(ct), OTHER)
            counts[slug] = counts.get(slug, 0) + n
        pages = public_pages()
        if sq.type_slug == OTHER:
            pages = pages.exclude(content_type__in=list(type_cts.values()))
        elif sq.type_slug in type_cts:
            pages = pages.filter(content_type=type_cts[sq.type_slug])
        results = pages.search(query, backend=WAGTAIL_ALIAS)
        total = results.count()
        number = page_number(sq.page, total, sq.per_page)
        start = (number - 1) * sq.per_page
        ids = [page.pk for page in results[start : start + sq.per_page]]
        return SiteSearchResult(
            items=site_results(ids, ct_to_slug, dutch),
            total=total,
            types=type_options(counts, sq.type_slug),
            page_number=number,
            expanded_terms=dutch.expanded_terms,
            backend=self.name,
        )

    def complete(self, text, *, limit):
        response = execute(completion_search(text, size=max(1, limit // 2)))
        results = [
            {"label": option._source.title, "url": option._source.url, "type": "page"}
            for option in response.suggest.titles[0].options
        ]
        seen = {r["label"] for r in results}
        for page in public_pages().filter(depth__gt=2).autocomplete(text, backend=WAGTAIL_ALIAS)[:limit]:
            if page.title not in seen:
                seen.add(page.title)
                results.append({"label": page.title, "url": page.url, "type": "page"})
        return results[:limit]
