from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from .errors import is_database_error, request_too_large, service_unavailable
from .locales import url_language


class PublicSiteCSPMiddleware(CSPMiddleware):
    """The strict policy for the public site; the Wagtail admin ships its own inline code."""

    def process_response(self, request, response):
        if request.path.startswith("/admin/"):
            return response
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return super().process_response(request, response)


class SiteLanguageMiddleware(LocaleMiddleware):
    """Dutch unless the visitor chose English with the language switch (cookie).

    A Dutch public-sector site does not follow the browser's Accept-Language: the same URL shows the same
    language to everyone until they switch. An English page's own address (``/en/…``, home/locales.py) is English
    whatever the cookie says.
    """

    def process_request(self, request):
        language = url_language(request.path_info)
        if language == settings.LANGUAGE_CODE:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            supported = {code for code, _name in settings.LANGUAGES}
            language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def reject_nul_bytes(get_response):
    """Refuse query strings with NUL bytes: no text field can store them (PostgreSQL rejects them outright)."""
    from django.http import HttpResponseBadRequest
    from django.utils.translation import gettext as _

    def middleware(request):
        if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
            return HttpResponseBadRequest(_("Ongeldige tekens in het adres."), content_type="text/plain; charset=utf-8")
        return get_response(request)

    return middleware


class DatabaseUnavailableMiddleware:
    """A view that loses the database answers with the Dutch 503 page (Retry-After) instead of a 500.

    Errors raised outside views (the session middleware) reach ``handler500`` (``home.views.server_error``),
    which gives the same page. Anonymous pages already in the page cache keep being served (home/cache.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_error(exception):
            return service_unavailable(request, exception)
        return None


def limit_request_body(get_response):
    """Refuse a body larger than ``MAX_REQUEST_BODY_SIZE`` (413, Dutch page) before anything reads it.

    Django limits form fields (DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FIELDS) but not uploaded
    files; this is the application's own limit, the same as nginx's client_max_body_size (docs/deploy.md).
    """

    def middleware(request):
        limit = getattr(settings, "MAX_REQUEST_BODY_SIZE", 0)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit and length > limit:
            return request_too_large(request)
        return get_response(request)

    return middleware
