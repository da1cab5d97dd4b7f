from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoryConfig(AppConfig):
    name = "knowledge.advisory"
    label = "advisory"
    verbose_name = _("Digitale adviestafel")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import personal_data

        from . import signal_handlers

        signal_handlers.connect()
        personal_data.register("adviestafel", signal_handlers.personal_data)
