"""Errors: the one base of every domain error, and error pages that say what to do (400, 403, CSRF, 500, 503).

A service that refuses raises a subclass of ``DomainError`` (pretix's ``OrderError``): a Dutch ``message`` safe to
show, a ``code`` a view may branch on and the form ``field`` it belongs to; ``add_to_form`` is the one way a view
puts it on its form.

The 503 (database unreachable) and 500 pages render without the database: no request context, no session, no
Wagtail settings; the others use the site layout.
"""

import logging
import sys
import threading
import time

from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger("kennisplatform.database")


class DomainError(Exception):
    """A rule refused the action: ``message`` is Dutch and safe to show; ``field`` names the form field it is about
    (None: the whole form); ``code`` is stable for code and tests ("invalid", "duplicate", ...)."""

    def __init__(self, message, *, code: str = "invalid", field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.field = field


def add_to_form(form, error: DomainError) -> None:
    """The error on its own field when the form has that field, else on the form as a whole; the code is kept."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, ValidationError(error.message, code=error.code))


DATABASE_ERRORS = (OperationalError, InterfaceError)
# What the 503 page tells browsers and crawlers (Retry-After) and visitors ("over een minuut").
RETRY_AFTER_SECONDS = 60
WARNING_SECONDS = 60
_last_warning = [0.0]
_warning_lock = threading.Lock()


def is_database_error(error: BaseException | None) -> bool:
    """True for a lost or refused database connection, also when it surfaced wrapped in another error."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DATABASE_ERRORS):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def service_unavailable(request=None, error: BaseException | None = None) -> HttpResponse:
    """The Dutch 503 page with Retry-After; one warning per ``WARNING_SECONDS`` per process, not per request."""
    now = time.monotonic()
    with _warning_lock:
        warn = now - _last_warning[0] >= WARNING_SECONDS
        if warn:
            _last_warning[0] = now
    if warn:
        logger.warning(
            "Database onbereikbaar (%s): bezoekers krijgen 503 of een bewaarde pagina. "
            "Volgende melding op zijn vroegst over %s s.",
            type(error).__name__ if error else "onbekend",
            WARNING_SECONDS,
        )
    html = loader.get_template("503.html").render({"retry_minutes": max(1, RETRY_AFTER_SECONDS // 60)})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # the throttled warning above, not one "Service Unavailable" line per request
    return response


def server_error(request, template_name="500.html"):
    """handler500: a database outage raised outside a view (e.g. loading the session) still gets the 503 page."""
    error = sys.exc_info()[1]
    if is_database_error(error):
        return service_unavailable(request, error)
    return HttpResponseServerError(loader.get_template(template_name).render())


def _in_layout(request, template_name: str, status: int, context: dict | None = None) -> HttpResponse:
    """An error page in the site layout; the plain 503 page if the layout itself needs the missing database."""
    try:
        html = loader.render_to_string(template_name, context or {}, request=request)
    except DATABASE_ERRORS as error:
        return service_unavailable(request, error)
    response = HttpResponse(html, status=status)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception=None):
    """handler400: also what a too large or too many-fielded form gets (RequestDataTooBig, TooManyFieldsSent)."""
    return _in_layout(request, "400.html", 400)


def permission_denied(request, exception=None):
    """handler403: says whether signing in or asking for access could help."""
    return _in_layout(request, "403.html", 403)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the form expired or the cookie is blocked; back to the form to send it again."""
    referer = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        referer = ""
    return _in_layout(request, "403_csrf.html", 403, {"referer": referer})


def request_too_large(request) -> HttpResponse:
    """413 before the body is read: larger than any form of the site accepts (MAX_REQUEST_BODY_SIZE)."""
    return _in_layout(request, "400.html", 413)
