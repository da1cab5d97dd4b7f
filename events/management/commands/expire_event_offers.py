from django.core.management.base import BaseCommand

from events.services import expire_offers


class Command(BaseCommand):
    help = (
        "Trekt aangeboden wachtlijstplaatsen in die niet binnen de bedenktijd zijn bevestigd en biedt ze de volgende "
        "op de wachtlijst aan (cron, bijv. elke vijf minuten; de taakwerker doet het ook op het moment zelf)."
    )

    def handle(self, *args, **options):
        count = expire_offers()
        self.stdout.write(f"{count} aanbod/aanbiedingen verlopen en doorgegeven.")
