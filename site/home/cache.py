"""Whole pages for anonymous visitors, served from Django's cache (Redis in production).

A page is stored only when nothing in it belongs to one visitor: an anonymous GET without a session or
message cookie, no query string other than the public filters, status 200, no cookie or session written, and
not marked private/no-cache. Signed-in users always get a fresh page (they carry a session cookie).

A page with a form (the registration form of an event) carries a CSRF token, which belongs to one visitor. It is
stored with a placeholder in the token's place, and every hit gets the visitor's own token (and cookie) filled
in; a page whose token shows up anywhere but in the forms' hidden fields is never stored.

Keys hold the host, the path, the whitelisted query and the language. Each entry is stamped with a generation
number and a version per path: publishing, unpublishing, moving or deleting any page bumps the generation
(``signal_handlers.py``), so every stored page goes out of date at once; ``purge_path`` does so for one path
(all its queries and languages), e.g. an event whose places changed. An out-of-date page is rendered again by
one request only, while the others get the previous copy (``X-Cache: STALE``) for those few hundred
milliseconds instead of all rendering it at once; if it no longer renders (unpublished), the copy is dropped.
A page out of date only by its path (counters such as places left) is rendered again at most once every
``PAGE_CACHE_COUNTER_SECONDS``, so a burst of registrations does not re-render the event page for each one
(measured: p95 99 ms → 46 ms on the event page at one registration a second, bench/README.md).
``PAGE_CACHE_SECONDS`` bounds how long other derived values (a registration period that closes on the hour)
may lag.

Serve stale on error: an entry is kept ``PAGE_CACHE_STALE_SECONDS`` (a day) beyond its freshness. When rendering
an out-of-date page fails with a server error (the database is unreachable), visitors get the stored copy
(``X-Cache: STALE``) instead of the error page, for as long as the outage lasts or the copy is kept.
"""

import hashlib
import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "pagecache:generation"
EXCLUDED_PREFIXES = ("/admin/", "/account/", "/documenten/", "/taal/", "/api/", "/django-admin/", "/health/")
# Query parameters of the public listings, the finder and search (contract); anything else bypasses the cache.
ALLOWED_PARAMS = frozenset(
    {"q", "actielijn", "thema", "subthema", "regio", "fase", "soort", "status", "sort", "page", "type", "bewijs"}
)
MAX_QUERY_LENGTH = 300
# How long one request may hold the right to render an out-of-date page again before another may try.
RENDER_LOCK_SECONDS = 30
# What Django's {% csrf_token %} renders; the token is the only per-visitor part of such a page.
CSRF_FIELD = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")([^"]+)(">)')
CSRF_PLACEHOLDER = b"@@kp-csrf-token@@"


def _path_key(path: str) -> str:
    return "pagecache:path:" + hashlib.sha256(path.encode()).hexdigest()


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, timeout=None)


def _versions(path: str) -> tuple[int, int]:
    """The generation and the path's version, in one round trip; both start at 1."""
    path_key = _path_key(path)
    found = cache.get_many([GENERATION_KEY, path_key])
    if GENERATION_KEY not in found:
        cache.add(GENERATION_KEY, 1, timeout=None)
        found[GENERATION_KEY] = cache.get(GENERATION_KEY, 1)
    return found[GENERATION_KEY], found.get(path_key, 1)


def purge() -> None:
    """Put every stored page out of date (bump the generation): each is rendered again on its next request."""
    _bump(GENERATION_KEY)


def purge_path(*paths: str) -> None:
    """Put the stored pages of these paths out of date, with every query and language (counters changed)."""
    for path in paths:
        if path:
            _bump(_path_key(path))


def remember(name: str, compute, *, timeout: int = 3600):
    """``compute()`` kept in the cache until the next purge (the page cache's generation; any publish, unpublish,
    move, delete or view-restriction change bumps it): for parts of a page that every visitor sees alike and that
    change only with published content, such as related items. One cache round trip on a hit. The value must be
    picklable (plain data, not page objects)."""
    return remember_many([name], lambda names: {name: compute()}, timeout=timeout)[name]


