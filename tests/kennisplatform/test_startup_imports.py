"""What a gunicorn worker loads at start-up: heavy libraries needed on one path only stay out until that path runs.

Each check starts a fresh interpreter with production settings, imports the WSGI module as gunicorn does
(django.setup, URLconf, catalogues, base template) and reads `sys.modules`; memory per worker is issue 18.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The search engine clients (only with OPENSEARCH_URL or ELASTICSEARCH_URL) and the spreadsheet library (only for
# the editors' XLSX exports).
ENGINE_LIBRARIES = {"elasticsearch", "elastic_transport", "opensearchpy", "elasticsearch_dsl"}
ONE_PATH_LIBRARIES = ENGINE_LIBRARIES | {"openpyxl"}


def loaded_after_start(tmp_path, then="", **environ):
    """Top-level packages in sys.modules after importing the WSGI app, and after running `then` (Python code)."""
    script = (
        "import json, sys\n"
        "sys.path.insert(0, 'site')\n"
        "import kennisplatform.wsgi\n"
        "started = sorted({name.split('.')[0] for name in sys.modules})\n"
        f"{then}\n"
        "print('LOADED ' + json.dumps([started, sorted({name.split('.')[0] for name in sys.modules})]))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    for name in ("OPENSEARCH_URL", "ELASTICSEARCH_URL", "REDIS_URL"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="kennisplatform.settings.production",
        SECRET_KEY="a-long-random-production-secret-" + "q8Wm3" * 10,
        ALLOWED_HOSTS="kennisplatform.example.nl",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        EMAIL_URL="smtp://mail.example.nl:587/?tls=True",
        BASE_URL="https://kennisplatform.example.nl",
        **environ,
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("LOADED "))
    started, after = json.loads(line.removeprefix("LOADED "))
    return set(started), set(after)


def test_a_worker_without_an_engine_starts_without_the_engine_clients_and_openpyxl(tmp_path):
    started, _ = loaded_after_start(tmp_path)

    assert "wagtail" in started and "search" in started  # the probe saw a started site
    assert started & ONE_PATH_LIBRARIES == set()


def test_the_export_loads_openpyxl_when_an_editor_asks_for_a_spreadsheet(tmp_path):
    then = (
        "from home import exports\n"
        "data = exports.as_xlsx(headers=['Naam'], rows=[['=1+1']], title='Reacties')\n"
        "assert data[:2] == b'PK', data[:2]\n"
    )
    started, after = loaded_after_start(tmp_path, then=then)

    assert "openpyxl" not in started
    assert "openpyxl" in after


def test_with_an_engine_configured_search_loads_its_client(tmp_path):
    then = "from search.backends import get_backend\nprint(type(get_backend()).__name__)\n"
    _, after = loaded_after_start(tmp_path, then=then, OPENSEARCH_URL="http://127.0.0.1:9")

    assert "elasticsearch" in after  # elasticsearch-dsl builds the finder's queries for either engine


def test_a_worker_starts_without_wagtails_v3_api_which_the_site_does_not_serve(tmp_path):
    # kennisplatform/wagtail_apps.py: Wagtail's images, documents, snippets, redirects and locales would import
    # django-ninja in their ready() to register on the unmounted v3 API.
    started, _ = loaded_after_start(tmp_path)

    assert "wagtail" in started
    assert "ninja" not in started


def test_the_event_views_leave_the_calendar_and_pdf_libraries_to_the_files_that_need_them(tmp_path):
    # Serving an event page imports events.views; icalendar and fpdf (with fontTools) only come with an .ics or a
    # certificate (some 25 MB per worker). The assert runs in the started worker: a failure there fails the check.
    then = (
        "import events.views\n"
        "heavy = {'icalendar', 'fpdf', 'fontTools'} & set(sys.modules)\n"
        "assert not heavy, sorted(heavy)\n"
        "from events import calendar, certificates\n"
    )
    _, after = loaded_after_start(tmp_path, then=then)

    assert {"icalendar", "fpdf", "fontTools"} <= after  # the files still have their libraries
