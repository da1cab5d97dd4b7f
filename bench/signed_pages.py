"""CPU per request of the signed-in pages, with the test client: stable on a busy machine.

    DJANGO_SETTINGS_MODULE=kennisplatform.settings.production DATABASE_URL=… REDIS_URL=… SECRET_KEY=… \\
        ALLOWED_HOSTS=testserver BASE_URL=… EMAIL_URL=smtp://127.0.0.1:1025 PAGE_CACHE_SECONDS=0 \\
        .venv/bin/python bench/signed_pages.py [--repeat 200] [--profile proposal:provider] [--pages finder,proposal]

On a database with the demo loaded (migrate, load_demo, collectstatic), renders the project index, the finder
(with and without two filters) and the proposal, event, project, best-practice and case-evaluation pages for an
anonymous visitor, the demo provider member and the demo editor (force_login), warms up, then measures each page
`--repeat` times: time.process_time() per request (median and the lower quartile and the minimum, which load on
the other core disturbs least), the queries of one request and its Python function calls (sys.setprofile:
exactly repeatable, a proxy for CPU that load does not move). wrk and bench/pages.py need a quiet machine;
process time and query counts hardly move with the machine's load. `--pages` picks page kinds (comma-separated).
`--profile PAGE:USER` prints the cProfile of that page instead (cumulative, top 40).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
USERS = {"provider": "aanbieder@devallei.example", "editor": "redacteur@foodvalley.example"}


def pages():
    from events.models import EventPage
    from knowledge.advisory.models import ProposalPage
    from knowledge.models import BestPracticePage, CaseEvaluationPage, ProjectPage

    def first(model):
        return model.objects.live().public().order_by("pk").first().url

    proposal = next((p for p in ProposalPage.objects.live().public().order_by("pk") if p.status == "open"), None)
    from django.test import Client

    # as bench/pages.py: an event whose page carries the registration form, else any
    events = list(EventPage.objects.live().public().order_by("start"))
    events = [e for e in events if 'name="region"' in Client().get(e.url).content.decode()] or events
    practice = BestPracticePage.objects.live().public().exclude(slug__startswith="bench-").order_by("pk").first()
    two_filters = f"/goede-voorbeelden/?actielijn={practice.action_line.slug}&regio={practice.region.slug}"
    return {
        "project index": "/projecten/",
        "finder": "/goede-voorbeelden/",
        "finder + 2 filters": two_filters,
        "proposal": proposal.url,
        "event": events[0].url,
        "project": first(ProjectPage),
        "best practice": practice.url,
        "case evaluation": first(CaseEvaluationPage),
    }


def count_calls(function, *args) -> int:
    """Python and C function calls made by ``function(*args)``: the same on a busy machine as on a quiet one."""
    calls = 0

    def profiler(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profiler)
    try:
        function(*args)
    finally:
        sys.setprofile(None)
    return calls


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--profile", help="PAGE:USER, e.g. proposal:provider")
    parser.add_argument("--profile-out", help="with --profile: also write the raw profile to this file")
    parser.add_argument("--pages", help="comma-separated page kinds (default: all)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.production")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    urls = pages()
    if args.pages:
        urls = {kind: url for kind, url in urls.items() if kind in args.pages.split(",")}
    clients = {"anonymous": Client()}
    for who, username in USERS.items():
        clients[who] = Client()
        clients[who].force_login(get_user_model().objects.get(username=username))

    if args.profile:
        kind, who = args.profile.split(":")
        client, url = clients[who], urls[kind]
        for _ in range(20):
            client.get(url)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.repeat):
            client.get(url)
        profile.disable()
        if args.profile_out:
            profile.dump_stats(args.profile_out)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
        return

    print(f"{'page':<18} {'user':<10} {'ms median':>9} {'ms p25':>7} {'ms min':>7} {'queries':>7} {'calls':>7}")
    for kind, url in urls.items():
        for who, client in clients.items():
            for _ in range(20):
                response = client.get(url)
            assert response.status_code == 200, (url, who, response.status_code)
            with CaptureQueriesContext(connection) as context:
                client.get(url)
            queries = len(context.captured_queries)  # before the next request resets the log
            calls = count_calls(client.get, url)
            times = []
            for _ in range(args.repeat):
                started = time.process_time()
                client.get(url)
                times.append((time.process_time() - started) * 1000)
            quartiles = statistics.quantiles(times, n=4)
            print(
                f"{kind:<18} {who:<10} {statistics.median(times):>9.2f} {quartiles[0]:>7.2f} {min(times):>7.2f}"
                f" {queries:>7} {calls:>7}",
                flush=True,
            )


if __name__ == "__main__":
    main()
