"""Registrations per second through the event form over HTTP (gunicorn, production settings, PostgreSQL), with N
concurrent clients against one event; also a cProfile of one registration and the time to send change notices.

    .venv/bin/python bench/events_registrations.py --concurrency 8 --per-client 50 --capacity 200
    .venv/bin/python bench/events_registrations.py --profile 50        # cProfile of 50 registrations, in-process
    .venv/bin/python bench/events_registrations.py --notices 500       # change notice to 500 registrants, delivered

Each client is a thread with its own cookie jar: it GETs the event page once (CSRF cookie and token) and then posts
the form; every POST carries its own `X-Forwarded-For` address (as nginx passes it), so the per-address rate limit
does not interfere. A monitor polls the number of places taken during the run and the script fails if it ever
exceeds the capacity, if a request failed, or if the waiting list has gaps. E-mails are enqueued with the database
task backend (as in production); no worker runs during the HTTP run, so sending is not measured there.

`--notices N`: N registrants, the event's time moves and is published (the change notice is queued), then
`manage.py db_worker` delivers every e-mail to a local SMTP server (aiosmtpd); prints the time to queue and the time
until the last of the N messages arrived. Set-up is shared with `events_checkin.py` (`events_common.py`).
"""

import cProfile
import datetime
import io
import pstats
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import events_common as common  # noqa: E402


def _registrations(args, env):
    from django.db import connections

    from accounts.models import Organisation
    from events.models import HELD_STATUSES, Registration, RegistrationStatus

    event = common.make_event(capacity=args.capacity, max_per_region=args.max_per_region)
    region_ids = list(Organisation.objects.regions().values_list("pk", flat=True)[:6])
    connections.close_all()
    server = common.Server(args, env)
    peak = {"taken": 0, "samples": 0}
    stop = threading.Event()

    def monitor():
        while not stop.is_set():
            taken = Registration.objects.filter(event_id=event.pk, status__in=HELD_STATUSES).count()
            peak["taken"] = max(peak["taken"], taken)
            peak["samples"] += 1
            time.sleep(0.05)
        connections.close_all()

    def client(index):
        browser = common.Browser(server.base, forwarded_for=f"10.99.{index}.1")
        _status, html = browser.request(event.url)
        token = common.csrf_token(html)
        latencies, statuses = [], []
        for n in range(args.per_client):
            data = {
                "csrfmiddlewaretoken": token,
                "name": f"Bench {index}-{n}",
                "email": f"bench-{index}-{n}-{time.time_ns()}@voorbeeld.example",
                "organisation_name": "Benchmark BV",
                "region": str(region_ids[(index + n) % len(region_ids)]),
                "role": "policy",
                "consent": "on",
                "website": "",
            }
            started = time.perf_counter()
            status, _body = browser.request(event.url, data, forwarded_for=f"10.{index}.{n // 250}.{n % 250 + 1}")
            latencies.append(time.perf_counter() - started)
            statuses.append(status)
        return latencies, statuses

    watcher = threading.Thread(target=monitor)
    watcher.start()
    try:
        results, elapsed = common.run_threads(args.concurrency, client)
    finally:
        stop.set()
        watcher.join()
        server.stop()
    latencies = [lat for lats, _ in results for lat in lats]
    statuses = [s for _, sts in results for s in sts]
    total = len(statuses)
    confirmed = event.registrations.filter(status__in=HELD_STATUSES).count()
    positions = list(
        event.registrations.filter(status=RegistrationStatus.WAITING)
        .order_by("waiting_position")
        .values_list("waiting_position", flat=True)
    )
    print(common.load_line())
    print(f"HTTP, gunicorn gthread ({args.workers} workers x 4 threads), production settings, PostgreSQL")
    print(f"clients: {args.concurrency} x {args.per_client} = {total} POSTs; capacity {args.capacity}")
    print(
        f"elapsed: {elapsed:.2f} s  ->  {total / elapsed:.1f} registrations/s; latency {common.latency_line(latencies)}"
    )
    print(f"responses: {sorted((s, statuses.count(s)) for s in set(statuses))}")
    print(f"places taken: {confirmed}, waiting: {len(positions)}, peak seen by monitor: {peak['taken']}")
    ok = (
        confirmed <= args.capacity
        and peak["taken"] <= args.capacity
        and positions == list(range(1, len(positions) + 1))
        and statuses.count(302) == total
    )
    event.delete()
    return ok


