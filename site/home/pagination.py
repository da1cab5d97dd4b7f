from django.core.paginator import Paginator

# Items per page of every public listing (projects, evaluations, proposals, responses), unless it says otherwise.
PAGE_SIZE = 20


def paginate(request, items, *, per_page=PAGE_SIZE, number=None):
    """The one paginator of the site: out-of-range or invalid `page` values show the nearest page.

    `number` overrides the `page` parameter (e.g. the page that holds a given item).
    """
    paginator = Paginator(items, per_page)
    return paginator.get_page(number if number is not None else request.GET.get("page"))
