"""Benchmark of the knowledge pages with many items.

Builds a throw-away database (SQLite file by default, or the DATABASE_URL you give), loads the demo, generates
10,000 best practices and 500 projects (with KPIs and measurements) in bulk, then requests the finder with three
filters and each index and detail page through Django's test client, and prints median and 95th-percentile
response times and queries per request.

    .venv/bin/python bench/knowledge_pages.py
    .venv/bin/python bench/knowledge_pages.py --database-url postgres://postgres@127.0.0.1:5432/kp_bench
    .venv/bin/python bench/knowledge_pages.py --practices 2000 --projects 100 --requests 20

Pages are bulk-inserted (treebeard paths computed here, one INSERT per table per batch) because creating
10,000 pages one by one through `add_child` + `save_revision().publish()` takes many minutes; the bulk pages are
live and published but have no revisions and are not in the search index (the finder filters do not need it).
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


def setup(database_url, fresh):
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.test")
    if fresh and database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    elif fresh and database_url.startswith(("postgres://", "postgresql://")):
        _recreate_postgres_database(database_url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115


def _recreate_postgres_database(database_url):
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(database_url)
    name = config["NAME"]
    if not name.startswith(("kp_", "bench")):
        raise SystemExit(f"Refusing to drop database {name!r}: use a throw-away name starting with kp_ or bench.")
    with psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _child_pages(parent, model, rows, *, batch=1000):
    """Insert `rows` (dicts of the model's own fields) as live children of `parent`, in bulk. Returns page ids."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    content_type = ContentType.objects.get_for_model(model)
    locale = Locale.get_default()
    now = timezone.now()
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    local_fields = list(model._meta.local_concrete_fields)
    table = model._meta.db_table
    columns = ", ".join(connection.ops.quote_name(f.column) for f in local_fields)
    placeholders = ", ".join(["%s"] * len(local_fields))
    sql = f"INSERT INTO {connection.ops.quote_name(table)} ({columns}) VALUES ({placeholders})"
    ids = []
    with transaction.atomic():
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            pages = []
            for row in chunk:
                step += 1
                slug = row["slug"]
                pages.append(
                    Page(
                        title=row["title"],
                        draft_title=row["title"],
                        slug=slug,
                        path=parent.path + Page._int2str(step).rjust(Page.steplen, "0"),
                        depth=parent.depth + 1,
                        numchild=0,
                        url_path=f"{parent.url_path}{slug}/",
                        content_type=content_type,
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now,
                        live_revision=None,
                        locale=locale,
                        translation_key=uuid.uuid4(),
                    )
                )
            created = Page.objects.bulk_create(pages)
            values = []
            for page, row in zip(created, chunk, strict=True):
                instance = model(page_ptr_id=page.pk, **{k: v for k, v in row.items() if k not in {"title", "slug"}})
                values.append([f.get_db_prep_save(getattr(instance, f.attname), connection) for f in local_fields])
            with connection.cursor() as cursor:
                cursor.executemany(sql, values)
            ids.extend(page.pk for page in created)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(rows))
    return ids


