from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    label = "events"
    verbose_name = _("Kennisateliers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from . import signal_handlers
        from .models import EventPage

        page_published.connect(signal_handlers.fill_places_after_publish, sender=EventPage)
