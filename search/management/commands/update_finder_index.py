from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import elastic, engine


class Command(BaseCommand):
    help = (
        "Bouwt de zoekmachine-index van de goede-voorbeeldenzoeker opnieuw op "
        "(alleen met OPENSEARCH_URL of ELASTICSEARCH_URL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Geen voortgangsbalk tonen.")

    def handle(self, *args, no_progress=False, **options):
        if not engine.configured() is not None:
            self.stdout.write(
                "Er is geen zoekmachine ingesteld (OPENSEARCH_URL of ELASTICSEARCH_URL): "
                "de zoeker gebruikt de database; niets te doen."
            )
            return

        def progress(actions, total):
            return tqdm(actions, total=total, desc="goede voorbeelden", unit="doc", disable=no_progress)

        try:
            ok, errors = elastic.rebuild(progress=progress)
        except Exception as exc:  # noqa: BLE001
            raise CommandError(f"Zoekmachine niet bereikbaar of weigert de index: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(f"{ok} goede voorbeelden geïndexeerd, {len(errors) if errors else 0} fouten.")
        )
