from django.core.management.base import BaseCommand

from events.services import send_due_reminders


class Command(BaseCommand):
    help = "E-mailt bevestigde deelnemers van bijeenkomsten die binnen 48 uur beginnen (één keer per deelnemer)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=48, help="Venster vóór het begin (standaard 48 uur).")

    def handle(self, *args, hours=48, **options):
        count = send_due_reminders(hours=hours)
        self.stdout.write(f"{count} herinnering(en) in de wachtrij gezet.")
