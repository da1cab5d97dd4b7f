from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from .health import report


@never_cache
def switch_language(request, code):
    """The language switch as a plain link (``/taal/en/?next=/pad/``), so pages carry no form and stay cacheable.

    Sets the language cookie and returns to ``next`` when it is a path on this site, otherwise to the home page.
    """
    if code not in {language for language, _name in settings.LANGUAGES}:
        raise Http404
    next_url = request.GET.get("next", "/")
    allowed = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not allowed:
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /account/
Disallow: /taal/
Disallow: /zoeken/
Disallow: /api/

Sitemap: {base_url}/sitemap.xml
"""


def robots_txt(request):
    """Crawlers: everything public except the admin, accounts, search results and the API; the sitemap's address."""
    return HttpResponse(ROBOTS.format(base_url=settings.BASE_URL), content_type="text/plain; charset=utf-8")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the hashed static icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@never_cache
def health(request):
    """Monitoring: JSON with the state of the database, cache, search engine and task worker (home/health.py)."""
    body, status = report()
    return JsonResponse(body, status=status)
