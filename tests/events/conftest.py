import pytest

from accounts.models import Organisation


@pytest.fixture
def event_index(demo_site):
    from events.models import EventIndexPage

    return EventIndexPage.objects.get()


@pytest.fixture
def food_valley(demo_site):
    return Organisation.objects.get(slug="food-valley")


@pytest.fixture
def arnhem(demo_site):
    return Organisation.objects.get(slug="arnhem")


@pytest.fixture
def event(event_index):
    from tests.factories.events import EventPageFactory

    return EventPageFactory(capacity=3, online_url="https://webinar.voorbeeld.example/geheim")
