from django.core.management.base import BaseCommand

from home import outbox
from home.tasks import requeue_stale_tasks


class Command(BaseCommand):
    help = (
        "Vangnet (cron, bijv. elk kwartier): zet taken van een gestopte werker opnieuw in de wachtrij en levert "
        "wachtende e-mails af waarvan de taak verloren ging."
    )

    def handle(self, *args, **options):
        requeued = requeue_stale_tasks()
        if requeued:
            self.stdout.write(f"{requeued} taak/taken van een gestopte werker opnieuw in de wachtrij.")
        results = outbox.deliver_due()
        forgotten = outbox.forget_delivered()
        summary = ", ".join(f"{state}: {count}" for state, count in sorted(results.items())) or "niets te doen"
        self.stdout.write(f"{summary}; {forgotten} oude verzonden e-mails verwijderd.")
