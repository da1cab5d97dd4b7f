"""Which backend answers, and the one fallback (as `wagtail.contrib.frontend_cache.utils.get_backends`).

`get_backend()` is the one answer to "who answers search?": the engine backend when an engine is configured
(`search.configured()`, the one place that reads OPENSEARCH_URL / ELASTICSEARCH_URL), else the database.
`answer()` is the one fallback: when the engine is unreachable or refuses (a transport or server error of its
client library), the database answers, the warning is logged and the result carries `NOTICE_FALLBACK`, which the
page shows. Any other exception is a bug and is raised.
"""

import logging

from ..contract import NOTICE_FALLBACK, BaseBackend
from ..engine import configured, unavailable_errors
from .database import DatabaseBackend

logger = logging.getLogger("kennisplatform.search")

__all__ = ["BaseBackend", "DatabaseBackend", "EngineBackend", "answer", "get_backend"]


def get_backend() -> BaseBackend:
    """The backend that answers search now."""
    if configured() is None:
        return DatabaseBackend()
    # The engine backend is built on elasticsearch-dsl (some 500 modules, 30 MB per worker): loaded only with an
    # engine configured (tests/kennisplatform/test_startup_imports.py).
    from .engine import EngineBackend  # noqa: PLC0415 - optional engine client, see above

    return EngineBackend()


def __getattr__(name):
    # `from search.backends import EngineBackend` keeps working, and imports the engine client only then.
    if name == "EngineBackend":
        from .engine import EngineBackend  # noqa: PLC0415 - optional engine client, see get_backend

        return EngineBackend
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def answer(ask, *, what="search"):
    """`ask(backend)` on the active backend; on the database, with a notice, when the engine is unreachable."""
    backend = get_backend()
    if isinstance(backend, DatabaseBackend):
        return ask(backend)
    try:
        return ask(backend)
    except unavailable_errors() as exc:
        logger.warning("Search engine unavailable for %s, falling back to the database: %s", what, exc)
        result = ask(DatabaseBackend())
        if hasattr(result, "notice"):
            result.notice = str(NOTICE_FALLBACK)
        return result
