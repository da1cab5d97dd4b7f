"""Production: every secret and host comes from the environment; refuses to start without them."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, DATABASES, EMAIL_DELIVERY_BACKEND, MIDDLEWARE

if not os.environ.get("SECRET_KEY"):
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")
SECRET_KEY = os.environ["SECRET_KEY"]
if not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in the environment for production.")

if not os.environ.get("BASE_URL"):
    raise ImproperlyConfigured(
        "BASE_URL must be set in the environment for production (e.g. https://kennisplatform.example.nl)."
    )
# A real mail server: the console, file and memory backends would lose every e-mail (and print it in the log).
if not os.environ.get("EMAIL_URL") or not EMAIL_DELIVERY_BACKEND.endswith("smtp.EmailBackend"):
    raise ImproperlyConfigured("EMAIL_URL must be set to an smtp:// or submission:// URL for production.")

DEBUG = False
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Monitoring may ask gunicorn directly (http://127.0.0.1:8000/health/), without nginx and TLS.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # no script reads the token: forms carry it
SECURE_CONTENT_TYPE_NOSNIFF = True
# Browsers upgrade any http:// sub-resource instead of loading it in the clear.
CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY,
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True},
}

# Behind nginx (docs/deploy.md): the client address is the last X-Forwarded-For entry nginx appended.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))

# Anonymous visitors get whole pages from Redis; publishing purges them (home/cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))

# WhiteNoise serves hashed, compressed static files right after the security middleware.
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database answers within seconds (503 page, or the cached copy), not after a TCP timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "home.log_filters.MaskPersonalDataFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_personal_data"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "kennisplatform": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
