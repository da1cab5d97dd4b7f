"""A Redis cache that the site survives: when Redis is down, every call answers as an empty cache.

The cache only holds what can be rebuilt (pages, counters, rate-limit windows), so a missing Redis makes the
site slower, never broken: ``get`` returns the default, ``get_many`` an empty dict, ``add``/``delete``/``touch``
``False``, ``set`` does nothing, ``incr``/``decr`` raise ``ValueError`` as for a missing key.

After a failure the backend does not ask Redis again for ``RETRY_SECONDS`` (default 2), so a dead or
black-holed Redis costs one short timeout per process every few seconds instead of one per call; afterwards the
next call tries again, so recovery needs no restart. One warning is logged per ``WARNING_SECONDS`` (default
60) per process, and one line when Redis answers again. This state is shared by the threads of a process (Django
keeps a cache object per thread).

Rate limits built on this cache (``home.security.rate_limited``) fail open: while Redis is down nothing is
counted, so no one is limited. Sign-in lockout (django-axes) is kept in the database and is not affected.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger("kennisplatform.cache")

FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)
_MISSING_KEY = object()


class _State:
    """What one process knows about one Redis: shared by its threads (Django keeps a cache object per thread)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.down_since = None
        self.warned_at = None


_STATES: dict[str, _State] = {}
_STATES_LOCK = threading.Lock()


def _state_for(location: str) -> _State:
    with _STATES_LOCK:
        return _STATES.setdefault(location, _State())


def _resilient(fallback):
    """Call the real method unless Redis is known to be down; on a connection failure return ``fallback``."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            state = self._state
            if time.monotonic() < state.down_until:
                return self._fallback(fallback, args, kwargs)
            try:
                result = method(self, *args, **kwargs)
            except FAILURES as error:
                self._failed(error)
                return self._fallback(fallback, args, kwargs)
            if state.down_since is not None:
                with state.lock:
                    since, state.down_since = state.down_since, None
                if since is not None:
                    logger.warning("Cache (Redis) weer bereikbaar na %.0f s.", time.monotonic() - since)
            return result

        return wrapper

    return decorate


class _ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, but one redis-py client per connection pool instead of a new one for every cache call.

    Django builds a ``redis.Redis`` (about 700 Python calls: its table of reply callbacks) around the shared pool
    on each call; a page makes six or so calls (session, site root paths, page-cache generation, remembered values).
    A ``redis.Redis`` on a given pool holds no state of its own (each command takes a connection from the pool), so
    one per pool serves every call alike."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's RedisCache that degrades to "nothing cached" instead of raising while Redis is unreachable.

    Extra ``OPTIONS`` (taken out before the rest goes to redis-py): ``RETRY_SECONDS``, ``WARNING_SECONDS``.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 2))
        self.warning_seconds = float(options.pop("WARNING_SECONDS", 60))
        # Short timeouts: a page waits at most this long for a Redis that does not answer. Redis is on the same
        # host or LAN, where a connection takes well under a millisecond: 0.2 s is generous, and a black-holed
        # Redis (host gone, packets dropped) costs the first page of a process 0.2 s, measured in
        # tests/reliability/test_redis_first_request.py. A command may take longer than a connection: 0.5 s.
        options.setdefault("socket_connect_timeout", 0.2)
        options.setdefault("socket_timeout", 0.5)
        # One immediate retry, on a broken connection only: after a Redis restart the pooled connection is dead and
        # the retry reconnects. A timeout is not retried (redis-py's default would retry it, doubling the wait,
        # and its own default client retries three times with backoff: ten seconds against a black hole).
        options.setdefault("retry", Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = _ReusedClientRedisCacheClient
        self._state = _state_for(server if isinstance(server, str) else ",".join(server))

    def _failed(self, error) -> None:
        now = time.monotonic()
        state = self._state
        with state.lock:
            state.down_until = now + self.retry_seconds
            if state.down_since is None:
                state.down_since = now
            warn = state.warned_at is None or now - state.warned_at >= self.warning_seconds
            if warn:
                state.warned_at = now
        if warn:
            logger.warning(
                "Cache (Redis) onbereikbaar (%s): pagina's worden zonder cache opgebouwd, rate limits tellen niet. "
                "Volgende melding op zijn vroegst over %.0f s.",
                type(error).__name__,
                self.warning_seconds,
            )

    @staticmethod
    def _fallback(fallback, args, kwargs):
        if fallback is _MISSING_KEY:
            raise ValueError("Key not available: the cache is unreachable.")
        if fallback == "default":
            if "default" in kwargs:
                return kwargs["default"]
            return args[1] if len(args) > 1 else None
        return fallback() if callable(fallback) else fallback

    @property
    def available(self) -> bool:
        """False while the backend is not asking Redis (shortly after a failure)."""
        return time.monotonic() >= self._state.down_until

    def ping(self) -> bool:
        """Ask Redis directly (for the health check); True when it answered."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except FAILURES as error:
            self._failed(error)
            return False

    get = _resilient("default")(RedisCache.get)
    get_many = _resilient(dict)(RedisCache.get_many)
    has_key = _resilient(False)(RedisCache.has_key)
    add = _resilient(False)(RedisCache.add)
    set = _resilient(None)(RedisCache.set)
    set_many = _resilient(list)(RedisCache.set_many)
    touch = _resilient(False)(RedisCache.touch)
    delete = _resilient(False)(RedisCache.delete)
    delete_many = _resilient(None)(RedisCache.delete_many)
    incr = _resilient(_MISSING_KEY)(RedisCache.incr)
    decr = _resilient(_MISSING_KEY)(RedisCache.decr)
    clear = _resilient(False)(RedisCache.clear)
