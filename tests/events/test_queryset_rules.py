"""Rules of events in two forms, side by side on the model: `is_past` and `places_left` in Python,
`EventPage.objects.upcoming()/past()/with_counts()` in SQL. They must agree, also on the boundary."""

import datetime

import pytest
from django.utils import timezone

from events import services
from events.models import EventPage
from events.selectors import places_left
from tests.factories.events import EventPageFactory, register

pytestmark = pytest.mark.django_db


def test_upcoming_and_past_split_events_as_is_past_does_with_the_end_itself_still_upcoming(event_index):
    now = timezone.now().replace(microsecond=0)
    events = {
        "ended": EventPageFactory(start=now - datetime.timedelta(hours=3), end=now - datetime.timedelta(hours=1)),
        "ends now": EventPageFactory(start=now - datetime.timedelta(hours=2), end=now),
        "running": EventPageFactory(start=now - datetime.timedelta(hours=1), end=now + datetime.timedelta(hours=1)),
        "later": EventPageFactory(
            start=now + datetime.timedelta(days=2), end=now + datetime.timedelta(days=2, hours=2)
        ),
        "soon": EventPageFactory(start=now + datetime.timedelta(days=1), end=now + datetime.timedelta(days=1, hours=2)),
    }
    ours = EventPage.objects.filter(pk__in=[e.pk for e in events.values()])
    upcoming = [e.pk for e in ours.upcoming(now)]
    past = [e.pk for e in ours.past(now)]
    assert upcoming == [events[n].pk for n in ("ends now", "running", "soon", "later")]  # soonest first
    assert past == [events["ended"].pk]
    for event in ours:
        assert event.is_past(now) == (event.pk in past)


def test_with_counts_gives_what_places_left_counts_without_it(event_index):
    event = EventPageFactory(capacity=2)
    first = register(event, notify=False)
    register(event, notify=False)
    register(event, notify=False)  # waiting
    register(event, notify=False)  # waiting
    services.cancel_registration(registration=first)  # the first waiting one moves up
    counted = EventPage.objects.filter(pk=event.pk).with_counts().get()
    assert (counted.places_taken, counted.waiting_count) == (2, 1)
    fresh = EventPage.objects.get(pk=event.pk)
    assert places_left(counted) == places_left(fresh) == 0
