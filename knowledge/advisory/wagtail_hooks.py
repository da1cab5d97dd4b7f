"""Admin wiring: log actions for moderation, an overview per proposal (non-responders, versions, exports)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import selectors
from .models import ProposalPage, Response


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("advisory.response_hidden", _("Reactie verborgen"), _("Reactie verborgen"))
    actions.register_action("advisory.response_restored", _("Reactie teruggezet"), _("Reactie teruggezet"))
    actions.register_action("advisory.response_reported", _("Reactie gemeld"), _("Reactie gemeld"))
    actions.register_action("advisory.response_withdrawn", _("Reactie ingetrokken"), _("Reactie ingetrokken"))
    actions.register_action("advisory.official_answer", _("Officieel antwoord"), _("Officieel antwoord gegeven"))
    actions.register_action("advisory.outcome_recorded", _("Uitkomst vastgelegd"), _("Uitkomst van reactie vastgelegd"))


def _require_editor(request):
    if not selectors.can_export(request.user):
        raise PermissionDenied


def proposals_overview(request):
    _require_editor(request)
    proposals = selectors.proposal_listing()
    return render(request, "advisory/admin/overview.html", {"proposals": proposals})


def proposal_admin(request, page_id):
    _require_editor(request)
    proposal = get_object_or_404(ProposalPage, pk=page_id)
    responses = (
        Response.objects.filter(proposal=proposal)
        .select_related("organisation", "author", "question")
        .prefetch_related("versions", "reports")
        .order_by("created_at")
    )
    return render(
        request,
        "advisory/admin/proposal.html",
        {
            "proposal": proposal,
            "status": proposal.status_label,
            "audience": selectors.audience_organisations(proposal).order_by("name"),
            "non_responding": selectors.non_responding_organisations(proposal),
            "responses": responses,
        },
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("adviestafel/", proposals_overview, name="advisory_overview"),
        path("adviestafel/<int:page_id>/", proposal_admin, name="advisory_proposal"),
    ]


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.can_export(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return EditorMenuItem(_("Adviestafel"), reverse("advisory_overview"), icon_name="comment", order=250)


@hooks.register("register_page_header_buttons")
def proposal_header_button(page, user, view_name, next_url=None):
    if page.specific_class is ProposalPage and selectors.can_export(user):
        yield Button(
            _("Reacties en export"), reverse("advisory_proposal", args=[page.pk]), icon_name="comment", priority=90
        )
