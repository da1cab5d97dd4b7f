from django.utils import timezone


def open_proposals(*, user):
    from .models import ProposalPage

    now = timezone.now()
    return ProposalPage.objects.live().public().filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at")
