"""Whole pages for anonymous visitors, served from Django's cache (Redis in production).

A page is stored only when nothing in it belongs to one visitor: an anonymous GET without a session or
message cookie, no query string other than the public filters, status 200, no CSRF token used while rendering
(so pages with a form are never stored), no cookie or session written, and not marked private/no-cache.
Signed-in users always get a fresh page (they carry a session cookie).

Keys hold the host, the path, the whitelisted query and the language, plus a generation number; publishing,
unpublishing, moving or deleting any page bumps the generation (``signal_handlers.py``), so every stored page
is dropped at once. ``PAGE_CACHE_SECONDS`` bounds how long counters such as places left may lag.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "pagecache:generation"
EXCLUDED_PREFIXES = ("/admin/", "/account/", "/documenten/", "/taal/", "/api/", "/django-admin/")
# Query parameters of the public listings, the finder and search (contract); anything else bypasses the cache.
ALLOWED_PARAMS = frozenset(
    {"q", "actielijn", "thema", "subthema", "regio", "fase", "soort", "status", "sort", "page", "type", "bewijs"}
)
MAX_QUERY_LENGTH = 300


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def purge() -> None:
    """Drop every stored page (bump the generation; old entries expire by themselves)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _cache_key(request) -> str | None:
    if request.method not in ("GET", "HEAD"):
        return None
    if request.path.startswith(EXCLUDED_PREFIXES) or request.path.startswith(settings.STATIC_URL):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_LENGTH or any(key not in ALLOWED_PARAMS for key in request.GET):
        return None
    params = urlencode(sorted((k, v) for k in request.GET for v in request.GET.getlist(k)))
    raw = f"{request.get_host()}|{request.path}|{params}|{translation.get_language()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"pagecache:{generation()}:{digest}"


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "_queued_messages", None):
        return False
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


class AnonymousPageCacheMiddleware:
    """Serves and stores anonymous pages; sits after the session, auth and messages middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        key = _cache_key(request) if seconds else None
        if key is None:
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Cache"] = "HIT"
            return cached
        response = self.get_response(request)
        if _storable(request, response):
            patch_vary_headers(response, ("Cookie",))
            if hasattr(response, "render") and callable(response.render):
                response.render()
            response["X-Cache"] = "MISS"
            cache.set(key, response, timeout=seconds)
        return response
