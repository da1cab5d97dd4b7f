"""tests/migrated_postgres.sql, which the run's migrated PostgreSQL database is loaded from instead of 245
migrations, is current for the migrations on disk and is what a real `migrate` makes: schema and rows."""

import uuid

import psycopg
import pytest
from django.db import connections

from tests import migrated_database

# Made anew by every `migrate`: Wagtail's translation keys (a random UUID per page), when a migration was applied.
NOT_COMPARED = {"translation_key", "applied"}


def test_the_file_is_current_for_the_migrations_on_disk():
    assert migrated_database.recorded_fingerprint(migrated_database.SQL_FILE) == migrated_database.fingerprint(), (
        f"tests/migrated_postgres.sql was written for other migrations: run `{migrated_database.SQL_FILE_COMMAND}` "
        "and commit it (until then every run migrates its PostgreSQL databases, some 24 s each)"
    )


def _rows(name: str) -> dict:
    """Each table's rows, without the columns every migrate fills anew, in a fixed order."""
    with psycopg.connect(**{**migrated_database.PG, "dbname": name}) as conn:
        tables = [
            table
            for (table,) in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                "AND table_type = 'BASE TABLE' ORDER BY table_name"
            )
        ]
        rows = {}
        for table in tables:
            columns = [
                column
                for (column,) in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
                    "AND table_name = %s ORDER BY ordinal_position",
                    [table],
                )
                if column not in NOT_COMPARED
            ]
            select = ", ".join(f'"{column}"' for column in columns)
            order = ", ".join(str(position) for position in range(1, len(columns) + 1))
            rows[table] = conn.execute(f'SELECT {select} FROM "{table}" ORDER BY {order}').fetchall()
    return rows


@pytest.mark.skipif(
    connections["default"].vendor != "postgresql",
    reason="a real migrate on PostgreSQL (some 24 s): CI's PostgreSQL phase (DATABASE_URL=postgres://…) runs it",
)
def test_the_file_loads_into_what_a_real_migrate_makes(tmp_path):
    """Schema: the database loaded from the file against a real migrate's dump loaded the same way (PostgreSQL
    writes a CHECK back otherwise than a migration wrote it, so both go through one dump and load). Rows: the
    loaded database against the real one."""
    names = {kind: f"{migrated_database.DB_PREFIX}_{uuid.uuid4().hex[:8]}_{kind}" for kind in ("file", "real", "again")}
    try:
        for name in names.values():
            migrated_database.pg_admin(f'CREATE DATABASE "{name}"')
        assert migrated_database.load_sql_file(names["file"]), "the file is not current, or psql is missing"
        result = migrated_database.migrate(f"postgres://postgres@127.0.0.1:5432/{names['real']}")
        assert result.returncode == 0, result.stdout + result.stderr
        real_dump = tmp_path / "real.sql"
        real_dump.write_text(
            f"{migrated_database.FINGERPRINT_HEADER}{migrated_database.fingerprint()}\n"
            + migrated_database.dump(names["real"])
        )
        assert migrated_database.load_sql_file(names["again"], real_dump)

        from_file = migrated_database.dump(names["file"], "--schema-only")
        assert "CREATE TABLE public.wagtailcore_page" in from_file
        assert from_file == migrated_database.dump(names["again"], "--schema-only")

        from_file_rows = _rows(names["file"])
        assert len(from_file_rows["django_migrations"]) > 200 and from_file_rows["wagtailcore_page"]
        assert from_file_rows == _rows(names["real"]), f"run `{migrated_database.SQL_FILE_COMMAND}` and commit it"
    finally:
        for name in names.values():
            migrated_database.pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
