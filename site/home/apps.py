from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    label = "home"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
        _profile_once_per_request()


def _profile_once_per_request():
    """Wagtail's user bar reads an editor's admin profile twice per page (language through get_for_user, theme
    through user.wagtail_userprofile), a query each; within one request (home.request_scope) the first answer
    serves both. Wagtail offers no hook for it, so its classmethod is wrapped here."""
    from wagtail.users.models import UserProfile

    from .request_scope import once

    get_for_user = UserProfile.get_for_user.__func__

    def get_for_user_once(cls, user):
        profile = once(f"wagtail-userprofile:{user.pk}", lambda: get_for_user(cls, user))
        # the user bar's theme reads it as user.wagtail_userprofile: the same row, without a query of its own
        cls._meta.get_field("user").remote_field.set_cached_value(user, profile)
        return profile

    UserProfile.get_for_user = classmethod(get_for_user_once)
