from django.core.paginator import Paginator


def paginate(request, items, *, per_page=20, number=None):
    """The one paginator of the site: out-of-range or invalid `page` values show the nearest page.

    `number` overrides the `page` parameter (e.g. the page that holds a given item).
    """
    paginator = Paginator(items, per_page)
    return paginator.get_page(number if number is not None else request.GET.get("page"))
