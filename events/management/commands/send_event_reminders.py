from django.core.management.base import BaseCommand

from events.services import REMINDER_HOURS, send_due_reminders


class Command(BaseCommand):
    help = (
        f"E-mailt bevestigde deelnemers van bijeenkomsten die binnen {REMINDER_HOURS} uur beginnen "
        "(één keer per deelnemer)."
    )

    def add_arguments(self, parser):
        window = f"Venster vóór het begin (standaard {REMINDER_HOURS} uur)."
        parser.add_argument("--hours", type=int, default=REMINDER_HOURS, help=window)

    def handle(self, *args, hours=REMINDER_HOURS, **options):
        count = send_due_reminders(hours=hours)
        self.stdout.write(f"{count} herinnering(en) in de wachtrij gezet.")
