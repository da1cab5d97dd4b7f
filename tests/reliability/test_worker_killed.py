"""A task worker killed mid-task: the task is run again by the next worker and its effect happens once.

Real processes: the task worker (`manage.py db_worker`) with production settings on its own PostgreSQL database,
and a real SMTP server (aiosmtpd) that holds the first delivery in the middle of the DATA phase, so the worker is
killed (SIGKILL) while it is handing the message over. The task stays "running" in django_tasks_db, which never
runs a claimed task again; `home.tasks.requeue_stale_tasks` (heartbeat and cron) puts it back, the next worker
delivers, and the mail server receives the message exactly once.
"""

import asyncio
import threading
import time

import pytest

from .conftest import free_port, manage, pg_query, production_env, worker

# Its processes run on a database of their own, whatever the suite's DATABASE_URL (.ci/run runs it once).
pytestmark = pytest.mark.own_database

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd is not installed (requirements.txt)")

ADDRESS = "werker-test@voorbeeld.example"
SEND = (
    "from django.core.mail import send_mail; "
    f"send_mail('Herinnering kennisatelier', 'Tot morgen.', None, ['{ADDRESS}'])"
)


class StallingHandler:
    """Holds the first delivery of the test's message in DATA (the worker waits for the answer); accepts the rest
    (the demo database has e-mails of its own waiting too)."""

    def __init__(self):
        self.stalled = threading.Event()
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        if ADDRESS in envelope.rcpt_tos and not self.stalled.is_set():
            self.stalled.set()
            await asyncio.sleep(30)  # the worker is killed meanwhile; this answer never reaches anyone
            return "451 4.3.0 Te laat"
        self.received.append(envelope)
        return "250 OK"


def _wait(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, message()
        time.sleep(0.2)


def _mine(database):
    return pg_query(
        database,
        "SELECT id, attempts, sent_at, claimed_until FROM home_outgoingemail WHERE recipients::text LIKE %s",
        f"%{ADDRESS}%",
    )


def _delivery_tasks(database, email_id):
    return pg_query(
        database,
        "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path = 'home.tasks.deliver_email' "
        "AND args_kwargs::text LIKE %s",
        f'%"email_id": {email_id}%',
    )


def test_a_delivery_interrupted_by_a_killed_worker_is_run_again_and_arrives_once(demo_database, tmp_path):
    smtp_port = free_port()
    handler = StallingHandler()
    controller = aiosmtpd_controller.Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    env = production_env(
        f"postgres://postgres@127.0.0.1:5432/{demo_database}",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}/",
        EMAIL_CLAIM_SECONDS="2",
        TASK_STALE_SECONDS="2",
    )
    first = second = None
    try:
        manage("shell", "-c", SEND, env=env)
        ((email_id, attempts, sent_at, _claim),) = _mine(demo_database)
        assert attempts == 0 and sent_at is None

        first = worker(env, tmp_path / "worker1.log").start()
        assert handler.stalled.wait(60), first.output()[-3000:]
        first.kill()  # SIGKILL in the middle of the SMTP conversation

        ((_id, attempts, sent_at, claimed_until),) = _mine(demo_database)
        assert sent_at is None and claimed_until is not None
        assert _delivery_tasks(demo_database, email_id) == [("RUNNING",)]  # django_tasks_db will not run it again

        second = worker(env, tmp_path / "worker2.log").start()
        time.sleep(3)  # past TASK_STALE_SECONDS and the message's claim
        assert _delivery_tasks(demo_database, email_id) == [("RUNNING",)]  # nothing picked it up by itself
        result = manage(
            "shell", "-c", "from home.tasks import requeue_stale_tasks; print(requeue_stale_tasks())", env=env
        )
        # Ours, and any other task an earlier test's killed worker left running on this shared database.
        assert int(result.stdout.strip().splitlines()[-1]) >= 1

        _wait(lambda: _mine(demo_database)[0][2] is not None, 60, lambda: second.output()[-3000:])
        _wait(
            lambda: _delivery_tasks(demo_database, email_id) == [("SUCCESSFUL",)], 30, lambda: second.output()[-3000:]
        )
        # The safety net finds nothing left to do; nothing is sent again.
        cron = manage("deliver_queued_email", env=env)
        assert "niets te doen" in cron.stdout
        time.sleep(2)
    finally:
        for process in (first, second):
            if process:
                process.kill()
        controller.stop()

    assert [envelope.rcpt_tos for envelope in handler.received if ADDRESS in envelope.rcpt_tos] == [[ADDRESS]]
    ((_id, attempts, sent_at, _claim),) = _mine(demo_database)
    assert sent_at is not None and attempts == 1
