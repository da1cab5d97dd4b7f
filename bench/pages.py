"""Cost of every page kind: worker CPU per request, latency and queries, at demo size and at 10,000 practices.

    .venv/bin/python bench/pages.py                         # demo size, then 10,000 practices + 500 projects
    .venv/bin/python bench/pages.py --sizes demo --duration 5
    .venv/bin/python bench/pages.py --compare urls.txt --compare-pid 12345   # another site, same run

For each size it (re)builds the database `kp_perf_bench` on the running PostgreSQL (migrate, load_demo,
collectstatic, update_index; at the larger size 10,000 practices and 500 projects are added in bulk by
bench/knowledge_pages.py's generator), counts the queries of every page with Django's test client (anonymous, a
provider member, an editor), then starts gunicorn (gunicorn.conf.py, but 2 sync workers, no recycling) with
production settings, Redis db 6 and the page cache off (PAGE_CACHE_SECONDS=0), and runs `wrk -c4` against each
page for each user (signed in: the session cookie as a header). Worker CPU per request is the utime+stime the
gunicorn workers spent during the run (from /proc) divided by the requests wrk completed. The database is dropped
at the end (unless --keep). Last it prints process start to first response and, after every page was served, the
largest Rss, Pss and private memory among the workers (with preload_app, Pss is what a worker costs).

`--compare FILE`: one `label URL` per line of another site (say a reference site or the same code at an earlier
commit, served by its own gunicorn); `--compare-pid` is the pid of that gunicorn's master, whose workers' CPU is
read the same way. Its pages are measured in the same rounds, interleaved with ours (ours, then theirs, per
round), so both see the same machine load. `--rounds N` repeats; the table shows the median of the rounds.
`--compare-cookie 'sessionid=…'` measures those pages signed in as well (the reference's editor, with its user bar).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from wrk_load import LUA, PY, ROOT, Browser, manage  # noqa: E402

DEMO_PASSWORD = "kennisplatform-demo"
USERS = {"provider": "aanbieder@devallei.example", "editor": "redacteur@foodvalley.example"}
CLK_TCK = os.sysconf("SC_CLK_TCK")

# Runs inside the project (manage.py shell): finds one page of each kind and counts every page's queries with the
# test client for each user. Prints one JSON line.
PAGES_AND_QUERIES = """
import json
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from events.models import EventPage
from home.models import NewsPage
from knowledge.advisory.models import ProposalPage
from knowledge.models import BestPracticePage, CaseEvaluationPage, ProjectPage

def first(model, **filters):
    page = model.objects.live().public().filter(**filters).order_by("pk").first()
    return page.url if page else None

practice = BestPracticePage.objects.live().public().exclude(slug__startswith="bench-").order_by("pk").first()
proposal = next((p for p in ProposalPage.objects.live().public().order_by("pk") if p.status == "open"), None)
# an event that takes registrations (its page carries the form), else any
events = list(EventPage.objects.live().public().order_by("start"))
with_form = [e for e in events if 'name="region"' in Client().get(e.url).content.decode()]
event = (with_form or events or [None])[0]
pages = [
    ("home", "/"),
    ("project index", "/projecten/"),
    ("evaluation index", "/casusevaluaties/"),
    ("event index", "/kennisateliers/"),
    ("proposal index", "/adviestafel/"),
    ("news index", "/nieuws/"),
    ("project", first(ProjectPage)),
    ("case evaluation", first(CaseEvaluationPage)),
    ("best practice", practice.url),
    ("event", event.url if event else None),
    ("proposal", (proposal or ProposalPage.objects.live().first()).url),
    ("news", first(NewsPage)),
    ("finder", "/goede-voorbeelden/"),
    ("finder + 2 filters", f"/goede-voorbeelden/?actielijn={practice.action_line.slug}&regio={practice.region.slug}"),
    ("search", "/zoeken/?q=pleegzorg"),
]
pages = [(label, url) for label, url in pages if url]
User = get_user_model()
clients = {"anonymous": Client()}
for who, username in USERS.items():
    clients[who] = Client()
    clients[who].force_login(User.objects.get(username=username))
