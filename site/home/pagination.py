from django.core.paginator import Paginator
from django.db.models import Count, Window

# Items per page of every public listing (projects, evaluations, proposals, responses), unless it says otherwise.
PAGE_SIZE = 20


def paginate(request, items, *, per_page=PAGE_SIZE, number=None):
    """The one paginator of the site: out-of-range or invalid `page` values show the nearest page.

    `number` overrides the `page` parameter (e.g. the page that holds a given item).
    """
    paginator = Paginator(items, per_page)
    return paginator.get_page(number if number is not None else request.GET.get("page"))


MAX_COUNTED_PAGE = 10_000


def paginate_counted(request, queryset, *, per_page=PAGE_SIZE, number=None):
    """``paginate`` for a queryset, with the total counted in the query that reads the page's rows (a window
    count) instead of in a COUNT query before it: one query less on every listing that uses it. A page past the end,
    an invalid number or an empty list goes through ``paginate`` (its count, its nearest page)."""
    requested = number if number is not None else request.GET.get("page")
    wanted = 1 if requested in (None, "") else int(requested) if str(requested).isdecimal() else 0
    # A window counts the rows before DISTINCT drops any, and a UNION takes no annotation: those count apart. A page
    # number past MAX_COUNTED_PAGE (a hostile 10**22 overflows the database's OFFSET) is the paginator's to clamp.
    plain = queryset.query.distinct or queryset.query.combinator or wanted > MAX_COUNTED_PAGE
    if wanted >= 1 and not plain:
        start = (wanted - 1) * per_page
        rows = list(queryset.annotate(listing_total=Window(Count("pk")))[start : start + per_page])
        if rows:
            paginator = Paginator(queryset, per_page)
            paginator.count = rows[0].listing_total  # the cached property, known from the rows
            page = paginator.page(wanted)
            page.object_list = rows
            return page
    return paginate(request, queryset, per_page=per_page, number=number)
