from django.utils import timezone


def upcoming_events():
    from .models import EventPage

    return EventPage.objects.live().public().filter(end__gte=timezone.now()).order_by("start")
