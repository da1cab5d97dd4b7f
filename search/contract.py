"""The contract every search backend answers: what is asked, what comes back, and the base class.

Like Wagtail's `contrib/frontend_cache` (`backends/base.py` plus one backend per service), search has one
description of a question and its answer here, and two backends beneath it: `search.backends.database` (Wagtail's
database index, counts in SQL) and `search.backends.engine` (OpenSearch or Elasticsearch, through
elasticsearch-dsl). `search.backends.get_backend()` says which one answers; `search.backends.answer()` is the one
fallback. The view, templates and feeds only see the types below and never know which backend ran.

- the finder (/goede-voorbeelden/): a `FinderQuery` (text, facets of the contract's GET parameters, sort, page)
  answered with a `FinderResult` (one page of practices, disjunctive facet counts, highlights);
- site search (/zoeken/): a `SiteQuery` answered with a `SiteSearchResult` (one page of any public page type, with
  counts per type and snippets);
- suggestions as you type: `SearchBackend.complete()` gives page titles with their url.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from accounts.models import Organisation
from home import cache as page_cache
from home import request_scope
from home.locales import hidden_from_search
from knowledge.models import (
    ActionLine,
    BestPracticePage,
    EvidenceLevel,
    MainTheme,
    Phase,
    PracticeKind,
    SubTheme,
)

from .query import build_query
from .snippets import snippet_for

FINDER_PER_PAGE = 20
SITE_PER_PAGE = 20
SORT_RELEVANCE = "relevantie"
SORT_DATE = "datum"

# Shown above the results when the engine is unreachable and the database answered instead.
NOTICE_FALLBACK = _(
    "De uitgebreide zoekmachine is tijdelijk niet bereikbaar. U ziet resultaten van de eenvoudige zoekfunctie; "
    "die kunnen iets minder precies zijn."
)


# --- the finder's question --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetSpec:
    param: str  # GET parameter of the contract (CONTRACT.md)
    label: str | Promise
    column: str  # attribute on BestPracticePage (for sub-themes: the many-to-many)
    document_field: str  # keyword field of the engine's practice document (slugs)
    multi: bool = False


FACETS = [
    FacetSpec("actielijn", _("Actielijn"), "action_line_id", "action_line"),
    FacetSpec("thema", _("Hoofdthema"), "main_theme_id", "main_theme"),
    FacetSpec("subthema", _("Subthema"), "subthemes", "subthemes", multi=True),
    FacetSpec("regio", _("Regio"), "region_id", "region"),
    FacetSpec("fase", _("Fase"), "phase_id", "phase"),
    FacetSpec("soort", _("Soort"), "kind_id", "kind"),
    FacetSpec("bewijs", _("Bewijsniveau"), "evidence_level_id", "evidence_level"),
]
SINGLE_FACETS = [f for f in FACETS if not f.multi]


def facet_terms():
    """Per facet parameter, the terms in display order. Seven queries (one per facet) on every finder page and site
    search made the taxonomy half of their queries; the terms change only through the snippet editor, whose saves
    and deletes purge the page cache (home.signal_handlers), so they are kept under its generation (one cache round
    trip) and once per request."""
    return request_scope.once("facet_terms", lambda: page_cache.remember("search:facet-terms", _read_facet_terms))


def _read_facet_terms():
    querysets = {
        "actielijn": ActionLine.objects.order_by("number"),
        "thema": MainTheme.objects.order_by("action_line__number", "sort_order", "name"),
        "subthema": SubTheme.objects.order_by("theme__action_line__number", "theme__sort_order", "sort_order"),
        "regio": Organisation.objects.regions().order_by("name"),
        "fase": Phase.objects.all(),
        "soort": PracticeKind.objects.all(),
        "bewijs": EvidenceLevel.objects.all(),
    }
    return {
        param: list(qs.only("id", "slug", "name", *(["number"] if param == "actielijn" else [])))
        for param, qs in querysets.items()
    }


@dataclass
class FinderQuery:
    """What the finder is asked: text, ticked facet terms, sort and page (from the URL's GET parameters)."""

    text: str = ""
    selected: dict = field(default_factory=dict)  # param -> list of term ids (valid ones only)
    selected_slugs: dict = field(default_factory=dict)  # param -> list of slugs
    sort: str = SORT_DATE
    page: str = "1"
    terms: dict = field(default_factory=dict)  # param -> list of terms (for labels)

    @property
    def dutch(self):
        if not hasattr(self, "_dutch"):
            self._dutch = build_query(self.text)
        return self._dutch

    @property
    def requested_page(self) -> int:
        return max(1, int(self.page)) if str(self.page).isdigit() else 1

    def querystring(self, text=None, **changes):
        """The finder's state as a query string, with some facets (or the text) changed."""
        text = self.text if text is None else text
        params = QueryDict(mutable=True)
        if text:
            params["q"] = text
        for spec in FACETS:
            slugs = changes.get(spec.param, self.selected_slugs.get(spec.param, []))
            if slugs:
                params.setlist(spec.param, slugs)
        if self.sort != (SORT_RELEVANCE if text else SORT_DATE):
            params["sort"] = self.sort
        return params.urlencode()


def parse_finder_query(params, *, terms=None):
    """The GET parameters of the contract as a `FinderQuery`; unknown slugs are dropped."""
    terms = facet_terms() if terms is None else terms
    text = " ".join((params.get("q") or "").split())[:200]
    selected, selected_slugs = {}, {}
    for spec in FACETS:
        by_slug = {t.slug: t for t in terms[spec.param]}
        slugs = [s for s in dict.fromkeys(params.getlist(spec.param)) if s in by_slug]
        if slugs:
            selected[spec.param] = [by_slug[s].pk for s in slugs]
            selected_slugs[spec.param] = slugs
    sort = params.get("sort")
    if sort not in (SORT_RELEVANCE, SORT_DATE):
        sort = SORT_RELEVANCE if text else SORT_DATE
    return FinderQuery(
        text=text,
        selected=selected,
        selected_slugs=selected_slugs,
        sort=sort,
        page=params.get("page") or "1",
        terms=terms,
    )


# --- the finder's answer ----------------------------------------------------------------------------------


@dataclass
class FacetOption:
    slug: str
    label: str
    count: int
    selected: bool
    remove_query: str = ""


@dataclass
class Facet:
    param: str
    label: str | Promise
    options: list

    @property
    def selected_options(self):
        return [o for o in self.options if o.selected]


@dataclass
class FinderResult:
    """What every backend's finder returns: one page of practices and everything around it.

    Facet counts are disjunctive: each facet counts the practices that match the text and all *other* facets'
    filters (OR within a facet, AND across facets), so ticking a second option never zeroes its siblings."""

    items: list  # BestPracticePage objects of the requested page, in order
    total: int
    facets: list  # Facet
    highlights: dict = field(default_factory=dict)  # page pk -> safe HTML snippet
    suggestions: list = field(default_factory=list)  # (kind, label, querystring) when nothing matched
    page_number: int = 1
    backend: str = "database"
    notice: str = ""
    expanded_terms: list = field(default_factory=list)


def build_facets(fq, counts):
    """Facet dataclasses from counts {param: {term id: n}}: options with results or ticked."""
    facets = []
    for spec in FACETS:
        chosen = set(fq.selected.get(spec.param, []))
        options = []
        for term in fq.terms[spec.param]:
            count = counts.get(spec.param, {}).get(term.pk, 0)
            if count or term.pk in chosen:
                remove = ""
                if term.pk in chosen:
                    rest = [s for s in fq.selected_slugs.get(spec.param, []) if s != term.slug]
                    remove = fq.querystring(**{spec.param: rest})
                options.append(FacetOption(term.slug, str(term), count, term.pk in chosen, remove))
        facets.append(Facet(spec.param, spec.label, options))
    return facets


def page_number(requested, total, per_page):
    """The page to show: the requested one, or the last when it is out of range (as Django's paginator)."""
    return Paginator(range(total), per_page).get_page(requested).number


def load_practices(ids):
    """The practices with these ids, in this order, with what a result card shows (one query)."""
    if not ids:
        return []
    objects = BestPracticePage.objects.filter(pk__in=ids).select_related(
        "region", "action_line", "main_theme", "phase", "kind", "evidence_level"
    )
    by_pk = {p.pk: p for p in objects}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def highlights_for(pages, dutch):
    if not dutch:
        return {}
    return {page.pk: snippet for page in pages if (snippet := snippet_for(page, dutch))}


# --- site search's question and answer -------------------------------------------------------------------

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
SITE_TYPE_SLUGS = {slug for slug, _label, _title in SITE_TYPES}


@dataclass(frozen=True)
class SiteQuery:
    """What site search is asked. `match_any`: a page needs only one of the words (the never-a-dead-end retry)."""

    text: str
    type_slug: str = ""
    page: object = "1"
    per_page: int = SITE_PER_PAGE
    match_any: bool = False

    @property
    def dutch(self):
        return build_query(self.text, match_any=self.match_any)


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


def public_pages():
    """Every page the public may read: live and without a view restriction (every backend starts here), in the
    interface's language: translations only on their own language's site, a Dutch page on the English site only
    while it has no English translation (home.locales.hidden_from_search)."""
    pages = request_scope.public(Page.objects.live()).filter(depth__gt=1)
    hidden = hidden_from_search(get_language() or settings.LANGUAGE_CODE)
    return pages.exclude(pk__in=hidden) if hidden else pages


def site_type_ids():
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


def display_date(page):
    value = getattr(page, "date", None) or getattr(page, "start", None)
    return value or page.last_published_at or page.first_published_at


def site_results(page_ids, ct_to_slug, dutch):
    """`SiteResult`s of these pages, in this order (the specific pages in one query per type)."""
    by_pk = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).specific()} if page_ids else {}
    items = []
    for page in (by_pk[pk] for pk in page_ids if pk in by_pk):
        slug = ct_to_slug.get(page.content_type_id, OTHER)
        items.append(SiteResult(page, type_label(slug), display_date(page), snippet_for(page, dutch)))
    return items


def type_options(counts, chosen):
    return [
        TypeOption(slug, str(title), counts.get(slug, 0), slug == chosen)
        for slug, _label, title in SITE_TYPES
        if counts.get(slug) or slug == chosen
    ]


# --- the backend ------------------------------------------------------------------------------------------


class BaseBackend:
    """What every backend answers. Subclasses: backends/database.py and backends/engine.py."""

    name = ""

    def finder(self, fq: FinderQuery, *, index_page, per_page: int = FINDER_PER_PAGE) -> FinderResult:
        raise NotImplementedError

    def site(self, sq: SiteQuery) -> SiteSearchResult:
        raise NotImplementedError

    def complete(self, text: str, *, limit: int) -> list[dict]:
        """Live, public pages whose title starts with what was typed: [{"label", "url", "type": "page"}]."""
        raise NotImplementedError
