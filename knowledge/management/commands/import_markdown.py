from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from knowledge import importer

PROGRESS_FROM = 5  # show a progress bar from this many files on


class Command(BaseCommand):
    help = (
        "Importeert casusevaluaties en goede voorbeelden uit Markdown-bestanden met een kop (zie docs/knowledge.md). "
        "Alles of niets: bij één fout wordt niets opgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Markdown-bestanden")
        parser.add_argument("--dry-run", action="store_true", help="Alleen controleren en tonen wat er zou gebeuren.")

    def handle(self, *args, paths, dry_run=False, **options):
        def progress(items):
            return tqdm(items, desc="controleren", unit="bestand", disable=len(items) < PROGRESS_FROM, file=self.stderr)

        try:
            planned = importer.run(paths, dry_run=dry_run, progress=progress)
        except importer.ImportFailed as failed:
            for error in failed.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(failed.errors)} fout(en) in {len({e.path for e in failed.errors})} bestand(en); "
                "er is niets geïmporteerd."
            ) from None
        prefix = "zou " if dry_run else ""
        for item in planned:
            verb = (
                ("bijwerken" if item.existing else "aanmaken")
                if dry_run
                else ("bijgewerkt" if item.existing else "aangemaakt")
            )
            note = (
                " (ter goedkeuring bij een tweede redacteur)"
                if item.kind == importer.EVALUATION and not dry_run
                else ""
            )
            self.stdout.write(f"{prefix}{verb}: {item.kind} ‘{item.page.title}’ [{item.page.slug}]{note}")
        outcome = "gecontroleerd, niets opgeslagen (--dry-run)" if dry_run else "geïmporteerd"
        summary = f"{len(planned)} bestand(en) {outcome}."
        self.stdout.write(self.style.SUCCESS(summary))
