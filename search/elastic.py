"""The search engine for the best-practice finder (elasticsearch-dsl), used when an engine is configured.

elasticsearch-dsl describes the mapping, the queries, facets and highlighting, and reads the responses; the
engine's transport (search/engine.py) carries the bodies, so the same code answers on OpenSearch 2/3 and
Elasticsearch 8/9.

- `PracticeDocument`: one document per *published, public* best practice (drafts and pages behind
  a view restriction are never sent), with a Dutch analyser: standard tokenizer, lower case, ASCII
  folding, Dutch stop words and stemmer; at search time also the editors' synonyms.
- `PracticeFacetedSearch`: the finder's facets (disjunctive: each aggregation is filtered by the
  other facets only, the hits by all of them in a post_filter), highlighting with HTML escaping,
  and a term suggester for "bedoelde u".
- `ElasticFinderBackend`: answers a `FinderQuery` with the same `FinderResult` as the database.
- Signal handlers keep the index current on publish, unpublish, move, delete and view restriction
  changes; `manage.py update_finder_index` (also run by `update_index`) rebuilds it in bulk.
"""

import logging

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from elasticsearch.dsl import (
    Completion,
    Date,
    Document,
    FacetedSearch,
    Index,
    Keyword,
    TermsFacet,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch.dsl.faceted_search_base import FacetedResponse
from elasticsearch.dsl.response import Response

from . import analysis, engine

logger = logging.getLogger("kennisplatform.search")

# Facet parameter of the contract -> document field (slugs).
FACET_FIELDS = {
    "actielijn": "action_line",
    "thema": "main_theme",
    "subthema": "subthemes",
    "regio": "region",
    "fase": "phase",
    "soort": "kind",
    "bewijs": "evidence_level",
}
TEXT_FIELDS = ["title^4", "summary^2", "target_group^2", "taxonomy", "body", "results"]


def index_name():
    return f"{getattr(settings, 'ELASTICSEARCH_INDEX_PREFIX', 'kennisplatform')}_goede_voorbeelden"


def synonym_rules():
    """The editors' synonyms in Solr format: 'ggz, geestelijke gezondheidszorg, jeugd-ggz'."""
    from .models import Synonym

    rules = []
    for synonym in Synonym.objects.all():
        variants = [v.replace(",", " ").strip().lower() for v in synonym.variants()]
        variants = [v for v in variants if v]
        if len(variants) > 1:
            rules.append(", ".join(variants))
    return rules


def dutch_analyzers(rules):
    """The finder's analysers: the shared Dutch analysis (search/analysis.py), plus the editors' synonyms."""
    filters = {name: token_filter(name, **definition) for name, definition in analysis.FILTERS.items()}
    synonyms = token_filter("kp_synonyms", type="synonym_graph", synonyms=rules or ["ggz, geestelijke gezondheidszorg"])
    index_analyzer = analyzer(
        "dutch_index", tokenizer="standard", filter=[filters.get(f, f) for f in analysis.INDEX_FILTERS]
    )
    search_filters = [filters.get(f, f) for f in analysis.SEARCH_FILTERS]
    search_analyzer = analyzer(
        "dutch_search", tokenizer="standard", filter=search_filters[:2] + [synonyms] + search_filters[2:]
    )
    return index_analyzer, search_analyzer


INDEX_ANALYZER, SEARCH_ANALYZER = dutch_analyzers([])


def _text(**kwargs):
    return Text(analyzer=INDEX_ANALYZER, search_analyzer=SEARCH_ANALYZER, **kwargs)


class PracticeDocument(Document):
    title = _text(fields={"raw": Keyword()})
    summary = _text()
    body = _text()
    results = _text()
    target_group = _text()
    taxonomy = _text()  # names of region and themes, so "Food Valley" or "pleegzorg" finds by text too
    date = Date()
    parent_id = Keyword()
    url = Keyword(index=False)
    suggest = Completion(analyzer="simple")
    action_line = Keyword()
    main_theme = Keyword()
    subthemes = Keyword(multi=True)
    region = Keyword()
    phase = Keyword()
    kind = Keyword()
    evidence_level = Keyword()

    class Index:
        name = "kennisplatform_goede_voorbeelden"  # replaced by build_index() with the configured prefix

    @classmethod
    def from_page(cls, page):
        from .snippets import page_texts

        texts = list(page_texts(page))
        subthemes = list(page.subthemes.all())
        doc = cls(
            meta={"id": page.pk},
            title=page.title,
            summary=page.summary,
            body=texts[-1] if texts else "",
            results=strip_tags(page.results),
            target_group=page.target_group,
            taxonomy=" ".join(
                [str(page.region), page.main_theme.name, page.action_line.name] + [s.name for s in subthemes]
            ),
            date=page.date,
            parent_id=str(page.get_parent().pk),
            url=page.url,
            suggest={"input": [page.title]},
            action_line=page.action_line.slug,
            main_theme=page.main_theme.slug,
            subthemes=[s.slug for s in subthemes],
            region=page.region.slug,
            phase=page.phase.slug,
            kind=page.kind.slug,
            evidence_level=page.evidence_level.slug if page.evidence_level_id else None,
        )
        return doc


def build_index(rules=None):
    """The index definition (settings + mapping) with the current synonyms."""
    rules = synonym_rules() if rules is None else rules
    index_analyzer, search_analyzer = dutch_analyzers(rules)
    index = Index(index_name())
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.analyzer(index_analyzer)
    index.analyzer(search_analyzer)
    index.document(PracticeDocument)
    return index


def execute(search):
    """Send an elasticsearch-dsl search through the engine's transport and read the answer with the DSL."""
    raw = engine.transport().search(index=index_name(), body=search.to_dict())
    return Response(search, raw)


class PracticeFacetedSearch(FacetedSearch):
    doc_types = [PracticeDocument]
    fields = TEXT_FIELDS
    facets = {param: TermsFacet(field=field, size=200) for param, field in FACET_FIELDS.items()}

    def __init__(self, query=None, filters=None, sort=(), *, parent_id=None):
        self.index = index_name()
        self.parent_id = parent_id
        super().__init__(query, filters or {}, sort)

    def search(self):
        s = super().search()
        if self.parent_id is not None:
            s = s.filter("term", parent_id=str(self.parent_id))
        return s.source(False)

    def query(self, search, query):
        if not query:
            return search
        return search.query("multi_match", query=query, fields=self.fields, operator="and", type="best_fields").suggest(
            "spelling", query, term={"field": "title", "suggest_mode": "popular"}
        )

    def execute(self):
        raw = engine.transport().search(index=self.index, body=self._s.to_dict())
        response = FacetedResponse(self._s, raw)
        response._faceted_search = self
        return response

    def highlight(self, search):
        return search.highlight_options(
            encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], number_of_fragments=1, fragment_size=200
        ).highlight("summary", "body", "target_group", "results")


