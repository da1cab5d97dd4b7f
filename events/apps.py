from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    label = "events"
    verbose_name = _("Kennisateliers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import personal_data as accounts_personal_data
        from home.slots import HOME_TEASERS

        from . import personal_data, signal_handlers
        from .selectors import upcoming_events

        accounts_personal_data.register("kennisateliers", personal_data.registrations)
        HOME_TEASERS.provide("upcoming_events", lambda request: upcoming_events()[:3])
        signal_handlers.register_signal_handlers()
