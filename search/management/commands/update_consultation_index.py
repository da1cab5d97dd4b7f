from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from knowledge.advisory.models import ProposalPage
from search.tasks import reindex_pages, schedule


class Command(BaseCommand):
    help = (
        "Zoeken: indexeert consultaties die het afgelopen etmaal sloten opnieuw, zodat hun openbare reacties "
        "vindbaar worden (cron, bijvoorbeeld elk kwartier; idempotent)."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        ids = list(
            ProposalPage.objects.live()
            .filter(closes_at__lte=now, closes_at__gt=now - timedelta(days=1))
            .values_list("pk", flat=True)
        )
        if ids:
            schedule(reindex_pages, ids)
        self.stdout.write(f"{len(ids)} gesloten consultaties opnieuw te indexeren.")
