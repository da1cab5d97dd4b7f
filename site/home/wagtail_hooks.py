"""Admin wiring of the foundation: a dashboard warning when no task worker has run for a while."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import health


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
