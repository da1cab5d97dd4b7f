"""Shared set-up of the events benchmarks (registrations, check-ins, change notices): one database of their own,
gunicorn with production settings over HTTP, and a small cookie-keeping HTTP client.

    .venv/bin/python bench/events_registrations.py --concurrency 8
    .venv/bin/python bench/events_checkin.py --concurrency 8 --twice
    .venv/bin/python bench/events_registrations.py --notices 500   # time to send change notices

The database (`kp_events_bench` unless --database) is created when missing and migrated; the demo site is loaded
once. `--drop` removes it afterwards.
"""

import argparse
import http.client
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from wrk_load import _PlainHttpPolicy  # the bench's one cookie policy for plain HTTP to gunicorn

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
DEFAULT_DATABASE = "kp_events_bench"
BENCH_PASSWORD = "Bench-wachtwoord-voor-de-deur"


def arguments(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--pghost", default="127.0.0.1")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--port", type=int, default=8117)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (threads: 4 each)")
    parser.add_argument("--drop", action="store_true", help="drop the benchmark database afterwards")
    return parser


def environment(args, **extra) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="kennisplatform.settings.production",
        DATABASE_URL=f"postgres://postgres@{args.pghost}:5432/{args.database}",
        REDIS_URL=args.redis,
        SECRET_KEY="bench-only-secret-key-" + "e7Qx2" * 10,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        GUNICORN_BIND=f"127.0.0.1:{args.port}",
        GUNICORN_WORKERS=str(args.workers),
        GUNICORN_ACCESS_LOG="/dev/null",
        BASE_URL=f"http://127.0.0.1:{args.port}",
        EMAIL_URL="smtp://127.0.0.1:1025",  # the worker is not running during the HTTP runs: mail stays queued
        PAGE_CACHE_SECONDS="0",
    )
    env.pop("ELASTICSEARCH_URL", None)
    env.pop("OPENSEARCH_URL", None)
    env.update(extra)
    return env


def manage(env, *command):
    result = subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def _psql(args, sql: str) -> str:
    return subprocess.run(
        ["psql", "-h", args.pghost, "-U", "postgres", "-Atc", sql], capture_output=True, text=True, check=True
    ).stdout.strip()


def prepare_database(args, env) -> None:
    """Create (when missing) and migrate the benchmark database; load the demo site once; collect static files."""
    if not _psql(args, f"SELECT 1 FROM pg_database WHERE datname='{args.database}'"):
        _psql(args, f"CREATE DATABASE {args.database}")
    manage(env, "migrate", "--noinput", "-v0")
    has_demo = _psql_in(args, "SELECT count(*) FROM home_homepage") != "0"
    if not has_demo:
        manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v0")


def _psql_in(args, sql: str) -> str:
    return subprocess.run(
        ["psql", "-h", args.pghost, "-U", "postgres", "-d", args.database, "-Atc", sql],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def drop_database(args) -> None:
    if args.database.startswith("kp_events"):  # never anyone else's
        _psql(args, f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")


def django_setup(env) -> None:
    """Django in this process with the same settings and database as the server (to create events, count rows)."""
    os.environ.update({k: v for k, v in env.items() if k not in ("GUNICORN_BIND",)})
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()


def make_event(**fields):
    """A published event, starting in 30 days, below the demo's events index."""
    import datetime

    from django.utils import timezone

    from events.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.get()
    start = timezone.now() + datetime.timedelta(days=30)
    fields.setdefault("title", "Benchmark-atelier")
    event = EventPage(
        slug=f"benchmark-{time.time_ns()}",
        start=start,
        end=start + datetime.timedelta(hours=3),
        venue_name="Benchmark",
        **fields,
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    return event


class Server:
    """gunicorn -c gunicorn.conf.py (gthread) with production settings, on its own port."""

    def __init__(self, args, env):
        self.base = f"http://127.0.0.1:{args.port}"
        subprocess.run(["redis-cli", "-u", args.redis, "FLUSHDB"], capture_output=True)
        results = ROOT / "bench" / "results"
        results.mkdir(exist_ok=True)
        self.log = open(results / "events-gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(Path(PY).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=self.log,
        )
        for _ in range(120):
            try:
                urllib.request.urlopen(self.base + "/health/", timeout=2)
                return
            except urllib.error.HTTPError:
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        self.stop()
        sys.exit("gunicorn did not come up; see bench/results/events-gunicorn.log")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie-keeping HTTP client; redirects are not followed (a 302 is the answer we measure)."""

    def __init__(self, base, forwarded_for=None):
        self.base = base
        self.jar = http.cookiejar.CookieJar(policy=_PlainHttpPolicy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())
        self.forwarded_for = forwarded_for

    def request(self, path, data=None, *, forwarded_for=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if forwarded_for or self.forwarded_for:
            request.add_header("X-Forwarded-For", forwarded_for or self.forwarded_for)
        if data is not None:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
        except (urllib.error.URLError, ConnectionError, http.client.HTTPException) as error:
            return 0, str(error)

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def sign_in_admin(self, username, password):
        _status, html = self.request("/admin/login/")
        self.request(
            "/admin/login/", {"username": username, "password": password, "csrfmiddlewaretoken": csrf_token(html)}
        )
        if not self.cookie("sessionid"):
            sys.exit(f"could not sign in as {username}")


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def run_threads(count, work):
    """Run work(index) in `count` threads that start together; returns their results."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        barrier.wait()
        results[index] = work(index)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def latency_line(latencies) -> str:
    latencies = sorted(latencies)
    p95 = latencies[max(int(len(latencies) * 0.95) - 1, 0)]
    return (
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
    )


def load_line() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"machine: {os.cpu_count()} CPUs, load average {one:.1f} (1 min) / {five:.1f} (5 min), shared with others"
