"""What /health/ reports: the database, the cache, the search engine and the task worker. No addresses or secrets.

The site is "down" (HTTP 503) only without its database; a missing cache, search engine or worker makes it
"degraded" (HTTP 200): pages still render (uncached, database search), e-mails wait in the queue.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from . import tasks

# The task worker counts as missing when it has not finished a task (heartbeats included) for this long.
WORKER_STALE_SECONDS = 300


def _timed(check):
    started = time.monotonic()
    result = check()
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "engine": connection.vendor}


def check_cache() -> dict:
    backend = "redis" if "redis" in settings.CACHES["default"]["BACKEND"].lower() else "memory"
    probe = get_random_string(12)
    try:
        cache.set("health:probe", probe, timeout=10)
        ok = cache.get("health:probe") == probe
    except Exception as error:  # a plain RedisCache raises; ResilientRedisCache answers as an empty cache
        return {"ok": False, "backend": backend, "error": type(error).__name__}
    return {"ok": ok, "backend": backend}


def check_search() -> dict:
    from wagtail.search.backends import get_search_backend

    search = get_search_backend()
    client = getattr(search, "es", None)
    if client is None:
        return {"ok": True, "backend": "database"}
    modules = f"{type(search).__module__} {type(client).__module__}".lower()
    engine = "opensearch" if "opensearch" in modules else "elasticsearch"
    try:
        ok = bool(client.ping())  # within the backend's TIMEOUT (ELASTICSEARCH_TIMEOUT)
    except Exception as error:  # noqa: BLE001 (any transport error means: not reachable)
        return {"ok": False, "backend": engine, "error": type(error).__name__}
    return {"ok": ok, "backend": engine}


def check_worker(database_ok: bool = True) -> dict:
    if not tasks.heartbeats_supported():
        return {"ok": True, "backend": "immediate"}
    if not database_ok:
        return {"ok": False, "backend": "database", "error": "database"}
    try:
        tasks.schedule_heartbeat(delay=0)  # a running worker answers within its --interval
        last = tasks.last_worker_activity()
    except DatabaseError as error:
        return {"ok": False, "backend": "database", "error": type(error).__name__}
    age = (timezone.now() - last).total_seconds() if last else None
    return {
        "ok": age is not None and age < WORKER_STALE_SECONDS,
        "backend": "database",
        "last_seen": last.isoformat() if last else None,
        "seconds_ago": round(age) if age is not None else None,
    }


def report() -> tuple[dict, int]:
    """The JSON body and the status code of /health/."""
    database = _timed(check_database)
    checks = {
        "database": database,
        "cache": _timed(check_cache),
        "search": _timed(check_search),
        "worker": _timed(lambda: check_worker(database["ok"])),
    }
    if not database["ok"]:
        status, code = "down", 503
    elif all(check["ok"] for check in checks.values()):
        status, code = "ok", 200
    else:
        status, code = "degraded", 200
    return {"status": status, "checks": checks}, code


def worker_missing() -> dict | None:
    """For the admin warning: the worker check when a worker is expected and has not been seen for a while."""
    result = check_worker()
    return None if result["ok"] else result
