"""Security headers and cookie flags: test settings in-process, production settings in a subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "kennisplatform.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-" + "p9Zr4" * 10,
    "ALLOWED_HOSTS": "kennisplatform.example.nl",
    "DATABASE_URL": "sqlite:////tmp/kennisplatform-headers-check.sqlite3",
    "BASE_URL": "https://kennisplatform.example.nl",  # production refuses to start without these two
    "EMAIL_URL": "smtp://localhost:25",
}

PROBE = """
import json, sys
sys.path.insert(0, "site")
import django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="kennisplatform.example.nl")
plain = client.get("/taal/en/?next=/nieuws/")
secure = client.get("/taal/en/?next=/nieuws/", secure=True)
cookie = secure.cookies[settings.LANGUAGE_COOKIE_NAME]
print(json.dumps({
    "plain_status": plain.status_code, "plain_location": plain.get("Location", ""),
    "headers": dict(secure.headers),
    "cookie": {"secure": bool(cookie["secure"]), "httponly": bool(cookie["httponly"]), "samesite": cookie["samesite"]},
    "settings": {name: getattr(settings, name) for name in (
        "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY",
        "SECURE_HSTS_SECONDS", "SECURE_SSL_REDIRECT", "DEBUG", "PAGE_CACHE_SECONDS", "TRUSTED_PROXY_COUNT")},
}))
"""


@pytest.fixture(scope="module")
def production():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL"}}
    env.update(PRODUCTION_ENV)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_redirects_plain_http_to_https(production):
    assert production["plain_status"] == 301
    assert production["plain_location"].startswith("https://kennisplatform.example.nl/")


def test_production_sends_hsts_for_a_year_with_subdomains(production):
    hsts = production["headers"]["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts and "preload" in hsts


def test_production_cookies_are_https_only_and_not_readable_by_scripts(production):
    s = production["settings"]
    assert s["SESSION_COOKIE_SECURE"] and s["SESSION_COOKIE_HTTPONLY"]
    assert s["CSRF_COOKIE_SECURE"] and s["CSRF_COOKIE_HTTPONLY"]
    assert production["cookie"] == {"secure": True, "httponly": True, "samesite": "Lax"}
    assert s["DEBUG"] is False


def test_production_content_security_policy_has_no_unsafe_inline(production):
    policy = production["headers"]["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "upgrade-insecure-requests" in directives
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_production_sends_referrer_permissions_and_framing_policies(production):
    headers = production["headers"]
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_production_caches_anonymous_pages_and_trusts_one_proxy(production):
    assert production["settings"]["PAGE_CACHE_SECONDS"] > 0
    assert production["settings"]["TRUSTED_PROXY_COUNT"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/nieuws/", "/zoeken/?q=jeugd", "/account/inloggen/", "/bestaat-niet/"])
def test_every_public_response_carries_the_policies(client, demo_site, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Permissions-Policy" in response


@pytest.mark.django_db
def test_pages_contain_no_inline_scripts_or_styles(client, demo_site):
    from html.parser import HTMLParser

    class Finder(HTMLParser):
        problems: list

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "script" and "src" not in attrs:
                self.problems.append("inline <script>")
            if tag == "style":
                self.problems.append("<style>")
            if "style" in attrs:
                self.problems.append(f"style attribute on <{tag}>")
            if any(name.startswith("on") for name in attrs):
                self.problems.append(f"event handler on <{tag}>")

    for path in ("/", "/nieuws/", "/account/inloggen/", "/zoeken/?q=jeugd"):
        finder = Finder()
        finder.problems = []
        finder.feed(client.get(path).content.decode())
        assert finder.problems == [], path
