"""Site-wide search (/zoeken/): every published, public page, filterable by type with counts.

Only `Page.objects.live().public()` is ever searched, on every backend: drafts and pages behind a
view restriction never show up. Advisory responses and event registrations are no pages and are
not indexed (tests/search/test_no_leaks.py checks the indexed models).
"""

import logging
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from . import engine
from .backends.database import ranked_rows
from .engine import database_backend_name
from .finder import NOTICE_FALLBACK
from .query import build_query
from .snippets import snippet_for

logger = logging.getLogger("kennisplatform.search")

PER_PAGE = 20
OTHER = "overig"
SITE_TYPES = [
    ("goede-voorbeelden", "knowledge.BestPracticePage", _("Goed voorbeeld")),
    ("projecten", "knowledge.ProjectPage", _("Transformatieproject")),
    ("casusevaluaties", "knowledge.CaseEvaluationPage", _("Casusevaluatie")),
    ("kennisateliers", "events.EventPage", _("Kennisatelier")),
    ("adviestafel", "advisory.ProposalPage", _("Voorstel adviestafel")),
    ("nieuws", "home.NewsPage", _("Nieuws")),
    (OTHER, None, _("Overige pagina's")),
]


@dataclass
class TypeOption:
    slug: str
    label: str
    count: int
    selected: bool


@dataclass
class SiteResult:
    page: object
    type_label: str
    date: object
    snippet: str


@dataclass
class SiteSearchResult:
    items: list  # SiteResult
    total: int  # within the chosen type
    types: list  # TypeOption
    suggestions: list = field(default_factory=list)
    page_number: int = 1
    notice: str = ""
    expanded_terms: list = field(default_factory=list)
    backend: str = "database"
    corrected_from: str = ""  # nothing matched what was typed; these are the results for a corrected spelling
    searched_for: str = ""  # the query these results are for (the corrected one, if corrected)
    partial: bool = False  # no page has every word; these pages have some of them, most first


def _type_models():
    """type slug -> content type id, for the types whose app is installed."""
    result = {}
    for slug, label, _title in SITE_TYPES:
        if label is None:
            continue
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        result[slug] = ContentType.objects.get_for_model(model).pk
    return result


def type_label(slug):
    return next(str(title) for s, _label, title in SITE_TYPES if s == slug)


def _display_date(page):
    value = getattr(page, "date", None) or getattr(page, "start", None)
    return value or page.last_published_at or page.first_published_at


def _base_queryset():
    from wagtail.models import Page

    return Page.objects.live().public().filter(depth__gt=1)


def _build(pages_in_order, ct_to_slug, dutch):
    items = []
    for page in pages_in_order:
        slug = ct_to_slug.get(page.content_type_id, OTHER)
        items.append(SiteResult(page, type_label(slug), _display_date(page), snippet_for(page, dutch)))
    return items


def _type_options(counts, chosen):
    return [
        TypeOption(slug, str(title), counts.get(slug, 0), slug == chosen)
        for slug, _label, title in SITE_TYPES
        if counts.get(slug) or slug == chosen
    ]


def database_site_search(text, *, type_slug="", page="1", per_page=PER_PAGE, match_any=False):
    from wagtail.models import Page

    dutch = build_query(text, match_any=match_any)
    if not dutch:
        return SiteSearchResult(items=[], total=0, types=[])
    type_cts = _type_models()
    ct_to_slug = {ct: slug for slug, ct in type_cts.items()}
    rows = ranked_rows(_base_queryset(), dutch.to_wagtail(), ["pk", "content_type_id"], backend=database_backend_name())
    counts, chosen_ids = {}, []
    for pk, ct in rows:
        slug = ct_to_slug.get(ct, OTHER)
        counts[slug] = counts.get(slug, 0) + 1
        if not type_slug or slug == type_slug:
            chosen_ids.append(pk)
    paginator_page = Paginator(range(len(chosen_ids)), per_page).get_page(page)
    ids = chosen_ids[(paginator_page.number - 1) * per_page : paginator_page.number * per_page]
    by_pk = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()} if ids else {}
    items = _build([by_pk[pk] for pk in ids if pk in by_pk], ct_to_slug, dutch)
    return SiteSearchResult(
        items=items,
        total=len(chosen_ids),
        types=_type_options(counts, type_slug),
        page_number=paginator_page.number,
        expanded_terms=dutch.expanded_terms,
    )


