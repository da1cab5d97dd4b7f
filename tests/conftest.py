import os
import time

import pytest
from django.conf import settings
from django.core.management import call_command

from tests import demo_snapshot, demo_template, migrated_database, migrated_sqlite


class _Demo:
    """The run's demo snapshot (tests/demo_snapshot.py) and whether a transactional test may have flushed it."""

    snapshot = None
    taken = None  # the snapshot of this run, kept for the summary
    blocker = None
    flushed = False
    load_seconds = 0.0
    template = None  # this worker's side of the run's demo template (tests/demo_template.py)
    migrated_file = None  # the migrated SQLite database read from a file, not migrated (tests/migrated_sqlite.py)


def _ensure_demo():
    from django.db import connection

    from home.models import HomePage

    if HomePage.objects.exists():
        return
    if _Demo.snapshot is not None and not connection.in_atomic_block:
        # A transactional test flushed the database: put the demo back as it was after the first load.
        _Demo.snapshot.restore()
        return
    from wagtail.models import Collection, Locale, Page

    # A transactional test (django_db(transaction=True)) flushes everything, including the root page, root
    # collection and locale that Wagtail's migrations create: put them back before the demo is loaded again.
    if not Locale.objects.exists():
        Locale.objects.create(language_code="nl")
    if Page.get_first_root_node() is None:
        Page.add_root(title="Root", slug="root")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    started = time.perf_counter()
    call_command("load_demo", stdout=_Silent())
    _Demo.load_seconds += time.perf_counter() - started


class _Silent:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_keepdb, tmp_path_factory):
    """Under xdist, wait for the worker that builds the run's demo database, or become it (tests/demo_template.py);
    a worker that finds it published creates its test database without migrations, to copy it over. The worker
    that builds it (or a run without xdist) reads the migrated SQLite database from tests/migrated_sqlite.sql while
    that file is current, instead of running the migrations."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        _Demo.template = demo_template.RunTemplate.for_worker(
            tmp_path_factory.getbasetemp().parent, django_db_keepdb, migrated_database.shared_dir(tmp_path_factory)
        )
    if _Demo.template is None or _Demo.template.building:
        _Demo.migrated_file = migrated_sqlite.MigratedFile.for_test_database()
    yield
    if _Demo.template is not None:
        _Demo.template.release()  # the builder failed before it published: the next worker builds its own


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo site once per run; each test then works inside its own transaction on top of it.

    The loaded database is kept as a snapshot (a template database on PostgreSQL, a backup copy on SQLite):
    after a transactional test flushed everything, the next test gets it back in about a second instead of a
    rebuild by load_demo. Without a snapshot (other vendors) the demo is rebuilt as before. Under xdist one worker
    builds it and the others copy it (tests/demo_template.py)."""
    template = _Demo.template
    with django_db_blocker.unblock():
        if template is not None and template.published:
            template.copy_into_this_worker()
        elif _Demo.migrated_file is not None:
            _Demo.migrated_file.load()
        _ensure_demo()
        _Demo.snapshot = _Demo.taken = demo_snapshot.take()
        if template is not None and template.building and _Demo.snapshot is not None:
            template.publish(_Demo.snapshot)
    _Demo.blocker = django_db_blocker
    yield
    snapshot, _Demo.snapshot, _Demo.blocker = _Demo.snapshot, None, None
    if snapshot is not None:
        with django_db_blocker.unblock():
            if _Demo.flushed:
                # Leave the demo behind, not a flushed database: a run with --reuse-db (CI's engine phase after
                # its PostgreSQL phase) then starts on it without migrate or load_demo.
                snapshot.restore()
                _Demo.flushed = False
            snapshot.drop()


def _marker_flag(marker, name, position):
    if name in marker.kwargs:
        return bool(marker.kwargs[name])
    return len(marker.args) > position and bool(marker.args[position])


def _unittest_class(item):
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    return cls if isinstance(cls, type) and issubclass(cls, TransactionTestCase) else None


def _is_transactional(item):
    """Whether pytest-django runs `item` as a TransactionTestCase, which flushes every table afterwards."""
    from django.test import TestCase

    cls = _unittest_class(item)
    if cls is not None:
        return not issubclass(cls, TestCase)
    marker = item.get_closest_marker("django_db")
    if marker is not None and (_marker_flag(marker, "transaction", 0) or _marker_flag(marker, "reset_sequences", 1)):
        return True
    names = getattr(item, "fixturenames", ())
    return any(name in names for name in ("transactional_db", "live_server", "django_db_reset_sequences"))


def _uses_database(item):
    if _unittest_class(item) is not None or item.get_closest_marker("django_db") is not None:
        return True
    names = getattr(item, "fixturenames", ())
    return any(name in names for name in ("db", "transactional_db", "live_server", "_django_db_helper"))


ENGINE_TESTS = "tests/search/"


def pytest_collection_modifyitems(config, items):
    """CI's live-engine phase runs tests/search with OPENSEARCH_URL and the other phases deselect `engine`: a test
    marked `engine` anywhere else would run in no phase at all (as tests/home/test_locales_engine.py did)."""
    stray = sorted(
        {
            item.nodeid.split("::")[0]
            for item in items
            if item.get_closest_marker("engine") and not item.nodeid.startswith(ENGINE_TESTS)
        }
    )
    if stray:
        raise pytest.UsageError(f"tests marked `engine` must live in {ENGINE_TESTS} (CI's engine phase): {stray}")
    _longest_files_first(items)


