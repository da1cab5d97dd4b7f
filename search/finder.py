"""The best-practice finder (/goede-voorbeelden/): full text, facets with counts, sorting, feed.

`parse_finder_query()` turns the GET parameters of the contract into a `FinderQuery` (unknown slugs
are dropped). A backend (`DatabaseFinderBackend` here, `search.elastic.ElasticFinderBackend` when
ELASTICSEARCH_URL is set) answers it with a `FinderResult`; the view and template never know which
one ran. Facet counts are disjunctive: each facet counts the practices that match the query and
all *other* facets' filters, so ticking a second option in one facet never zeroes its siblings.
"""

import logging
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from . import engine
from .backends.database import MAX_SQL_IDS, ranked_rows
from .engine import database_backend_name
from .query import build_query

logger = logging.getLogger("kennisplatform.search")

PER_PAGE = 20
SORT_RELEVANCE = "relevantie"
SORT_DATE = "datum"


@dataclass(frozen=True)
class FacetSpec:
    param: str
    label: str
    column: str  # attribute on BestPracticePage (for subthemes: the M2M)
    multi: bool = False


FACETS = [
    FacetSpec("actielijn", _("Actielijn"), "action_line_id"),
    FacetSpec("thema", _("Hoofdthema"), "main_theme_id"),
    FacetSpec("subthema", _("Subthema"), "subthemes", multi=True),
    FacetSpec("regio", _("Regio"), "region_id"),
    FacetSpec("fase", _("Fase"), "phase_id"),
    FacetSpec("soort", _("Soort"), "kind_id"),
    FacetSpec("bewijs", _("Bewijsniveau"), "evidence_level_id"),
]
SINGLE_FACETS = [f for f in FACETS if not f.multi]


def facet_terms():
    """Per facet parameter, the terms in display order (one query per facet)."""
    from accounts.models import Organisation
    from knowledge.models import ActionLine, EvidenceLevel, MainTheme, Phase, PracticeKind, SubTheme

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
    label: str
    options: list

    @property
    def selected_options(self):
        return [o for o in self.options if o.selected]


@dataclass
class FinderResult:
    """What every finder backend returns: one page of practices and everything around it."""

    items: list  # BestPracticePage objects of the requested page, in order
    total: int
    facets: list  # Facet
    highlights: dict = field(default_factory=dict)  # page pk -> safe HTML snippet
    suggestions: list = field(default_factory=list)  # (label, querystring) when nothing matched
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


def page_number(fq, total, per_page):
    return Paginator(range(total), per_page).get_page(fq.page).number


def subtheme_candidates(rows, selected):
    """The practices whose sub-themes matter for the counts: those failing no single-valued facet
    (or, when sub-themes are filtered on, at most one)."""
    single = [(i + 1, set(selected.get(spec.param, ()))) for i, spec in enumerate(SINGLE_FACETS)]
    single = [(i, chosen) for i, chosen in single if chosen]
    allowed = 1 if selected.get("subthema") else 0
    return [row[0] for row in rows if sum(row[i] not in chosen for i, chosen in single) <= allowed]


def disjunctive_counts(rows, subthemes, selected):
    """Count facet values over `rows` (pk, *single facet columns) given the selected ids per facet.

    Returns (matching pks in row order, counts per facet param)."""
    single = [(i + 1, spec.param, set(selected.get(spec.param, ()))) for i, spec in enumerate(SINGLE_FACETS)]
    sub_selected = set(selected.get("subthema", ()))
    counts = {spec.param: {} for spec in FACETS}
    matching = []
    for row in rows:
        pk = row[0]
        subs = subthemes.get(pk, ())
        failed = [param for i, param, chosen in single if chosen and row[i] not in chosen]
        if sub_selected and sub_selected.isdisjoint(subs):
            failed.append("subthema")
        if len(failed) > 1:
            continue
        if not failed:
            matching.append(pk)
        for i, param, _chosen in single:
            if not failed or failed == [param]:
                value = row[i]
                if value is not None:
                    bucket = counts[param]
                    bucket[value] = bucket.get(value, 0) + 1
        if not failed or failed == ["subthema"]:
            bucket = counts["subthema"]
            for value in subs:
                bucket[value] = bucket.get(value, 0) + 1
    return matching, counts


