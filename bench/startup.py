"""Process start to first response, and memory per worker, for ours and (optionally) a reference site.

    .venv/bin/python bench/startup.py                       # ours only, 5 rounds
    .venv/bin/python bench/startup.py --rounds 7 --variants preload,no-preload \\
        --compare-command "PORT=8602 /tmp/bakerydemo/start.sh --pid /tmp/bakerydemo/bench.pid" \\
        --compare-urls /tmp/bakerydemo/urls.txt --compare-base http://127.0.0.1:8602

Ours: gunicorn with gunicorn.conf.py but 2 sync workers and no recycling, production settings, PostgreSQL (the
database `kp_startup_bench` unless --database, built once by bench/pages.py's build: migrate, load_demo,
collectstatic, update_index; dropped at the end unless --keep or --reuse), Redis (db 7, flushed before each
start), page cache off, no search engine.
Variant `preload` is gunicorn.conf.py as deployed (preload_app on); `no-preload` sets GUNICORN_PRELOAD=false.

The reference: `--compare-command` is a shell command that starts its gunicorn in the foreground (its master is
the started process or the one process below it that has children), `--compare-urls` its `label URL` lines
(`--compare-base` swaps in another host:port, for a second instance beside a running one); the first URL's site
root is polled for the first response.

Each round starts every site in turn (the order rotates per round, so none always goes first), times the wall
clock from spawning the process to the first 200 on `/`, then sends `--requests` requests over the page kinds
(home, index, detail, search), two at a time so both workers serve, reads each worker's Rss, Pss and private
memory from /proc/<pid>/smaps_rollup, and stops the site. "CPU to first 200" is the utime+stime of the master and
its workers up to that response: on a loaded machine the wall clock mostly measures the others' work. Pss splits
pages shared after fork between the processes that share them, so preload_app's copy-on-write sharing shows in
Pss and not in Rss. The table shows the median,
min and max over the rounds, with the 1-minute load average seen at each start.
"""

import argparse
import concurrent.futures
import itertools
import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages  # noqa: E402
from pages import CLK_TCK, cpu_ticks, memory_kb, psql, read_compare, worker_pids  # noqa: E402
from wrk_load import PY, ROOT, manage  # noqa: E402

# Runs inside the project (manage.py shell): one URL per page kind, like the reference's urls.txt.
OUR_URLS = """
from knowledge.models import BestPracticePage, ProjectPage
project = ProjectPage.objects.live().public().order_by("pk").first()
practice = BestPracticePage.objects.live().public().order_by("pk").first()
for label, url in [
    ("home", "/"), ("index", "/projecten/"), ("index-practices", "/goede-voorbeelden/"),
    ("detail-project", project.url), ("detail-practice", practice.url), ("search", "/zoeken/?q=pleegzorg"),
]:
    print("URL", label, url)
"""


def environment(args):
    env = pages.environment(args)  # production settings, page cache off, no engine: as bench/pages.py measures
    env.update(GUNICORN_ACCESS_LOG="/dev/null", GUNICORN_LOG_LEVEL="warning")
    return env


def our_urls(args, env):
    output = manage(env, "shell", "-c", OUR_URLS)
    base = f"http://127.0.0.1:{args.port}"
    return [
        (label, base + path) for _, label, path in (x.split(None, 2) for x in output.splitlines() if x[:4] == "URL ")
    ]


def gunicorn_master(pid):
    """The started process, or the gunicorn below it when a shell or script started it without exec."""
    children = worker_pids(pid)
    while len(children) == 1 and worker_pids(children[0]):
        pid, children = children[0], worker_pids(children[0])
    return pid


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        return response.status


class Site:
    def __init__(self, name, command, env, urls, log):
        self.name, self.command, self.env, self.urls, self.log = name, command, env, urls, log
        parts = urllib.parse.urlsplit(urls[0][1])
        self.root = f"{parts.scheme}://{parts.netloc}/"

    def measure(self, requests):
        try:
            get(self.root)
            sys.exit(f"{self.name}: something already answers on {self.root}")
        except (urllib.error.URLError, ConnectionError):
            pass
        load = os.getloadavg()[0]
        with open(self.log, "a") as log:
            started = time.perf_counter()
            process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=log,
                shell=isinstance(self.command, str),
                start_new_session=True,
            )
            try:
                start_seconds = self._first_response(process, started)
                master_pid = gunicorn_master(process.pid)
                start_cpu = cpu_ticks([master_pid, *worker_pids(master_pid)]) / CLK_TCK
                statuses = self._requests(requests)
                workers = worker_pids(master_pid)
                memory = [memory_kb(pid) for pid in workers]
                master = memory_kb(master_pid)
            finally:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGTERM)  # its own session: the master and its workers
                    process.wait(timeout=30)
        bad = sum(1 for s in statuses if s != 200)
        if len(workers) != 2:
            sys.exit(f"{self.name}: expected 2 workers, found {len(workers)}")
        return {
            "start": start_seconds,
            "start_cpu": start_cpu,
            "load": load,
            "workers": memory,
            "master": master,
            "non200": bad,
        }

    def _first_response(self, process, started):
        while time.perf_counter() - started < 60:
            if process.poll() is not None:
                sys.exit(f"{self.name} exited with {process.returncode}; see {self.log}")
            try:
                if get(self.root) == 200:
                    return time.perf_counter() - started
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.01)
        sys.exit(f"{self.name} gave no response within 60 s; see {self.log}")

    def _requests(self, count):
        urls = [url for _, url in itertools.islice(itertools.cycle(self.urls), count)]
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            return list(pool.map(self._status, urls))

    @staticmethod
    def _status(url):
        try:
            return get(url)
        except urllib.error.HTTPError as error:
            return error.code


