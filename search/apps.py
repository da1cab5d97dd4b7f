from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

SYNONYM_PERMISSIONS = [f"search.{action}_synonym" for action in ("add", "change", "delete", "view")]


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Zoeken")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import groups
        from accounts.services import extra_permissions
        from knowledge.models import PRACTICE_FINDER

        from .feeds import finder_feed
        from .finder import finder_context
        from .signal_handlers import register_signal_handlers

        PRACTICE_FINDER.provide("context", finder_context)
        PRACTICE_FINDER.provide("feed", finder_feed)

        # Editors maintain the synonym list (admin menu "Synoniemen"); accounts.ensure_groups grants these.
        for codename in SYNONYM_PERMISSIONS:
            if codename not in extra_permissions[groups.EDITORS]:
                extra_permissions[groups.EDITORS].append(codename)
        register_signal_handlers()
