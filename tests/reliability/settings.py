"""Production settings for the fault tests' own gunicorn and worker processes, with only what a test host lacks.

Everything of kennisplatform.settings.production applies (it still refuses to start without SECRET_KEY,
ALLOWED_HOSTS, BASE_URL and EMAIL_URL, all given by the test), except: static files without collectstatic's
manifest, and cookies that plain http://127.0.0.1 may carry (no TLS between the test and gunicorn).
"""

from kennisplatform.settings.production import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
