"""Load test: the demo site under gunicorn with production settings on PostgreSQL and Redis, measured with wrk.

    .venv/bin/python bench/wrk_load.py                # full run: 30 s per measurement, concurrency 8
    .venv/bin/python bench/wrk_load.py --duration 10  # quicker
    .venv/bin/python bench/wrk_load.py --no-setup     # reuse the database of a previous run

Sets up (unless --no-setup) the database `kp_bench` (created when missing; migrate, load_demo, collectstatic),
starts gunicorn (gunicorn.conf.py) on 127.0.0.1:8105 with SECURE_SSL_REDIRECT=false, then runs wrk against
`/`, a project page, the finder with two filters, `/zoeken/?q=pleegzorg` and the upcoming kennisatelier, each
anonymously and signed in (session cookie). Then the same while registrations and advisory responses are posted
by a parallel Python poster. Prints a table (req/s, p50/p95/p99 in ms, non-2xx/3xx) and writes JSON to
bench/results/. See bench/README.md.
"""

import argparse
import http.client
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
LUA = ROOT / "bench" / "wrk_report.lua"
BENCH_MEMBERS = 20
DEMO_PASSWORD = "kennisplatform-demo"


def environment(args):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="kennisplatform.settings.production",
        DATABASE_URL=f"postgres://postgres@{args.pghost}:5432/{args.database}",
        REDIS_URL=args.redis,
        SECRET_KEY="bench-only-secret-key-" + "k3Yz9" * 10,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        GUNICORN_BIND=f"127.0.0.1:{args.port}",
        BASE_URL=f"http://127.0.0.1:{args.port}",
        # Production refuses to start without a mail server; the task worker is not running, so e-mails stay queued.
        EMAIL_URL="smtp://127.0.0.1:1025",
    )
    if not args.elasticsearch:
        env.pop("ELASTICSEARCH_URL", None)
    return env


def manage(env, *command, quiet=True):
    result = subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=env, capture_output=quiet, text=True)
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


BENCH_USERS = f"""
from django.contrib.auth.models import Group
from accounts import groups
from accounts.demo import ensure_user
from accounts.models import MemberRole
from knowledge.advisory.models import ProposalPage
from accounts.models import Organisation
proposal = next(p for p in ProposalPage.objects.live().specific() if p.status == "open")
org = Organisation.objects.filter(memberships__user__groups__name=groups.PROVIDER_MEMBERS).order_by("pk").first()
group = Group.objects.get(name=groups.PROVIDER_MEMBERS)
for i in range({BENCH_MEMBERS}):
    ensure_user(username=f"bench{{i}}@aanbieder.example", password="{DEMO_PASSWORD}", first_name="Bench",
                last_name=str(i), group=group, organisation=org, role=MemberRole.MEMBER)
print(org.name)
"""


def setup(args, env):
    exists = subprocess.run(
        [
            "psql",
            "-h",
            args.pghost,
            "-U",
            "postgres",
            "-Atc",
            f"SELECT 1 FROM pg_database WHERE datname='{args.database}'",
        ],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(
            ["psql", "-h", args.pghost, "-U", "postgres", "-qc", f"CREATE DATABASE {args.database}"], check=True
        )
    print("migrate, load_demo, collectstatic, update_index …", flush=True)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "update_index")
    manage(env, "shell", "-c", BENCH_USERS)


