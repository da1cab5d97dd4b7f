"""One public base URL (BASE_URL) drives every absolute link, whatever Host the request came in on."""

import json
import re

import pytest
from django.test import override_settings
from wagtail.models import Site

from accounts.models import Organisation
from home.public_url import site_address, sync_default_site
from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db

BASE = "https://kennisplatform.example.nl"
public = override_settings(
    BASE_URL=BASE,
    WAGTAILADMIN_BASE_URL=BASE,
    WAGTAILAPI_BASE_URL=BASE,
    ALLOWED_HOSTS=["kennisplatform.example.nl", "127.0.0.1", "testserver"],
)


@public
def test_canonical_og_url_sitemap_api_and_robots_use_base_url_even_on_an_internal_host(client, demo_site):
    assert sync_default_site()
    assert not sync_default_site()  # idempotent
    assert Site.objects.get(is_default_site=True).root_url == BASE

    html = client.get("/nieuws/", HTTP_HOST="127.0.0.1").content.decode()
    assert re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1) == f"{BASE}/nieuws/"
    assert re.search(r'<meta property="og:url" content="([^"]+)"', html).group(1) == f"{BASE}/nieuws/"

    sitemap = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locations) > 20
    assert all(loc.startswith(f"{BASE}/") for loc in locations), [x for x in locations if not x.startswith(BASE)]

    api = json.loads(client.get("/api/v2/pages/?limit=50", HTTP_HOST="127.0.0.1").content)
    assert api["items"] and all(item["meta"]["html_url"].startswith(f"{BASE}/") for item in api["items"])

    robots = client.get("/robots.txt", HTTP_HOST="127.0.0.1")
    assert robots["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {BASE}/sitemap.xml" in robots.content.decode()
    assert "Disallow: /admin/" in robots.content.decode()


@public
def test_rss_links_use_the_public_address_behind_the_proxy(client, demo_site):
    """The feed builds links from the request, which nginx forwards with the public Host and https."""
    sync_default_site()
    feed = client.get(
        "/goede-voorbeelden/feed/", HTTP_HOST="kennisplatform.example.nl", HTTP_X_FORWARDED_PROTO="https", secure=True
    ).content.decode()
    links = re.findall(r"<link>([^<]+)</link>", feed)
    assert links and all(link.startswith(f"{BASE}/") for link in links)


@public
def test_links_in_e_mails_use_base_url(client, demo_site, mailoutbox):
    sync_default_site()
    event = EventPageFactory(capacity=5)
    region = Organisation.objects.get(slug="food-valley")
    client.post(
        event.url,
        {
            "name": "Anouk de Vries",
            "email": "anouk@voorbeeld.example",
            "organisation_name": "Gemeente Ede",
            "region": str(region.pk),
            "role": "policy",
            "consent": "on",
            "website": "",
        },
        HTTP_HOST="127.0.0.1",
        REMOTE_ADDR="10.4.4.4",
    )
    (message,) = mailoutbox
    links = re.findall(r"https?://[^\s\"<>]+", message.body)
    assert links and all(link.startswith(f"{BASE}/") for link in links), links


def test_favicon_route_points_at_the_static_icon(client, demo_site):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
    assert 'rel="icon"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [("https://kp.example.nl", ("kp.example.nl", 443)), ("http://127.0.0.1:8000", ("127.0.0.1", 8000))],
)
def test_site_address_from_base_url(base_url, expected):
    assert site_address(base_url) == expected


@pytest.mark.parametrize("base_url", ["https://kp.example.nl:8443", "kp.example.nl", "https://kp.example.nl/sub/"])
def test_base_urls_wagtail_cannot_represent_are_refused(base_url):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        site_address(base_url)
