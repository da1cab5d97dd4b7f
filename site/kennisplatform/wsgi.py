import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisplatform.settings.dev")

from django.core.wsgi import get_wsgi_application  # noqa: E402


def warm_up():
    """Do once what Django otherwise does lazily on a process's first request (about 0.7 s of imports here).

    Under gunicorn with preload_app this runs in the master, so every worker (also one recycled after
    max_requests) is forked ready instead of stalling the requests queued on it. No database or cache I/O:
    connections must not be shared across the fork.
    """
    from django.conf import settings
    from django.core.cache import cache
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver()._populate()  # imports the URLconf and every view module
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Kennisplatform Jeugd")  # loads the catalogues of every app
    get_template("base.html")
    getattr(cache, "_cache", None)  # imports the cache client (redis-py); it connects on first use only


application = get_wsgi_application()
warm_up()
