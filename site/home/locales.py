"""Wagtail's localisation on a site whose Dutch addresses are fixed (docs/frontend.md, "Languages").

Dutch pages answer at their unprefixed URLs whatever the interface language (a cookie); the English translations
editors make answer under ``/en/``. So the tree a request is routed in follows the URL, never the cookie, and
everything that lists pages (hreflang, the language switch, site search) asks this module which page stands for
which language. What a translation may show follows its Dutch original: view restrictions are mirrored onto it, and
pages whose registrations or responses belong to the Dutch page (``DUTCH_ONLY_PAGE_TYPES``) are only served in Dutch.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as django_cache
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.urls.resolvers import LocalePrefixPattern
from django.utils.cache import add_never_cache_headers
from wagtail.models import Locale, Page, PageViewRestriction

from . import cache as page_cache
from . import request_scope, sites


def default_language() -> str:
    return settings.LANGUAGE_CODE


def prefixed_languages() -> list[str]:
    """Content languages with a URL prefix: all but Dutch."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE]


def url_language(path_info: str) -> str:
    """The content language of an address: the prefix's (``/en/…``), else Dutch."""
    for code in prefixed_languages():
        if path_info == f"/{code}" or path_info.startswith(f"/{code}/"):
            return code
    return settings.LANGUAGE_CODE


class ContentLanguagePrefixPattern(LocalePrefixPattern):
    """``i18n_patterns``' prefix matched by the path, not by the active language.

    Django matches the active language's prefix; here the active language is the interface's (a cookie), and a
    Dutch page must answer at its own address in either interface language. Reversing is Django's: Wagtail
    reverses a page's URL with its locale's language active, so English pages get ``/en/``, Dutch ones none."""

    def __init__(self):
        super().__init__(prefix_default_language=False)

    def match(self, path):
        for code in prefixed_languages():
            if path.startswith(f"{code}/"):
                return path.removeprefix(f"{code}/"), (), {}
        return path, (), {}


def dutch_only_models() -> tuple[type, ...]:
    return tuple(apps.get_model(label) for label in getattr(settings, "DUTCH_ONLY_PAGE_TYPES", []))


def _route_in(root: Page, request, path: str):
    components = [component for component in path.split("/") if component]
    try:
        return root.specific.route(request, components)
    except Http404:
        return None


def serve(request, path):
    """Wagtail's ``serve``, routed in the tree of the URL's language.

    Wagtail routes in the active language's tree (``root_page.localized``); that is the interface language here,
    so a visitor with the English interface would never reach a Dutch page that has no translation. An English
    address that has no English page behind it (only Dutch, an alias Wagtail made as a parent, a Dutch-only page
    type, or a translation of a page the visitor may not see) redirects to the Dutch page: one address per text.
    """
    from wagtail import views as wagtail_views

    site = sites.find_site(request)
    if site is None:
        raise Http404
    language = url_language(request.path_info)
    if language == settings.LANGUAGE_CODE:
        # The site's root page is the Dutch home page: no locale lookup, so Dutch pages cost what they did.
        request._wagtail_route_for_request = _route_in(site.root_page, request, path)
        return wagtail_views.serve(request, path)

    root = site.root_page.get_translation_or_none(Locale.objects.get_for_language(language))
    route = _route_in(root, request, path) if root is not None and root.live else None
    if route is None:
        dutch = _route_in(site.root_page, request, path)
        if dutch is None:
            raise Http404
        return _to_dutch(dutch[0], request)
    page = route[0]
    source = dutch_original(page)
    if page.alias_of_id or isinstance(page.specific, dutch_only_models()) or page.locale_id != root.locale_id:
        return _to_dutch(source or page, request)
    if source is not None and any(not r.accept_request(request) for r in source.get_view_restrictions()):
        # The Dutch page asks for the sign-in or password itself; the translation never shows more than it.
        return _to_dutch(source, request)
    request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)


def _to_dutch(page: Page, request):
    response = HttpResponseRedirect(page.get_url(request) or "/")
    add_never_cache_headers(response)
    return response


def dutch_original(page: Page) -> Page | None:
    """The page in the default locale that this page translates (None if there is none, or it is the page)."""
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return None
    return (
        Page.objects.filter(translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE)
        .exclude(pk=page.pk)
        .first()
    )


def _served_translations(translation_key) -> list[tuple[str, str]]:
    pages = (
        request_scope.public(Page.objects.filter(translation_key=translation_key, alias_of__isnull=True).live())
        .select_related("locale")
        .order_by("locale__language_code")
    )
    dutch_only = dutch_only_models()
    found = []
    for page in pages:
        language = page.locale.language_code
        if language != settings.LANGUAGE_CODE and issubclass(page.specific_class, dutch_only):
            continue
        url = page.url
        if url:
            found.append((language, url, page.full_url))
    return found


