import os

from .base import *  # noqa: F403
from .base import CACHES, REDIS_URL, VAR_DIR, WAGTAILSEARCH_BACKENDS

# pytest-xdist runs the suite in worker processes (gw0, gw1, …). Each gets its own test database (pytest-django),
# media folder, Redis database and engine indices, so one worker's flush or cache.clear() never hits another's.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
WORKER_NUMBER = int(XDIST_WORKER[2:]) if XDIST_WORKER.startswith("gw") else 0

DEBUG = False
SECRET_KEY = "test-only-secret-key-kennisplatform-jeugd-0123456789"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not REDIS_URL:  # with REDIS_URL (CI's PostgreSQL phase) the suite runs on a real Redis
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif WORKER_NUMBER:
    base_url, _, database = REDIS_URL.rpartition("/")
    CACHES["default"]["LOCATION"] = f"{base_url}/{int(database or 0) + WORKER_NUMBER}"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / f"test-media{XDIST_WORKER and '-' + XDIST_WORKER}"
# The test client's host: links in e-mails (home.public_url.absolute_url) can be followed with `client.get`.
BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# A live engine in tests (OPENSEARCH_URL/ELASTICSEARCH_URL) gets indices of its own, never the dev site's.
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "kp_test") + (
    XDIST_WORKER and f"_{XDIST_WORKER}"
)
if "INDEX_PREFIX" in WAGTAILSEARCH_BACKENDS["default"]:
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = f"{ELASTICSEARCH_INDEX_PREFIX}_"

# The suite's fixtures and factories look up the one home page and the one index page of each type
# (tests/conftest.py, tests/factories/); the English demo pages would make a second. The locale tests
# (tests/home/test_locales*.py) load them themselves.
DEMO_ENGLISH_PAGES = False