class Server:
    def __init__(self, args, env):
        self.base = f"http://127.0.0.1:{args.port}"
        subprocess.run(["redis-cli", "-u", args.redis, "FLUSHDB"], capture_output=True)
        self.log = open(ROOT / "bench" / "results" / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [str(Path(PY).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=self.log,
        )
        for _ in range(60):
            try:
                urllib.request.urlopen(self.base + "/", timeout=2)
                return
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        self.stop()
        sys.exit("gunicorn did not come up; see bench/results/gunicorn.log")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


class _PlainHttpPolicy(http.cookiejar.DefaultCookiePolicy):
    """Production cookies are Secure (HTTPS behind nginx); the bench talks plain HTTP to gunicorn directly."""

    def return_ok_secure(self, cookie, request):
        return True


class Browser:
    """A tiny cookie-keeping HTTP client for sign-in and form posts."""

    def __init__(self, base, forwarded_for=None):
        self.base = base
        self.jar = http.cookiejar.CookieJar(policy=_PlainHttpPolicy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.forwarded_for = forwarded_for

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if self.forwarded_for:
            request.add_header("X-Forwarded-For", self.forwarded_for)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
        except (urllib.error.URLError, ConnectionError, http.client.HTTPException) as error:
            return 0, str(error)  # the connection itself failed (a killed worker): the visitor saw an error

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def sign_in(self, username, password):
        _status, html = self.request("/account/inloggen/")
        token = csrf_token(html)
        self.request("/account/inloggen/", {"username": username, "password": password, "csrfmiddlewaretoken": token})
        if not self.cookie("sessionid"):
            sys.exit(f"could not sign in as {username}")


def csrf_token(html):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def first_link(html, prefix):
    for href in re.findall(r'href="(' + re.escape(prefix) + r'[a-z0-9-]+/)"', html):
        return href
    sys.exit(f"no link under {prefix}")


def proposal_link(html):
    """The first proposal on the advisory index (not its 'Mijn reacties' or feed links)."""
    for href in re.findall(r'href="(/adviestafel/[a-z0-9-]+/)"', html):
        if href not in ("/adviestafel/mijn-reacties/", "/adviestafel/feed/"):
            return href
    sys.exit("no proposal on /adviestafel/")


def _kennisatelier(html):
    """The upcoming kennisatelier (the index lists upcoming events first); any event otherwise."""
    if re.search(r'href="/kennisateliers/kennisatelier-', html):
        return first_link(html, "/kennisateliers/kennisatelier-")
    return first_link(html, "/kennisateliers/")


def targets(base):
    browser = Browser(base)
    _s, projects = browser.request("/projecten/")
    _s, finder = browser.request("/goede-voorbeelden/")
    line = re.search(r'name="actielijn" value="([^"]+)"', finder).group(1)
    region = re.search(r'name="regio" value="([^"]+)"', finder).group(1)
    _s, events = browser.request("/kennisateliers/")
    return [
        ("home", "/"),
        ("project", first_link(projects, "/projecten/")),
        ("finder + 2 filters", f"/goede-voorbeelden/?actielijn={line}&regio={region}"),
        ("search pleegzorg", "/zoeken/?q=pleegzorg"),
        ("event", _kennisatelier(events)),
    ]


def run_wrk(args, url, cookie=None):
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "5s"]
    command += ["-s", str(LUA)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True).stdout
    line = next((x for x in output.splitlines() if x.startswith("WRK_JSON ")), None)
    if line is None:
        sys.exit(f"wrk gave no result for {url}:\n{output}")
    return json.loads(line[len("WRK_JSON ") :])


class Poster:
    """Posts registrations (one client address each, as nginx would forward) and advisory responses meanwhile.

    `rate`: registrations a second and responses a second, each (0: as fast as the server answers).
    """

    REGISTRATION_THREADS = 2

    def __init__(self, base, event_path, proposal_path, rate=1.0):
        self.base, self.event_path, self.proposal_path = base, event_path, proposal_path
        self.rate = rate
        self.stop = threading.Event()
        self.counts = {"registrations": {}, "responses": {}}
        self.lock = threading.Lock()
        self.threads = []
        self.sample_error = ""
        self.sample_response_error = ""
        self.accepted = {"registrations": [], "responses": []}  # what the server said it stored (soak checks it)

    def _count(self, kind, status):
        with self.lock:
            self.counts[kind][status] = self.counts[kind].get(status, 0) + 1

    def _pace(self, started, threads):
        if self.rate > 0:
            self.stop.wait(max(0.0, threads / self.rate - (time.monotonic() - started)))

    def _registrations(self, worker):
        n = 0
        while not self.stop.is_set():
            started = time.monotonic()
            n += 1
            client = Browser(self.base, forwarded_for=f"10.{worker}.{n // 250 % 250}.{n % 250 + 1}")
            _s, html = client.request(self.event_path)
            region = re.search(r'<option value="(\d+)"', html)
            role = re.search(
                r'name="role"[^>]*>\s*<option value=""[^>]*>[^<]*</option>\s*<option value="([^"]+)"', html
            )  # noqa: E501
            data = {
                "csrfmiddlewaretoken": csrf_token(html),
                "name": f"Bench Deelnemer {worker}-{n}",
                "email": f"bench-{worker}-{n}-{time.time_ns()}@deelnemer.example",
                "organisation_name": "Bench Jeugdteam",
                "region": region.group(1) if region else "",
                "role": role.group(1) if role else "",
                "consent": "on",
                "website": "",
            }
            status, answer = client.request(self.event_path, data)
            self._count("registrations", status)
            if status < 400:
                with self.lock:
                    self.accepted["registrations"].append(data["email"])
            if status >= 400 and not self.sample_error:
                text = re.sub(r"<[^>]+>", " ", answer.split('id="form-errors"')[-1])
                self.sample_error = re.sub(r"\s+", " ", text)[:300]
            self._pace(started, self.REGISTRATION_THREADS)

    def _responses(self, members):
        clients = []
        for username in members:
            client = Browser(self.base)
            client.sign_in(username, DEMO_PASSWORD)
            clients.append(client)
        n = 0
        while not self.stop.is_set():
            started = time.monotonic()
            client = clients[n % len(clients)]
            n += 1
            _s, html = client.request(self.proposal_path)
            form = re.search(r'<form[^>]+action="([^"]+/reageren/)"[^>]*enctype="multipart/form-data"', html)
            form = form or re.search(r'<form[^>]+enctype="multipart/form-data"[^>]*action="([^"]+)"', html)
            question = re.search(
                r'name="question"[^>]*>\s*<option value=""[^>]*>[^<]*</option>\s*<option value="(\d+)"', html
            )
            if not form:
                self._count("responses", "no form")
                time.sleep(0.5)
                continue
            data = {
                "csrfmiddlewaretoken": csrf_token(html),
                "position": "supports",
                "text": f"Benchreactie {n}: wij steunen dit **voorstel**.",
                "visibility": "public",
            }
            if question:
                data["question"] = question.group(1)
            status, answer = client.request(form.group(1), data)
            self._count("responses", status)
            if status < 400:
                with self.lock:
                    self.accepted["responses"].append(data["text"])
            if status >= 400 and not self.sample_response_error:
                text = re.sub(r"<[^>]+>", " ", answer.split('id="form-errors"')[-1])
                self.sample_response_error = re.sub(r"\s+", " ", text)[:300]
            # Stay within 5 responses a minute per member, and within the rate.
            self.stop.wait(max(0.0, 60 / (5 * len(clients)) - (time.monotonic() - started)))
            self._pace(started, 1)

    def start(self, members):
        self.threads = [
            threading.Thread(target=self._registrations, args=(w,), daemon=True)
            for w in range(self.REGISTRATION_THREADS)
        ]
        self.threads.append(threading.Thread(target=self._responses, args=(members,), daemon=True))
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=40)
        return self.counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=30, help="seconds per wrk run (default 30)")
    parser.add_argument("--connections", type=int, default=8, help="concurrency (default 8)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--database", default="kp_bench")
    parser.add_argument("--pghost", default="127.0.0.1")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--elasticsearch", action="store_true", help="keep ELASTICSEARCH_URL from the environment")
    parser.add_argument("--no-setup", action="store_true", help="skip migrate/load_demo (reuse the database)")
    parser.add_argument("--no-writes", action="store_true", help="skip the run with registrations and responses")
    parser.add_argument("--pages", default="", help="only these pages, e.g. event,project (default: all five)")
    parser.add_argument(
        "--write-rate",
        type=float,
        default=1.0,
        help="registrations a second and responses a second while posting (default 1; 0 = flat out)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")
    (ROOT / "bench" / "results").mkdir(parents=True, exist_ok=True)
    env = environment(args)
    if not args.no_setup:
        setup(args, env)
    elif not (ROOT / "static_collected" / "staticfiles.json").exists():
        manage(env, "collectstatic", "--noinput", "-v0")  # the manifest is needed by production settings
    server = Server(args, env)
    rows, posted = [], None
    try:
        pages = all_pages = targets(server.base)
        if args.pages:
            wanted = {name.strip() for name in args.pages.split(",")}
            pages = [(label, path) for label, path in pages if label.split(" ")[0] in wanted]
        signed_in = Browser(server.base)
        signed_in.sign_in("bench0@aanbieder.example", DEMO_PASSWORD)
        cookie = f"sessionid={signed_in.cookie('sessionid')}; csrftoken={signed_in.cookie('csrftoken') or ''}"
        phases = [("read only", None)] + ([] if args.no_writes else [("while posting", "writes")])
        for phase, writes in phases:
            poster = None
            if writes:
                _s, index = Browser(server.base).request("/adviestafel/")
                proposal = proposal_link(index)
                event = dict(all_pages)["event"]
                poster = Poster(server.base, event, proposal, rate=args.write_rate)
                poster.start([f"bench{i}@aanbieder.example" for i in range(1, BENCH_MEMBERS)])
                time.sleep(2)
            for label, path in pages:
                for who, header in (("anonymous", None), ("signed in", cookie)):
                    time.sleep(2)  # let gunicorn finish the previous run's queued requests first
                    result = run_wrk(args, server.base + path, header)
                    rows.append({"phase": phase, "page": label, "path": path, "user": who, **result})
                    print(
                        f"{phase:13} {label:20} {who:10} {result['rps']:8.1f} req/s  p50 {result['p50']:7.1f}  "
                        f"p95 {result['p95']:7.1f}  p99 {result['p99']:7.1f} ms  non-2xx {result['non2xx']}",
                        flush=True,
                    )
            if poster:
                posted = poster.finish()
                if poster.sample_error:
                    print("first refused registration said:", poster.sample_error)
                if poster.sample_response_error:
                    print("first refused response said:", poster.sample_response_error)
    finally:
        server.stop()

    print()
    print(
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, gunicorn gthread, production settings, "
        f"PostgreSQL {args.database}, Redis"
    )
    print("| phase | page | user | req/s | p50 ms | p95 ms | p99 ms | non-2xx | socket errors |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        errors = r["connect"] + r["read"] + r["write"] + r["timeout"]
        print(
            f"| {r['phase']} | {r['page']} | {r['user']} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | "
            f"{r['p99']:.1f} | {r['non2xx']} | {errors} |"
        )
    if posted:
        rate = f"{args.write_rate:g} a second each" if args.write_rate > 0 else "flat out"
        print(
            f"\nPosted meanwhile ({rate}; HTTP status: count): registrations {posted['registrations']}, "
            f"responses {posted['responses']}"
        )
    anonymous = [r for r in rows if r["user"] == "anonymous"]
    worst = max(r["p95"] for r in anonymous)
    failures = sum(r["non2xx"] + r["connect"] + r["read"] + r["write"] + r["timeout"] for r in rows)
    print(
        f"\nTarget p95 < 100 ms anonymous: worst {worst:.1f} ms -> {'met' if worst < 100 else 'NOT met'}; "
        f"errors: {failures}"
    )
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = ROOT / "bench" / "results" / f"wrk-{stamp}.json"
    out.write_text(json.dumps({"args": vars(args), "rows": rows, "posted": posted}, indent=2))
    print(f"written: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
