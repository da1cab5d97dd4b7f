"""Negative control for the concurrency tests, as pretix's quota tests have: without the lock, the race shows.

If this test passed with the lock skipped, the capacity tests in tests/events/ would prove nothing: their
threads would simply not be simultaneous enough to overbook.
"""

import pytest

from events import services
from events.models import EventPage, RegistrationStatus
from tests.concurrency import needs_postgres, run_simultaneously
from tests.factories.events import EventPageFactory, register

pytestmark = needs_postgres


@pytest.mark.django_db(transaction=True)
def test_without_the_event_lock_simultaneous_registrations_overbook(demo_site, monkeypatch):
    event = EventPageFactory(capacity=30)
    for _ in range(25):
        register(event, notify=False)
    # The one change: read the event without SELECT … FOR UPDATE.
    monkeypatch.setattr(services, "_lock_event", lambda event_id: EventPage.objects.get(pk=event_id))

    results, errors = run_simultaneously(
        50, lambda i: register(event, email=f"zonderslot{i}@voorbeeld.example", notify=False)
    )

    assert errors == [None] * 50
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    assert confirmed > 30, f"no overbooking without the lock ({confirmed} confirmed): the threads did not race"
