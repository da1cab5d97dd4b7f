from django.core.management.base import BaseCommand

from events.services import send_certificates


class Command(BaseCommand):
    help = (
        "E-mailt na afloop een certificaat van deelname (PDF) aan iedereen die aanwezig was, één keer per deelnemer "
        "(cron, bijv. elk uur)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=30, help="Alleen bijeenkomsten die in zoveel dagen zijn afgelopen."
        )

    def handle(self, *args, days=30, **options):
        count = send_certificates(days=days)
        self.stdout.write(f"{count} certificaat/certificaten in de wachtrij gezet.")
