"""tests/migrated_sqlite.sql, which new SQLite test databases are made from instead of 232 migrations, is what
`migrate` makes: current for the migrations on disk, the models' own tables plus what migrations add in SQL, and
the rows `migrate` writes (compared with the run's migrated PostgreSQL database)."""

import datetime
import sqlite3

import psycopg
import pytest
from django.apps import apps
from django.db import connections

from tests import migrated_database, migrated_sqlite
from tests.services import service_missing

# What migrations make of their own, beside the models' tables: the migration records, the triggers that fill
# Wagtail's full-text table (wagtailsearch 0006) and the url_path index (home 0007).
MADE_BY_MIGRATIONS_ONLY = {
    ("table", "django_migrations"),
    ("trigger", "insert_wagtailsearch_indexentry_fts"),
    ("trigger", "update_wagtailsearch_indexentry_fts"),
    ("trigger", "delete_wagtailsearch_indexentry_fts"),
    ("index", "home_page_url_path_idx"),
}
# A model whose table the migrations make otherwise: Wagtail's full-text entry, an FTS5 virtual table (which a
# database made from the models alone lacks, so its search would find nothing).
MADE_OTHERWISE_BY_MIGRATIONS = {("table", "wagtailsearch_indexentry_fts")}
# Made anew by every `migrate`: Wagtail's translation keys (a random UUID per page), when a migration was applied.
NOT_COMPARED = {"translation_key", "applied"}
SQLITE_ONLY_MODEL = "'sqliteftsindexentry'"


def test_the_file_is_current_for_the_migrations_on_disk():
    assert migrated_sqlite.recorded_fingerprint() == migrated_database.fingerprint(), (
        f"tests/migrated_sqlite.sql was written for other migrations or packages: run `{migrated_sqlite.COMMAND}` "
        "and commit it (until then every run migrates its SQLite test database, some 40 s)"
    )


def test_the_file_reads_back_into_the_same_database():
    body = migrated_sqlite.SQL_FILE.read_text().partition("\n")[2]
    assert migrated_sqlite.dump(migrated_sqlite.connect()) == body


def _schema(database: sqlite3.Connection) -> dict:
    """Every table's columns, indexes and foreign keys, and every other object, as comparable values."""
    schema = {}
    objects = database.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL")
    for kind, name, table, sql in objects.fetchall():
        if kind != "table":
            schema[(kind, name)] = (table, sql)  # an index: its table, columns and uniqueness
            continue
        columns = sorted(tuple(row[1:]) for row in database.execute(f'PRAGMA table_info("{name}")'))
        foreign_keys = sorted(tuple(row[2:5]) for row in database.execute(f'PRAGMA foreign_key_list("{name}")'))
        schema[(kind, name)] = (columns, foreign_keys)
    return schema


def _models_database() -> sqlite3.Connection:
    """The tables Django makes from the models themselves (as `migrate --run-syncdb` does), in memory."""
    alias = "models_schema"
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:", "OPTIONS": {}}
    connections.settings[alias] = {**connections["default"].settings_dict, **sqlite}
    try:
        wrapper = connections[alias]
        with wrapper.schema_editor() as editor:
            for model in apps.get_models():
                if model._meta.managed and not model._meta.proxy and not model._meta.swapped:
                    editor.create_model(model)
        copy = sqlite3.connect(":memory:")
        wrapper.connection.backup(copy)
        wrapper.close()
    finally:
        del connections[alias]
        del connections.settings[alias]
    return copy


@pytest.mark.skipif(
    connections["default"].vendor != "sqlite",
    reason="the models' indexes differ per vendor (GIN on PostgreSQL): compared where the suite runs on SQLite",
)
def test_the_files_schema_is_the_models_tables_and_what_migrations_add_in_sql(django_db_blocker):
    from_file = _schema(migrated_sqlite.connect())
    with django_db_blocker.unblock():  # a database of its own, in memory
        from_models = _schema(_models_database())
    shadow = {key for key in from_file if key[0] == "table" and key[1].startswith("wagtailsearch_indexentry_fts_")}
    assert set(from_file) - set(from_models) - shadow == MADE_BY_MIGRATIONS_ONLY
    assert set(from_models) - set(from_file) == set()
    differing = {key for key in from_models if from_file[key] != from_models[key]}
    assert differing == MADE_OTHERWISE_BY_MIGRATIONS, {key: (from_file[key], from_models[key]) for key in differing}


