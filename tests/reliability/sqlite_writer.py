"""One writer process for tests/reliability/test_sqlite.py (run through multiprocessing "spawn").

Nothing Django at import time: the process sets DATABASE_URL first, then starts Django with the settings under
test, so the connection gets exactly the OPTIONS of settings/base.py for SQLite.
"""

import os


def write(database_path: str, writer: int, transactions: int, transaction_mode: str | None = None) -> dict:
    os.environ["DATABASE_URL"] = f"sqlite:///{database_path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "kennisplatform.settings.test"
    import django

    django.setup()
    from django.contrib.sessions.models import Session
    from django.db import OperationalError, connection, transaction
    from django.utils import timezone

    if transaction_mode is not None:  # the measurement without our settings (docs/deploy.md), never in the suite
        connection.settings_dict["OPTIONS"] = {"transaction_mode": transaction_mode, "timeout": 5}
    result = {"committed": 0, "locked": 0, "errors": []}
    for n in range(transactions):
        try:
            # Read, then write: the pattern of every service (count places, then register).
            with transaction.atomic():
                counter = Session.objects.get(session_key="counter")
                counter.session_data = str(int(counter.session_data) + 1)
                counter.save(update_fields=["session_data"])
                Session.objects.create(session_key=f"w{writer}-{n}", session_data="x", expire_date=timezone.now())
            result["committed"] += 1
        except OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                result["locked"] += 1
            else:
                result["errors"].append(str(error))
    with connection.cursor() as cursor:
        result["journal_mode"] = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    return result
