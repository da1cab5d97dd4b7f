"""The finder's practice index on the engine (elasticsearch-dsl): mapping, documents and every write.

elasticsearch-dsl describes the mapping and builds the documents; the engine's transport (search/engine.py) sends
them, so the same code writes to OpenSearch 2/3 and Elasticsearch 8/9. What is asked of the index is
search/backends/engine.py.

- `PracticeDocument`: one document per *published, public* best practice directly under a finder page (drafts and
  pages behind a view restriction are never sent), with a Dutch analyser (search/analysis.py): standard tokenizer,
  lower case, ASCII folding, compounds, Dutch stop words and stemmer; at search time also the editors' synonyms.
- `index_practice()` / `remove_practice()`: one page, called by the task worker (search/tasks.py) on publish,
  unpublish, move, delete and view-restriction changes (search/signal_handlers.py). Never raises: publishing must
  not fail because search is down.
- `rebuild()`: recreate the index and bulk-index every practice through the bulk API, in batches that are read
  with one query each (`manage.py update_finder_index`, also run by `update_index`).
"""

import logging

from django.conf import settings
from django.utils.html import strip_tags
from elasticsearch.dsl import Completion, Date, Document, Index, Keyword, Text, analyzer, token_filter

from home.request_scope import public
from knowledge.models import BestPracticePage, PracticeIndexPage

from . import analysis, engine
from .models import Synonym
from .snippets import page_texts

logger = logging.getLogger("kennisplatform.search")

TEXT_FIELDS = ["title^4", "summary^2", "target_group^2", "taxonomy", "body", "results"]


def index_name() -> str:
    return f"{getattr(settings, 'ELASTICSEARCH_INDEX_PREFIX', 'kennisplatform')}_goede_voorbeelden"


def synonym_rules():
    """The editors' synonyms in Solr format: 'ggz, geestelijke gezondheidszorg, jeugd-ggz'."""
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
    def from_page(cls, page, *, parent_id=None, url=None):
        """The document of a practice; a bulk build passes the parent and url it knows (no query per page)."""
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
            parent_id=str(parent_id if parent_id is not None else page.get_parent().pk),
            url=url if url is not None else page.url,
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


def build_index(rules=None, **index_settings):
    """The index definition (settings + mapping) with the current synonyms."""
    rules = synonym_rules() if rules is None else rules
    index_analyzer, search_analyzer = dutch_analyzers(rules)
    index = Index(index_name())
    index.settings(number_of_shards=1, number_of_replicas=0, **index_settings)
    index.analyzer(index_analyzer)
    index.analyzer(search_analyzer)
    index.document(PracticeDocument)
    return index


# --- writes -------------------------------------------------------------------------------------------------

BULK_BATCH = 2000  # practices read from the database per query during a rebuild
CARD_RELATIONS = ("region", "action_line", "main_theme", "phase", "kind", "evidence_level")


def indexable(page):
    """Only published, public practices directly under a finder page are indexed."""
    if not isinstance(page, BestPracticePage) or not page.live:
        return False
    if page.get_view_restrictions().exists():
        return False
    parent = page.get_parent()
    return parent is not None and parent.specific_class is PracticeIndexPage


def ensure_index(transport):
    """Never let the engine create the index by itself, with guessed (text) mappings."""
    if not transport.index_exists(index=index_name()):
        transport.create_index(index=index_name(), body=build_index().to_dict())


def index_practice(page):
    """Put one practice in the index, or take it out when it is no longer public (other pages: nothing to do)."""
    if engine.configured() is None or not isinstance(page, BestPracticePage):
        return
    try:
        transport = engine.transport()
        if indexable(page):
            ensure_index(transport)
            document = PracticeDocument.from_page(page).to_dict(skip_empty=False)
            transport.put_document(index=index_name(), id=str(page.pk), document=document)
        else:
            transport.delete_document(index=index_name(), id=str(page.pk))
    except Exception as exc:  # noqa: BLE001  (publishing must never fail because search is down)
        logger.warning("Could not update the finder index for page %s: %s", page.pk, exc)


def remove_practice(page_id):
    if engine.configured() is None:
        return
    try:
        engine.transport().delete_document(index=index_name(), id=str(page_id))
    except Exception as exc:  # noqa: BLE001
        logger.warning("Could not remove page %s from the finder index: %s", page_id, exc)


def indexable_practices():
    """(finder page, queryset of its live, public practices) for every live finder page."""
    for finder in PracticeIndexPage.objects.live():
        yield finder, public(BestPracticePage.objects.child_of(finder).live())


def practice_documents(finder, practices):
    """Bulk actions for these practices, read in batches of BULK_BATCH (one query each, plus their sub-themes).

    The parent and the url are known from the finder page: no query per practice."""
    base_url = finder.url
    ids = list(practices.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BULK_BATCH):
        batch = (
            BestPracticePage.objects.filter(pk__in=ids[start : start + BULK_BATCH])
            .order_by("pk")
            .select_related(*CARD_RELATIONS)
            .prefetch_related("subthemes")
        )
        for page in batch:
            doc = PracticeDocument.from_page(page, parent_id=finder.pk, url=f"{base_url}{page.slug}/")
            yield doc.to_dict(include_meta=True, skip_empty=False) | {"_index": index_name()}


def rebuild(*, progress=None):
    """Recreate the index (with the current synonyms) and bulk-index every indexable practice.

    `progress(actions, total)` may wrap the stream of bulk actions (a tqdm bar). Returns (indexed, errors)."""
    transport = engine.transport()
    transport.delete_index(index=index_name())
    # No refreshes while loading: the index is made searchable once, at the end.
    transport.create_index(index=index_name(), body=build_index(refresh_interval="-1").to_dict())
    sources = list(indexable_practices())
    total = sum(practices.count() for _finder, practices in sources)

    def actions():
        for finder, practices in sources:
            yield from practice_documents(finder, practices)

    stream = progress(actions(), total=total) if progress else actions()
    ok, errors = transport.bulk(stream)
    transport.put_settings(index=index_name(), settings={"refresh_interval": "1s"})
    transport.refresh(index=index_name())
    return ok, errors


def refresh_synonyms(**kwargs):
    """Editors changed a synonym: put the new synonym filter into the (closed, then reopened) index."""
    if engine.configured() is None:
        return
    try:
        analysis = build_index().to_dict()["settings"]["analysis"]
        engine.transport().update_analysis(index=index_name(), analysis=analysis)
    except Exception as exc:  # noqa: BLE001
        logger.warning("Could not refresh the synonyms of the finder index: %s", exc)
