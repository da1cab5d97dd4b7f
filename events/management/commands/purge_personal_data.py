from django.conf import settings
from django.core.management.base import BaseCommand

from events.services import purge_registrations


class Command(BaseCommand):
    help = (
        "Anonimiseert inschrijvingen REGISTRATION_RETENTION_MONTHS maanden na de bijeenkomst; "
        "tellingen per regio en organisatie blijven bewaard."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help=f"Bewaartermijn in maanden (standaard de instelling, nu {settings.REGISTRATION_RETENTION_MONTHS}).",
        )

    def handle(self, *args, months=None, **options):
        count = purge_registrations(months=months)
        self.stdout.write(f"{count} inschrijving(en) geanonimiseerd.")
