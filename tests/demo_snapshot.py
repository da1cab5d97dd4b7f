"""A snapshot of the test database with the demo site, to restore after a transactional test flushed it.

Building the demo (`load_demo`) takes some 10,800 queries; a transactional test (django_db(transaction=True),
live_server) empties every table when it ends. Instead of rebuilding, the database is put back as it was right
after the first load, primary keys and sequences included:

- PostgreSQL: a template database `<test db>_demo` (CREATE DATABASE … TEMPLATE); a restore drops the test
  database and creates it again from the template.
- SQLite: the sqlite3 backup API, into a private in-memory database and back.
- Any other vendor: no snapshot (`take` returns None) and the caller rebuilds the demo as before.

Restoring replaces the database underneath every connection, so it needs the calling thread outside any
transaction; connections of other threads (live server, test threads) are closed or terminated.
"""

import sqlite3
import time
import warnings

from django.db import DEFAULT_DB_ALIAS, connections

POSTGRES_NAME_LIMIT = 63


def take(alias=DEFAULT_DB_ALIAS):
    """Snapshot the database as it is now; None when this backend has no snapshot (or taking one failed)."""
    connection = connections[alias]
    kinds = {"postgresql": PostgresSnapshot, "sqlite": SQLiteSnapshot}
    kind = kinds.get(connection.vendor)
    if kind is None:
        return None
    try:
        return kind.take(alias)
    except Exception as exc:  # noqa: BLE001 - no snapshot: the demo is rebuilt after each flush, as before
        warnings.warn(f"No snapshot of the demo database ({exc!r}): it is rebuilt after each flush.", stacklevel=2)
        return None


def _admin_params(connection):
    """The connection's parameters (host, user, password…) without the database, for psycopg.connect."""
    params = connection.get_connection_params()
    for key in ("dbname", "cursor_factory", "context", "prepare_threshold"):
        params.pop(key, None)
    return params


