"""Settings shared by every environment; dev, test and production extend them."""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.utils.translation import gettext_lazy as _

SITE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = SITE_DIR.parent
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    # Wagtail's images, documents, snippets, redirects and locales without the v3 API we do not serve
    # (kennisplatform/wagtail_apps.py: ~15 MB per worker).
    "home",
    "accounts",
    "knowledge",
    "knowledge.advisory",
    "events",
    "search",
    "wagtail.contrib.forms",
    "kennisplatform.wagtail_apps.RedirectsConfig",  # wagtail.contrib.redirects
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.simple_translation",
    "kennisplatform.wagtail_apps.LocalesConfig",  # wagtail.locales
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "kennisplatform.wagtail_apps.SnippetsConfig",  # wagtail.snippets
    "kennisplatform.wagtail_apps.DocumentsConfig",  # wagtail.documents
    "kennisplatform.wagtail_apps.ImagesConfig",  # wagtail.images
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A view that loses the database answers 503 with Retry-After (home/errors.py).
    "home.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.SiteLanguageMiddleware",
    "home.middleware.reject_nul_bytes",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # 413 for a body above MAX_REQUEST_BODY_SIZE, before the CSRF check reads it.
    "home.middleware.limit_request_body",
    # Whole pages for anonymous visitors from the cache (PAGE_CACHE_SECONDS; 0 = off). See docs/deploy.md.
    "home.cache.AnonymousPageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "home.middleware.PublicSiteCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so it sees the authentication result of the views it guards.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kennisplatform.urls"
WSGI_APPLICATION = "kennisplatform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
                "home.context_processors.site_navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers (runserver or gunicorn threads, the task worker, cron commands) share the file. WAL lets
    # readers go on while one writes; IMMEDIATE takes the write lock when a transaction begins, so a transaction
    # that read first never fails on upgrading its lock ("database is locked" despite the timeout) but waits up
    # to busy_timeout. Proven with parallel writer processes in tests/reliability/test_sqlite.py.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with permissions in one query (accounts/backends.py); ModelBackend itself stays for the sessions
    # that name it.
    "accounts.backends.PermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions live in the database, never only in the cache: signing in survives a Redis restart. cached_db reads
# them through the cache (one query less on every signed-in page) and writes every change to the database first.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"

# Internationalisation: Dutch first, English second.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# Wagtail's localisation: Dutch pages keep their unprefixed URLs (public contract), English translations that
# editors make live under /en/ (docs/frontend.md, "Languages"). The interface language stays the visitor's cookie.
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
# Pages whose registrations or responses belong to the one Dutch page: a translation of them is never served (its
# /en/ address leads to the Dutch page), so there is one form, one capacity and one set of responses.
DUTCH_ONLY_PAGE_TYPES = ["events.EventPage", "advisory.ProposalPage"]
# load_demo adds English versions of the home page and the two statements (home/demo.py).
DEMO_ENGLISH_PAGES = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static_collected"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Request body limits in the application (nginx has the same outer limit, docs/deploy.md). Form fields without
# files: 5 MB (long StreamField pages in the admin); at most 10,000 fields (the admin's page editor) and 20 files;
# uploads above 2.5 MB go to a temporary file instead of memory; no body above 12 MB (documents: 10 MB) is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
MAX_REQUEST_BODY_SIZE = 12 * 1024 * 1024
CSRF_FAILURE_VIEW = "home.errors.csrf_failure"
FILE_UPLOAD_PERMISSIONS = 0o640

# Cache: Redis when configured, otherwise per-process memory. The cache holds only what can be rebuilt: while
# Redis is down the site serves uncached pages and rate limits fail open (home/cache_backends.py).
REDIS_URL = os.environ.get("REDIS_URL", "")
# Timeouts in seconds: the first page while Redis is unreachable waits at most one connect timeout (measured in
# tests/reliability/test_redis_first_request.py), then the backend leaves Redis alone for RETRY_SECONDS.
REDIS_CACHE_OPTIONS = {"socket_connect_timeout": 0.2, "socket_timeout": 0.5, "RETRY_SECONDS": 2}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "home.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kennisplatform",
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous page cache (home/cache.py): seconds a page is kept; 0 switches it off (dev and tests).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
# How long counters on a cached page (places left) may lag behind a registration (home/cache.py).
PAGE_CACHE_COUNTER_SECONDS = int(os.environ.get("PAGE_CACHE_COUNTER_SECONDS", "5"))
# How long an out-of-date page is kept to stand in when the page cannot be rendered (database down).
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("PAGE_CACHE_STALE_SECONDS", "86400"))

