"""Values worked out once per request: the site root paths behind every page URL, the view-restricted sections.

Wagtail caches the site root paths on the request when it is passed (``page.get_url(request)``), but a page's
``url`` property has no request and asks the cache again for each page (20-22 round trips on a result list), and
``PageQuerySet.public()`` reads every view restriction again on each call (5 times on a project page). Both are
kept here for the length of one request instead: ``begin``/``end`` are connected to Django's
``request_started``/``request_finished``. Outside a request (commands, the shell, tests without the client) there
is no scope and every call works the value out afresh, as before.
"""

import threading

from django.db.models import Q

_local = threading.local()


def begin(**kwargs) -> None:
    _local.values = {}


def end(**kwargs) -> None:
    _local.values = None


def once(key: str, compute):
    """``compute()``, worked out at most once in the current request; every call outside a request computes."""
    values = getattr(_local, "values", None)
    if values is None:
        return compute()
    if key not in values:
        values[key] = compute()
    return values[key]


def _restricted_sections() -> tuple[tuple[str, int, bool], ...]:
    """(path, depth, own) of every page with a view restriction (own) and of every alias of one (not own: Wagtail
    checks an alias's source instead of the alias), in one query, compiled once per process (home.statements)."""
    from django.db.models import Value
    from wagtail.models import Page, PageViewRestriction

    from .statements import fetch

    def build():
        # Two joins that start from the (few) restrictions, not one OR over every page: the OR made the database
        # read the whole page table (100,000 practices: 61 ms per request on PostgreSQL).
        restricted = PageViewRestriction.objects.values("page_id")
        own = Page.objects.filter(pk__in=restricted).annotate(own=Value(True)).values_list("path", "depth", "own")
        aliases = (
            Page.objects.filter(alias_of__in=restricted)
            .exclude(pk__in=restricted)
            .annotate(own=Value(False))
            .values_list("path", "depth", "own")
        )
        return own.order_by().union(aliases.order_by())

    return tuple(sorted((path, depth, bool(own)) for path, depth, own in fetch("restricted-sections", build)))


def restricted_sections() -> tuple[tuple[str, int, bool], ...]:
    """The restricted sections, read once per request (see ``_restricted_sections``)."""
    return once("restricted_sections", _restricted_sections)


def restricted_q() -> Q:
    """Pages inside a view-restricted section (inclusive); the restrictions are read once per request. Unlike
    Wagtail's ``PageQuerySet.private_q()`` an alias of a restricted page counts as one, with what lies below it:
    serving resolves an alias to its source (``Page.get_view_restrictions``), so a list must too, or it shows the
    alias of a restricted page to the public."""
    q = Q()
    for path, depth, _own in restricted_sections():
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


def may_be_restricted(path: str) -> bool:
    """Whether a page at ``path`` lies in a restricted section or below an alias of one: only then must Wagtail's
    own check read the restrictions of its ancestors (two queries per page served otherwise)."""
    return any(path.startswith(section) for section, depth, own in restricted_sections())


def public(queryset):
    """``queryset.public()`` with the view restrictions read once per request."""
    return queryset.exclude(restricted_q())


def site_root_paths():
    """Wagtail's ``Site.get_site_root_paths()`` once per request; None outside a request."""
    from wagtail.models import Site

    if getattr(_local, "values", None) is None:
        return None
    return once("site_root_paths", Site.get_site_root_paths)
