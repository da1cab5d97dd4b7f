"""The best-practice finder (/goede-voorbeelden/): full text, facets with counts, sorting, feed.

The question and the answer are the contract's (`FinderQuery`, `FinderResult` in search/contract.py); the active
backend answers, the database when the engine is unreachable (`search.backends.answer`). The view and template
never know which one ran.
"""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from .backends import answer
from .contract import FINDER_PER_PAGE, SORT_DATE, SORT_RELEVANCE, parse_finder_query
from .suggest import finder_suggestions

PER_PAGE = FINDER_PER_PAGE


def run_finder(fq, *, index_page, per_page=PER_PAGE):
    """The active backend's answer (the database's, with a notice, when the engine is unreachable)."""
    return answer(lambda backend: backend.finder(fq, index_page=index_page, per_page=per_page), what="the finder")


def finder_context(request, *, index_page):
    fq = parse_finder_query(request.GET)
    result = run_finder(fq, index_page=index_page)
    if not result.total:
        result.suggestions = finder_suggestions(fq, engine_suggestions=result.suggestions, index_page=index_page)
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