def _normal(value):
    """A PostgreSQL value as SQLite stores it."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    return value


def _natural_rows(query, columns: dict, foreign_keys: dict) -> dict:
    """Each table's rows without ids: a foreign key is replaced by the row it refers to, itself without ids. Ids
    differ between vendors for the same rows (SQLite has a model of its own, the full-text entry, so its content
    types and permissions after it are numbered one further), and a join row's id is only the order of its insert."""
    fetched = {}
    for table, kept in columns.items():
        select = ", ".join(f'"{column}"' for column in kept)
        rows = query(f'SELECT {select} FROM "{table}"')
        fetched[table] = (kept, [tuple(_normal(value) for value in row) for row in rows])

    def natural(table, row, depth=0):
        columns, _ = fetched[table]
        values = []
        for column, value in zip(columns, row, strict=True):
            if column == "id":
                continue
            target = foreign_keys.get((table, column))
            if target is not None and value is not None and depth < 3:
                target_table, target_column = target
                key = fetched[target_table][0].index(target_column)
                referred = next(other for other in fetched[target_table][1] if other[key] == value)
                value = natural(target_table, referred, depth + 1)
            values.append(value)
        return tuple(values)

    return {table: sorted((natural(table, row) for row in rows), key=repr) for table, (_, rows) in fetched.items()}


@pytest.fixture
def migrated_postgres_database(tmp_path_factory) -> str:
    """The run's migrated PostgreSQL database (tests/migrated_database.py), which the fault tests' demo and CI's
    PostgreSQL phase are copied from; tests/conftest.py runs the tests that wait for it after its build."""
    try:
        return migrated_database.ensure(migrated_database.shared_dir(tmp_path_factory))
    except psycopg.OperationalError as exc:
        service_missing(f"no PostgreSQL on 127.0.0.1:5432 to migrate ({exc})")


def test_the_files_rows_are_the_rows_a_real_migrate_writes_on_postgresql(migrated_postgres_database):
    """The run's migrated PostgreSQL database against the file, row by row: loaded from tests/migrated_postgres.sql,
    which test_migrated_postgres.py compares with a real `migrate` in CI's PostgreSQL phase (else migrated)."""
    from_file = migrated_sqlite.connect()
    tables = [
        table
        for (table,) in from_file.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL")
        if not table.startswith(("sqlite_", "wagtailsearch_indexentry_fts"))
    ]
    columns = {
        table: [
            column
            for (column,) in from_file.execute(f"SELECT name FROM pragma_table_info('{table}')")
            if column not in NOT_COMPARED
        ]
        for table in tables
    }
    foreign_keys = {  # (table, column): (the table and column it refers to)
        (table, key[3]): (key[2], key[4])
        for table in tables
        for key in from_file.execute(f'PRAGMA foreign_key_list("{table}")')
    }
    with psycopg.connect(**{**migrated_database.PG, "dbname": migrated_postgres_database}) as migrated:
        expected = _natural_rows(lambda sql: migrated.execute(sql).fetchall(), columns, foreign_keys)
    found = _natural_rows(lambda sql: from_file.execute(sql).fetchall(), columns, foreign_keys)
    # SQLite's own model, the full-text entry: its content type and its four permissions.
    only_sqlite = {table: [row for row in rows if SQLITE_ONLY_MODEL in repr(row)] for table, rows in found.items()}
    assert {table: len(rows) for table, rows in only_sqlite.items() if rows} == {
        "django_content_type": 1,
        "auth_permission": 4,
    }
    found = {table: [row for row in rows if SQLITE_ONLY_MODEL not in repr(row)] for table, rows in found.items()}
    differing = {
        table: {"file only": set(rows) - set(expected[table]), "migrate only": set(expected[table]) - set(rows)}
        for table, rows in found.items()
        if rows != expected[table]
    }
    assert differing == {}
    assert sum(map(len, found.values())) > 800  # content types, permissions, migration records, Wagtail's own rows