def postgres_database_exists(alias, name) -> bool:
    import psycopg

    params = _admin_params(connections[alias])
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def clear_caches():
    """Forget what the process remembers about rows that a restore replaced (primary keys included)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches

    ContentType.objects.clear_cache()
    for cache in caches.all(initialized_only=True):
        cache.clear()
    try:
        from wagtail.models import Site
    except ImportError:  # pragma: no cover - Wagtail is always installed here
        return
    clear_site_root_paths = getattr(Site, "clear_site_root_paths_cache", None)
    if clear_site_root_paths is not None:
        clear_site_root_paths()


class SQLiteSnapshot:
    """The whole database copied with the backup API into a private in-memory database."""

    def __init__(self, alias, copy):
        self.alias = alias
        self.copy = copy
        self.restores = 0
        self.seconds = 0.0

    @classmethod
    def take(cls, alias):
        connection = connections[alias]
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        # An in-memory destination needs the source's page size.
        page_size = connection.connection.execute("PRAGMA page_size").fetchone()[0]
        copy.execute(f"PRAGMA page_size = {int(page_size)}")
        connection.connection.backup(copy)
        return cls(alias, copy)

    @classmethod
    def from_file(cls, alias, path):
        """A snapshot read from a database file (tests/demo_template.py), to restore into this test database."""
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        with sqlite3.connect(path) as source:
            source.backup(copy)
        source.close()
        return cls(alias, copy)

    def restore(self):
        started = time.perf_counter()
        connection = connections[self.alias]
        connection.ensure_connection()
        if connection.in_atomic_block:
            raise RuntimeError("The demo snapshot cannot be restored inside a transaction.")
        # The in-memory test database lives as long as its one connection (shared with the live server's
        # threads): it is overwritten in place, never closed.
        self.copy.backup(connection.connection)
        clear_caches()
        self.restores += 1
        self.seconds += time.perf_counter() - started

    def drop(self):
        self.copy.close()


class PostgresSnapshot:
    """A template database next to the test database; a restore drops the test database and copies the template.

    Both statements need the database to themselves, so every session on it is ended first: Django's in this
    thread are closed, any other (a live-server or test thread) is terminated with pg_terminate_backend; a
    session that connects again in between is terminated too and the statement retried."""

    ATTEMPTS = 10
    # PostgreSQL 15+ copies a template through the WAL by default; with a small database a file copy (two
    # checkpoints) is as quick or quicker. Kept as the server's default unless set.
    STRATEGY = None

    def __init__(self, alias, name, template, params):
        self.alias = alias
        self.name = name
        self.template = template
        self.params = params
        self.version = None
        self.restores = 0
        self.seconds = 0.0

    @classmethod
    def take(cls, alias):
        import psycopg  # noqa: F401 - without psycopg 3 there is no snapshot

        name = connections[alias].settings_dict["NAME"]
        suffix = "_demo"
        snapshot = cls.from_template(alias, name[: POSTGRES_NAME_LIMIT - len(suffix)] + suffix)
        snapshot._create_template()
        return snapshot

    @classmethod
    def from_template(cls, alias, template):
        """A snapshot whose restore copies `template` (an existing database) over this test database."""
        connection = connections[alias]
        return cls(alias, connection.settings_dict["NAME"], template, _admin_params(connection))

    def _admin(self):
        """An autocommit psycopg connection to the maintenance database, outside Django."""
        import psycopg

        error = None
        for dbname in ("postgres", "template1"):
            try:
                admin = psycopg.connect(dbname=dbname, autocommit=True, **self.params)
            except psycopg.OperationalError as exc:
                error = exc
                continue
            self.version = admin.info.server_version
            return admin
        raise error

    def _sql(self, statement, *names):
        from psycopg import sql

        return sql.SQL(statement).format(*(sql.Identifier(name) for name in names))

    def _release(self, admin, database):
        """Close this thread's connections and end every other session on `database`."""
        connections.close_all()
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )

    def _execute(self, admin, statement, busy=None):
        """Run `statement`; while database `busy` still has sessions, end them and retry (PostgreSQL itself
        waits up to 5 s for the sessions to go before it reports the database as being accessed)."""
        import psycopg

        for attempt in range(self.ATTEMPTS):
            try:
                admin.execute(statement)
                return
            except psycopg.errors.ObjectInUse:
                if busy is None or attempt == self.ATTEMPTS - 1:
                    raise
                self._release(admin, busy)
                time.sleep(0.05 * (attempt + 1))

    def _drop(self, admin, database):
        # WITH (FORCE) (PostgreSQL 13+) ends the sessions that are left under the same lock.
        force = " WITH (FORCE)" if self.version >= 130000 else ""
        self._execute(admin, self._sql("DROP DATABASE IF EXISTS {}" + force, database), database)

    def _copy(self, admin, source, target, options=""):
        strategy = f" STRATEGY {self.STRATEGY}" if self.STRATEGY and self.version >= 150000 else ""
        self._execute(admin, self._sql("CREATE DATABASE {} TEMPLATE {}" + strategy + options, target, source), source)

    def _create_template(self):
        with self._admin() as admin:
            self._drop(admin, self.template)  # left over from an interrupted run
            self._release(admin, self.name)
            # Nobody may connect to the template: a session on it would make the next copy fail.
            self._copy(admin, self.name, self.template, " ALLOW_CONNECTIONS false")

    def restore(self):
        started = time.perf_counter()
        if connections[self.alias].in_atomic_block:
            raise RuntimeError("The demo snapshot cannot be restored inside a transaction.")
        with self._admin() as admin:
            self._release(admin, self.name)
            self._drop(admin, self.name)
            self._copy(admin, self.template, self.name)
        # Django connects again on its next query, to the restored database.
        clear_caches()
        self.restores += 1
        self.seconds += time.perf_counter() - started

    def drop(self):
        with self._admin() as admin:
            self._drop(admin, self.template)
