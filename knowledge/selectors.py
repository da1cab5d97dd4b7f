"""Reads with visibility rules for knowledge pages; every channel uses these."""


def latest_practices():
    from .models import BestPracticePage

    return BestPracticePage.objects.live().public().order_by("-first_published_at")
