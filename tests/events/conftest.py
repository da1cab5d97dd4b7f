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


@pytest.fixture
def run_worker(settings, monkeypatch):
    """The database task backend, as in production: e-mails wait in the queue until `run_worker()` runs the real
    `db_worker --batch`. Its `close_old_connections()` would close the test's connection (inside the test
    transaction autocommit is off, which Django treats as unusable on PostgreSQL), so that one call is a no-op."""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    return run
