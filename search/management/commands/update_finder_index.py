from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import elastic


class Command(BaseCommand):
    help = "Bouwt de Elasticsearch-index van de goede-voorbeeldenzoeker opnieuw op (alleen met ELASTICSEARCH_URL)."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="Geen voortgangsbalk tonen.")

    def handle(self, *args, no_progress=False, **options):
        if not elastic.enabled():
            self.stdout.write("ELASTICSEARCH_URL is niet gezet: de zoeker gebruikt de database; niets te doen.")
            return

        def progress(actions, total):
            return tqdm(actions, total=total, desc="goede voorbeelden", unit="doc", disable=no_progress)

        try:
            ok, errors = elastic.rebuild(progress=progress)
        except Exception as exc:  # noqa: BLE001
            raise CommandError(f"Elasticsearch niet bereikbaar of weigert de index: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(f"{ok} goede voorbeelden geïndexeerd, {len(errors) if errors else 0} fouten.")
        )
