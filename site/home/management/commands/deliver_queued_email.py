from django.core.management.base import BaseCommand

from home import outbox


class Command(BaseCommand):
    help = "Levert wachtende e-mails af waarvan de taak verloren ging (vangnet; cron, bijv. elk kwartier)."

    def handle(self, *args, **options):
        results = outbox.deliver_due()
        forgotten = outbox.forget_delivered()
        summary = ", ".join(f"{state}: {count}" for state, count in sorted(results.items())) or "niets te doen"
        self.stdout.write(f"{summary}; {forgotten} oude verzonden e-mails verwijderd.")
