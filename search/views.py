from django.http import JsonResponse
from django.shortcuts import render
from wagtail.models import Page

from home.pagination import paginate


def search(request):
    query = (request.GET.get("q") or "").strip()[:200]
    results = Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    return render(request, "search/search.html", {"query": query, "page_obj": paginate(request, results, per_page=20)})


def suggestions(request):
    query = (request.GET.get("q") or "").strip()[:100]
    titles = []
    if len(query) >= 2:
        titles = [p.title for p in Page.objects.live().public().autocomplete(query)[:8]]
    return JsonResponse({"query": query, "suggestions": [{"label": t} for t in titles]})