def _profile(args, env):
    """cProfile of registrations through the Django test client (full middleware and routing), in this process."""
    from django.conf import settings
    from django.test import Client

    from accounts.models import Organisation

    settings.ALLOWED_HOSTS = ["*"]
    event = common.make_event(capacity=args.profile * 2)
    region = Organisation.objects.regions().first()
    client = Client()
    client.get(event.url)

    def post(n):
        data = {
            "name": f"Profiel {n}",
            "email": f"profiel-{n}-{time.time_ns()}@voorbeeld.example",
            "organisation_name": "Benchmark BV",
            "region": str(region.pk),
            "role": "policy",
            "consent": "on",
        }
        response = client.post(event.url, data, REMOTE_ADDR=f"10.200.{n // 250}.{n % 250 + 1}")
        assert response.status_code == 302, response.status_code

    post(0)  # warm-up
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        post(10_000)
    print(f"queries of one registration POST: {len(queries)}")
    for query in queries:
        print("  ", query["sql"][:160])
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for n in range(1, args.profile + 1):
        post(n)
    profiler.disable()
    elapsed = time.perf_counter() - started
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(r"(events|home|accounts|django/db/backends|django_tasks|wagtail/models|template)", 35)
    stats.sort_stats("tottime").print_stats(25)
    print(out.getvalue())
    print(f"{args.profile} registrations in {elapsed:.2f} s: {elapsed / args.profile * 1000:.1f} ms each (profiled)")
    event.delete()
    return True


def _notices(args, env):
    """Change notice to N registrants: queue on publish, then the worker delivers them all to a local SMTP server."""
    from aiosmtpd.controller import Controller
    from django.db import connections

    from accounts.models import Organisation
    from events import services

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            if b"Subject: Gewijzigd:" in envelope.content:
                received.append(time.perf_counter())
            return "250 OK"

    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()  # the bench database's own queue: only this run's mail is delivered
    controller = Controller(Handler(), hostname="127.0.0.1", port=args.smtp_port)
    controller.start()
    try:
        event = common.make_event(capacity=args.notices)
        regions = list(Organisation.objects.regions()[:6])
        for n in range(args.notices):
            services.register(
                event=event,
                name=f"Bericht {n}",
                email=f"bericht-{n}@voorbeeld.example",
                organisation_name="Benchmark BV",
                region=regions[n % len(regions)],
                role="policy",
                consent=True,
                notify=False,
            )
        event.refresh_from_db()
        event.start += datetime.timedelta(hours=1)
        event.end += datetime.timedelta(hours=1)
        started = time.perf_counter()
        event.save_revision().publish()  # the page_published signal queues the notices
        queued = time.perf_counter() - started
        connections.close_all()
        worker_env = dict(env, EMAIL_URL=f"smtp://127.0.0.1:{args.smtp_port}")
        worker = subprocess.Popen(
            [common.PY, "manage.py", "db_worker", "--no-reload", "--interval", "0.1"],
            cwd=common.ROOT,
            env=worker_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.perf_counter() + 900
            while len(received) < args.notices and time.perf_counter() < deadline and worker.poll() is None:
                time.sleep(0.2)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
        print(common.load_line())
        delivered = len(received)
        last = (received[-1] - started) if received else float("nan")
        print(
            f"change notice to {args.notices} registrants: queued on publish in {queued:.2f} s; "
            f"{delivered} delivered to SMTP by one db_worker, the last {last:.1f} s after publishing "
            f"({delivered / max(last, 1e-9):.1f} e-mails/s)"
        )
        event.delete()
        return delivered == args.notices
    finally:
        controller.stop()


def main():
    parser = common.arguments(__doc__.split("\n")[0])
    parser.add_argument("--per-client", type=int, default=50)
    parser.add_argument("--capacity", type=int, default=200)
    parser.add_argument("--max-per-region", type=int, default=None)
    parser.add_argument("--profile", type=int, default=0, help="cProfile N registrations instead of the HTTP run")
    parser.add_argument("--notices", type=int, default=0, help="time change notices to N registrants instead")
    parser.add_argument("--smtp-port", type=int, default=8125)
    args = parser.parse_args()

    env = common.environment(args)
    common.prepare_database(args, env)
    common.django_setup(env)
    try:
        if args.profile:
            ok = _profile(args, env)
        elif args.notices:
            ok = _notices(args, env)
        else:
            ok = _registrations(args, env)
    finally:
        if args.drop:
            from django.db import connections

            connections.close_all()
            common.drop_database(args)
    if not ok:
        print("FAILED: capacity exceeded, waiting-list gaps, failed requests or undelivered e-mail")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
