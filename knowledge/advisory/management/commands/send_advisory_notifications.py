from django.core.management.base import BaseCommand

from knowledge.advisory.tasks import due_notifications, send_proposal_notification


class Command(BaseCommand):
    help = (
        "Adviestafel: e-mail de doelgroep bij opening, herinner niet-reagerende organisaties "
        "ADVISORY_REMINDER_HOURS (standaard 72) uur voor sluiting, meld gepubliceerde verslagen en (aan volgers) "
        "besluiten. Idempotent: elke e-mail gaat één keer per persoon (cron)."
    )

    def handle(self, *args, **options):
        due = due_notifications()
        for proposal, kind in due:
            send_proposal_notification.enqueue(proposal.pk, str(kind))
        self.stdout.write(f"{len(due)} meldingen ingepland.")
