from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoryConfig(AppConfig):
    name = "knowledge.advisory"
    label = "advisory"
    verbose_name = _("Digitale adviestafel")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import personal_data
        from home.slots import HOME_TEASERS

        from . import signal_handlers
        from .selectors import open_proposals

        signal_handlers.register_signal_handlers()
        personal_data.register("adviestafel", signal_handlers.personal_data)
        HOME_TEASERS.provide("open_proposals", lambda request: open_proposals(user=request.user)[:3])
