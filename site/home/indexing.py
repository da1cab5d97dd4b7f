"""Saves that leave the search and reference indexes alone, for code that writes many objects and indexes them once.

Every save of an indexed model queues an update of Wagtail's search index and of its reference index (the "usage"
of images, documents and pages), and a publication queues the site's own (search.tasks.schedule). A page that is
added, saved as a revision and published is saved three times, and its indexes written three or four times over,
although the task worker, running after the commit, reads the same final page each time. `load_demo` writes
some 450 objects: 39% of its time went to those updates. Inside `index_updates_deferred()` none is made; whoever
opened the block indexes what it wrote afterwards (load_demo: `update_index` and `rebuild_references_index`; the
test factories: `index_once` per page).
"""

import threading
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

_state = threading.local()


def deferred() -> bool:
    """Whether this thread is inside index_updates_deferred() (search.tasks.schedule then queues nothing)."""
    return getattr(_state, "deferred", False)


@contextmanager
def index_updates_deferred(*models):
    """Saves of `models` (by default every indexed model) leave Wagtail's search index alone; every save in this
    thread leaves the reference index and the site's own search updates alone.

    Wagtail's search handler is a plain post_save receiver, so it is disconnected for the block (for every
    thread: the block belongs in a loader or a test, never in a request). Nested, the outer block decides."""
    if deferred():  # nested: the outer block already holds everything back (Wagtail's switch does not nest)
        yield
        return
    models = models or tuple(
        model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)
    )
    disconnected = [model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)]
    _state.deferred = True
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        _state.deferred = False
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def index_once(instance) -> None:
    """Both indexes for `instance` as it is now, after saves inside index_updates_deferred()."""
    index.insert_or_update_object(instance)
    ReferenceIndex.create_or_update_for_object(instance)
