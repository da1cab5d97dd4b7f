"""No third parties: the admin loads nothing from another host (no Gravatar hash of an editor's e-mail)."""

import re
from urllib.parse import urlparse

import pytest

from tests.factories.accounts import editor

pytestmark = pytest.mark.django_db

# What a browser fetches on its own: src/srcset, <link href>, CSS url(...), and Wagtail's avatar images.
LOADED = re.compile(
    r"""(?:\ssrc|\ssrcset|\sposter|\sdata-src)\s*=\s*["']([^"']+)["']"""
    r"""|<link\b[^>]*\shref\s*=\s*["']([^"']+)["']"""
    r"""|url\(\s*["']?([^"')]+)""",
    re.IGNORECASE,
)


def _foreign_loads(html: str) -> set[str]:
    urls = {part for match in LOADED.findall(html) for part in match if part}
    candidates = {u.strip() for url in urls for u in url.split(",")}
    return {u for u in candidates if urlparse(u.split(" ")[0]).netloc not in ("", "testserver")}


@pytest.mark.parametrize("path", ["/admin/", "/admin/account/", "/admin/pages/", "/admin/kennisateliers/"])
def test_admin_pages_load_nothing_from_another_host(client, demo_site, path):
    client.force_login(editor(email="redacteur.avatar@foodvalley.example"))
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "gravatar" not in html.lower()
    assert _foreign_loads(html) == set()
