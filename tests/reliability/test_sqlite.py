"""SQLite under real use: parallel writer processes on one file, through the Django ORM, with our settings.

Four processes (multiprocessing, spawn: each its own Django and connection) each run 150 transactions that read a
shared counter, write it back incremented and insert a row, on a temporary SQLite file migrated for the test. With
WAL, IMMEDIATE transactions and a busy timeout (settings/base.py) none may fail with "database is locked" and no
increment may be lost.
"""

import multiprocessing

import pytest
from django.utils import timezone

from .conftest import base_env, manage
from .sqlite_writer import write

# Its processes run on a database of their own, whatever the suite's DATABASE_URL (.ci/run runs it once).
pytestmark = pytest.mark.own_database

WRITERS = 4
TRANSACTIONS = 150


def _prepare(path):
    env = base_env(DJANGO_SETTINGS_MODULE="kennisplatform.settings.test", DATABASE_URL=f"sqlite:///{path}")
    manage("migrate", "sessions", "--noinput", "-v0", env=env)
    import sqlite3

    with sqlite3.connect(path) as db:
        db.execute(
            "INSERT INTO django_session (session_key, session_data, expire_date) VALUES ('counter', '0', ?)",
            (timezone.now().isoformat(),),
        )


def test_parallel_writer_processes_never_see_database_is_locked_and_lose_nothing(tmp_path):
    path = tmp_path / "db.sqlite3"
    _prepare(path)

    with multiprocessing.get_context("spawn").Pool(WRITERS) as pool:
        results = pool.starmap(write, [(str(path), w, TRANSACTIONS) for w in range(WRITERS)])

    assert [r["errors"] for r in results] == [[]] * WRITERS
    assert sum(r["locked"] for r in results) == 0
    assert sum(r["committed"] for r in results) == WRITERS * TRANSACTIONS
    assert {r["journal_mode"] for r in results} == {"wal"}
    import sqlite3

    with sqlite3.connect(path) as db:
        counter = db.execute("SELECT session_data FROM django_session WHERE session_key = 'counter'").fetchone()[0]
        rows = db.execute("SELECT count(*) FROM django_session WHERE session_key LIKE 'w%'").fetchone()[0]
    assert int(counter) == WRITERS * TRANSACTIONS  # no lost update
    assert rows == WRITERS * TRANSACTIONS