def generate(n_practices, n_projects, seed=1):
    from django.db import transaction

    from accounts.models import Organisation
    from knowledge.models import (
        ActionLine,
        BestPracticePage,
        EvidenceLevel,
        Kpi,
        MainTheme,
        Measurement,
        Phase,
        PracticeIndexPage,
        PracticeKind,
        ProjectIndexPage,
        ProjectPage,
        SubTheme,
    )

    rng = random.Random(seed)
    regions = list(Organisation.objects.regions())
    themes = list(MainTheme.objects.select_related("action_line"))
    subthemes_by_theme = {}
    for sub in SubTheme.objects.all():
        subthemes_by_theme.setdefault(sub.theme_id, []).append(sub.pk)
    phases, kinds, levels = (
        list(Phase.objects.all()),
        list(PracticeKind.objects.all()),
        list(EvidenceLevel.objects.all()),
    )
    rows = []
    for n in range(n_practices):
        theme = rng.choice(themes)
        rows.append(
            {
                "title": f"Bench-voorbeeld {n} over {theme.name.lower()}",
                "slug": f"bench-voorbeeld-{n}",
                "summary": "Een gegenereerd goed voorbeeld voor de benchmark.",
                "date": f"20{rng.randint(18, 26)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                "body": "[]",
                "region_id": rng.choice(regions).pk,
                "action_line_id": theme.action_line_id,
                "main_theme_id": theme.pk,
                "phase_id": rng.choice(phases).pk,
                "kind_id": rng.choice(kinds).pk,
                "evidence_level_id": rng.choice(levels).pk,
                "results": "<p>Resultaten.</p>",
                "target_group": "Jeugdigen en ouders",
                "contact_role": "Beleidsadviseur jeugd",
                "contact_organisation_id": None,
                "evidence_assessed_by": "",
                "evidence_reassess_on": None,
            }
        )
    t0 = time.perf_counter()
    practice_ids = _child_pages(PracticeIndexPage.objects.get(), BestPracticePage, rows)
    through = BestPracticePage.subthemes.through
    links = []
    for page_id, row in zip(practice_ids, rows, strict=True):
        options = subthemes_by_theme.get(row["main_theme_id"], [])
        for sub in rng.sample(options, min(len(options), rng.randint(0, 2))):
            links.append(through(bestpracticepage_id=page_id, subtheme_id=sub))
    through.objects.bulk_create(links, batch_size=2000)
    t1 = time.perf_counter()

    action_lines = list(ActionLine.objects.all())
    statuses = ["planvorming", "uitvoering", "evaluatie", "afgerond", "on-hold"]
    project_rows = [
        {
            "title": f"Bench-project {n}",
            "slug": f"bench-project-{n}",
            "summary": "Een gegenereerd transformatieproject.",
            "number": n % 50 + 1,
            "status": rng.choice(statuses),
            "status_note": "",
            "region_id": rng.choice(regions).pk,
            "body": "[]",
        }
        for n in range(n_projects)
    ]
    project_ids = _child_pages(ProjectIndexPage.objects.get(), ProjectPage, project_rows)
    import datetime
    from decimal import Decimal

    with transaction.atomic():
        line_through = ProjectPage.action_lines.through
        line_through.objects.bulk_create(
            [line_through(projectpage_id=pid, actionline_id=rng.choice(action_lines).pk) for pid in project_ids]
        )
        kpis = Kpi.objects.bulk_create(
            [
                Kpi(
                    page_id=pid,
                    sort_order=i,
                    name=f"Indicator {i + 1}",
                    unit="jeugdigen",
                    direction="lower",
                    baseline_value=Decimal(100),
                    baseline_date=datetime.date(2018, 10, 1),
                    target_value=Decimal(50),
                    target_date=datetime.date(2021, 12, 31),
                    is_headline=i == 0,
                )
                for pid in project_ids
                for i in range(3)
            ]
        )
        Measurement.objects.bulk_create(
            [
                Measurement(
                    kpi_id=k.pk,
                    sort_order=q,
                    date=datetime.date(2019 + q // 4, q % 4 * 3 + 1, 1),
                    value=Decimal(100 - 4 * q - rng.randint(0, 5)),
                )
                for k in kpis
                for q in range(8)
            ],
            batch_size=2000,
        )
    t2 = time.perf_counter()
    return practice_ids, project_ids, t1 - t0, t2 - t1


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up (site root paths, template loading)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(round(0.95 * (len(timings) - 1))))]
    return statistics.median(timings), p95, len(context.captured_queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="sqlite:////tmp/kp_bench_knowledge.sqlite3")
    parser.add_argument("--practices", type=int, default=10_000)
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--requests", type=int, default=30, help="requests per URL (after one warm-up)")
    parser.add_argument("--keep", action="store_true", help="reuse the database instead of starting fresh")
    args = parser.parse_args()

    t = time.perf_counter()
    setup(args.database_url, fresh=not args.keep)
    print(f"database: {args.database_url} (migrate + load_demo {time.perf_counter() - t:.1f}s)")

    from django.test import Client

    from knowledge.models import BestPracticePage, CaseEvaluationPage, ProjectPage

    if not BestPracticePage.objects.filter(slug__startswith="bench-").exists():
        _, _, t_practices, t_projects = generate(args.practices, args.projects)
        print(
            f"generated {args.practices} practices in {t_practices:.1f}s, {args.projects} projects in {t_projects:.1f}s"
        )
    print(
        f"pages: {BestPracticePage.objects.count()} best practices, {ProjectPage.objects.count()} projects, "
        f"{CaseEvaluationPage.objects.count()} case evaluations"
    )

    client = Client()
    practice = BestPracticePage.objects.filter(slug__startswith="bench-").order_by("pk")[args.practices // 2]
    project = ProjectPage.objects.filter(slug__startswith="bench-").order_by("pk")[args.projects // 2]
    evaluation = CaseEvaluationPage.objects.live().first()
    filters = f"actielijn={practice.action_line.slug}&regio={practice.region.slug}&fase={practice.phase.slug}"
    urls = [
        ("finder, three filters", f"/goede-voorbeelden/?{filters}"),
        ("finder, no filters", "/goede-voorbeelden/"),
        ("best practice detail", practice.url),
        ("project index", "/projecten/"),
        (
            "project index, three filters",
            f"/projecten/?actielijn=meer-kinderen-zo-thuis-mogelijk&status=uitvoering&regio={project.region.slug}",
        ),
        ("project detail (3 KPIs × 8 measurements)", project.url),
        ("case evaluation index", "/casusevaluaties/"),
        ("case evaluation detail", evaluation.url),
    ]
    print()
    print(f"{'page':<44} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    print("-" * 74)
    for label, url in urls:
        median, p95, queries = measure(client, url, args.requests)
        print(f"{label:<44} {median:>10.1f} {p95:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
