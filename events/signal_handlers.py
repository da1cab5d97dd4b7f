"""Side effects of publishing an event and of a registration changing; connected in `EventsConfig.ready()`."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from home import cache as page_cache

from .models import EventPage, Registration
from .services import fill_places, notify_registrants_of_change


def fill_places_after_publish(sender, instance, **kwargs):
    """An editor may have raised the capacity: promote whoever now fits from the waiting list."""

    fill_places(event=instance)


def notify_registrants_after_publish(sender, instance, **kwargs):
    """A new time, date, venue or online link (or a cancellation) is e-mailed to the registrants once."""

    revision = kwargs.get("revision")
    notify_registrants_of_change(event=instance, user=getattr(revision, "user", None))


def purge_cached_event_pages(sender, instance, **kwargs):
    """Places left and the waiting list show on the event and in the index: drop both from the page cache.

    After the commit, so no visitor can store the old counts again in between.
    """

    # The registration's event is usually loaded already (the service locked it): no query for it then.
    event = instance._state.fields_cache.get("event") or EventPage.objects.filter(pk=instance.event_id).first()
    if event is None:
        return
    # get_url_parts gives (site id, root URL, path); the cache keys pages by path. The index is the event's parent,
    # so its path is the event's path without the last segment (no page-tree query inside the request).
    parts = event.get_url_parts()
    if not parts:
        return
    path = parts[2]
    paths = [path, path.rstrip("/").rsplit("/", 1)[0] + "/"]
    transaction.on_commit(lambda: page_cache.purge_path(*paths))


def register_signal_handlers():
    page_published.connect(fill_places_after_publish, sender=EventPage, dispatch_uid="events_fill_places_published")
    page_published.connect(
        notify_registrants_after_publish, sender=EventPage, dispatch_uid="events_notify_registrants_published"
    )
    post_save.connect(purge_cached_event_pages, sender=Registration, dispatch_uid="events_page_cache_saved")
    post_delete.connect(purge_cached_event_pages, sender=Registration, dispatch_uid="events_page_cache_deleted")
