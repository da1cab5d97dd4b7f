"""Lighthouse accessibility and best-practices scores for every page type, in Dutch and English, desktop and mobile.

    .venv/bin/python bench/lighthouse.py                       # set up, serve, measure all 64 rows
    .venv/bin/python bench/lighthouse.py --no-setup --jobs 1   # reuse the database of an earlier run
    .venv/bin/python bench/lighthouse.py --pages home,finder --presets mobile

Serves the demo site as production does: gunicorn (gunicorn.conf.py) with `kennisplatform.settings.production`
(DEBUG off, WhiteNoise serving the collected, hashed static files, the production CSP), on PostgreSQL
(`kp_lighthouse` unless --database), plain HTTP on 127.0.0.1 (SECURE_SSL_REDIRECT=false: nginx terminates TLS in
production); in front of it a small Python server does nginx's part (public images from MEDIA_ROOT, the rest
proxied). Lighthouse runs in Debian's Chromium (CHROME_PATH=/usr/bin/chromium, headless, --no-sandbox); it is
installed on demand into var/tools/lighthouse from bench/npm-lighthouse/ (`npm ci`, versions pinned in the lock file),
so the project's own `npm install` stays as it is. English is the language switch's cookie, sent as a header.

Prints a Markdown table (one row per page type, language and preset) with the failing audits, writes the JSON
reports to bench/results/lighthouse/ and exits 1 when a row misses the targets (accessibility 100, best
practices >= 96). See bench/README.md.
"""

import argparse
import http.client
import json
import mimetypes
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from events_common import ROOT, Server, _psql, arguments, environment, load_line, manage, prepare_database

CHROMIUM = "/usr/bin/chromium"
TOOLS = ROOT / "var" / "tools" / "lighthouse"
PINNED = ROOT / "bench" / "npm-lighthouse"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
RESULTS = ROOT / "bench" / "results" / "lighthouse"
TARGETS = {"accessibility": 100, "best-practices": 96}
PRESETS = ("desktop", "mobile")
LANGUAGES = ("nl", "en")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"

# One page of every type the public site has, found in the served database (labels as in the table).
PAGE_URLS = """
from events.selectors import upcoming_events
from events.models import EventIndexPage, EventPage
from home.models import HomePage, NewsIndexPage, NewsPage
from knowledge.advisory.models import ProposalIndexPage, ProposalPage
from knowledge.models import (
    BestPracticePage, CaseEvaluationPage, EvaluationIndexPage, PracticeIndexPage, ProjectIndexPage, ProjectPage,
)
import json

def first(model, **filters):
    return model.objects.live().public().filter(**filters).order_by("path").first().url

reported = ProposalPage.objects.live().public().filter(report_published_at__isnull=False).order_by("path").first()
upcoming = list(upcoming_events())
print(json.dumps({
    "home": first(HomePage),
    "project index": first(ProjectIndexPage),
    "project": first(ProjectPage),
    "case-evaluation index": first(EvaluationIndexPage),
    "case evaluation": first(CaseEvaluationPage),
    "finder": first(PracticeIndexPage),
    "best practice": first(BestPracticePage),
    "event index": first(EventIndexPage),
    "event": upcoming[0].url if upcoming else first(EventPage),
    "advisory index": first(ProposalIndexPage),
    "proposal": first(ProposalPage, report_published_at__isnull=True),
    "report": reported.url + "verslag/",
    "news index": first(NewsIndexPage),
    "news item": first(NewsPage),
    "site search": "/zoeken/?q=pleegzorg",
    "sign-in": "/account/inloggen/",
}))
"""


HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


