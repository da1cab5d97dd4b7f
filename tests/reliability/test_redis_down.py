"""Redis down or restarted: the site keeps serving, stores every write, and recovers by itself.

A real redis-server is started on a free port for each test and killed with SIGKILL; the site talks to it through
the production cache backend (home.cache_backends.ResilientRedisCache) with the anonymous page cache switched on.
"""

import logging
import time

import pytest
from django.test import override_settings
from wagtail.models import Page

from accounts.models import Organisation
from events.models import Registration
from home.security import rate_limited
from knowledge.advisory.models import Response
from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.advisory import make_proposal
from tests.factories.events import EventPageFactory

from .conftest import resilient_cache

pytestmark = pytest.mark.django_db

EXTRA_PATHS = ["/zoeken/?q=jeugd", "/sitemap.xml", "/api/v2/pages/", "/account/inloggen/", "/goede-voorbeelden/feed/"]


class Captured(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def cache_warnings():
    handler = Captured()
    logger = logging.getLogger("kennisplatform.cache")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


@pytest.fixture
def redis_site(redis_server, settings):
    """The site on a real Redis, as in production: Redis cache, anonymous pages cached for a minute."""
    with override_settings(CACHES=resilient_cache(redis_server.url), PAGE_CACHE_SECONDS=60):
        yield redis_server


def _paths():
    return [page.url for page in Page.objects.live().filter(depth__gt=1).specific()] + EXTRA_PATHS


def _form_data(region, **overrides):
    return {
        "name": "Anouk de Vries",
        "email": "anouk@voorbeeld.example",
        "organisation_name": "Gemeente Ede",
        "region": str(region.pk),
        "role": "policy",
        "needs": "",
        "consent": "on",
        "website": "",
        **overrides,
    }


def test_every_page_renders_for_visitors_and_signed_in_users_while_redis_is_down(
    client, demo_site, redis_server, cache_warnings
):
    # One warning per WARNING_SECONDS: here the window is wider than this walk can take on a loaded machine (with
    # the default 60 s, a walk of 64 s under load 9 rightly logged a second warning).
    redis_site = redis_server
    with override_settings(CACHES=resilient_cache(redis_server.url, WARNING_SECONDS=3600), PAGE_CACHE_SECONDS=60):
        assert client.get("/")["X-Cache"] == "MISS"
        assert client.get("/")["X-Cache"] == "HIT"
        paths = _paths()
        assert len(paths) > 40

        redis_site.kill()

        started = time.monotonic()
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            assert response.get("X-Cache") != "HIT", path
        assert "Kennisplatform Jeugd" in client.get("/").content.decode()

        user = provider_member(OrganisationFactory(name="Jeugdzorg Zonder Redis", is_contracted=True))
        signed_in = client.__class__()
        signed_in.force_login(user)
        for path in paths:
            expected = 302 if path == "/account/inloggen/" else 200  # signed in already: on to the account page
            assert signed_in.get(path).status_code == expected, path
        profile = signed_in.get("/account/")
        assert profile.status_code == 200 and user.email in profile.content.decode()
        elapsed = time.monotonic() - started

        # One warning for the whole outage (hundreds of requests), not one per request or per cache call.
        assert len(cache_warnings) == 1
        assert "onbereikbaar" in cache_warnings[0].getMessage()
        # Each request did not wait for Redis: at most a few short timeouts in total.
        assert elapsed / (2 * len(paths) + 2) < 0.5


def test_signing_in_works_and_lasts_while_redis_is_down_and_after_it_restarts(client, demo_site, redis_site):
    user = provider_member(OrganisationFactory(name="Aanbieder Sessie", is_contracted=True))
    user.set_password("een-lang-wachtwoord-123")
    user.save()
    redis_site.kill()

    response = client.post(
        "/account/inloggen/", {"username": user.email, "password": "een-lang-wachtwoord-123"}, REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 302
    assert user.email in client.get("/account/").content.decode()

    redis_site.start()  # empty: anything kept only in the cache is gone
    time.sleep(0.3)
    assert user.email in client.get("/account/").content.decode()


def test_a_registration_is_stored_and_confirmed_while_redis_is_down(client, demo_site, redis_site, mailoutbox):
    event = EventPageFactory(capacity=5)
    region = Organisation.objects.get(slug="food-valley")
    redis_site.kill()

    response = client.post(event.url, _form_data(region), REMOTE_ADDR="10.2.2.2")

    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.email == "anouk@voorbeeld.example"
    assert registration.status == "confirmed"
    assert "We hebben een e-mail gestuurd" in client.get(response["Location"]).content.decode()
    assert len(mailoutbox) == 1


def test_an_advisory_response_is_stored_while_redis_is_down(client, demo_site, redis_site):
    proposal = make_proposal()
    provider = provider_member(OrganisationFactory(name="Jeugdzorg Doelgroep", is_contracted=True))
    client.force_login(provider)
    redis_site.kill()

    response = client.post(
        proposal.url + "reageren/",
        {
            "question": proposal.questions.first().pk,
            "position": "supports",
            "text": "Ook zonder cache komt onze reactie aan.",
            "visibility": "public",
        },
    )

    assert response.status_code == 302
    stored = Response.objects.get(proposal=proposal, author=provider)
    assert "zonder cache" in stored.body_markdown
    assert "zonder cache" in client.get(response["Location"]).content.decode()


@override_settings(EVENT_REGISTRATION_RATE_LIMIT=(2, 60))
def test_rate_limits_fail_open_while_redis_is_down_and_count_again_after(client, demo_site, redis_site):
    """Documented direction (docs/deploy.md): nobody is limited while Redis is down; limits return with Redis."""
    assert not rate_limited("test-scope", "a", limit=1, window=60)
    assert rate_limited("test-scope", "a", limit=1, window=60)

    redis_site.kill()
    assert not any(rate_limited("test-scope", "a", limit=1, window=60) for _ in range(10))

    event = EventPageFactory(capacity=50)
    region = Organisation.objects.get(slug="food-valley")
    for n in range(4):
        response = client.post(event.url, _form_data(region, email=f"p{n}@voorbeeld.example"), REMOTE_ADDR="10.3.3.3")
        assert response.status_code == 302
    assert Registration.objects.filter(event=event).count() == 4

    redis_site.start()
    time.sleep(0.3)
    assert not rate_limited("test-scope", "b", limit=1, window=60)
    assert rate_limited("test-scope", "b", limit=1, window=60)


def test_the_page_cache_comes_back_by_itself_when_redis_returns(client, demo_site, redis_site, cache_warnings):
    assert client.get("/nieuws/")["X-Cache"] == "MISS"
    assert client.get("/nieuws/")["X-Cache"] == "HIT"

    redis_site.kill()
    assert client.get("/nieuws/").status_code == 200
    redis_site.start()  # same port, empty, no restart of the application
    time.sleep(0.3)  # RETRY_SECONDS in the test settings: 0.2

    states = [client.get("/nieuws/")["X-Cache"] for _ in range(3)]
    assert states == ["MISS", "HIT", "HIT"]
    assert len(cache_warnings) == 2  # the outage, then "weer bereikbaar"
    assert "weer bereikbaar" in cache_warnings[1].getMessage()


def test_the_threads_of_a_process_share_one_warning_and_one_pause(redis_site, cache_warnings):
    """gunicorn runs several threads per worker, each with its own cache object (Django keeps them per thread)."""
    import threading

    from django.core.cache import caches

    redis_site.kill()
    answers = []

    def visitor():
        for _ in range(20):
            answers.append(caches["default"].get("pagecache:generation", "leeg"))

    threads = [threading.Thread(target=visitor) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == ["leeg"] * 80
    assert len(cache_warnings) == 1