def _translated_keys() -> frozenset[str]:
    return frozenset(
        str(key)
        for key in Page.objects.exclude(locale__language_code=settings.LANGUAGE_CODE)
        .values_list("translation_key", flat=True)
        .distinct()
    )


TRANSLATED_KEYS_CACHE_KEY = "locales:translated-keys"


def translated_keys() -> frozenset[str]:
    """The translation keys of every page that has a page in another language (drafts included): a page whose key is
    not among them has no translation, so it costs no further lookup. Once per request; cached until a page outside
    the Dutch tree is saved or deleted (``forget_translated_keys``), so a Dutch publish does not make it cold."""

    def cached():
        keys = django_cache.get(TRANSLATED_KEYS_CACHE_KEY)
        if keys is None:
            keys = _translated_keys()
            django_cache.set(TRANSLATED_KEYS_CACHE_KEY, keys, timeout=None)
        return keys

    return request_scope.once("translated_keys", cached)


def forget_translated_keys(sender, instance, **kwargs) -> None:
    """post_save/post_delete: a page in another locale appeared, changed or went (a new translation, say)."""
    if isinstance(instance, Page) and instance.locale_id != _default_locale_id():
        django_cache.delete(TRANSLATED_KEYS_CACHE_KEY)


_DEFAULT_LOCALE_ID: list[int] = []


def _default_locale_id() -> int:
    if not _DEFAULT_LOCALE_ID:
        _DEFAULT_LOCALE_ID.append(Locale.get_default().pk)
    return _DEFAULT_LOCALE_ID[0]


def translations(page) -> list[tuple[str, str, str]]:
    """(language, path, full URL) of every language this page is served in, itself included, Dutch first; [] when
    it has none but itself. Kept in the page cache's store until the next publish: a Dutch page costs no query."""
    key = getattr(page, "translation_key", None)
    if key is None or str(key) not in translated_keys():
        return []
    found = request_scope.once(
        f"translations:{key}", lambda: page_cache.remember(f"translations:{key}", lambda: _served_translations(key))
    )
    if len(found) < 2:
        return []
    found.sort(key=lambda item: item[0] != settings.LANGUAGE_CODE)
    return found


def _hidden_from(language: str) -> list[int]:
    other_locales = Page.objects.exclude(locale__language_code__in=[settings.LANGUAGE_CODE, language])
    if language == settings.LANGUAGE_CODE:
        return list(Page.objects.exclude(locale__language_code=language).values_list("pk", flat=True))
    served = Page.objects.live().filter(locale__language_code=language, alias_of__isnull=True)
    for model in dutch_only_models():
        served = served.not_type(model)
    hidden = set(other_locales.values_list("pk", flat=True))
    # In this language's tree: aliases (Dutch text), drafts and Dutch-only page types; in Dutch: what is translated.
    in_language = Page.objects.filter(locale__language_code=language)
    hidden |= set(in_language.exclude(pk__in=served.values("pk")).values_list("pk", flat=True))
    hidden |= set(
        Page.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, translation_key__in=served.values("translation_key")
        ).values_list("pk", flat=True)
    )
    return sorted(hidden)


def hidden_from_search(language: str) -> list[int]:
    """Pages site search leaves out in this interface language: on the Dutch site every translation; on the
    English site the Dutch pages that have an English translation (it stands for them), and English aliases.
    Dutch pages without a translation stay findable on the English site, as before. Cached until the next publish."""
    return page_cache.remember(f"search-hidden:{language}", lambda: _hidden_from(language))


def sync_view_restrictions(source: Page) -> None:
    """Give every translation of a Dutch page the Dutch page's own view restrictions (type, password, groups).

    Wagtail copies restrictions once, when a translation is made; this keeps them equal when an editor later
    restricts or frees the Dutch page, so search, the sitemap and the API (which read restrictions by tree path)
    never list a translation of a page they hide."""
    if source.locale.language_code != settings.LANGUAGE_CODE:
        return
    wanted = [
        (r.restriction_type, r.password, sorted(r.groups.values_list("pk", flat=True)))
        for r in source.view_restrictions.all()
    ]
    for page in Page.objects.filter(translation_key=source.translation_key).exclude(pk=source.pk):
        have = [
            (r.restriction_type, r.password, sorted(r.groups.values_list("pk", flat=True)))
            for r in page.view_restrictions.all()
        ]
        if have == wanted:
            continue
        with transaction.atomic():
            page.view_restrictions.all().delete()
            for restriction_type, password, group_ids in wanted:
                copy = PageViewRestriction.objects.create(
                    page=page, restriction_type=restriction_type, password=password
                )
                copy.groups.set(group_ids)
