"""SQL statements compiled once per process, for queries that every request runs in the same shape.

Building a queryset and compiling it to SQL costs Django more than running it on the database for the small,
fixed queries of every page (the view-restricted sections; a signed-in user's groups and permissions, a UNION of
three parts). ``fetch`` compiles a statement on first use per process and database and runs that statement
afterwards; a value that differs per call (a user's id) is compiled as a placeholder number and put in its place
on each run. The rows come as the database driver gives them, without Django's converters: for text and integer
columns (a boolean may come back as 0/1 on SQLite).
"""

from django.db import DEFAULT_DB_ALIAS, connections

_statements: dict[tuple, tuple[str, tuple]] = {}


def fetch(name: str, build, *, values: dict[int, object] | None = None, using: str = DEFAULT_DB_ALIAS) -> list:
    """The rows of the queryset ``build()`` returns, compiled once under ``name``. ``values``: {placeholder: value}
    for the parameters ``build`` compiled in as placeholder numbers (numbers no row has)."""
    connection = connections[using]
    key = (name, connection.alias, connection.vendor, connection.settings_dict["NAME"])
    statement = _statements.get(key)
    if statement is None:
        sql, params = build().query.get_compiler(using=connection.alias).as_sql()
        statement = _statements[key] = (sql, tuple(params))
    sql, params = statement
    if values:
        params = [values.get(param, param) if type(param) is int else param for param in params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