class Front:
    """What nginx does in front of gunicorn (docs/deploy.md): /media/images/ from disk, everything else proxied.

    Without it every page with an image logs a 404 in the console (gunicorn does not serve media), which is not
    what a visitor of the real site sees.
    """

    def __init__(self, port: int, upstream_port: int, media_root: Path):
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path.startswith("/media/images/"):
                    return self.media()
                return self.proxy()

            def media(self):
                name = self.path.split("?", 1)[0].removeprefix("/media/")
                file = (media_root / name).resolve()
                if media_root.resolve() not in file.parents or not file.is_file():
                    return self.answer(404, [("Content-Type", "text/plain")], b"not found")
                content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                headers = [("Content-Type", content_type), ("Cache-Control", "max-age=2592000")]
                return self.answer(200, headers, file.read_bytes())

            def proxy(self):
                upstream = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                headers["X-Forwarded-For"] = self.client_address[0]
                upstream.request(self.command, self.path, headers=headers)
                response = upstream.getresponse()
                body = response.read()
                kept = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP | {"content-length"}]
                upstream.close()
                return self.answer(response.status, kept, body)

            def answer(self, status, headers, body):
                self.send_response_only(status)
                for key, value in headers:
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_HEAD = do_GET

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.base = f"http://127.0.0.1:{port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def install_lighthouse() -> str:
    """Lighthouse from the pinned lock file into var/tools/lighthouse, once; returns its version."""
    wanted = json.loads((PINNED / "package.json").read_text())["dependencies"]["lighthouse"]
    if LIGHTHOUSE.exists():
        version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()
        if version == wanted:
            return version
    TOOLS.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(PINNED / name, TOOLS / name)
    print(f"installing lighthouse {wanted} into {TOOLS.relative_to(ROOT)} …", flush=True)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOLS, check=True)
    return wanted