def remember_many(names, compute_missing, *, timeout: int = 3600) -> dict:
    """``remember`` for several values in one cache round trip: {name: value}. ``compute_missing(names)`` gives
    {name: value} for the names not kept (or kept from an earlier generation), which are stored together."""
    keys = {name: "pagecache:value:" + hashlib.sha256(name.encode()).hexdigest() for name in names}
    found = cache.get_many([GENERATION_KEY, *keys.values()])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    values, missing = {}, []
    for name, key in keys.items():
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            values[name] = stored[1]
        else:
            missing.append(name)
    if missing:
        computed = compute_missing(missing)
        cache.set_many({keys[name]: (generation, value) for name, value in computed.items()}, timeout=timeout)
        values.update(computed)
    return values


def remember_for_page(request, page, name: str, compute):
    """``remember`` for a part of one page (per page and language); a preview shows the editor's unsaved changes,
    so it is worked out afresh."""
    if getattr(request, "is_preview", False) or page.pk is None:
        return compute()
    return remember(f"{name}:{page.pk}:{translation.get_language()}", compute)


def remember_instances_for_page(request, page, name: str, queryset) -> list:
    """``remember_for_page`` for model instances: the queryset's rows (every concrete field) are kept as plain
    values and made instances again on each call, as the queryset would have made them."""
    model = queryset.model
    names = [field.attname for field in model._meta.concrete_fields]
    rows = remember_for_page(request, page, name, lambda: list(queryset.values_list(*names)))
    return [model.from_db(queryset.db, names, row) for row in rows]


def _now() -> float:
    return time.time()


def _cache_key(request) -> tuple[str, tuple[int, int]] | None:
    """The entry's key and the (generation, path version) a current entry carries; None if never cached."""
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
    return f"pagecache:page:{digest}", _versions(request.path)


def _without_csrf_token(content: bytes) -> bytes | None:
    """The page with a placeholder for the token in its forms; None if the token shows up anywhere else."""
    tokens = {match.group(2) for match in CSRF_FIELD.finditer(content)}
    if not tokens:
        return None
    content = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\3", content)
    if any(token in content for token in tokens):
        return None
    return content


def _with_csrf_token(request, response):
    """Fill in this visitor's token; get_token() also makes the CSRF middleware send them the cookie."""
    if CSRF_PLACEHOLDER in response.content:
        response.content = response.content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
    return response


def _storable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
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
        entry_key, versions = key
        entry = cache.get(entry_key)
        lock_key = None
        if entry is not None:
            entry_versions, stored_at, cached = entry
            age = _now() - stored_at
            if entry_versions == versions and age < seconds:
                return _served(request, cached, "HIT")
            counters_only = entry_versions[0] == versions[0] and age < seconds
            if counters_only and age < getattr(settings, "PAGE_CACHE_COUNTER_SECONDS", 0):
                return _served(request, cached, "STALE")
            lock_key = entry_key + ":rendering"
            if not cache.add(lock_key, 1, timeout=RENDER_LOCK_SECONDS):
                return _served(request, cached, "STALE")
        try:
            response = self.get_response(request)
            if entry is not None and response.status_code >= 500:
                # The database (or anything else) failed while rendering: the previous copy beats an error page.
                return _served(request, cached, "STALE")
            if not self._store(request, response, entry_key, versions, seconds) and entry is not None:
                cache.delete(entry_key)  # e.g. unpublished: never hand out the old copy again
        finally:
            if lock_key:
                cache.delete(lock_key)
        return response

    @staticmethod
    def _store(request, response, entry_key, versions, seconds) -> bool:
        if not _storable(request, response):
            return False
        if hasattr(response, "render") and callable(response.render):
            response.render()
        content = response.content
        csrf_used = request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED")
        stored_content = _without_csrf_token(content) if csrf_used else content
        if stored_content is None:
            return False
        patch_vary_headers(response, ("Cookie",))
        response["X-Cache"] = "MISS"
        response.content = stored_content  # pickled as it is now; this visitor still gets their own token
        # Kept beyond its freshness (PAGE_CACHE_STALE_SECONDS) so it can stand in while the page cannot render.
        timeout = seconds + getattr(settings, "PAGE_CACHE_STALE_SECONDS", 0)
        cache.set(entry_key, (versions, _now(), response), timeout=timeout)
        response.content = content
        return True


def _served(request, response, state: str):
    response["X-Cache"] = state
    return _with_csrf_token(request, response)
