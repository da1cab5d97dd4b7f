"""Throttling: password reset requests per address and per e-mail (sign-in is guarded by django-axes)."""

import pytest
from django.core import mail

from home.security import client_ip, rate_limited
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

RESET = "/account/wachtwoord-vergeten/"


def test_password_reset_is_limited_per_email(client, demo_site):
    user = UserFactory(email="pleegouder@example.nl")
    for _ in range(3):
        assert client.post(RESET, {"email": user.email}).status_code == 302
    assert len(mail.outbox) == 3

    response = client.post(RESET, {"email": user.email}, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 429
    assert "te vaak om een nieuw wachtwoord gevraagd" in response.content.decode()
    assert len(mail.outbox) == 3


def test_password_reset_is_limited_per_address_whatever_the_email(client, demo_site):
    for i in range(10):
        assert client.post(RESET, {"email": f"iemand{i}@example.nl"}).status_code == 302
    response = client.post(RESET, {"email": "nog-iemand@example.nl"})
    assert response.status_code == 429
    # Another address can still ask.
    assert client.post(RESET, {"email": "nog-iemand@example.nl"}, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_sign_in_is_locked_after_five_failures(client, demo_site):
    user = UserFactory(email="aanbieder@example.nl", username="aanbieder")
    for _ in range(5):
        response = client.post("/account/inloggen/", {"username": user.username, "password": "fout-wachtwoord"})
        assert response.status_code in (200, 429)
    response = client.post("/account/inloggen/", {"username": user.username, "password": "fout-wachtwoord"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_rate_limit_counts_within_the_window():
    assert not rate_limited("test-scope", "a", limit=2, window=60)
    assert not rate_limited("test-scope", "a", limit=2, window=60)
    assert rate_limited("test-scope", "a", limit=2, window=60)
    assert not rate_limited("test-scope", "b", limit=2, window=60)


def test_client_ip_trusts_only_the_configured_proxies(rf, settings):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    # The left-most entry was written by the client and may be forged; the proxy's own entry counts.
    assert client_ip(request) == "203.0.113.7"