queries = {}
for label, url in pages:
    for who, client in clients.items():
        client.get(url)  # warm-up: site root paths, templates
        with CaptureQueriesContext(connection) as context:
            status = client.get(url).status_code
        queries[f"{label}|{who}"] = len(context.captured_queries) if status == 200 else f"HTTP {status}"
print("PAGES_JSON " + json.dumps({"pages": pages, "queries": queries}))
"""


def environment(args):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="kennisplatform.settings.production",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{args.database}",
        REDIS_URL=args.redis,
        SECRET_KEY="bench-only-secret-key-" + "p4Gq7" * 10,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="false",
        BASE_URL=f"http://127.0.0.1:{args.port}",
        EMAIL_URL="smtp://127.0.0.1:1025",  # production insists on a mail server; nothing is sent here
        PAGE_CACHE_SECONDS="0",
        GUNICORN_BIND=f"127.0.0.1:{args.port}",
        GUNICORN_ACCESS_LOG=str(ROOT / "bench" / "results" / "pages-access.log"),
        GUNICORN_LOG_LEVEL="info",  # the log names the worker class started (Gunicorn._check_worker_class)
    )
    for name in ("ELASTICSEARCH_URL", "OPENSEARCH_URL"):
        env.pop(name, None)
    return env


def psql(sql, database="postgres"):
    command = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qAtc", sql]
    subprocess.run(command, check=True, capture_output=True)


def build(args, env, size):
    if size == "demo":
        print(f"database {args.database}: migrate, load_demo (indexes), collectstatic …", flush=True)
        psql(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        psql(f'CREATE DATABASE "{args.database}"')
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput", "-v0")
    else:
        practices = int(size)
        print(f"adding {practices} practices and {practices // 20} projects …", flush=True)
        manage(
            env,
            "shell",
            "-c",
            f"import sys; sys.path.insert(0, 'bench'); import knowledge_pages; "
            f"knowledge_pages.generate({practices}, {practices // 20})",
        )
        # Statistics for the bulk-inserted rows, as autovacuum would have soon: without them the planner walks
        # every page for the home page's two news items (23 ms instead of 0.1 ms at 10,000 practices).
        psql("ANALYZE", database=args.database)


def pages_and_queries(env):
    output = manage(env, "shell", "-c", f"USERS = {USERS!r}\n" + PAGES_AND_QUERIES)
    line = next(x for x in output.splitlines() if x.startswith("PAGES_JSON "))
    return json.loads(line[len("PAGES_JSON ") :])


def worker_pids(master):
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return []
    return [int(pid) for pid in children]


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total


def memory_kb(pid):
    """Rss, Pss and private (Private_Clean + Private_Dirty) of one process, in kB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return {"rss": fields["Rss"], "pss": fields["Pss"], "private": fields["Private_Clean"] + fields["Private_Dirty"]}


def worker_memory_mb(pids):
    """The largest Rss, Pss and private memory among the workers, in MB. With preload_app (gunicorn.conf.py) the
    workers share the master's pages: Rss counts them in full in every worker, Pss divides them among the sharers."""
    sizes = [memory_kb(pid) for pid in pids]
    if not sizes:
        return {"rss": 0.0, "pss": 0.0, "private": 0.0}
    return {kind: max(size[kind] for size in sizes) / 1024 for kind in ("rss", "pss", "private")}


