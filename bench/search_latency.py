"""Latency of the best-practice finder and of site search at 1,000 / 10,000 / 100,000 practices.

Generates practices in bulk under /goede-voorbeelden/ (tree paths computed directly, no per-page
saves), rebuilds the indices (timed: Wagtail's database index; with an engine also its site index and the finder's
practice index, bulk API with a progress bar), then measures through Django's test client (full middleware and
Wagtail routing), on the database backend and, when an engine is configured, on the engine too:

- finder: a two-word query plus three facets (actielijn, regio, fase), relevance order;
- site search: the same two-word query over all page types.

    DATABASE_URL=sqlite:////tmp/kp_search_bench.sqlite3 .venv/bin/python bench/search_latency.py --sizes 1000 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp_search_bench .venv/bin/python bench/search_latency.py
    OPENSEARCH_URL=http://127.0.0.1:9200 ELASTICSEARCH_INDEX_PREFIX=kp_search_bench DATABASE_URL=postgres://… \
        .venv/bin/python bench/search_latency.py      # PostgreSQL and the live engine, on the same practices

Sizes are cumulative: the script tops the number of generated practices up to each size in turn. To measure
each size on its own database, build them with `--build-only` (one database and index prefix per size) and
measure later with `--no-rebuild`, when nothing else runs on the machine.
Use a database of its own: it migrates it and loads the demo if it is empty.
"""

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/kp_search_bench.sqlite3")

WORDS = """
jeugdhulp pleeggezinnen pleegzorg gezinshuis wijkteam jongeren ouders school onderwijs huisarts
praktijkondersteuner ggz verslaving scheiding huiselijk geweld veiligheid ondertoezichtstelling
jongvolwassenen wonen werk inkomen schulden mentor netwerk vroegsignalering preventie opvoeding
ambulante spoedhulp crisis zorgaanbieder gemeente regio inkoop contract wachttijden doorlooptijd
casusregie samenwerking integraal plan gezin thuis dichtbij kwaliteit resultaat evaluatie leren
kinderen baby zwangerschap kraamzorg consultatiebureau sport cultuur vrijwilligers buurt wijk
""".split()  # noqa: SIM905  (readable as prose)
QUERIES = [
    "pleeggezinnen wonen",
    "jongeren school",
    "huiselijk geweld",
    "wijkteam ouders",
    "ggz jongvolwassenen",
    "mentor netwerk",
    "crisis gezin",
    "wachttijden regio",
]


def setup():
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False


def ensure_demo():
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from home.models import HomePage

    if not HomePage.objects.exists():
        with open(os.devnull, "w") as devnull:
            call_command("load_demo", verbosity=0, stdout=devnull)


ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def encode(number, steplen=4):
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(steplen, "0")


def decode(step):
    return int(step, len(ALPHABET))