def summary(values):
    return statistics.median(values), min(values), max(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=60, help="requests over the page kinds after start-up")
    parser.add_argument("--variants", default="preload", help="ours: preload and/or no-preload (default preload)")
    parser.add_argument("--port", type=int, default=8610)
    parser.add_argument("--database", default="kp_startup_bench")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--compare-command", help="shell command that runs the reference's gunicorn in the foreground")
    parser.add_argument("--compare-urls", help="file with `label URL` lines of the reference")
    parser.add_argument(
        "--compare-base", help="scheme://host:port to put in place of the --compare-urls' own (another instance)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="use the database a previous --keep run left")
    args = parser.parse_args()
    if bool(args.compare_command) != bool(args.compare_urls):
        sys.exit("--compare-command and --compare-urls go together")
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    env = environment(args)
    try:
        if not args.reuse:
            pages.build(args, env, "demo")
        urls = our_urls(args, env)
        gunicorn = [str(Path(PY).parent / "gunicorn"), "-c", "gunicorn.conf.py"]
        # --threads 1: gunicorn.conf.py sets 4 threads, and gunicorn turns sync into gthread when threads > 1.
        gunicorn += ["--worker-class", "sync", "--threads", "1", "--workers", "2", "--max-requests", "0"]
        log = ROOT / "bench" / "results" / "startup-gunicorn.log"
        log.write_text("")
        sites = []
        for variant in (v.strip() for v in args.variants.split(",") if v.strip()):
            if variant not in ("preload", "no-preload"):
                sys.exit(f"unknown variant {variant}")
            site_env = dict(env, GUNICORN_PRELOAD="false" if variant == "no-preload" else "true")
            sites.append(Site(f"ours {variant}", gunicorn, site_env, urls, log))
        if args.compare_command:
            compare = read_compare(args.compare_urls)
            if args.compare_base:
                base = urllib.parse.urlsplit(args.compare_base)
                compare = [
                    (label, urllib.parse.urlsplit(url)._replace(scheme=base.scheme, netloc=base.netloc).geturl())
                    for label, url in compare
                ]
            sites.append(Site("reference", args.compare_command, dict(os.environ), compare, log))
        results = {site.name: [] for site in sites}
        for round_ in range(args.rounds):
            shift = round_ % len(sites)
            for site in sites[shift:] + sites[:shift]:
                subprocess.run(["redis-cli", "-u", args.redis, "FLUSHDB"], capture_output=True)
                r = site.measure(args.requests)
                results[site.name].append(r)
                workers = " ".join(f"{w['rss'] / 1024:.0f}/{w['pss'] / 1024:.0f}" for w in r["workers"])
                print(
                    f"  [round {round_ + 1}] {site.name:18} start {r['start']:5.2f} s, CPU {r['start_cpu']:5.2f} s  "
                    f"workers RSS/PSS MB {workers}  "
                    f"master PSS {r['master']['pss'] / 1024:.0f}  load {r['load']:.2f}  non-200 {r['non200']}",
                    flush=True,
                )
    finally:
        if not args.keep and not args.reuse:
            psql(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')

    print()
    print(
        f"gunicorn 2 sync workers, production settings; {args.rounds} rounds, {args.requests} requests over "
        f"the page kinds before memory is read; median (min–max) of the rounds; MB = MiB per worker"
    )
    print(
        "| site | start to first 200 s | CPU to first 200 s | worker RSS MB | worker PSS MB | worker private MB | "
        "master + workers PSS MB | load 1 min | non-200 |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, rows in results.items():
        cells = []
        for values in (
            [r["start"] for r in rows],
            [r["start_cpu"] for r in rows],
            [w["rss"] / 1024 for r in rows for w in r["workers"]],
            [w["pss"] / 1024 for r in rows for w in r["workers"]],
            [w["private"] / 1024 for r in rows for w in r["workers"]],
            [(r["master"]["pss"] + sum(w["pss"] for w in r["workers"])) / 1024 for r in rows],
        ):
            mid, low, high = summary(values)
            digits = 2 if len(cells) < 2 else 0  # seconds with two decimals, MB whole
            cells.append(f"{mid:.{digits}f} ({low:.{digits}f}–{high:.{digits}f})")
        loads = [r["load"] for r in rows]
        cells.append(f"{min(loads):.2f}–{max(loads):.2f}")
        cells.append(str(sum(r["non200"] for r in rows)))
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
