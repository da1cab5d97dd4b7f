"""Soak: 10 minutes at concurrency 8 on production settings (PostgreSQL, Redis), breaking Redis and a worker.

    .venv/bin/python bench/soak.py                   # 600 s; Redis killed at 30 %, back 20 s later;
                                                     # one gunicorn worker killed (SIGKILL) at 60 %
    .venv/bin/python bench/soak.py --duration 120 --no-setup

Runs its own redis-server (port 6391, no persistence) so the shared one is never stopped, and gunicorn as
bench/wrk_load.py does. Six reader threads walk the five page kinds; two threads post registrations and one
posts advisory responses (1 a second each). Prints errors per phase, p50/p95/p99 and the data lost: every
registration and response the server accepted must be in the database afterwards.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import wrk_load  # noqa: E402  (the bench's own helpers: environment, setup, Server, Browser, Poster)

ROOT = wrk_load.ROOT
REDIS_PORT = 6391


def start_redis():
    process = subprocess.Popen(
        ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(50):
        if subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True, text=True).stdout.strip():
            return process
        time.sleep(0.1)
    sys.exit("redis-server did not start")


def gunicorn_workers(master_pid):
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master_pid)], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else 0.0


class Readers:
    def __init__(self, base, paths, threads):
        self.base, self.paths, self.count = base, paths, threads
        self.stop = threading.Event()
        self.samples = []  # (time, phase, status, ms)
        self.phase = "steady"
        self.lock = threading.Lock()

    def _run(self, n):
        browser = wrk_load.Browser(self.base)
        i = n
        while not self.stop.is_set():
            path = self.paths[i % len(self.paths)]
            i += 1
            started = time.monotonic()
            try:
                status, _html = browser.request(path)
            except Exception:  # noqa: BLE001  (a reset connection is an error the visitor saw)
                status = 0
            with self.lock:
                self.samples.append((self.phase, status, (time.monotonic() - started) * 1000))

    def start(self):
        self.threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(self.count)]
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=40)


STORED = """
import json, sys
from events.models import Registration
from knowledge.advisory.models import Response
emails, texts = json.load(sys.stdin)
stored_emails = set(Registration.objects.filter(email__in=emails).values_list("email", flat=True))
stored_texts = set(Response.objects.filter(body_markdown__in=texts).values_list("body_markdown", flat=True))
print("SOAK_LOST", json.dumps([len(set(emails) - stored_emails), len(set(texts) - stored_texts)]))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=600)
    parser.add_argument("--readers", type=int, default=6, help="reader threads (plus 3 posting: concurrency 9)")
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--database", default="kp_soak")
    parser.add_argument("--pghost", default="127.0.0.1")
    parser.add_argument("--no-setup", action="store_true")
    args = parser.parse_args()
    args.redis = f"redis://127.0.0.1:{REDIS_PORT}/0"
    args.elasticsearch = False
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    redis = start_redis()
    env = wrk_load.environment(args)
    if not args.no_setup:
        wrk_load.setup(args, env)
    wrk_load.manage(env, "migrate", "--noinput", "-v0")  # a reused database gets new migrations
    wrk_load.manage(env, "collectstatic", "--noinput", "-v0")
    server = wrk_load.Server(args, env)
    events = []
    try:
        pages = wrk_load.targets(server.base)
        _s, index = wrk_load.Browser(server.base).request("/adviestafel/")
        proposal = wrk_load.proposal_link(index)
        readers = Readers(server.base, [path for _label, path in pages], args.readers)
        poster = wrk_load.Poster(server.base, dict(pages)["event"], proposal, rate=1.0)
        poster.start([f"bench{i}@aanbieder.example" for i in range(1, wrk_load.BENCH_MEMBERS)])
        readers.start()
        started = time.monotonic()

        def at(fraction):
            time.sleep(max(0.0, started + args.duration * fraction - time.monotonic()))

        at(0.3)
        readers.phase = "redis down"
        redis.send_signal(signal.SIGKILL)
        redis.wait()
        events.append(f"{time.monotonic() - started:.0f} s: Redis killed")
        time.sleep(20)
        redis = start_redis()
        readers.phase = "after redis"
        events.append(f"{time.monotonic() - started:.0f} s: Redis back (empty)")
        at(0.6)
        victim = gunicorn_workers(server.process.pid)[0]
        os.kill(victim, signal.SIGKILL)
        readers.phase = "worker killed"
        events.append(f"{time.monotonic() - started:.0f} s: gunicorn worker {victim} killed")
        time.sleep(20)
        readers.phase = "after worker"
        at(1.0)
        readers.finish()
        posted = poster.finish()
    finally:
        server.stop()
        redis.kill()

    print("\n".join(events))
    print(f"\nsoak {args.duration} s, {args.readers} readers + 3 posting threads, gunicorn, production settings")
    print("| phase | requests | errors (non-2xx/3xx or reset) | p50 ms | p95 ms | p99 ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    phases = ["steady", "redis down", "after redis", "worker killed", "after worker", "all"]
    for phase in phases:
        rows = [s for s in readers.samples if phase == "all" or s[0] == phase]
        times = [ms for _p, _s, ms in rows]
        errors = sum(1 for _p, status, _ms in rows if not 200 <= status < 400)
        print(
            f"| {phase} | {len(rows)} | {errors} | {percentile(times, 0.5):.1f} | {percentile(times, 0.95):.1f} "
            f"| {percentile(times, 0.99):.1f} |"
        )
    print(f"\nposted (HTTP status: count): registrations {posted['registrations']}, responses {posted['responses']}")

    lost = subprocess.run(
        [wrk_load.PY, "manage.py", "shell", "-c", STORED],
        cwd=ROOT,
        env=env,
        input=json.dumps([poster.accepted["registrations"], poster.accepted["responses"]]),
        capture_output=True,
        text=True,
    )
    line = next((x for x in lost.stdout.splitlines() if x.startswith("SOAK_LOST ")), None)
    if line is None:
        sys.exit(f"could not count what was stored:\n{lost.stdout}\n{lost.stderr}")
    lost_registrations, lost_responses = json.loads(line.removeprefix("SOAK_LOST "))

    print(
        f"data lost: {lost_registrations} of {len(poster.accepted['registrations'])} accepted registrations, "
        f"{lost_responses} of {len(poster.accepted['responses'])} accepted responses"
    )


if __name__ == "__main__":
    main()