def finder_search(fq, *, index_page):
    filters = {param: slugs for param, slugs in fq.selected_slugs.items() if slugs}
    sort = ["-date", "_id"] if fq.sort == "datum" or not fq.text else ["_score", "-date"]
    return PracticeFacetedSearch(fq.text or None, filters, sort, parent_id=index_page.pk)


class ElasticFinderBackend:
    name = "elasticsearch"  # the engine family, whichever engine answers (OpenSearch or Elasticsearch)

    def search(self, fq, *, index_page, per_page):
        from .finder import FACETS, FinderResult, build_facets, load_practices

        faceted = finder_search(fq, index_page=index_page)
        requested = max(1, int(fq.page)) if str(fq.page).isdigit() else 1
        response = faceted[(requested - 1) * per_page : requested * per_page].execute()
        total = response.hits.total.value
        last = max(1, -(-total // per_page))
        if requested > last:  # out of range: show the last page, like the database backend
            requested = last
            response = faceted[(requested - 1) * per_page : requested * per_page].execute()
        ids = [int(hit.meta.id) for hit in response.hits]
        items = load_practices(ids)
        counts = {}
        for spec in FACETS:
            by_slug = {t.slug: t.pk for t in fq.terms[spec.param]}
            counts[spec.param] = {
                by_slug[slug]: n for slug, n, _selected in response.facets[spec.param] if slug in by_slug
            }
        highlights = {}
        for hit in response.hits:
            marked = hit.meta.to_dict().get("highlight", {})
            fragments = [f for field in ("summary", "target_group", "body", "results") for f in marked.get(field, [])]
            if fragments:
                highlights[int(hit.meta.id)] = mark_safe(" … ".join(fragments[:2]))  # escaped by ES (encoder html)
        suggestions = []
        spelling = getattr(getattr(response, "suggest", None), "spelling", [])
        corrected = [(entry.options[0].text if entry.options else entry.text) for entry in spelling]
        if total == 0 and corrected and " ".join(corrected) != fq.text.lower():
            suggestions.append(("did_you_mean", " ".join(corrected), fq.querystring(text=" ".join(corrected))))
        return FinderResult(
            items=items,
            total=total,
            facets=build_facets(fq, counts),
            highlights=highlights,
            suggestions=suggestions,
            page_number=requested,
            backend=self.name,
        )


def completion_search(text, *, size=8):
    """The completion suggester over practice titles (request body asserted in the tests)."""
    return (
        PracticeDocument.search(index=index_name())
        .source(["title", "url"])
        .suggest("titles", text, completion={"field": "suggest", "size": size, "skip_duplicates": True})
        .extra(size=0)
    )


def completion_suggestions(text, *, size=8):
    response = execute(completion_search(text, size=size))
    return [
        {"label": option._source.title, "url": option._source.url, "type": "page"}
        for option in response.suggest.titles[0].options
    ]


def wagtail_query_for_elastic(dutch):
    """The Dutch query for Wagtail's Elasticsearch backend: its analyser stems, we add the synonyms."""
    from modelsearch.query import And, Or, Phrase, PlainText

    parts = []
    for clause in dutch.clauses:
        variants = [PlainText(o) if " " not in o else Phrase(o) for o in clause.originals]
        parts.append(variants[0] if len(variants) == 1 else Or(variants))
    if len(parts) == 1:
        return parts[0]
    return Or(parts) if dutch.match_any else And(parts)


# --- indexing ---------------------------------------------------------------------------------


enabled = engine.enabled


def indexable(page):
    """Only published, public practices directly under a finder page are indexed."""
    from knowledge.models import BestPracticePage, PracticeIndexPage

    if not isinstance(page, BestPracticePage) or not page.live:
        return False
    if page.get_view_restrictions().exists():
        return False
    parent = page.get_parent()
    return parent is not None and parent.specific_class is PracticeIndexPage


def index_practice(page):
    if not enabled():
        return
    try:
        transport = engine.transport()
        if indexable(page):
            ensure_index(transport)  # never let the engine create it by itself, with guessed (text) mappings
            document = PracticeDocument.from_page(page).to_dict(skip_empty=False)
            transport.put_document(index=index_name(), id=str(page.pk), document=document)
        else:
            transport.delete_document(index=index_name(), id=str(page.pk))
    except Exception as exc:  # noqa: BLE001  (publishing must never fail because search is down)
        logger.warning("Could not update the finder index for page %s: %s", page.pk, exc)


def remove_practice(page_id):
    if not enabled():
        return
    try:
        engine.transport().delete_document(index=index_name(), id=str(page_id))
    except Exception as exc:  # noqa: BLE001
        logger.warning("Could not remove page %s from the finder index: %s", page_id, exc)


def ensure_index(transport):
    if not transport.index_exists(index=index_name()):
        transport.create_index(index=index_name(), body=build_index().to_dict())


def practice_documents(pages):
    for page in pages:
        doc = PracticeDocument.from_page(page)
        yield doc.to_dict(include_meta=True, skip_empty=False) | {"_index": index_name()}


def rebuild(*, progress=None):
    """Recreate the index (with the current synonyms) and bulk-index every indexable practice."""
    from knowledge.models import BestPracticePage, PracticeIndexPage

    transport = engine.transport()
    transport.delete_index(index=index_name())
    transport.create_index(index=index_name(), body=build_index().to_dict())
    pages = []
    for finder in PracticeIndexPage.objects.live():
        pages += list(
            BestPracticePage.objects.child_of(finder)
            .live()
            .public()
            .select_related("region", "action_line", "main_theme", "phase", "kind", "evidence_level")
            .prefetch_related("subthemes")
        )
    actions = practice_documents(pages)
    if progress:
        actions = progress(actions, total=len(pages))
    ok, errors = transport.bulk(actions)
    transport.refresh(index=index_name())
    return ok, errors


def refresh_synonyms(**kwargs):
    """Editors changed a synonym: put the new synonym filter into the (closed, then reopened) index."""
    if not enabled():
        return
    try:
        analysis = build_index().to_dict()["settings"]["analysis"]
        engine.transport().update_analysis(index=index_name(), analysis=analysis)
    except Exception as exc:  # noqa: BLE001
        logger.warning("Could not refresh the synonyms of the finder index: %s", exc)


def _on_published(sender, instance, **kwargs):
    index_practice(instance)


def _on_unpublished(sender, instance, **kwargs):
    remove_practice(instance.pk)


def _on_deleted(sender, instance, **kwargs):
    remove_practice(instance.pk)


def _on_moved(sender, instance, **kwargs):
    if not enabled():
        return
    from knowledge.models import BestPracticePage

    for page in BestPracticePage.objects.descendant_of(instance, inclusive=True).specific():
        index_practice(page)


def _on_restriction_changed(sender, instance, **kwargs):
    if not enabled():
        return
    from knowledge.models import BestPracticePage

    for page in BestPracticePage.objects.descendant_of(instance.page, inclusive=True):
        index_practice(page)


def register_signal_handlers():
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from knowledge.models import BestPracticePage

    from .models import Synonym

    page_published.connect(_on_published, sender=BestPracticePage, dispatch_uid="finder-es-published")
    page_unpublished.connect(_on_unpublished, sender=BestPracticePage, dispatch_uid="finder-es-unpublished")
    post_delete.connect(_on_deleted, sender=BestPracticePage, dispatch_uid="finder-es-deleted")
    post_page_move.connect(_on_moved, dispatch_uid="finder-es-moved")
    post_save.connect(_on_restriction_changed, sender=PageViewRestriction, dispatch_uid="finder-es-restricted")
    post_delete.connect(_on_restriction_changed, sender=PageViewRestriction, dispatch_uid="finder-es-unrestricted")
    post_save.connect(refresh_synonyms, sender=Synonym, dispatch_uid="finder-es-synonyms")
    post_delete.connect(refresh_synonyms, sender=Synonym, dispatch_uid="finder-es-synonyms-delete")
