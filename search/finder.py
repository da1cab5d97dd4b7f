"""The best-practice finder: filters, facet counts, full text. Owned by the search app.

Placeholder until the search issue lands: lists the index page's live practices, newest first.
"""

from home.pagination import paginate


def finder_context(request, *, index_page):
    practices = index_page.get_practices().order_by("-date", "-pk")
    return {"page_obj": paginate(request, practices, per_page=20)}