class Gunicorn:
    def __init__(self, args, env):
        self.base = f"http://127.0.0.1:{args.port}"
        self.log = open(ROOT / "bench" / "results" / "pages-gunicorn.log", "w")  # noqa: SIM115
        started = time.perf_counter()
        command = [str(Path(PY).parent / "gunicorn"), "-c", "gunicorn.conf.py"]
        # --threads 1: gunicorn.conf.py sets 4 threads, and gunicorn runs gthread instead of sync when threads > 1
        # (as bench/startup.py); without it this bench measured gthread workers with 4 threads each.
        command += ["--worker-class", "sync", "--threads", "1", "--workers", "2", "--max-requests", "0"]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=self.log)
        # Up to two minutes: on a busy machine loading the application before the fork takes far longer than 12 s.
        while time.perf_counter() - started < 120:
            try:
                urllib.request.urlopen(self.base + "/", timeout=5)
                self.start_seconds = time.perf_counter() - started
                self._check_worker_class()
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        self.stop()
        sys.exit("gunicorn did not come up; see bench/results/pages-gunicorn.log")

    def _check_worker_class(self):
        """The bench says what it runs: gunicorn's log names the worker class it actually started."""
        self.log.flush()
        logged = (ROOT / "bench" / "results" / "pages-gunicorn.log").read_text()
        if "Using worker: sync" not in logged:
            self.stop()
            sys.exit("gunicorn did not start sync workers; see bench/results/pages-gunicorn.log")

    @property
    def workers(self):
        return worker_pids(self.process.pid)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker stuck past the graceful timeout must not lose the table
            self.process.kill()
            self.process.wait(timeout=30)
        self.log.close()


