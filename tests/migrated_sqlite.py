"""The migrated SQLite test database as SQL (tests/migrated_sqlite.sql), loaded instead of running the migrations.

`migrate` of a new SQLite test database runs 232 migrations: some 40 s of one core, 85% of it Django rendering model
states, not SQL. The worker that builds the run's demo database (tests/demo_template.py) did that before any test
that uses the database could start. Like a Rails `schema.rb`, the file holds what `migrate` made, schema and rows
(Wagtail's root page, site, locales, groups, permissions and workflow, Django's content types and migration
records); loading it takes some 0.05 s.

It is used only while it is current: its first line records `migrated_database.fingerprint()` (every migration
file and Django's version). Otherwise the builder migrates as before, and
tests/kennisplatform/test_migrated_sqlite.py fails with the command that writes it again:

    .venv/bin/python -m tests.migrated_sqlite

That test also compares the file with the models' own tables and with the rows a real `migrate` wrote on
PostgreSQL. CI's PostgreSQL phase and the fault tests run on really migrated PostgreSQL databases.
"""

import sqlite3
import tempfile
from pathlib import Path

import django
from django.db import DEFAULT_DB_ALIAS, connections

from tests import demo_snapshot, migrated_database

SQL_FILE = Path(__file__).with_name("migrated_sqlite.sql")
HEADER = migrated_database.FINGERPRINT_HEADER
COMMAND = ".venv/bin/python -m tests.migrated_sqlite"


def recorded_fingerprint(path: Path = SQL_FILE) -> str | None:
    return migrated_database.recorded_fingerprint(path)


def is_current(path: Path = SQL_FILE) -> bool:
    return recorded_fingerprint(path) == migrated_database.fingerprint()


def connect(path: Path = SQL_FILE) -> sqlite3.Connection:
    """A private in-memory database holding the file's schema and rows."""
    database = sqlite3.connect(":memory:", check_same_thread=False)
    database.executescript(path.read_text())
    return database


class MigratedFile:
    """A new in-memory SQLite test database made from the file: created without migrations (TEST MIGRATE False: the
    models' tables, about a second), then the file's database copied over it with the backup API."""

    def __init__(self, alias: str, migrate):
        self.alias = alias
        self.migrate = migrate

    @classmethod
    def for_test_database(cls, alias: str = DEFAULT_DB_ALIAS) -> "MigratedFile | None":
        """Call before pytest-django creates the test database; None where it is migrated as before (another vendor,
        a file database of the settings' own, a file that is not current)."""
        connection = connections[alias]
        if connection.vendor != "sqlite" or not is_current():
            return None
        if not connection.creation.is_in_memory_db(connection.creation._get_test_db_name()):
            return None
        test_settings = connection.settings_dict["TEST"]
        made = cls(alias, test_settings.get("MIGRATE", True))
        test_settings["MIGRATE"] = False
        return made

    def load(self) -> None:
        connections[self.alias].settings_dict["TEST"]["MIGRATE"] = self.migrate
        demo_snapshot.SQLiteSnapshot(self.alias, connect()).restore()


def dump(database: sqlite3.Connection) -> str:
    """Schema and rows as SQL, in a fixed order: tables (a virtual table by its own statement, never its shadow
    tables, which it makes itself), then rows by rowid and the AUTOINCREMENT counters, then indexes and triggers."""
    objects = database.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type != 'table', rowid"
    ).fetchall()
    virtual = [name for kind, name, sql in objects if kind == "table" and sql.startswith("CREATE VIRTUAL TABLE")]
    tables = [
        name
        for kind, name, _ in objects
        if kind == "table" and not name.startswith("sqlite_") and not name.startswith(tuple(f"{v}_" for v in virtual))
    ]
    lines = [f"{sql};" for kind, name, sql in objects if kind == "table" and name in tables]
    for table in [*tables, "sqlite_sequence"]:
        if table in virtual:
            continue
        if table == "sqlite_sequence":  # the inserts above moved each AUTOINCREMENT counter: set them as they were
            lines.append("DELETE FROM sqlite_sequence;")
        columns = [row[1] for row in database.execute(f'PRAGMA table_info("{table}")')]
        values = " || ',' || ".join(f'quote("{column}")' for column in columns)
        for (row,) in database.execute(f'SELECT {values} FROM "{table}" ORDER BY rowid'):
            lines.append(f'INSERT INTO "{table}" VALUES({row});')
    lines += [f"{sql};" for kind, name, sql in objects if kind != "table" and name not in tables]
    return "\n".join(lines) + "\n"


def write(path: Path = SQL_FILE) -> None:
    """Migrate a new SQLite file under the test settings (as pytest-django migrates a test database), dump it."""
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "migrated.sqlite3"
        result = migrated_database.migrate(f"sqlite:///{database}")
        if result.returncode != 0:
            raise RuntimeError(f"migrate failed:\n{result.stdout}{result.stderr}")
        with sqlite3.connect(database) as source:
            text = dump(source)
        source.close()
    path.write_text(f"{HEADER}{migrated_database.fingerprint()}\n{text}")


if __name__ == "__main__":
    import os
    import sys

    sys.path.insert(0, str(migrated_database.ROOT / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.test")
    django.setup()
    write()
    print(f"{SQL_FILE.relative_to(migrated_database.ROOT)}: written")