def generate(count, *, rng):
    """Insert `count` published practices as children of the finder page, in batches."""
    import datetime

    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from accounts.models import Organisation
    from knowledge.models import BestPracticePage, EvidenceLevel, MainTheme, Phase, PracticeIndexPage, PracticeKind

    index = PracticeIndexPage.objects.get()
    content_type = ContentType.objects.get_for_model(BestPracticePage)
    locale = Locale.get_default()
    regions = list(Organisation.objects.regions())
    themes = list(MainTheme.objects.select_related("action_line").prefetch_related("subthemes"))
    phases, kinds, levels = (
        list(Phase.objects.all()),
        list(PracticeKind.objects.all()),
        list(EvidenceLevel.objects.all()),
    )
    last = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).order_by("-path").first()
    next_number = decode(last.path[-4:]) + 1 if last else 1
    child_fields = list(BestPracticePage._meta.local_concrete_fields)
    through = BestPracticePage.subthemes.through
    now = timezone.now()
    batch = 1000
    for start in range(0, count, batch):
        size = min(batch, count - start)
        with transaction.atomic():
            pages, extras = [], []
            for i in range(size):
                number = next_number + start + i
                title_words = rng.sample(WORDS, 3)
                slug = f"bench-{uuid.uuid4().hex[:12]}"
                theme = rng.choice(themes)
                pages.append(
                    Page(
                        title=" ".join(title_words).capitalize(),
                        draft_title=" ".join(title_words).capitalize(),
                        slug=slug,
                        content_type=content_type,
                        path=index.path + encode(number),
                        depth=index.depth + 1,
                        numchild=0,
                        url_path=f"{index.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now,
                        locale=locale,
                        translation_key=uuid.uuid4(),
                    )
                )
                extras.append(
                    {
                        "summary": " ".join(rng.sample(WORDS, 12)).capitalize() + ".",
                        "date": datetime.date(2018, 1, 1) + datetime.timedelta(days=rng.randrange(2500)),
                        "region": rng.choice(regions),
                        "main_theme": theme,
                        "action_line": theme.action_line,
                        "phase": rng.choice(phases),
                        "kind": rng.choice(kinds),
                        "evidence_level": rng.choice(levels),
                        "target_group": " ".join(rng.sample(WORDS, 2)),
                        "subthemes": rng.sample(list(theme.subthemes.all()), min(2, theme.subthemes.count())),
                    }
                )
            created = Page.objects.bulk_create(pages)
            children = []
            for page, extra in zip(created, extras, strict=True):
                child = BestPracticePage(page_ptr_id=page.pk, **{k: v for k, v in extra.items() if k != "subthemes"})
                child.id = page.pk
                children.append(child)
            BestPracticePage._base_manager._insert(children, fields=child_fields, using="default")
            through.objects.bulk_create(
                [
                    through(bestpracticepage_id=page.pk, subtheme_id=sub.pk)
                    for page, extra in zip(created, extras, strict=True)
                    for sub in extra["subthemes"]
                ]
            )
    Page.objects.filter(pk=index.pk).update(
        numchild=Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).count()
    )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(url_for, *, runs, rng):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for _ in range(3):
        client.get(url_for(rng))  # warm caches
    timings, queries = [], []
    for _ in range(runs):
        url = url_for(rng)
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        assert b"tijdelijk niet bereikbaar" not in response.content, "the engine failed: the database answered"
        queries.append(len(ctx.captured_queries))
    return statistics.median(timings), percentile(timings, 0.95), max(queries)


