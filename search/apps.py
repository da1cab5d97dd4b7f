from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Zoeken")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
