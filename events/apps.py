from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    label = "events"
    verbose_name = _("Kennisateliers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published

        from accounts import personal_data as accounts_personal_data
        from home.slots import HOME_TEASERS

        from . import personal_data, signal_handlers
        from .models import EventPage, Registration
        from .selectors import upcoming_events

        accounts_personal_data.register("kennisateliers", personal_data.registrations)
        HOME_TEASERS.provide("upcoming_events", lambda request: upcoming_events()[:3])

        page_published.connect(signal_handlers.fill_places_after_publish, sender=EventPage)
        page_published.connect(signal_handlers.notify_registrants_after_publish, sender=EventPage)
        post_save.connect(signal_handlers.purge_cached_event_pages, sender=Registration)
        post_delete.connect(signal_handlers.purge_cached_event_pages, sender=Registration)
