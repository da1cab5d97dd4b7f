import importlib

from django.core.management import call_command
from django.core.management.base import BaseCommand

from home.indexing import index_updates_deferred

# Each app owns its demo content in `<app>/demo.py` with an idempotent `load(stdout=...)`; order matters.
DEMO_MODULES = [
    "accounts.demo",
    "home.demo",
    "knowledge.demo",
    "events.demo",
    "home.demo_images",
    "knowledge.advisory.demo",
    "search.demo",
]


class Command(BaseCommand):
    help = "Builds the demo site from the seed documents' facts. Idempotent: a second run changes nothing."

    def handle(self, *args, **options):
        loaded = []
        # Saved without index work (home.indexing: it was 39% of the load), then indexed once from the final content.
        with index_updates_deferred():
            for name in DEMO_MODULES:
                try:
                    module = importlib.import_module(name)
                except ModuleNotFoundError as exc:
                    if exc.name != name:
                        raise
                    continue
                self.stdout.write(f"{name}…")
                module.load(stdout=self.stdout)
                loaded.append(module)
        call_command("update_index", verbosity=0)
        call_command("rebuild_references_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo-inhoud geladen."))
        # A demo module may end with what a visitor needs to know (accounts.demo: the demo editor's sign-in).
        for module in loaded:
            if hasattr(module, "summary"):
                self.stdout.write(module.summary())
