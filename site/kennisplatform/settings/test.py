from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-secret-key-kennisplatform-jeugd-0123456789"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"
WAGTAILADMIN_BASE_URL = "http://testserver"


def _client_ip(request):
    # Client.force_login() builds a request without REMOTE_ADDR; axes would then store "unknown",
    # which PostgreSQL's inet column rejects.
    return request.META.get("REMOTE_ADDR") or "127.0.0.1"


AXES_CLIENT_IP_CALLABLE = _client_ip
