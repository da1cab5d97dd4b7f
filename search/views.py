from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .site_search import PER_PAGE, site_search, site_suggestions
from .suggest import typeahead


@require_GET
def search(request):
    query = " ".join((request.GET.get("q") or "").split())[:200]
    type_slug = request.GET.get("type") or ""
    result = site_search(query, type_slug=type_slug, page=request.GET.get("page")) if query else None
    page_obj = None
    if result is not None:
        if not result.total and not type_slug:
            result.suggestions = site_suggestions(query)
        page_obj = Paginator(range(result.total), PER_PAGE).get_page(result.page_number)
        page_obj.object_list = result.items
    return render(
        request,
        "search/search.html",
        {"query": query, "result": result, "page_obj": page_obj, "type_slug": type_slug},
    )


@require_GET
def suggestions(request):
    query = " ".join((request.GET.get("q") or "").split())[:100]
    return JsonResponse({"query": query, "suggestions": typeahead(query)})
