"""Check-ins per second at the door: N concurrent editors post check-in codes to one event's check-in page.

Each editor is a separate process with its own database connection, posting the real admin form through Django's
test client (full middleware, Wagtail admin, form, `services.check_in` with its registration row lock, log entry,
redirect). With `--twice` every code is also scanned by a second editor at the same moment; the script fails unless
every registrant is checked in exactly once (one `events.check_in` log entry each).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_bench_events .venv/bin/python bench/events_checkin.py \
        --concurrency 8 --registrants 800 --twice
"""

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kp_bench_events")


def _setup():
    import django
    from django.conf import settings

    django.setup()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.DEBUG = False


def _editor_run(args):
    """One editor process: post each code once; returns latencies and status codes."""
    user_pk, url, codes = args
    from django.contrib.auth import get_user_model
    from django.db import connections
    from django.test import Client

    connections.close_all()
    client = Client()
    client.force_login(get_user_model().objects.get(pk=user_pk))
    latencies, statuses = [], []
    for code in codes:
        started = time.perf_counter()
        response = client.post(url, {"code": code})
        latencies.append(time.perf_counter() - started)
        statuses.append(response.status_code)
    connections.close_all()
    return latencies, statuses


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--registrants", type=int, default=800)
    parser.add_argument("--twice", action="store_true", help="every code is scanned by two editors at once")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark event afterwards")
    options = parser.parse_args()

    _setup()
    import datetime

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, connections
    from django.utils import timezone
    from wagtail.models import PageLogEntry

    from accounts.models import Organisation
    from events import services
    from events.models import EventIndexPage, EventPage, RegistrationStatus
    from events.tokens import checkin_code
    from home.models import HomePage

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    if not HomePage.objects.exists():
        call_command("load_demo", "--skip-index", verbosity=0)
    index = EventIndexPage.objects.get()
    start = timezone.now() + datetime.timedelta(days=30)
    event = EventPage(
        title="Benchmark-inchecken",
        slug=f"benchmark-inchecken-{int(time.time())}",
        start=start,
        end=start + datetime.timedelta(hours=3),
        capacity=options.registrants,
        venue_name="Benchmark",
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    regions = list(Organisation.objects.regions()[:6])
    codes = []
    for n in range(options.registrants):
        registration = services.register(
            event=event,
            name=f"Bench {n}",
            email=f"checkin-{n}@voorbeeld.example",
            organisation_name="Benchmark BV",
            region=regions[n % len(regions)],
            role="policy",
            consent=True,
            notify=False,
        )
        codes.append(checkin_code(registration))
    user, _ = get_user_model().objects.get_or_create(
        username="bench-checkin", defaults={"is_superuser": True, "is_staff": True, "email": "bench@voorbeeld.example"}
    )
    url = f"/admin/kennisateliers/{event.pk}/inchecken/"
    connections.close_all()

    # Each editor gets an equal share; with --twice a second editor gets the same share, so the same code is
    # posted by two processes at about the same moment.
    shares = [codes[i :: options.concurrency] for i in range(options.concurrency)]
    if options.twice:
        shares = shares + shares
    jobs = [(user.pk, url, share) for share in shares]
    context = multiprocessing.get_context("fork")
    with context.Pool(len(jobs)) as pool:
        started = time.perf_counter()
        results = pool.map(_editor_run, jobs)
        elapsed = time.perf_counter() - started

    latencies = sorted(lat for lats, _ in results for lat in lats)
    statuses = [s for _, sts in results for s in sts]
    total = len(statuses)
    attended = event.registrations.filter(status=RegistrationStatus.ATTENDED).count()
    logged = PageLogEntry.objects.filter(page=event, action="events.check_in").count()
    print(f"editors: {len(jobs)} processes, {options.registrants} registrants, {total} check-in POSTs")
    print(f"elapsed: {elapsed:.2f} s  ->  {total / elapsed:.1f} check-in requests/s")
    print(
        f"latency: p50 {statistics.median(latencies) * 1000:.1f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms"
    )
    print(f"responses: {sorted((s, statuses.count(s)) for s in set(statuses))}")
    print(f"attended: {attended}, check-in log entries: {logged}")
    ok = attended == options.registrants and logged == options.registrants and statuses.count(302) == total
    if not options.keep:
        event.delete()
        user.delete()
    if not ok:
        print("FAILED: someone was not checked in, was checked in twice, or a request failed")
        sys.exit(1)
    print("OK: every registrant checked in exactly once")


if __name__ == "__main__":
    main()
