"""Registrations per second through the event form, with N concurrent clients against one event.

Each client is a separate process with its own database connection, posting the real form through Django's
test client (full middleware, Wagtail routing, form, service with its row lock, task enqueue, redirect); every
request comes from its own address, so the per-client rate limit does not interfere. A monitor polls the number
of confirmed registrations during the run and the script fails if it ever exceeds the capacity.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_events .venv/bin/python bench/events_registrations.py \
        --concurrency 8 --per-client 100 --capacity 200

E-mails are enqueued with the database task backend (as in production) and not sent.
"""

import argparse
import multiprocessing
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kp_events")


def _setup():
    import django
    from django.conf import settings

    django.setup()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.DEBUG = False


def _client_run(args):
    """One client process: post the form `count` times; returns latencies and status codes."""
    index, url, count, region_ids = args
    from django.db import connections
    from django.test import Client

    connections.close_all()
    client = Client()
    latencies, statuses = [], []
    for n in range(count):
        data = {
            "name": f"Bench {index}-{n}",
            "email": f"bench-{index}-{n}@voorbeeld.example",
            "organisation_name": "Benchmark BV",
            "region": str(region_ids[(index + n) % len(region_ids)]),
            "role": "policy",
            "consent": "on",
            "website": "",
        }
        started = time.perf_counter()
        response = client.post(url, data, REMOTE_ADDR=f"10.{index}.{n // 250}.{n % 250}")
        latencies.append(time.perf_counter() - started)
        statuses.append(response.status_code)
    connections.close_all()
    return latencies, statuses


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=100)
    parser.add_argument("--capacity", type=int, default=200)
    parser.add_argument("--max-per-region", type=int, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark event afterwards")
    options = parser.parse_args()

    _setup()
    import datetime

    from django.core.management import call_command
    from django.db import connection, connections
    from django.utils import timezone

    from accounts.models import Organisation
    from events.models import EventIndexPage, EventPage, RegistrationStatus
    from home.models import HomePage

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    if not HomePage.objects.exists():
        call_command("load_demo", "--skip-index", verbosity=0)
    index = EventIndexPage.objects.get()
    start = timezone.now() + datetime.timedelta(days=30)
    event = EventPage(
        title="Benchmark-atelier",
        slug=f"benchmark-{int(time.time())}",
        start=start,
        end=start + datetime.timedelta(hours=3),
        capacity=options.capacity,
        max_per_region=options.max_per_region,
        venue_name="Benchmark",
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    url = event.url
    region_ids = list(Organisation.objects.regions().values_list("pk", flat=True)[:6])
    connections.close_all()

    # Monitor: the number of places taken must never exceed the capacity, at any moment of the run.
    peak = {"confirmed": 0, "samples": 0}
    stop = threading.Event()

    def monitor():
        from events.models import PLACE_STATUSES, Registration

        while not stop.is_set():
            taken = Registration.objects.filter(event_id=event.pk, status__in=PLACE_STATUSES).count()
            peak["confirmed"] = max(peak["confirmed"], taken)
            peak["samples"] += 1
            time.sleep(0.02)
        connections.close_all()

    jobs = [(i, url, options.per_client, region_ids) for i in range(options.concurrency)]
    context = multiprocessing.get_context("fork")
    with context.Pool(options.concurrency) as pool:  # fork the clients before the monitor thread opens a connection
        watcher = threading.Thread(target=monitor)
        watcher.start()
        started = time.perf_counter()
        results = pool.map(_client_run, jobs)
        elapsed = time.perf_counter() - started
        stop.set()
        watcher.join()

    latencies = sorted(lat for lats, _ in results for lat in lats)
    statuses = [s for _, sts in results for s in sts]
    counts = {
        status: event.registrations.filter(status=status).count()
        for status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING)
    }
    total = len(statuses)
    print(f"clients: {options.concurrency} processes x {options.per_client} registrations = {total} POSTs")
    print(f"capacity: {options.capacity}, max per region: {options.max_per_region or '-'}")
    print(f"elapsed: {elapsed:.2f} s  ->  {total / elapsed:.1f} registrations/s")
    print(
        f"latency: p50 {statistics.median(latencies) * 1000:.1f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:.1f} ms, max {latencies[-1] * 1000:.1f} ms"
    )
    print(f"responses: {sorted((s, statuses.count(s)) for s in set(statuses))}")
    print(
        f"confirmed: {counts['confirmed']}, waiting: {counts['waiting']}, "
        f"peak confirmed seen by monitor: {peak['confirmed']} ({peak['samples']} samples)"
    )
    positions = list(
        event.registrations.filter(status=RegistrationStatus.WAITING)
        .order_by("waiting_position")
        .values_list("waiting_position", flat=True)
    )
    ok = (
        counts["confirmed"] <= options.capacity
        and peak["confirmed"] <= options.capacity
        and (options.max_per_region or counts["confirmed"] == min(options.capacity, total))
        and positions == list(range(1, len(positions) + 1))
        and statuses.count(302) == total
    )
    if not options.keep:
        event.delete()
    if not ok:
        print("FAILED: capacity exceeded, places left unused, waiting list gaps or failed requests")
        sys.exit(1)
    print("OK: confirmed never exceeded the capacity; waiting list numbered 1..n without gaps")


if __name__ == "__main__":
    main()
