"""One migrated, empty PostgreSQL database per run, copied (CREATE DATABASE … TEMPLATE) instead of migrated again.

`migrate` runs 245 migrations (85% of it Django rendering model states, not SQL): some 40 s of one core on a 2-core
CI machine, and CI ran it twice on PostgreSQL, for the fault tests' demo database (tests/reliability/conftest.py)
in its SQLite phase and for the suite's test database in its PostgreSQL phase. Now the first of the two to come
builds this database and both copy it:

- the fault tests' demo database is a copy of it with the demo loaded under production settings (`load_demo`
  gives the default Site BASE_URL's address, as their `migrate` did);
- the worker that builds the suite's demo (tests/demo_template.py) creates its test database as a copy of it, and
  its own `migrate` then finds nothing to apply.

It is loaded from tests/migrated_postgres.sql while that file is current (under a second), else migrated in a
subprocess under the test settings without BASE_URL, so it holds what pytest-django's own `migrate` of a test
database holds. Its name file records a fingerprint of every migration on disk: a database
migrated for other migrations is never used. It lives in `shared_dir()`: a run's shared temporary folder, dropped
when the run ends, or in CI the folder `KP_TEST_TEMPLATE_DIR`, which outlives one pytest run and which .ci/run
drops at its end.

tests/migrated_postgres.sql is that database as `pg_dump` writes it after a real `migrate`, schema and rows, as
tests/migrated_sqlite.sql is for SQLite; `psql` loads it in under a second. It is used only while it is current:
its first line records `fingerprint()`, every migration file of the project and of the installed
packages and Django's version, read without Django (the fault tests' prebuild asks before Django is set up).
Otherwise, or without `psql`, the database is migrated as before, and tests/kennisplatform/test_migrated_postgres.py
fails with the command that writes it again:

    .venv/bin/python -m tests.migrated_database

That test, in CI's PostgreSQL phase, also migrates a database for real and compares the two, schema and rows.
"""

import contextlib
import fcntl
import hashlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import psycopg

# CI (.ci/run) sets a folder that outlives one pytest run: its SQLite and PostgreSQL phases then share what is here.
SHARED_DIR_VARIABLE = "KP_TEST_TEMPLATE_DIR"
NAME_FILE = "migrated-database"

# The test suite's own PostgreSQL databases are named <prefix>_<random>[…]; on a shared machine each engineer (or CI
# job) can give a prefix of their own (KP_RELIABILITY_DB_PREFIX=kp_b_rel), so what is dropped is their own.
DB_PREFIX = os.environ.get("KP_RELIABILITY_DB_PREFIX", "kp_reliability")
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "postgres", "connect_timeout": 3}
ROOT = Path(__file__).resolve().parents[1]
APP_FOLDERS = ("site", "knowledge", "events", "search")


def shared_dir(tmp_path_factory) -> Path:
    """The folder that every xdist worker of the run shares (each worker's own temporary folder is one below it)."""
    if os.environ.get(SHARED_DIR_VARIABLE):
        return Path(os.environ[SHARED_DIR_VARIABLE])
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def pg_admin(sql: str) -> None:
    with psycopg.connect(**PG, autocommit=True) as conn:
        conn.execute(sql)


# The first line of tests/migrated_sqlite.sql and tests/migrated_postgres.sql: what they were written for.
FINGERPRINT_HEADER = "-- migrations fingerprint "


def recorded_fingerprint(path: Path) -> str | None:
    """The fingerprint on the first line of such a file, or None."""
    if not path.exists():
        return None
    with open(path) as file:
        first = file.readline().strip()
    return first.removeprefix(FINGERPRINT_HEADER) if first.startswith(FINGERPRINT_HEADER) else None


