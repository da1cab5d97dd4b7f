"""Admin wiring of the foundation: a dashboard warning when no task worker has run for a while, and the outbox."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views, health


class WorkerWarningPanel(Component):
    """Shown on the dashboard while the task worker is missing, so editors know e-mails are waiting."""

    name = "home_worker_warning"
    order = 10
    template_name = "home/admin/worker_warning_panel.html"

    def __init__(self, state: dict):
        self.state = state

    def get_context_data(self, parent_context):
        seconds = self.state.get("seconds_ago")
        return {"seconds_ago": seconds, "minutes_ago": max(1, seconds // 60) if seconds is not None else None}


@hooks.register("construct_homepage_panels")
def add_worker_warning_panel(request, panels):
    missing = health.worker_missing()
    if missing is not None:
        panels.insert(0, WorkerWarningPanel(missing))


@hooks.register("register_admin_urls")
def register_outbox_url():
    return [path("uitgaande-e-mail/", admin_views.outbox_index, name="home_outbox")]


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_outbox_menu_item():
    return OutboxMenuItem(_("Uitgaande e-mail"), reverse("home_outbox"), icon_name="mail", order=900)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("home.email_retried", _("E-mail opnieuw verstuurd"), _("Mislukte e-mail opnieuw verstuurd"))
