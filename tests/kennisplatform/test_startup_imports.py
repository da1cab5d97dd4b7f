"""What a gunicorn worker loads at start-up: heavy libraries needed on one path only stay out until that path runs.

Each check starts a fresh interpreter with production settings, imports the WSGI module as gunicorn does
(django.setup, URLconf, catalogues, base template) and reads `sys.modules`; memory per worker is issue 18.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The search engine clients (only with OPENSEARCH_URL or ELASTICSEARCH_URL) and the spreadsheet library (only for
# the editors' XLSX exports).
ENGINE_LIBRARIES = {"elasticsearch", "elastic_transport", "opensearchpy", "elasticsearch_dsl"}
ONE_PATH_LIBRARIES = ENGINE_LIBRARIES | {"openpyxl"}


def loaded_at_each_step(tmp_path, steps, **environ) -> dict[str, set[str]]:
    """Top-level packages in sys.modules after importing the WSGI app ("started"), then after each step in turn
    (name: Python code run in the started worker)."""
    script = (
        "import json, sys\n"
        "sys.path.insert(0, 'site')\n"
        "def snap(name):\n"
        "    print('LOADED ' + json.dumps([name, sorted({module.split('.')[0] for module in sys.modules})]))\n"
        "import kennisplatform.wsgi\n"
        "snap('started')\n" + "".join(f"{code}\nsnap({name!r})\n" for name, code in steps.items())
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
    lines = [line.removeprefix("LOADED ") for line in result.stdout.splitlines() if line.startswith("LOADED ")]
    return {name: set(packages) for name, packages in map(json.loads, lines)}


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    """One worker without an engine (a start costs some 2.7 s of CPU): what it loads at start, when an event page is
    served (events.views), with an .ics or a certificate, and when an editor asks for a spreadsheet, in that order."""
    return loaded_at_each_step(
        tmp_path_factory.mktemp("worker"),
        {
            "event page": "import events.views",
            "calendar and certificate": "from events import calendar, certificates",
            "spreadsheet": (
                "from home import exports\n"
                "data = exports.as_xlsx(headers=['Naam'], rows=[['=1+1']], title='Reacties')\n"
                "assert data[:2] == b'PK', data[:2]"
            ),
        },
    )


def test_a_worker_without_an_engine_starts_without_the_engine_clients_and_openpyxl(worker):
    started = worker["started"]

    assert "wagtail" in started and "search" in started  # the probe saw a started site
    assert started & ONE_PATH_LIBRARIES == set()


def test_the_export_loads_openpyxl_when_an_editor_asks_for_a_spreadsheet(worker):
    assert "openpyxl" not in worker["calendar and certificate"]  # nothing before the export loaded it
    assert "openpyxl" in worker["spreadsheet"]


def test_with_an_engine_configured_search_loads_its_client(tmp_path):
    steps = {"search": "from search.backends import get_backend\nprint(type(get_backend()).__name__)"}
    loaded = loaded_at_each_step(tmp_path, steps, OPENSEARCH_URL="http://127.0.0.1:9")

    assert "elasticsearch" in loaded["search"]  # elasticsearch-dsl builds the finder's queries for either engine


def test_a_worker_starts_without_wagtails_v3_api_which_the_site_does_not_serve(worker):
    # kennisplatform/wagtail_apps.py: Wagtail's images, documents, snippets, redirects and locales would import
    # django-ninja in their ready() to register on the unmounted v3 API.
    assert "wagtail" in worker["started"]
    assert "ninja" not in worker["started"]


def test_the_event_views_leave_the_calendar_and_pdf_libraries_to_the_files_that_need_them(worker):
    # Serving an event page imports events.views; icalendar and fpdf (with fontTools) only come with an .ics or a
    # certificate (some 25 MB per worker).
    heavy = {"icalendar", "fpdf", "fontTools"}
    assert worker["event page"] & heavy == set()
    assert heavy <= worker["calendar and certificate"]  # the files still have their libraries
