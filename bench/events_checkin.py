"""Check-ins per second at the door over HTTP: N concurrent editors post check-in codes to one event's check-in page
(gunicorn, production settings, PostgreSQL; set-up shared with events_registrations.py in events_common.py).

Each editor is a thread with its own signed-in session posting the real admin form (full middleware, Wagtail admin,
form, `services.check_in` with its registration row lock, log entry, redirect). With `--twice` every code is also
posted by a second editor at about the same moment; the script fails unless every registrant is checked in exactly
once (one `events.check_in` log entry each) and every request succeeded.

    .venv/bin/python bench/events_checkin.py --concurrency 8 --registrants 800 --twice
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import events_common as common  # noqa: E402


def main():
    parser = common.arguments(__doc__.split("\n")[0])
    parser.add_argument("--registrants", type=int, default=800)
    parser.add_argument("--twice", action="store_true", help="every code is scanned by two editors at once")
    args = parser.parse_args()

    env = common.environment(args)
    common.prepare_database(args, env)
    common.django_setup(env)

    import time

    from django.contrib.auth import get_user_model
    from django.db import connections
    from wagtail.models import PageLogEntry

    from accounts.models import Organisation
    from events import services
    from events.models import RegistrationStatus
    from events.tokens import checkin_code

    event = common.make_event(capacity=args.registrants, title="Benchmark-inchecken")
    regions = list(Organisation.objects.regions()[:6])
    codes = []
    for n in range(args.registrants):
        registration = services.register(
            event=event,
            name=f"Bench {n}",
            email=f"checkin-{n}-{time.time_ns()}@voorbeeld.example",
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
    user.set_password(common.BENCH_PASSWORD)
    user.save()
    url = f"/admin/kennisateliers/{event.pk}/inchecken/"
    connections.close_all()

    # Each editor gets an equal share; with --twice a second editor gets the same share, so the same code is
    # posted by two editors at about the same moment.
    shares = [codes[i :: args.concurrency] for i in range(args.concurrency)]
    if args.twice:
        shares = shares + shares
    server = common.Server(args, env)
    browsers = []
    for _share in shares:
        browser = common.Browser(server.base)
        browser.sign_in_admin("bench-checkin", common.BENCH_PASSWORD)
        browsers.append(browser)

    def editor(index):
        browser = browsers[index]
        _status, html = browser.request(url)
        token = common.csrf_token(html)
        latencies, statuses = [], []
        for code in shares[index]:
            started = time.perf_counter()
            status, _body = browser.request(url, {"code": code, "csrfmiddlewaretoken": token})
            latencies.append(time.perf_counter() - started)
            statuses.append(status)
        return latencies, statuses

    try:
        results, elapsed = common.run_threads(len(shares), editor)
    finally:
        server.stop()
    latencies = [lat for lats, _ in results for lat in lats]
    statuses = [s for _, sts in results for s in sts]
    total = len(statuses)
    attended = event.registrations.filter(status=RegistrationStatus.ATTENDED).count()
    logged = PageLogEntry.objects.filter(page=event, action="events.check_in").count()
    print(common.load_line())
    print(f"HTTP, gunicorn gthread ({args.workers} workers x 4 threads), production settings, PostgreSQL")
    print(f"editors: {len(shares)} threads, {args.registrants} registrants, {total} check-in POSTs")
    print(f"elapsed: {elapsed:.2f} s  ->  {total / elapsed:.1f} check-in requests/s; {common.latency_line(latencies)}")
    print(f"responses: {sorted((s, statuses.count(s)) for s in set(statuses))}")
    print(f"attended: {attended}, check-in log entries: {logged}")
    ok = attended == args.registrants and logged == args.registrants and statuses.count(302) == total
    event.delete()
    user.delete()
    if args.drop:
        connections.close_all()
        common.drop_database(args)
    if not ok:
        print("FAILED: someone was not checked in, was checked in twice, or a request failed")
        sys.exit(1)
    print("OK: every registrant checked in exactly once")


if __name__ == "__main__":
    main()
