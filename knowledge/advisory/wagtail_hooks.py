"""Admin wiring: log actions for moderation, an overview per proposal (non-responders, versions, exports)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from . import selectors, services
from .models import ProposalPage, Response, report_threshold


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("advisory.response_hidden", _("Reactie verborgen"), _("Reactie verborgen"))
    actions.register_action("advisory.response_restored", _("Reactie teruggezet"), _("Reactie teruggezet"))
    actions.register_action("advisory.response_reported", _("Reactie gemeld"), _("Reactie gemeld"))
    actions.register_action("advisory.response_withdrawn", _("Reactie ingetrokken"), _("Reactie ingetrokken"))
    actions.register_action("advisory.official_answer", _("Officieel antwoord"), _("Officieel antwoord gegeven"))
    actions.register_action("advisory.outcome_recorded", _("Uitkomst vastgelegd"), _("Uitkomst van reactie vastgelegd"))
    actions.register_action(
        "advisory.cosign_invited", _("Uitgenodigd om mede te ondertekenen"), _("Medeondertekenaars uitgenodigd")
    )
    actions.register_action("advisory.cosign_accepted", _("Mede ondertekend"), _("Reactie mede ondertekend"))
    actions.register_action(
        "advisory.cosign_declined",
        _("Medeondertekening afgeslagen"),
        _("Uitnodiging om mede te ondertekenen afgeslagen"),
    )
    actions.register_action(
        "advisory.review_requested", _("Herbeoordeling gevraagd"), _("Auteur vraagt om herbeoordeling")
    )


def _require_editor(request):
    if not selectors.can_export(request.user):
        raise PermissionDenied


def proposals_overview(request):
    _require_editor(request)
    proposals = list(selectors.proposal_listing())
    counts = selectors.response_counts(proposals)
    for proposal in proposals:
        proposal.counts = counts[proposal.pk]
    return render(request, "advisory/admin/overview.html", {"proposals": proposals})


def proposal_admin(request, page_id):
    _require_editor(request)
    proposal = get_object_or_404(ProposalPage, pk=page_id)
    responses = (
        Response.objects.filter(proposal=proposal)
        .select_related("organisation", "author", "question")
        .prefetch_related("versions", "reports", "cosignatures__organisation")
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


def moderation_queue(request):
    """Reported, hidden and restored responses with their reports; hide or restore with a reason (the services)."""
    if not selectors.can_moderate(request.user):
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        response = get_object_or_404(Response, pk=request.POST.get("response") or 0)
        hide = request.POST.get("action") == "hide"
        service = services.response_hide if hide else services.response_restore
        try:
            service(response=response, user=request.user, reason=request.POST.get("reason", ""))
        except services.AdvisoryError as failure:
            error = failure.message
        else:
            messages.success(request, _("De reactie is verborgen.") if hide else _("De reactie is teruggezet."))
            return redirect("advisory_moderation")
    return render(
        request,
        "advisory/admin/moderation.html",
        {"responses": selectors.moderation_queue(), "threshold": report_threshold(), "error": error},
        status=400 if error else 200,
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("adviestafel/moderatie/", moderation_queue, name="advisory_moderation"),
        path("adviestafel/", proposals_overview, name="advisory_overview"),
        path("adviestafel/<int:page_id>/", proposal_admin, name="advisory_proposal"),
    ]


class EditorMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.can_export(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return EditorMenuItem(_("Adviestafel"), reverse("advisory_overview"), icon_name="comment", order=250)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return EditorMenuItem(_("Moderatie"), reverse("advisory_moderation"), icon_name="warning", order=251)


@hooks.register("register_page_header_buttons")
def proposal_header_button(page, user, view_name, next_url=None):
    if page.specific_class is ProposalPage and selectors.can_export(user):
        yield Button(
            _("Reacties en export"), reverse("advisory_proposal", args=[page.pk]), icon_name="comment", priority=90
        )
