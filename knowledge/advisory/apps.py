from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoryConfig(AppConfig):
    name = "knowledge.advisory"
    label = "advisory"
    verbose_name = _("Digitale adviestafel")
    default_auto_field = "django.db.models.BigAutoField"
