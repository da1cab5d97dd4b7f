"""A task that is run again after its worker was killed stores each of its e-mails once.

The worker (`db_worker --batch`, the database task backend) runs the password-reset task, which stores its e-mail
in the outbox and commits. A worker killed right after that, before it recorded the task as finished, leaves the
task "running"; `requeue_stale_tasks` puts it back and the next worker runs it again. The real SMTP server of
test_outbox.py receives one reset mail, not two.
"""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.tasks import send_password_reset
from home.models import OutgoingEmail
from home.tasks import requeue_stale_tasks
from tests.factories.accounts import UserFactory

from .test_outbox import Handler, smtp  # noqa: F401  (the fixture: aiosmtpd on a free port)

# The worker closes its database connection between tasks, as a real one does: no test transaction around it.
pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _run_worker():
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)


def test_a_password_reset_task_run_again_sends_one_mail(demo_site, smtp):  # noqa: F811
    user = UserFactory(email="herstel.taak@voorbeeld.example")
    user.set_password("oud-wachtwoord-123")
    user.save()
    with override_settings(TASKS=DATABASE_TASKS):
        send_password_reset.enqueue(user_id=user.pk)
        _run_worker()
        task = DBTaskResult.objects.get(task_path="accounts.tasks.send_password_reset")
        assert task.status == "SUCCESSFUL"
        assert OutgoingEmail.objects.filter(recipients=[user.email]).count() == 1
        assert len([e for e in smtp.received if user.email in e.rcpt_tos]) == 1

        # What a worker killed after the commit and before recording the result leaves behind.
        DBTaskResult.objects.filter(pk=task.pk).update(
            status="RUNNING", finished_at=None, started_at=timezone.now() - datetime.timedelta(hours=1)
        )
        assert requeue_stale_tasks() == 1
        _run_worker()
        task.refresh_from_db()
        assert task.status == "SUCCESSFUL" and len(task.worker_ids) == 2  # it really ran a second time

    assert OutgoingEmail.objects.filter(recipients=[user.email]).count() == 1
    assert len([e for e in smtp.received if user.email in e.rcpt_tos]) == 1