def database_cpu_seconds():
    """CPU seconds the PostgreSQL backend of this connection has used (0 on SQLite, which runs in this process).

    On a shared machine wall-clock latency mostly measures the queue for the cores; CPU time measures the work."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # a server on another machine: its CPU is not ours to read
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_answer(ask, *, runs, rng):
    """The backend's answer alone (search.backends through the contract), without routing and template: median and
    p95 wall-clock ms, and median and p95 CPU ms per answer of this process plus its PostgreSQL backend."""
    for _ in range(3):
        ask(rng)
    timings, cpu = [], []
    for _ in range(runs):
        cpu_started = time.process_time() + database_cpu_seconds()
        started = time.perf_counter()
        result = ask(rng)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() + database_cpu_seconds() - cpu_started) * 1000)
        assert not result.notice, "the engine failed: the database answered"
    return statistics.median(timings), percentile(timings, 0.95), (statistics.median(cpu), percentile(cpu, 0.95))


def build_indices(*, engine_on, database=True):
    """Rebuild every index, timed: Wagtail's database index, and with an engine its site index and the finder's
    practice index (bulk API, progress bar on stderr). Returns {name: seconds}."""
    from django.core.management import call_command
    from django.db import connection
    from tqdm import tqdm
    from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

    from search import elastic
    from search.backends.dutch_index import database_index_alias

    def update_index(alias):
        with open(os.devnull, "w") as devnull:
            call_command(WagtailUpdateIndex(), backend_name=alias, verbosity=0, stdout=devnull)

    timings = {}
    started = time.perf_counter()
    if database:
        update_index(database_index_alias())
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would have after a while; without them the planner
        # picks nested loops for the brand-new index rows and search takes seconds.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if database:
        timings["database index"] = time.perf_counter() - started
    if engine_on:
        started = time.perf_counter()
        update_index("default")
        timings["engine site index"] = time.perf_counter() - started
        started = time.perf_counter()
        elastic.rebuild(progress=lambda actions, total: tqdm(actions, total=total, desc="finder index", unit="doc"))
        timings["engine finder index"] = time.perf_counter() - started
    return timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-rebuild", action="store_true", help="measure only; the index is already current")
    parser.add_argument(
        "--build-only",
        action="store_true",
        help="generate and index only, measure later with --no-rebuild (say, once the machine is quiet)",
    )
    parser.add_argument(
        "--engine-only", action="store_true", help="build and measure the engine only (no database index rebuild)"
    )
    args = parser.parse_args()
    setup()
    ensure_demo()

    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import override_settings

    from accounts.models import Organisation
    from knowledge.models import ActionLine, BestPracticePage, Phase, PracticeIndexPage
    from search import engine
    from search.contract import facet_terms, parse_finder_query
    from search.finder import run_finder
    from search.site_search import site_search

    rng = random.Random(args.seed)
    index = PracticeIndexPage.objects.get()
    lines = list(ActionLine.objects.values_list("slug", flat=True))
    regions = list(Organisation.objects.regions().values_list("slug", flat=True))
    phases = list(Phase.objects.values_list("slug", flat=True))

    def finder_url(rng):
        q = rng.choice(QUERIES).replace(" ", "+")
        some_regions = "&".join(f"regio={r}" for r in rng.sample(regions, 8))
        return f"{index.url}?q={q}&actielijn={rng.choice(lines)}&{some_regions}&fase={rng.choice(phases)}"

    def search_url(rng):
        return f"/zoeken/?q={rng.choice(QUERIES).replace(' ', '+')}"

    def finder_answer(rng):
        fq = parse_finder_query(QueryDict(finder_url(rng).split("?", 1)[1]), terms=terms)
        return run_finder(fq, index_page=index)

    def search_answer(rng):
        return site_search(rng.choice(QUERIES))

    terms = facet_terms()

    config = engine.configured()
    answerers = [] if args.engine_only else [("database", {"OPENSEARCH_URL": "", "ELASTICSEARCH_URL": ""})]
    if config:
        answerers.append((f"{config.kind}", {}))
    print(
        f"database: {connection.vendor}; engine: {config.kind + ' at ' + config.url if config else 'none'}; "
        f"runs per measurement: {args.runs}; load average {os.getloadavg()[0]:.1f}"
    )
    print("Milliseconds, median / p95. page: the whole request through Django's test client (routing, template);")
    print("answer: the backend's answer alone (run_finder / site_search). Queries: SQL queries per page request.")
    print("answer CPU: CPU ms per answer, this process plus its PostgreSQL backend (10 ms ticks; engine not counted).")
    print(
        "| database | answered by | practices | index build (s) | finder page | finder answer | finder answer CPU "
        "| finder queries | site search page | site search answer | site search answer CPU | search queries | load |"
    )
    print("|" + "---|" * 13, flush=True)
    for size in args.sizes:
        current = BestPracticePage.objects.child_of(index).count()
        if size > current:
            started = time.perf_counter()
            generate(size - current, rng=rng)
            generated = time.perf_counter() - started
            print(f"  generated {size - current} practices in {generated:.1f} s", file=sys.stderr)
        timings = {}
        if not args.no_rebuild:
            timings = build_indices(engine_on=config is not None, database=not args.engine_only)
        print(
            f"  index build at {size:,}: "
            + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
            + f" (load average {os.getloadavg()[0]:.1f})",
            file=sys.stderr,
            flush=True,
        )
        if args.build_only:
            continue
        for name, overrides in answerers:
            with override_settings(**overrides):
                f_median, f_p95, f_queries = measure(finder_url, runs=args.runs, rng=rng)
                fa_median, fa_p95, fa_cpu = measure_answer(finder_answer, runs=args.runs, rng=rng)
                s_median, s_p95, s_queries = measure(search_url, runs=args.runs, rng=rng)
                sa_median, sa_p95, sa_cpu = measure_answer(search_answer, runs=args.runs, rng=rng)
            build = (
                timings.get("database index", 0)
                if name == "database"
                else (timings.get("engine site index", 0) + timings.get("engine finder index", 0))
            )
            print(
                f"| {connection.vendor} | {name} | {size:,} | {build:.1f} | {f_median:.0f} / {f_p95:.0f} "
                f"| {fa_median:.0f} / {fa_p95:.0f} | {fa_cpu[0]:.0f} / {fa_cpu[1]:.0f} | {f_queries} "
                f"| {s_median:.0f} / {s_p95:.0f} | {sa_median:.0f} / {sa_p95:.0f} | {sa_cpu[0]:.0f} / {sa_cpu[1]:.0f} "
                f"| {s_queries} | {os.getloadavg()[0]:.1f} |",
                flush=True,
            )
        print(f"  load average {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
