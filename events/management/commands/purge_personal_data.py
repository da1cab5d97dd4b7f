from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from events.services import purge_registrations

DATABASE_TASK_BACKEND = "django_tasks_db.DatabaseBackend"


class Command(BaseCommand):
    help = (
        "Anonimiseert inschrijvingen REGISTRATION_RETENTION_MONTHS maanden na de bijeenkomst (tellingen per regio "
        "en organisatie blijven) en ruimt afgeronde achtergrondtaken (met e-mailgegevens) op."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help=f"Bewaartermijn in maanden (standaard de instelling, nu {settings.REGISTRATION_RETENTION_MONTHS}).",
        )
        parser.add_argument(
            "--task-days", type=int, default=30, help="Afgeronde achtergrondtaken ouder dan zoveel dagen verwijderen."
        )

    def handle(self, *args, months=None, task_days=30, **options):
        count = purge_registrations(months=months)
        self.stdout.write(f"{count} inschrijving(en) geanonimiseerd.")
        # Finished e-mail tasks keep their arguments (registration ids, message texts) in the database.
        if settings.TASKS.get("default", {}).get("BACKEND") == DATABASE_TASK_BACKEND:
            call_command("prune_db_task_results", "--min-age-days", str(task_days), stdout=self.stdout)
