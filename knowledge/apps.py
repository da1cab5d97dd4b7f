from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    label = "knowledge"
    verbose_name = _("Kennis")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.slots import HOME_TEASERS

        from .selectors import latest_practices

        HOME_TEASERS.provide(
            "latest_practices",
            lambda request: latest_practices().select_related(
                "region", "action_line", "phase", "kind", "evidence_level", "main_image"
            )[:4],  # what the cards show, without a query per card
        )
