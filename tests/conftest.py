import pytest
from django.core.management import call_command


def _ensure_demo():
    from home.models import HomePage

    if not HomePage.objects.exists():
        from wagtail.models import Collection, Locale, Page

        # A transactional test (django_db(transaction=True)) flushes everything, including the root page, root
        # collection and locale that Wagtail's migrations create: put them back before the demo is loaded again.
        if not Locale.objects.exists():
            Locale.objects.create(language_code="nl")
        if Page.get_first_root_node() is None:
            Page.add_root(title="Root", slug="root")
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
        call_command("load_demo", "--skip-index", stdout=_Silent())


class _Silent:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo site once per run; each test then works inside its own transaction on top of it."""
    with django_db_blocker.unblock():
        _ensure_demo()


@pytest.fixture
def demo_site(db):
    """The demo site; reloaded if a transactional test flushed the database before this test."""
    _ensure_demo()
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def home_page(demo_site):
    return demo_site


@pytest.fixture(autouse=True)
def _reset_caches():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