def elastic_site_search(text, *, type_slug="", page="1", per_page=PER_PAGE, match_any=False):
    """Wagtail's engine backend (Dutch analyser); synonyms and region names expanded in the query."""
    from wagtail.models import Page

    from .elastic import wagtail_query_for_elastic

    dutch = build_query(text, match_any=match_any)
    if not dutch:
        return SiteSearchResult(items=[], total=0, types=[])
    type_cts = _type_models()
    ct_to_slug = {ct: slug for slug, ct in type_cts.items()}
    es_query = wagtail_query_for_elastic(dutch)
    counts = {}
    for ct, n in _base_queryset().search(es_query, backend="default").facet("content_type_id").items():
        slug = ct_to_slug.get(int(ct), OTHER)
        counts[slug] = counts.get(slug, 0) + n
    queryset = _base_queryset()
    if type_slug == OTHER:
        queryset = queryset.exclude(content_type__in=list(type_cts.values()))
    elif type_slug in type_cts:
        queryset = queryset.filter(content_type=type_cts[type_slug])
    results = queryset.search(es_query, backend="default")
    total = results.count()
    paginator_page = Paginator(range(total), per_page).get_page(page)
    start = (paginator_page.number - 1) * per_page
    pages = list(results[start : start + per_page])
    ids = [p.pk for p in pages]
    by_pk = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()} if ids else {}
    items = _build([by_pk[pk] for pk in ids if pk in by_pk], ct_to_slug, dutch)
    return SiteSearchResult(
        items=items,
        total=total,
        types=_type_options(counts, type_slug),
        page_number=paginator_page.number,
        expanded_terms=dutch.expanded_terms,
        backend="elasticsearch",
    )


def _search(text, *, type_slug, page, per_page, match_any=False):
    """The active backend; the database (with a notice) when the engine fails."""
    if engine.enabled():
        try:
            return elastic_site_search(text, type_slug=type_slug, page=page, per_page=per_page, match_any=match_any)
        except Exception as exc:  # noqa: BLE001
            logger.warning("Search engine unavailable for site search, falling back to the database: %s", exc)
            result = database_site_search(text, type_slug=type_slug, page=page, per_page=per_page, match_any=match_any)
            result.notice = str(NOTICE_FALLBACK)
            return result
    return database_site_search(text, type_slug=type_slug, page=page, per_page=per_page, match_any=match_any)


def corrected_query(text):
    """'Did you mean': the query with unknown words replaced by the nearest known ones, or ''."""
    from .finder import facet_terms
    from .suggest import cached_vocabulary, did_you_mean

    titles = _base_queryset().filter(depth__gt=2).order_by("-first_published_at")
    return did_you_mean(text, cached_vocabulary("site", facet_terms(), titles))


def site_search(text, *, type_slug="", page="1", per_page=PER_PAGE):
    """Never a dead end: when nothing matches, the results for a corrected spelling, else the pages with some
    of the words (a multi-word question), each said so on the page."""
    valid = {slug for slug, _label, _title in SITE_TYPES}
    type_slug = type_slug if type_slug in valid else ""
    options = {"type_slug": type_slug, "page": page, "per_page": per_page}
    result = _search(text, **options)
    result.searched_for = text
    if result.total or type_slug:
        return result
    corrected = corrected_query(text)
    if corrected:
        retry = _search(corrected, **options)
        if retry.total:
            retry.corrected_from, retry.searched_for = text, corrected
            return retry
    if len(build_query(text).clauses) > 1:
        retry = _search(text, match_any=True, **options)
        if retry.total:
            retry.partial, retry.searched_for = True, text
            return retry
    return result


def site_suggestions(text):
    """For an empty result: a corrected query and related taxonomy terms (links into the finder)."""
    from .finder import facet_terms
    from .suggest import _finder_url, _qs, related_terms

    terms = facet_terms()
    suggestions = []
    corrected = corrected_query(text)
    # Only a correction that finds something is proposed (site_search already showed its results if it did).
    if corrected and _search(corrected, type_slug="", page="1", per_page=1).total:
        suggestions.append(("did_you_mean", corrected, _qs(q=corrected)))
    finder = _finder_url()
    for param, term in related_terms(text, terms):
        suggestions.append(("term", str(term), f"{finder}?{_qs(**{param: [term.slug]})}"))
    return suggestions