class DatabaseFinderBackend:
    """Wagtail's database index for the text, one row per practice for the facets, counted in Python.

    Fixed number of SQL queries whatever the number of practices: matching rows (1), sub-themes (1),
    the shown page of practices (1), plus the taxonomy terms and cached synonyms."""

    name = "database"

    def search(self, fq, *, index_page, per_page=PER_PAGE):
        from knowledge.models import BestPracticePage

        base = index_page.get_practices()
        dutch = fq.dutch
        columns = ["pk"] + [spec.column for spec in SINGLE_FACETS]
        if dutch:
            relevance = fq.sort == SORT_RELEVANCE
            if not relevance:
                base = base.order_by("-date", "-id")
            rows = ranked_rows(base, dutch.to_wagtail(), columns, backend=database_backend_name(), relevance=relevance)
        else:
            rows = list(base.order_by("-date", "-pk").values_list(*columns))
        through = BestPracticePage.subthemes.through.objects.all()
        candidates = subtheme_candidates(rows, fq.selected)
        if len(candidates) <= MAX_SQL_IDS:
            through = through.filter(bestpracticepage_id__in=candidates)
        else:
            through = through.filter(
                bestpracticepage__path__startswith=index_page.path, bestpracticepage__depth=index_page.depth + 1
            )
        subthemes = {}
        for page_id, subtheme_id in through.values_list("bestpracticepage_id", "subtheme_id"):
            subthemes.setdefault(page_id, []).append(subtheme_id)
        matching, counts = disjunctive_counts(rows, subthemes, fq.selected)
        number = page_number(fq, len(matching), per_page)
        page_ids = matching[(number - 1) * per_page : number * per_page]
        items = load_practices(page_ids)
        return FinderResult(
            items=items,
            total=len(matching),
            facets=build_facets(fq, counts),
            highlights=highlights_for(items, dutch),
            page_number=number,
            backend=self.name,
            expanded_terms=dutch.expanded_terms if dutch else [],
        )


def load_practices(ids):
    from knowledge.models import BestPracticePage

    if not ids:
        return []
    objects = BestPracticePage.objects.filter(pk__in=ids).select_related(
        "region", "action_line", "main_theme", "phase", "kind", "evidence_level"
    )
    by_pk = {p.pk: p for p in objects}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def highlights_for(pages, dutch):
    from .snippets import snippet_for

    if not dutch:
        return {}
    return {page.pk: snippet for page in pages if (snippet := snippet_for(page, dutch))}


def get_finder_backend():
    if engine.enabled():
        from .elastic import ElasticFinderBackend

        return ElasticFinderBackend()
    return DatabaseFinderBackend()


NOTICE_FALLBACK = _(
    "De uitgebreide zoekmachine is tijdelijk niet bereikbaar. U ziet resultaten van de eenvoudige zoekfunctie; "
    "die kunnen iets minder precies zijn."
)


def run_finder(fq, *, index_page, per_page=PER_PAGE):
    """Ask the configured backend; if Elasticsearch fails, the database answers (never a 500)."""
    backend = get_finder_backend()
    if backend.name != DatabaseFinderBackend.name:
        try:
            return backend.search(fq, index_page=index_page, per_page=per_page)
        except Exception as exc:  # noqa: BLE001  (any transport or server error means: fall back)
            logger.warning("Elasticsearch finder unavailable, falling back to the database: %s", exc)
            result = DatabaseFinderBackend().search(fq, index_page=index_page, per_page=per_page)
            result.notice = str(NOTICE_FALLBACK)
            return result
    return DatabaseFinderBackend().search(fq, index_page=index_page, per_page=per_page)


def finder_context(request, *, index_page):
    from .suggest import finder_suggestions

    fq = parse_finder_query(request.GET)
    result = run_finder(fq, index_page=index_page)
    if not result.total:
        result.suggestions = finder_suggestions(fq)
    for item in result.items:
        item.search_snippet = result.highlights.get(item.pk, "")
    paginator_page = Paginator(range(result.total), PER_PAGE).get_page(result.page_number)
    paginator_page.object_list = result.items
    return {
        "finder": fq,
        "result": result,
        "page_obj": paginator_page,
        "facets": result.facets,
        "active_filters": [(f, o) for f in result.facets for o in f.selected_options],
        "feed_query": fq.querystring(),
        "sort_options": [(SORT_RELEVANCE, _("Relevantie")), (SORT_DATE, _("Datum (nieuwste eerst)"))],
    }


def feed_items(request, *, index_page, limit=20):
    """The newest practices matching the finder's filters, for the RSS feed."""
    fq = parse_finder_query(request.GET)
    fq.sort = SORT_DATE
    fq.page = "1"
    return fq, run_finder(fq, index_page=index_page, per_page=limit).items