def run_wrk(url, duration, cookie, pids):
    command = ["wrk", "-t1", "-c4", f"-d{duration}s", "--timeout", "10s", "-s", str(LUA)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    warm = [*command[:3], "-d1s", *command[4:], url]
    subprocess.run(warm, capture_output=True)  # each worker renders the page once before we count
    time.sleep(0.5)
    before = cpu_ticks(pids)
    output = subprocess.run([*command, url], capture_output=True, text=True).stdout
    ticks = cpu_ticks(pids) - before
    line = next((x for x in output.splitlines() if x.startswith("WRK_JSON ")), None)
    if line is None:
        sys.exit(f"wrk gave no result for {url}:\n{output}")
    result = json.loads(line[len("WRK_JSON ") :])
    result["cpu_ms"] = ticks * 1000 / CLK_TCK / max(result["requests"], 1)
    return result


def read_compare(path):
    rows = []
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            label, url = line.rsplit(None, 1)
            rows.append((label, url))
    return rows


def measure_size(args, env, size, compare):
    if not args.reuse:
        build(args, env, size)
    found = pages_and_queries(env)
    subprocess.run(["redis-cli", "-u", args.redis, "FLUSHDB"], capture_output=True)
    server = Gunicorn(args, env)
    try:
        cookies = {"anonymous": None}
        for who, username in USERS.items():
            browser = Browser(server.base)
            browser.sign_in(username, DEMO_PASSWORD)
            cookies[who] = f"sessionid={browser.cookie('sessionid')}; csrftoken={browser.cookie('csrftoken') or ''}"
        results = {}
        for round_ in range(args.rounds):
            for label, path in found["pages"]:
                for who, cookie in cookies.items():
                    if args.users and who not in args.users:
                        continue
                    r = run_wrk(server.base + path, args.duration, cookie, server.workers)
                    results.setdefault(("ours", label, who), []).append(r)
                    print(
                        f"  [{size} round {round_ + 1}] {label:20} {who:9} {r['cpu_ms']:6.1f} ms CPU  "
                        f"p50 {r['p50']:6.1f}  p95 {r['p95']:6.1f}  {r['rps']:6.1f} req/s  non-2xx {r['non2xx']}",
                        flush=True,
                    )
            compare_users = {"anonymous": None}
            if args.compare_cookie:
                compare_users["signed in"] = args.compare_cookie
            for label, url in compare:
                for who, cookie in compare_users.items():
                    pids = worker_pids(args.compare_pid) if args.compare_pid else []
                    r = run_wrk(url, args.duration, cookie, pids)
                    results.setdefault(("compare", label, who), []).append(r)
                    print(
                        f"  [{size} round {round_ + 1}] compare {label:20} {who:9} {r['cpu_ms']:6.1f} ms CPU",
                        flush=True,
                    )
        memory = worker_memory_mb(server.workers)
    finally:
        server.stop()
    return found, results, server.start_seconds, memory


def median(rows, key):
    return statistics.median(r[key] for r in rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="demo,10000", help="demo and/or a number of practices (default both)")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run (default 5)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--users", default="", help="only these, e.g. anonymous,provider")
    parser.add_argument("--port", type=int, default=8118)
    parser.add_argument("--database", default="kp_perf_bench")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/6")
    parser.add_argument("--compare", help="file with `label URL` lines of another site")
    parser.add_argument("--compare-pid", type=int, help="gunicorn master pid of the --compare site")
    parser.add_argument(
        "--compare-cookie",
        help="a Cookie header of a signed-in user of the --compare site (say its admin's sessionid=…): its pages are "
        "then measured signed in too",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="measure the database as a previous --keep run left it (one size)"
    )
    args = parser.parse_args()
    args.users = {u.strip() for u in args.users.split(",") if u.strip()}
    # A throw-away database: dropped and built again. Each engineer's own prefix may come first (kp_c_perf_bench).
    if not any(part in ("perf", "bench") for part in args.database.split("_")):
        sys.exit("use a throw-away database name with the word perf or bench in it (kp_perf_bench, kp_c_perf_bench)")
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install -y wrk)")
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    env = environment(args)
    compare = read_compare(args.compare) if args.compare else []
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    if sizes and sizes[0] != "demo" and not args.reuse:
        sizes.insert(0, "demo")  # the larger sizes are added on top of the demo
    table = []
    try:
        for size in sizes:
            found, results, start_seconds, memory = measure_size(args, env, size, compare)
            table.append((size, found, results, start_seconds, memory))
    finally:
        if not args.keep and not args.reuse:
            psql(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')

    print()
    print(
        f"gunicorn 2 sync workers, production settings, page cache off, PostgreSQL, Redis; wrk -t1 -c4 "
        f"-d{args.duration}s, median of {args.rounds} round(s); CPU = worker utime+stime per request"
    )
    print("| size | page | user | CPU ms/req | p50 ms | p95 ms | req/s | queries | non-2xx |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size, found, results, _start, _memory in table:
        for (site, label, who), rows in results.items():
            queries = found["queries"].get(f"{label}|{who}", "") if site == "ours" else ""
            name = label if site == "ours" else f"{label} (compare)"
            print(
                f"| {size} | {name} | {who} | {median(rows, 'cpu_ms'):.1f} | {median(rows, 'p50'):.1f} | "
                f"{median(rows, 'p95'):.1f} | {median(rows, 'rps'):.0f} | {queries} | "
                f"{sum(r['non2xx'] for r in rows)} |"
            )
    for size, _found, _results, start_seconds, memory in table:
        print(
            f"{size}: process start to first response {start_seconds:.2f} s; largest worker RSS {memory['rss']:.0f} MB "
            f"(PSS {memory['pss']:.0f} MB, private {memory['private']:.0f} MB; preload_app shares pages)"
        )
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = ROOT / "bench" / "results" / f"pages-{stamp}.json"
    out.write_text(
        json.dumps(
            [
                {
                    "size": size,
                    "queries": found["queries"],
                    "start_seconds": start_seconds,
                    "rss_mb": memory["rss"],
                    "pss_mb": memory["pss"],
                    "private_mb": memory["private"],
                    "rows": [{"site": s, "page": p, "user": u, "runs": rows} for (s, p, u), rows in results.items()],
                }
                for size, found, results, start_seconds, memory in table
            ],
            indent=2,
        )
    )
    print(f"written: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