def lighthouse(base: str, label: str, url: str, language: str, preset: str) -> dict:
    """One Lighthouse run; the scores (0-100) and the audits that cost points."""
    report = RESULTS / f"{label.replace(' ', '-')}_{language}_{preset}.json"
    command = [
        str(LIGHTHOUSE),
        base + url,
        "--only-categories=accessibility,best-practices",
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        "--max-wait-for-load=60000",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")  # mobile (a throttled Moto G-sized screen) is Lighthouse's default
    if language != "nl":
        # The language switch (/taal/en/) sets this cookie; Dutch is what a visitor without it gets.
        command.append("--extra-headers=" + json.dumps({"Cookie": f"django_language={language}"}))
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0 or not report.exists():
        return {"error": (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no report"]}
    data = json.loads(report.read_text())
    if data.get("runtimeError"):
        return {"error": [data["runtimeError"].get("message", "runtime error")]}
    scores = {key: round(category["score"] * 100) for key, category in data["categories"].items()}
    failing = []
    for key, category in data["categories"].items():
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                failing.append(f"{key}: {ref['id']}")
    return {"scores": scores, "failing": failing, "final_url": data.get("finalDisplayedUrl", "")}


def check_language(base: str, url: str, language: str) -> None:
    """Fail early when the cookie would not switch the language (the English rows would measure Dutch)."""
    request = urllib.request.Request(base + url, headers={"Cookie": f"django_language={language}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        html = response.read(2000).decode(errors="replace")
    if f'<html lang="{language}"' not in html:
        sys.exit(f"{url} with django_language={language} does not answer in {language}")


def main() -> None:
    parser = arguments(__doc__.split("\n")[0])
    parser.set_defaults(database="kp_lighthouse", port=8131, redis="", workers=2)
    parser.add_argument("--no-setup", action="store_true", help="reuse the database of an earlier run")
    parser.add_argument("--jobs", type=int, default=2, help="Lighthouse runs at a time")
    parser.add_argument("--pages", default="", help="comma-separated labels (default: all page types)")
    parser.add_argument("--presets", default=",".join(PRESETS))
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing (apt-get install chromium); this bench never downloads a browser")
    version = install_lighthouse()

    # No Redis unless asked: the page cache is off (PAGE_CACHE_SECONDS=0) and scores do not depend on it.
    # gunicorn listens on the next port; the front (nginx's part) on --port, the address in BASE_URL.
    gunicorn_args = argparse.Namespace(**{**vars(args), "port": args.port + 1})
    env = environment(args, GUNICORN_ACCESS_LOG="/dev/null", GUNICORN_BIND=f"127.0.0.1:{args.port + 1}")
    if not args.no_setup:
        print(f"database {args.database}: migrate, load_demo, collectstatic …", flush=True)
        prepare_database(args, env)  # load_demo indexes what it loads: the site search row finds it
    else:
        manage(env, "collectstatic", "--noinput", "-v0")  # WhiteNoise serves the collected files: keep them current
    urls = json.loads(manage(env, "shell", "-c", PAGE_URLS).strip().splitlines()[-1])  # after the shell's banner
    if args.pages:
        wanted = [label.strip() for label in args.pages.split(",")]
        unknown = set(wanted) - set(urls)
        if unknown:
            sys.exit(f"unknown page labels {sorted(unknown)}; known: {', '.join(urls)}")
        urls = {label: urls[label] for label in wanted}
    RESULTS.mkdir(parents=True, exist_ok=True)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the finally below stops gunicorn
    server = Server(gunicorn_args, env)
    front = Front(args.port, args.port + 1, Path(env.get("MEDIA_ROOT", ROOT / "media")))
    try:
        for language in args.languages.split(","):
            check_language(front.base, "/", language)
        runs = [
            (label, url, language, preset)
            for label, url in urls.items()
            for language in args.languages.split(",")
            for preset in args.presets.split(",")
        ]
        started = time.perf_counter()
        print(f"lighthouse {version}, {len(runs)} runs, {args.jobs} at a time; {load_line()}", flush=True)
        pool = ThreadPoolExecutor(max_workers=args.jobs)
        try:
            outcomes = list(pool.map(lambda run: lighthouse(front.base, *run), runs))
        finally:
            pool.shutdown(cancel_futures=True)  # on Ctrl-C or SIGTERM: no new runs, gunicorn stopped below
        elapsed = time.perf_counter() - started
    finally:
        front.stop()
        try:
            server.stop()
        except subprocess.TimeoutExpired:  # a loaded machine: gunicorn's graceful stop can outlast the 30 s wait
            server.process.kill()
            server.process.wait()

    print(f"\n{len(runs)} runs in {elapsed:.0f} s; {load_line()}\n")
    print("| page | language | preset | accessibility | best practices | audits that cost points |")
    print("| --- | --- | --- | ---: | ---: | --- |")
    missed = 0
    for (label, url, language, preset), outcome in zip(runs, outcomes, strict=True):
        if "error" in outcome:
            missed += 1
            print(f"| {label} (`{url}`) | {language} | {preset} | error | error | {' '.join(outcome['error'])} |")
            continue
        scores = outcome["scores"]
        if any(scores.get(key, 0) < target for key, target in TARGETS.items()):
            missed += 1
        failing = ", ".join(outcome["failing"]) or "none"
        print(
            f"| {label} (`{url}`) | {language} | {preset} | {scores['accessibility']} | "
            f"{scores['best-practices']} | {failing} |"
        )
    (RESULTS / "summary.json").write_text(
        json.dumps(
            [
                dict(zip(("page", "url", "language", "preset"), run, strict=True), **outcome)
                for run, outcome in zip(runs, outcomes, strict=True)
            ],
            indent=2,
        )
    )
    print(
        f"\nTargets (accessibility {TARGETS['accessibility']}, best practices >= {TARGETS['best-practices']}): "
        + ("met on every row" if not missed else f"missed on {missed} of {len(runs)} rows")
    )
    print(f"Reports (Lighthouse JSON): {RESULTS.relative_to(ROOT)}/")
    if args.drop and "lighthouse" in args.database:  # --drop: only a database of this bench
        _psql(args, f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
