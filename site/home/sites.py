"""Which Wagtail site answers a request, without asking the database on every page.

Wagtail's ``Site.find_for_request`` runs a query per request (the site by hostname, with its root page), and
serving then reads the root page again as its specific type: two queries whose compilation (the page has some
thirty columns) cost about 1.9 ms CPU per page, against 0.2 ms for one cache read. The site is kept with its
root page as its specific type through ``home.cache.remember``, so it is forgotten with everything else the page
cache holds: a site saved or deleted, a locale changed, any page published, unpublished, moved or deleted
(home/signal_handlers.py), and also a draft or lock saved on a site's root page, which changes no other page.
Each request unpickles its own copy, so nothing one request puts on the page objects reaches another.
"""

from django.http.request import split_domain_port
from wagtail.models import Site

from . import cache as page_cache


def find_site(request):
    """``Site.find_for_request(request)``, from the cache; also where Wagtail looks for it later in the request."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        request._wagtail_site = page_cache.remember(f"site:{hostname}:{port}", lambda: _lookup(request))
    return request._wagtail_site


def _lookup(request):
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site


def is_site_root(page) -> bool:
    return Site.objects.filter(root_page_id=page.pk).exists()
