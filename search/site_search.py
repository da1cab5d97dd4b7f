"""Site-wide search (/zoeken/): every published, public page, filterable by type with counts.

The question and answer are the contract's (`SiteQuery`, `SiteSearchResult`); the active backend answers, the
database when the engine is unreachable (`search.backends.answer`). Only `Page.objects.live().public()` is ever
searched, on every backend: drafts and pages behind a view restriction never show up. Advisory responses and event
registrations are no pages and are not indexed (tests/search/test_site_search.py checks the indexed models).

Never a dead end: when nothing matches, the results for a corrected spelling, else the pages with some of the
words (a multi-word question), each said so on the page.
"""

from .backends import answer
from .contract import SITE_PER_PAGE, SITE_TYPE_SLUGS, SiteQuery, facet_terms
from .query import build_query
from .suggest import did_you_mean, finder_url, querystring, related_terms, site_vocabulary

PER_PAGE = SITE_PER_PAGE


def search_once(sq: SiteQuery):
    return answer(lambda backend: backend.site(sq), what="site search")


def corrected_query(text):
    """'Did you mean': the query with unknown words replaced by the nearest known ones, or ''."""
    return did_you_mean(text, site_vocabulary())


def site_search(text, *, type_slug="", page="1", per_page=PER_PAGE):
    type_slug = type_slug if type_slug in SITE_TYPE_SLUGS else ""
    sq = SiteQuery(text, type_slug=type_slug, page=page, per_page=per_page)
    result = search_once(sq)
    result.searched_for = text
    if result.total or type_slug:
        return result
    corrected = corrected_query(text)
    if corrected:
        retry = search_once(SiteQuery(corrected, page=page, per_page=per_page))
        if retry.total:
            retry.corrected_from, retry.searched_for = text, corrected
            return retry
    if len(build_query(text).clauses) > 1:
        retry = search_once(SiteQuery(text, page=page, per_page=per_page, match_any=True))
        if retry.total:
            retry.partial, retry.searched_for = True, text
            return retry
    return result


def site_suggestions(text):
    """For an empty result: a corrected query and related taxonomy terms (links into the finder)."""
    suggestions = []
    corrected = corrected_query(text)
    # Only a correction that finds something is proposed (site_search already showed its results if it did).
    if corrected and search_once(SiteQuery(corrected, per_page=1)).total:
        suggestions.append(("did_you_mean", corrected, querystring(q=corrected)))
    index_url = finder_url()
    for param, term in related_terms(text, facet_terms()):
        suggestions.append(("term", str(term), f"{index_url}?{querystring(**{param: [term.slug]})}"))
    return suggestions
