"""Wagtail's `update_index`, plus the finder's Elasticsearch index when ELASTICSEARCH_URL is set.

The search app comes before wagtail.search in INSTALLED_APPS, so this command is the one that runs.
"""

from django.core.management import call_command
from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from search import engine


class Command(WagtailUpdateIndex):
    def handle(self, **options):
        super().handle(**options)
        if engine.configured() is not None:
            call_command("update_finder_index", no_progress=options["verbosity"] == 0, stdout=self.stdout)
