from django.core.paginator import Paginator


def paginate(request, items, *, per_page=20):
    """The one paginator of the site: out-of-range or invalid `page` values show the nearest page."""
    paginator = Paginator(items, per_page)
    return paginator.get_page(request.GET.get("page"))
