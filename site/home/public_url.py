"""One public address (``settings.BASE_URL``) for every absolute link.

Wagtail builds ``page.full_url`` (canonical, og:url, sitemap, API ``html_url``, links in e-mails) from the default
Site record's hostname and port; every other absolute link (feeds, e-mails, calendar files) is ``absolute_url``.
``WAGTAILADMIN_BASE_URL`` is the same address (Wagtail's own admin e-mails). ``sync_default_site``
writes BASE_URL into that record; it runs after every ``migrate`` (and ``load_demo``) when BASE_URL is set in the
environment, which production requires.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site


def site_address(base_url: str) -> tuple[str, int]:
    """(hostname, port) for Wagtail's Site: port 443 makes its root_url https://, 80 http:// without a port."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path.strip("/"):
        raise ImproperlyConfigured(f"BASE_URL must be scheme://host[:port] without a path, not {base_url!r}.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme == "https" and port != 443:
        raise ImproperlyConfigured("An https BASE_URL must use port 443: Wagtail writes other ports as http://.")
    return parts.hostname, port


def sync_default_site(base_url: str | None = None) -> bool:
    """Give the default Site BASE_URL's hostname and port; True when it changed."""
    hostname, port = site_address(base_url or settings.BASE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    Site.clear_site_root_paths_cache()
    return True


def sync_after_migrate(**kwargs) -> None:
    if getattr(settings, "SYNC_SITE_WITH_BASE_URL", False):
        sync_default_site()


def absolute_url(path: str) -> str:
    """`path` on the public address, whatever Host header the request came with; a full URL stays as it is (a
    page's ``get_url()`` is one when the project has more than one Site)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.BASE_URL.rstrip("/") + path
