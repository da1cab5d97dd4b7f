"""The demo test database built once per run and copied into each xdist worker, instead of built by every worker.

A worker's test database took 245 migrations (some 22 s of one core, 85% of it Django rendering model states, not
SQL) and then load_demo (8 s). The workers of a 2-core run did both at the same moment, beside the fault tests'
own template build (tests/reliability/prebuild.py): about 60 s before the first test. Now the first worker to take
the lock builds its database as before and publishes it with its demo media; every other worker creates its test
database without migrations (syncdb, about a second) and copies the published one over it, primary keys, sequences
and migration records included:

- SQLite: the sqlite3 backup API, from a file in the run's shared folder into the worker's in-memory database;
- PostgreSQL: CREATE DATABASE … TEMPLATE the builder's demo snapshot (tests/demo_snapshot.py).

Not used without xdist (one process builds once anyway), on other vendors, or for a test database that --reuse-db
keeps (CI's engine phase): those start as before. If the builder fails, the lock is released when its session ends
and the next worker builds its own database.
"""

import fcntl
import shutil
import sqlite3
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from tests import demo_snapshot, migrated_database

LOCK = "demo-template.lock"
SQLITE_FILE = "demo-template.sqlite3"
POSTGRES_NAME = "demo-template.postgres"  # holds the name of the builder's snapshot database
MEDIA = "demo-template-media"


class RunTemplate:
    """One worker's side of the run's demo template: it either builds and publishes it, or copies it."""

    def __init__(self, shared_dir: Path, alias: str, lock):
        self.shared_dir = shared_dir
        self.alias = alias
        self.lock = lock
        self.vendor = connections[alias].vendor
        self.published = self._published_name() is not None
        self.building = not self.published
        self.migrate = None

    @classmethod
    def for_worker(cls, shared_dir: Path, keepdb: bool, migrated_dir: Path, alias=DEFAULT_DB_ALIAS):
        """Wait for the builder (or become it); None where a template is no use (see the module's docstring).
        The builder on PostgreSQL starts from the run's migrated database where there is one (CI's PostgreSQL
        phase finds the one its SQLite phase built, tests/migrated_database.py): its migrate has nothing to do."""
        connection = connections[alias]
        if connection.vendor not in ("sqlite", "postgresql") or (keepdb and _test_database_exists(alias)):
            return None
        if connection.vendor == "sqlite" and not connection.creation.is_in_memory_db(
            connection.creation._get_test_db_name()
        ):
            return None  # a file database of the settings' own: built as before
        shared_dir.mkdir(parents=True, exist_ok=True)
        lock = open(shared_dir / LOCK, "w")  # noqa: SIM115 - held until the template is published or copied
        fcntl.flock(lock, fcntl.LOCK_EX)  # a worker that comes second waits here while the first one builds
        template = cls(shared_dir, alias, lock)
        if template.published:
            template.release()  # what is published is never written again: copying it needs no lock
            # Tables only: the copy replaces them, so running the migrations first would be wasted.
            template.migrate = connection.settings_dict["TEST"].get("MIGRATE", True)
            connection.settings_dict["TEST"]["MIGRATE"] = False
        elif connection.vendor == "postgresql":
            migrated = migrated_database.published(migrated_dir)
            if migrated and demo_snapshot.postgres_database_exists(alias, migrated):  # this suite's server's
                connection.settings_dict["TEST"]["TEMPLATE"] = migrated
        return template

    def _published_name(self):
        if self.vendor == "sqlite":
            path = self.shared_dir / SQLITE_FILE
            return path if path.exists() else None
        name_file = self.shared_dir / POSTGRES_NAME
        if not name_file.exists():
            return None
        name = name_file.read_text()
        # The builder drops its snapshot when its session ends: a worker that (re)starts after that builds its own.
        return name if demo_snapshot.postgres_database_exists(self.alias, name) else None

    def copy_into_this_worker(self):
        """Replace this worker's (freshly synced, empty) test database and demo media with the published ones."""
        connections[self.alias].settings_dict["TEST"]["MIGRATE"] = self.migrate
        _copy_tree(self.shared_dir / MEDIA, Path(settings.MEDIA_ROOT))
        if self.vendor == "sqlite":
            demo_snapshot.SQLiteSnapshot.from_file(self.alias, self._published_name()).restore()
        else:
            demo_snapshot.PostgresSnapshot.from_template(self.alias, self._published_name()).restore()

    def publish(self, snapshot):
        """Offer this worker's demo database (taken as `snapshot` right after the demo load) to the others."""
        _copy_tree(Path(settings.MEDIA_ROOT), self.shared_dir / MEDIA)
        if self.vendor == "sqlite":
            partial = self.shared_dir / f"{SQLITE_FILE}.partial"
            with sqlite3.connect(partial) as target:
                snapshot.copy.backup(target)
            target.close()
            partial.replace(self.shared_dir / SQLITE_FILE)
        else:
            (self.shared_dir / POSTGRES_NAME).write_text(snapshot.template)
        self.building = False
        self.release()

    def release(self):
        if not self.lock.closed:
            self.lock.close()  # closing the file releases the flock


def _copy_tree(source: Path, target: Path):
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)


def _test_database_exists(alias) -> bool:
    connection = connections[alias]
    name = connection.creation._get_test_db_name()
    if connection.vendor == "sqlite":
        return not connection.creation.is_in_memory_db(name) and Path(name).exists()
    return demo_snapshot.postgres_database_exists(alias, name)