# E-mail: EMAIL_URL (e.g. smtp://user:pass@host:587/?tls=True) or the console in development.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    vars().update(dj_email_url.parse(EMAIL_URL))
    # Through the outbox (home/outbox.py): stored with the work that caused it, delivered by the task worker with
    # retries while the mail server is down or refuses; nothing lost, nothing sent twice.
    EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND  # noqa: F821 (set from EMAIL_URL just above)
    EMAIL_BACKEND = "home.outbox.OutboxEmailBackend"
    EMAIL_TIMEOUT = EMAIL_TIMEOUT or 10  # noqa: F821 (seconds; a hanging mail server must not hold the worker)
else:
    EMAIL_BACKEND = EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Seconds before attempt 2, 3, ... of a message the mail server did not take; the last value repeats.
EMAIL_RETRY_DELAYS = [
    int(seconds) for seconds in os.environ.get("EMAIL_RETRY_DELAYS", "30,120,600,1800,3600,7200,21600").split(",")
]
EMAIL_MAX_ATTEMPTS = int(os.environ.get("EMAIL_MAX_ATTEMPTS", "20"))
EMAIL_OUTBOX_KEEP_DAYS = 7
# A message being handed to the mail server is claimed this long (home/outbox.py): longer than EMAIL_TIMEOUT.
EMAIL_CLAIM_SECONDS = int(os.environ.get("EMAIL_CLAIM_SECONDS", "300"))
# A task still "running" after this long belongs to a worker that was killed: it is run again
# (home.tasks.requeue_stale_tasks, from deliver_queued_email and the heartbeat). Tasks here take seconds.
TASK_STALE_SECONDS = int(os.environ.get("TASK_STALE_SECONDS", "900"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kennisplatform Jeugd <noreply@kennisplatform-jeugd.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (e-mail notifications): django-tasks with its database backend.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = "Kennisplatform Jeugd"
# The one public address of the site: e-mails, the admin, the API and (on `migrate`) Wagtail's Site record
# (hostname and port, so page.full_url, canonical, og:url and the sitemap) all take it from here.
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
SYNC_SITE_WITH_BASE_URL = bool(os.environ.get("BASE_URL"))
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# AVG: document and image titles (link texts) and file names (in the URL) pass the privacy guard.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.media_forms.PrivacyGuardedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.media_forms.PrivacyGuardedImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # AVG: no hash of an editor's e-mail address to Gravatar; initials instead
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50

# Search: Wagtail's database backend, or a search engine: OpenSearch 2/3 (OPENSEARCH_URL) or Elasticsearch 8/9
# (ELASTICSEARCH_URL). search/engine.py reads the same settings to pick the finder's transport (docs/search.md).
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# The engine's major version picks Wagtail's backend: opensearch2/opensearch3, elasticsearch8/elasticsearch9.
SEARCH_ENGINE_VERSION = int(os.environ.get("SEARCH_ENGINE_VERSION", "2" if OPENSEARCH_URL else "8"))
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "kennisplatform")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "5"))
# Bulk writes (update_index, the finder's rebuild) may take longer than a search: seconds per bulk request.
ELASTICSEARCH_INDEX_TIMEOUT = float(os.environ.get("ELASTICSEARCH_INDEX_TIMEOUT", "60"))
# The database backend with Dutch prefixes/synonyms (search/backends/database.py); on PostgreSQL
# with the `dutch` text search configuration. With an engine it stays as the fallback index.
SEARCH_DATABASE_BACKEND = {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "dutch"}
if OPENSEARCH_URL or ELASTICSEARCH_URL:
    _engine = "OpenSearch" if OPENSEARCH_URL else "Elasticsearch"
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # Wagtail's backend for the engine, sending only live, public pages (search/backends/engines.py).
            "BACKEND": f"search.backends.engines.{_engine}{SEARCH_ENGINE_VERSION}SearchBackend",
            "URLS": [OPENSEARCH_URL or ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}_",
            "TIMEOUT": ELASTICSEARCH_TIMEOUT,
            "OPTIONS": {},
            # Dutch analysis for every text field comes from the backend (search/analysis.py).
        },
        "database": SEARCH_DATABASE_BACKEND,
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": SEARCH_DATABASE_BACKEND}

# Sign-in throttling (django-axes): 5 failures per user and address lock for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# AVG: keep no log of successful sign-ins (addresses, user agents) and no usernames in log lines.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# The client's address (for axes and our rate limits): REMOTE_ADDR, or X-Forwarded-For behind trusted proxies.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "home.security.client_ip"

# Content Security Policy (django-csp): no inline scripts or styles on the public site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_REFERRER_POLICY = REFERRER_POLICY
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"

# Retention (AVG): months after an event that registrants' personal data is kept.
REGISTRATION_RETENTION_MONTHS = int(os.environ.get("REGISTRATION_RETENTION_MONTHS", "12"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No personal data in logs (AVG): e-mail addresses, phone numbers, BSNs and tokens are masked.
    "filters": {"mask_personal_data": {"()": "home.log_filters.MaskPersonalDataFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_personal_data"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "kennisplatform": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
