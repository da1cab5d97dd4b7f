from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import admin_urls
from .models import EventPage
from .selectors import can_view_registrations


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("kennisateliers/", include((admin_urls, "events_admin"), namespace="events_admin"))]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "events.attendance", _("Aanwezigheid gewijzigd"), _("Aanwezigheid van een deelnemer gewijzigd")
    )
    actions.register_action(
        "events.registration_cancelled", _("Inschrijving geannuleerd"), _("Inschrijving geannuleerd door een redacteur")
    )
    actions.register_action(
        "events.registration_confirmed",
        _("Plaats gegeven"),
        _("Deelnemer van de wachtlijst bevestigd door een redacteur"),
    )
    actions.register_action("events.check_in", _("Ingecheckt"), _("Deelnemer ingecheckt bij de deur"))
    actions.register_action(
        "events.message_sent", _("Bericht aan deelnemers"), _("Bericht aan alle deelnemers verstuurd")
    )
    actions.register_action(
        "events.place_offered", _("Plaats aangeboden"), _("Vrijgekomen plaats aangeboden aan de wachtlijst")
    )
    actions.register_action(
        "events.offer_accepted", _("Aanbod bevestigd"), _("Aangeboden plaats bevestigd door de deelnemer")
    )
    actions.register_action(
        "events.offer_expired", _("Aanbod verlopen"), _("Aangeboden plaats niet op tijd bevestigd; doorgegeven")
    )
    actions.register_action(
        "events.registration_changed", _("Gegevens gewijzigd"), _("Deelnemer wijzigde de eigen gegevens")
    )
    actions.register_action(
        "events.change_notice",
        _("Wijziging gemeld aan deelnemers"),
        _("Nieuwe tijd, plaats of afgelasting gemeld aan ingeschrevenen en wachtlijst"),
    )


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_registrations(request.user)


@hooks.register("register_admin_menu_item")
def register_registrations_menu_item():
    return RegistrationsMenuItem(_("Inschrijvingen"), reverse("events_admin:event_list"), icon_name="date", order=250)


def _registrations_button(page, user, priority):
    if page.specific_class and issubclass(page.specific_class, EventPage) and can_view_registrations(user):
        yield Button(
            _("Inschrijvingen"),
            reverse("events_admin:registrations", args=[page.pk]),
            icon_name="date",
            priority=priority,
        )


@hooks.register("register_page_listing_more_buttons")
def page_listing_more_buttons(page, user, next_url=None):
    yield from _registrations_button(page, user, priority=40)


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name, next_url=None):
    yield from _registrations_button(page, user, priority=40)
