"""The capacity guarantee under real concurrency: threads with their own database connections.

Only meaningful on PostgreSQL: SQLite takes one database-wide write lock, so there is no row lock to prove
(run with DATABASE_URL=postgres://… to include these tests).
"""

import pytest

from events.models import RegistrationStatus
from tests.concurrency import needs_postgres, run_simultaneously
from tests.factories.events import EventPageFactory, register

pytestmark = needs_postgres


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_registrations_for_the_last_five_places_confirm_exactly_five(demo_site):
    event = EventPageFactory(capacity=30)
    for _ in range(25):
        register(event, notify=False)

    results, errors = run_simultaneously(
        50, lambda i: register(event, email=f"gelijktijdig{i}@voorbeeld.example", notify=False)
    )

    assert errors == [None] * 50
    statuses = [r.status for r in results]
    assert statuses.count(RegistrationStatus.CONFIRMED) == 5
    assert statuses.count(RegistrationStatus.WAITING) == 45
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 30
    positions = sorted(
        event.registrations.filter(status=RegistrationStatus.WAITING).values_list("waiting_position", flat=True)
    )
    assert positions == list(range(1, 46))


@pytest.mark.django_db(transaction=True)
def test_simultaneous_registrations_respect_the_region_maximum(demo_site):
    event = EventPageFactory(capacity=100, max_per_region=3)

    results, errors = run_simultaneously(
        20, lambda i: register(event, email=f"regio{i}@voorbeeld.example", region="food-valley", notify=False)
    )

    assert errors == [None] * 20
    assert [r.status for r in results].count(RegistrationStatus.CONFIRMED) == 3


@pytest.mark.django_db(transaction=True)
def test_the_same_email_submitted_ten_times_at_once_registers_once(demo_site):
    event = EventPageFactory(capacity=10)

    results, errors = run_simultaneously(
        10, lambda i: register(event, email="dubbelklik@voorbeeld.example", notify=False)
    )

    assert errors == [None] * 10  # the repeats get the existing registration back (and its owner an e-mail)
    assert len({r.pk for r in results}) == 1
    assert event.registrations.count() == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_cancellations_promote_each_waiting_person_once(demo_site):
    from events.services import cancel_registration

    event = EventPageFactory(capacity=10)
    confirmed = [register(event, notify=False) for _ in range(10)]
    waiting = [register(event, notify=False) for _ in range(10)]

    _, errors = run_simultaneously(10, lambda i: cancel_registration(registration=confirmed[i]))

    assert errors == [None] * 10
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 10
    assert set(event.registrations.filter(status=RegistrationStatus.CONFIRMED).values_list("pk", flat=True)) == {
        r.pk for r in waiting
    }


@pytest.mark.django_db(transaction=True)
def test_without_a_waiting_list_simultaneous_registrations_fill_the_last_places_and_refuse_the_rest(demo_site):
    from events.models import WaitingListMode
    from events.services import RegistrationError

    event = EventPageFactory(capacity=10, waiting_list_mode=WaitingListMode.OFF)
    for _ in range(7):
        register(event, notify=False)

    results, errors = run_simultaneously(
        20, lambda i: register(event, email=f"zonderlijst{i}@voorbeeld.example", notify=False)
    )

    assert [r.status for r in results if r is not None].count(RegistrationStatus.CONFIRMED) == 3
    assert all(isinstance(e, RegistrationError) and e.code == "full" for e in errors if e is not None)
    assert sum(e is not None for e in errors) == 17
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 10
    assert not event.registrations.filter(status=RegistrationStatus.WAITING).exists()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_cancellations_and_expiry_runs_offer_each_freed_place_once(demo_site):
    import datetime

    from django.utils import timezone

    from events import services
    from events.models import HELD_STATUSES, WaitingListMode

    event = EventPageFactory(capacity=5, waiting_list_mode=WaitingListMode.OFFER, offer_hours=1)
    confirmed = [register(event, notify=False) for _ in range(5)]
    waiting = [register(event, notify=False) for _ in range(10)]
    earlier = timezone.now() - datetime.timedelta(hours=2)

    # five cancel at once: five offers (already expired), to the first five on the list
    _, errors = run_simultaneously(5, lambda i: services.cancel_registration(registration=confirmed[i], now=earlier))
    assert errors == [None] * 5
    offered = set(event.registrations.filter(status=RegistrationStatus.OFFERED).values_list("pk", flat=True))
    assert offered == {r.pk for r in waiting[:5]}

    # cron and the worker run the expiry at the same moment, four times over: each offer expires once
    results, errors = run_simultaneously(4, lambda i: services.expire_offers())
    assert errors == [None] * 4
    assert sum(results) == 5
    assert event.registrations.filter(status__in=HELD_STATUSES).count() == 5
    offered_now = set(event.registrations.filter(status=RegistrationStatus.OFFERED).values_list("pk", flat=True))
    assert offered_now == {r.pk for r in waiting[5:]}
    positions = list(event.registrations.filter(status=RegistrationStatus.WAITING).values_list("waiting_position"))
    assert positions == []
