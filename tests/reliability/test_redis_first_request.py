"""The first page while Redis is unreachable does not hang on timeouts: it waits at most one short connect (or
command) timeout, after which the backend leaves Redis alone for RETRY_SECONDS.

Three real ways Redis can be away, each on its own port so the process starts without knowing Redis is down
(as a fresh gunicorn worker does): our own redis-server killed (connection refused), a host that is gone (a
black hole: the connection never completes) and a Redis that hangs (connected, no answer). The cache is
configured exactly as production builds it from REDIS_URL (settings.REDIS_CACHE_OPTIONS).

Measured on the shared 2-core machine (1 Dec 2026), first / second page in seconds: refused 0.062 / 0.054; black
hole 0.289 / 0.072; hanging Redis 0.585 / 0.061. Before (a 0.5 s connect timeout and redis-py retrying a timeout
once): refused 0.134 / 0.082, black hole 1.155 / 0.361, hanging 1.127 / 0.124.
"""

import time

import pytest
from django.conf import settings
from django.test import Client, override_settings

from .conftest import BlackHole, SilentServer

pytestmark = pytest.mark.django_db

# Extra seconds the shared machine may add to a measurement of one page.
MARGIN = 0.35


def _production_cache(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "home.cache_backends.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "kennisplatform",
            "OPTIONS": settings.REDIS_CACHE_OPTIONS,
        }
    }


def _first_and_second(url: str, path: str = "/") -> tuple[float, float]:
    """Seconds for the first and second anonymous request of a process that has never spoken to this Redis."""
    Client().get(path)  # templates and code warm, so the difference is what Redis costs
    with override_settings(CACHES=_production_cache(url), PAGE_CACHE_SECONDS=60):  # a fresh cache handler
        client = Client()
        times = []
        for _ in range(2):
            started = time.monotonic()
            response = client.get(path)
            times.append(time.monotonic() - started)
            assert response.status_code == 200
            assert response.get("X-Cache") != "HIT"
    return times[0], times[1]


def test_the_production_timeouts_are_short():
    options = settings.REDIS_CACHE_OPTIONS
    assert options["socket_connect_timeout"] <= 0.25
    assert options["socket_timeout"] <= 0.5


def test_a_killed_redis_costs_the_first_page_nothing(demo_site, redis_server):
    redis_server.kill()
    first, second = _first_and_second(redis_server.url)
    assert first - second < 0.05 + MARGIN, (first, second)


def test_a_redis_host_that_is_gone_costs_the_first_page_one_short_connect_timeout(demo_site):
    hole = BlackHole()
    try:
        first, second = _first_and_second(hole.url)
    finally:
        hole.close()
    connect = settings.REDIS_CACHE_OPTIONS["socket_connect_timeout"]
    # One connect timeout, not two (a retried timeout) and not ten seconds (redis-py's own retry with backoff).
    assert first - second < connect + MARGIN, (first, second)
    assert first >= connect * 0.9  # it did wait for Redis: the measurement is real


def test_a_hanging_redis_costs_the_first_page_one_command_timeout(demo_site):
    silent = SilentServer()
    try:
        first, second = _first_and_second(silent.url)
    finally:
        silent.close()
    assert first - second < settings.REDIS_CACHE_OPTIONS["socket_timeout"] + MARGIN, (first, second)


def test_the_same_settings_cache_pages_on_a_running_redis(demo_site, redis_server):
    """The short timeouts do not make the site give up on a Redis that is there."""
    with override_settings(CACHES=_production_cache(redis_server.url), PAGE_CACHE_SECONDS=60):
        client = Client()
        assert client.get("/")["X-Cache"] == "MISS"
        assert client.get("/")["X-Cache"] == "HIT"