# The files that take longest, in wall-clock time on the 2-core CI machine (measured 2026-12 with a per-test
# timeline). With --dist loadfile xdist hands out whole files in collection order, one at a time to the worker that
# is free (pytest.ini turns off its own reordering by test count, which put these one-test files last): started
# first, none of them is left running on one worker after the others are done. The fault tests mostly wait for
# their processes, which overlaps with the other workers' CPU work.
LONGEST_FILES = (
    "tests/browser/test_frontend_layout.py",
    "tests/performance/test_query_counts.py",
    "tests/reliability/test_smtp.py",
    "tests/reliability/test_worker_killed.py",
    "tests/browser/test_journeys.py",
    "tests/reliability/test_redis_down.py",
    "tests/reliability/test_health.py",
    "tests/kennisplatform/test_startup_imports.py",
    "tests/security/test_hostile_input.py",
    "tests/browser/test_accessibility.py",
    # CI's engine phase: most of its time, in two files so that both workers share it.
    "tests/search/test_engine_live.py",
    "tests/search/test_engine_index_changes.py",
)


# A fixture that waits for the PostgreSQL database built in the background (tests/reliability/prebuild.py).
WAIT_FOR_POSTGRES_BUILD = ("migrated_postgres_database",)


def _longest_files_first(items):
    """The first of LONGEST_FILES, then the files that need no database, then the rest of LONGEST_FILES, then the
    other files by their number of tests (xdist's own order), each file's tests together and in their own order.

    The first file's worker builds the demo database; the files without one keep the other workers busy meanwhile
    (in CI's PostgreSQL phase they stood idle for the whole build, some 55 s of one core). A test that reads the
    run's migrated PostgreSQL database counts as needing one: that database is built in the background from the
    run's start (tests/reliability/prebuild.py), and a worker would wait for it there."""
    files = {}
    for item in items:
        files.setdefault(item.nodeid.split("::")[0], []).append(item)
    rank = {name: position for position, name in enumerate(LONGEST_FILES)}

    def order(file):
        name, file_items = file
        needs_database = any(
            _uses_database(item) or set(WAIT_FOR_POSTGRES_BUILD) & set(getattr(item, "fixturenames", ()))
            for item in file_items
        )
        group = 0 if rank.get(name) == 0 else (2 if needs_database else 1)
        return (group, rank.get(name, len(rank)), -len(file_items))

    ordered = sorted(files.items(), key=order)
    items[:] = [item for _, file_items in ordered for item in file_items]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before the fixtures of a test that uses the database (so outside its transaction): if a transactional
    test flushed the database meanwhile, restore the demo snapshot."""
    if _Demo.flushed and _Demo.blocker is not None and _uses_database(item):
        _Demo.flushed = False
        with _Demo.blocker.unblock():
            _ensure_demo()


def pytest_runtest_teardown(item):
    if _is_transactional(item):
        _Demo.flushed = True


def pytest_sessionfinish(session):
    """The controller (or a run without xdist) drops the demo template the reliability tests' workers share."""
    if hasattr(session.config, "workerinput"):
        return
    # Imported here: the controller never collects tests/reliability, and most runs never build the template.
    from tests.reliability.conftest import drop_demo_template

    if os.environ.get(migrated_database.SHARED_DIR_VARIABLE):
        return  # kept for the next run; its owner (.ci/run) drops it

    drop_demo_template(session.config._tmp_path_factory.getbasetemp())


def pytest_terminal_summary(terminalreporter):
    snapshot = _Demo.taken
    restores = getattr(snapshot, "restores", 0)
    if restores or _Demo.load_seconds:
        terminalreporter.write_line(
            f"demo: load_demo {_Demo.load_seconds:.1f} s; snapshot ({type(snapshot).__name__}) restored "
            f"{restores}x in {getattr(snapshot, 'seconds', 0.0):.1f} s"
        )


@pytest.fixture
def demo_site(db):
    """The demo site; restored (or reloaded) if a transactional test flushed the database before this test."""
    _ensure_demo()
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def home_page(demo_site):
    return demo_site


def _restore_demo():
    """Put the database back as it was after the demo load (outside any transaction)."""
    if _Demo.snapshot is not None:
        _Demo.snapshot.restore()
        return
    call_command("flush", interactive=False, verbosity=0)  # no snapshot on this vendor: rebuild, as after a flush
    _ensure_demo()


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker):
    """The demo site for data that a module builds once and its tests only read.

    A module-scoped fixture that requests this one may write with `django_db_blocker.unblock()`: outside the
    tests' transactions, so every test of the module sees it and still rolls back only what it wrote itself.
    When the module is done the demo snapshot is restored, so nothing the module built reaches another one.
    Building such data per test cost the leak tests about a second each."""
    from home.models import HomePage

    with django_db_blocker.unblock():
        _ensure_demo()
        home = HomePage.objects.get()
    yield home
    with django_db_blocker.unblock():
        _restore_demo()


@pytest.fixture(autouse=True)
def _reset_caches():
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    # A request through the English site leaves English active in the thread: each test starts in Dutch.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
