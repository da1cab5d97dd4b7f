"""Background tasks of the foundation: the worker heartbeat (and e-mail delivery, home/outbox.py)."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, default_task_backend, task

from . import outbox

logger = logging.getLogger("kennisplatform.tasks")

# The heartbeat runs about this often while a worker is running; /health/ and the admin warn after WORKER_STALE.
HEARTBEAT_SECONDS = 60
HEARTBEAT_TASK = "home.tasks.worker_heartbeat"
KEEP_HEARTBEATS = datetime.timedelta(hours=1)


def heartbeats_supported() -> bool:
    """Only a queue with a separate worker (django_tasks_db) has a worker to watch; the immediate backend has none."""
    return getattr(default_task_backend, "supports_defer", False)


def schedule_heartbeat(*, delay: int = HEARTBEAT_SECONDS) -> None:
    """Queue the next heartbeat unless one is already waiting (one chain, however often this is called)."""
    if not heartbeats_supported():
        return
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(task_path=HEARTBEAT_TASK, status=TaskResultStatus.READY).exists():
        return
    worker_heartbeat.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue()


@task()
def worker_heartbeat() -> str:
    """Proves a worker runs (its finished_at is the heartbeat), queues the next one and forgets old ones; runs the
    tasks of a worker that was killed again."""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    DBTaskResult.objects.finished().filter(task_path=HEARTBEAT_TASK, finished_at__lt=now - KEEP_HEARTBEATS).delete()
    requeue_stale_tasks(now=now)
    schedule_heartbeat()
    return now.isoformat()


def requeue_stale_tasks(*, now=None) -> int:
    """Put tasks back in the queue that have been "running" longer than TASK_STALE_SECONDS: their worker was killed
    mid-task (SIGKILL, out of memory, a host reboot) and django_tasks_db never runs a claimed task again. Every task
    here takes seconds and is safe to run again: e-mail delivery claims its message and records `sent_at`, and the
    e-mails a task stores carry its id (`OutgoingEmail.task_key`), so a second run stores none of them again
    (home/outbox.py)."""
    if not heartbeats_supported():
        return 0
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    stale = DBTaskResult.objects.running().filter(
        started_at__lt=now - datetime.timedelta(seconds=settings.TASK_STALE_SECONDS)
    )
    count = stale.update(status=TaskResultStatus.READY, run_after=now, started_at=None)
    if count:
        logger.warning("%s taak/taken van een gestopte werker opnieuw in de wachtrij gezet.", count)
    return count


def last_worker_activity():
    """When a worker last finished any task (the heartbeat included); None if never."""
    from django_tasks_db.models import DBTaskResult

    return (
        DBTaskResult.objects.exclude(finished_at=None)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )


@task()
def deliver_email(*, email_id: int) -> str:
    """Hand one stored e-mail to the mail server; on failure it queues its own retry (home/outbox.py)."""
    result = outbox.deliver(email_id)
    outbox.forget_delivered()
    return result