def published(directory: Path) -> str | None:
    """The name of the migrated database in `directory`, if there is one for these migrations on 127.0.0.1:5432."""
    name_file = directory / NAME_FILE
    if not name_file.exists():
        return None
    name, _, recorded = name_file.read_text().partition(" ")
    if recorded != fingerprint():
        return None
    try:
        with psycopg.connect(**PG, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    except psycopg.Error:
        return None
    return name if exists else None


def migrate(database_url: str) -> subprocess.CompletedProcess:
    """`manage.py migrate` of `database_url` in a subprocess, under the test settings and without the environment's
    services: what pytest-django's own `migrate` of a test database makes."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    for variable in ("BASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "OPENSEARCH_URL", "EMAIL_URL"):
        env.pop(variable, None)
    env.update(
        PYTHONPATH=f"{ROOT}:{ROOT / 'site'}",
        DJANGO_SETTINGS_MODULE="kennisplatform.settings.test",
        DATABASE_URL=database_url,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def ensure(directory: Path) -> str:
    """The migrated database's name: built here by the first process that asks, awaited by the others; loaded from
    SQL_FILE while that is current, else migrated."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / f"{NAME_FILE}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the others wait here until it is there
        name = published(directory)
        if name is not None:
            return name
        name = f"{DB_PREFIX}_{uuid.uuid4().hex[:8]}_migrated"
        pg_admin(f'CREATE DATABASE "{name}"')
        try:
            loaded = load_sql_file(name)  # tests/migrated_postgres.sql while it is current
        except subprocess.SubprocessError:
            pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            raise
        result = None if loaded else migrate(f"postgres://postgres@127.0.0.1:5432/{name}")
        if result is not None and result.returncode != 0:
            pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            raise RuntimeError(f"migrate of {name} failed:\n{result.stdout}{result.stderr}")
        (directory / NAME_FILE).write_text(f"{name} {fingerprint()}")
        return name


def drop_named(name_file: Path) -> None:
    """Drop the database whose name starts the file (this module's or the fault tests' demo template), and the
    file."""
    if name_file.exists():
        with contextlib.suppress(psycopg.Error):
            pg_admin(f'DROP DATABASE IF EXISTS "{name_file.read_text().partition(" ")[0]}" WITH (FORCE)')
        name_file.unlink()


def drop(directory: Path) -> None:
    drop_named(directory / NAME_FILE)


# The migrated database as SQL ---------------------------------------------------------------------------------

SQL_FILE = ROOT / "tests" / "migrated_postgres.sql"
SQL_FILE_COMMAND = ".venv/bin/python -m tests.migrated_database"
# pg_dump's lines that name its own and the server's version, and the random key of the \restrict guard that its
# recent releases write: not part of what the database holds, and they would change the file on every write.
TOOL_LINES = re.compile(r"^(-- Dumped (from database|by pg_dump) version .*|\\(un)?restrict \S+)\n", re.M)
CLIENT = ("-h", str(PG["host"]), "-p", str(PG["port"]), "-U", str(PG["user"]))


def fingerprint() -> str:
    """Django's version and every migration file, the project's and the installed packages', hashed: other
    migrations, another database. Not the packages' own versions: a package without migrations, installed on one
    machine only, would make the SQL files stale on every other. Without Django: the fault tests' prebuild process
    asks before setup. The one fingerprint of the migrated databases: the name file below and both SQL files."""
    digest = hashlib.sha256(importlib.metadata.version("Django").encode())
    files = [
        (str(path.relative_to(ROOT)), path) for top in APP_FOLDERS for path in (ROOT / top).glob("**/migrations/*.py")
    ]
    for distribution in importlib.metadata.distributions():
        for file in distribution.files or ():
            name = str(file)
            if "/migrations/" in name and name.endswith(".py"):
                files.append((name, Path(distribution.locate_file(file))))
    for name, path in sorted(files):
        digest.update(name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def sql_file_is_current(path: Path = SQL_FILE) -> bool:
    return recorded_fingerprint(path) == fingerprint()


def load_sql_file(name: str, path: Path = SQL_FILE) -> bool:
    """Load the file into the new, empty database `name`; False (nothing done) where it is not current or there is
    no `psql`, so the caller migrates."""
    if shutil.which("psql") is None or not sql_file_is_current(path):
        return False
    subprocess.run(
        ["psql", *CLIENT, "-d", name, "-q", "-v", "ON_ERROR_STOP=1", "-f", str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return True


def dump(name: str, *options: str) -> str:
    """Schema and rows of database `name` as plain SQL, without owners, privileges or the versions of the tools."""
    result = subprocess.run(
        ["pg_dump", *CLIENT, "--no-owner", "--no-privileges", "--no-comments", *options, "-d", name],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return TOOL_LINES.sub("", result.stdout)


def write_sql_file(path: Path = SQL_FILE) -> None:
    """Migrate a new PostgreSQL database under the test settings (as pytest-django migrates one), dump it."""
    name = f"{DB_PREFIX}_{uuid.uuid4().hex[:8]}_dump"
    pg_admin(f'CREATE DATABASE "{name}"')
    try:
        result = migrate(f"postgres://postgres@127.0.0.1:5432/{name}")
        if result.returncode != 0:
            raise RuntimeError(f"migrate failed:\n{result.stdout}{result.stderr}")
        text = dump(name)
    finally:
        pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False) as file:
        file.write(f"{FINGERPRINT_HEADER}{fingerprint()}\n{text}")
    Path(file.name).chmod(0o644)
    Path(file.name).replace(path)


if __name__ == "__main__":
    write_sql_file()
    print(f"{SQL_FILE.relative_to(ROOT)}: written")
