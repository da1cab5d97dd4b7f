"""Run work in threads that start at the same instant, each with its own database connection.

Used by the capacity tests (events, advisory). Only meaningful on PostgreSQL: SQLite serialises all writers
with one database lock, so there is no row lock to prove (`needs_postgres`).
"""

import threading

import pytest
from django.db import connection, connections

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Concurrency tests need PostgreSQL: SQLite serialises all writers with one database lock, so row "
    "locking cannot be exercised (run with DATABASE_URL=postgres://...).",
)


def run_simultaneously(count, work, *, timeout=120):
    """Call ``work(index)`` in ``count`` threads released together; returns (results, errors) per index."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, [None] * count

    def run(index):
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except Exception as exc:  # noqa: BLE001 - collected and asserted by the caller
            errors[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results, errors
