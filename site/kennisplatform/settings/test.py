import os

from .base import *  # noqa: F403
from .base import VAR_DIR, WAGTAILSEARCH_BACKENDS

DEBUG = False
SECRET_KEY = "test-only-secret-key-kennisplatform-jeugd-0123456789"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not os.environ.get("REDIS_URL"):  # with REDIS_URL (CI's PostgreSQL phase) the suite runs on a real Redis
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"
# A live engine in tests (OPENSEARCH_URL/ELASTICSEARCH_URL) gets indices of its own, never the dev site's.
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "kp_test")
if "INDEX_PREFIX" in WAGTAILSEARCH_BACKENDS["default"]:
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = f"{ELASTICSEARCH_INDEX_PREFIX}_"
