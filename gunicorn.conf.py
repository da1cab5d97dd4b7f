"""Gunicorn for Kennisplatform Jeugd: `gunicorn -c gunicorn.conf.py` (see docs/deploy.md).

Every value can be overridden from the environment (GUNICORN_BIND, GUNICORN_WORKERS, ...).
"""

import gc
import multiprocessing
import os
import sys
from pathlib import Path

from gunicorn.glogging import Logger

# `site/` holds the project package and is not a Python package itself (CONTRACT: it shadows the stdlib name).
ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "site"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.production")

wsgi_app = "kennisplatform.wsgi:application"
chdir = str(ROOT)

# Behind nginx on the same machine; never expose gunicorn directly (X-Forwarded-For is trusted).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Threads share a process's memory and its database connections (CONN_MAX_AGE); requests mostly wait on
# PostgreSQL, Redis and Elasticsearch, so gthread with a few threads per worker beats more processes.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A request that takes longer than 30 s is a bug (exports stream, e-mail goes through the task worker).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then so a slow leak never takes the site down; jitter avoids all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200

# Load the application once, before forking: faster restarts and shared memory pages.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() != "false"


def pre_fork(server, worker):
    """Keep the preloaded app's pages shared: a worker's garbage collection writes to the header of every object it
    tracks, which copies the page on write, so the master's objects go to the permanent generation before each fork
    (Python's gc docs, "fork() without exec()"). Measured with bench/startup.py (docs/deploy.md)."""
    if server.cfg.preload_app:
        gc.freeze()


# Request bodies: uploads are at most 10 MB (advisory attachments, documents); nginx enforces the size.
limit_request_line = 8190
limit_request_fields = 100

# Access log without query strings (search terms, tokens) and without client addresses (AVG):
# time, method, path, status, bytes, duration in ms. Errors go to stderr; journald collects both.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


class _Logger(Logger):
    """Gunicorn's logger with the tokens of signed links masked in the logged path (home/log_filters.py)."""

    def atoms(self, resp, req, environ, request_time):
        from home.log_filters import mask_path

        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = mask_path(atoms.get("U", ""))
        return atoms


logger_class = _Logger

# Only nginx on this host may set X-Forwarded-Proto (used for SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips
