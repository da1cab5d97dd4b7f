"""Sub-URLs of a proposal page (RoutablePageMixin): thin views that parse a form, call one service, render.

Writes are POST-only (CSRF-protected by Django's middleware); reads go through ``selectors``.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.contrib.routable_page.models import path

from accounts.permissions import is_editor


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def _apply_error(form, error):
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


class ProposalRoutesMixin:
    """Mixed into ProposalPage; kept here so the model module stays about data."""

    # Context ------------------------------------------------------------------------------------------------

    def get_context(self, request, *args, focus_response=None, **kwargs):
        """`focus_response`: show the page of the response list that holds this response (a form error on it)."""
        from home.pagination import paginate

        from . import selectors
        from .forms import ResponseForm

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        now = timezone.now()
        decision = selectors.can_respond(proposal=self, user=user, now=now)
        number = None
        if focus_response is not None:
            number = selectors.response_page_number(proposal=self, user=user, response_id=focus_response, now=now)
        page_obj = paginate(
            request,
            selectors.response_listing(proposal=self, user=user, now=now),
            per_page=selectors.RESPONSES_PER_PAGE,
            number=number,
        )
        responses = list(page_obj)
        staff = selectors.acts_for_region(proposal=self, user=user)
        in_audience = bool(user.is_authenticated and selectors.user_audience_organisations(proposal=self, user=user))
        may_reply = staff or (in_audience and self.is_open(now))
        for response in responses:
            response.proposal = self  # already loaded: no query per response
            response.may_edit = bool(selectors.can_edit_response(response=response, user=user, now=now))
            response.may_withdraw = bool(selectors.can_withdraw_response(response=response, user=user, now=now))
            response.may_reply = may_reply and response.state == "active"
        if decision and "response_form" not in context:
            organisations = selectors.user_audience_organisations(proposal=self, user=user)
            context["response_form"] = ResponseForm(proposal=self, organisations=organisations)
        context.update(
            {
                "now": now,
                "status": self.status_at(now),
                "respond_decision": decision,
                "groups": selectors.responses_by_question(self, responses),
                "response_count": page_obj.paginator.count,
                "page_obj": page_obj,
                "organisation_count": selectors.responding_organisation_count(self),
                "time_left": self.closes_at - now if self.is_open(now) else None,
                "is_staff": staff,
                "is_editor": is_editor(user),
                "may_reply": may_reply,
                "page_url": self.url,  # sub-URLs per response are built from it (cheaper than reversing each)
            }
        )
        return context

    def _render_page(self, request, status=200, focus_response=None, **overrides):
        response = self.render(request, context_overrides=overrides, focus_response=focus_response)
        response.status_code = status
        return response

    def response_location(self, request, response_id, *, anchor=None) -> str:
        """Where a response is shown to this person: the right page of the list, scrolled to it (or its reply)."""
        from . import selectors

        number = selectors.response_page_number(proposal=self, user=request.user, response_id=response_id)
        return self._location(number, anchor or f"reactie-{response_id}")

    def _location(self, number, anchor) -> str:
        if number is None:
            return self.url
        query = f"?page={number}" if number > 1 else ""
        return f"{self.url}{query}#{anchor}"

    def _response_or_404(self, request, response_id):
        from . import selectors

        response = (
            selectors.visible_responses(proposal=self, user=request.user)
            .select_related("author", "organisation", "proposal")
            .filter(pk=response_id)
            .first()
        )
        if response is None:
            raise Http404
        return response

    # Page and response writes -------------------------------------------------------------------------------

    @path("")
    def proposal_view(self, request):
        return self.render(request)

    @path("reactie/<int:response_id>/")
    def response_view(self, request, response_id):
        """Permanent link to one response (e-mails, the report): the page of the list that shows it.

        Someone signed out who cannot see it yet (a provider following their e-mail) is asked to sign in first.
        """
        from . import selectors

        number = selectors.response_page_number(proposal=self, user=request.user, response_id=response_id)
        if number is None and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return redirect(self._location(number, f"reactie-{response_id}"))

    @path("reageren/")
    def respond_view(self, request):
        from . import selectors, services
        from .forms import ResponseForm

        if (not_allowed := _post_only(request)) is not None:
            return not_allowed
        organisations = selectors.user_audience_organisations(proposal=self, user=request.user)
        form = ResponseForm(request.POST, request.FILES, proposal=self, organisations=organisations)
        if form.is_valid():
            data = form.cleaned_data
            question = self.questions.filter(pk=data.get("question")).first() if data.get("question") else None
            organisation = next((o for o in organisations if o.pk == data.get("organisation")), None)
            try:
                response = services.response_submit(
                    proposal=self,
                    user=request.user,
                    question=question,
                    organisation=organisation,
                    position=data["position"],
                    text=data["text"],
                    visibility=data["visibility"],
                    attachment=data.get("attachment"),
                )
            except services.AdvisoryError as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("Uw reactie is geplaatst. U kunt haar 30 minuten lang bewerken."))
                return redirect(self.response_location(request, response.pk))
        return self._render_page(request, status=400, response_form=form)

    @path("reactie/<int:response_id>/bewerken/")
    def edit_view(self, request, response_id):
        from . import selectors, services
        from .forms import ResponseEditForm

        response = self._response_or_404(request, response_id)
        decision = selectors.can_edit_response(response=response, user=request.user)
        if request.method == "POST":
            form = ResponseEditForm(request.POST)
            if form.is_valid():
                try:
                    services.response_edit(response=response, user=request.user, **form.cleaned_data)
                except services.AdvisoryError as error:
                    _apply_error(form, error)
                else:
                    messages.success(request, _("Uw reactie is bijgewerkt."))
                    return redirect(self.response_location(request, response.pk))
            status = 400
        else:
            if not decision:
                raise PermissionDenied(decision.reason)
            form = ResponseEditForm(
                initial={
                    "position": response.position,
                    "text": response.body_markdown,
                    "visibility": response.visibility,
                }
            )
            status = 200
        return self._render_form(request, "advisory/response_edit.html", form, response, status)

    def _render_form(self, request, template, form, response, status=200, **extra):
        result = self.render(
            request, template=template, context_overrides={"form": form, "response": response, **extra}
        )
        result.status_code = status
        return result

    @path("reactie/<int:response_id>/intrekken/")
    def withdraw_view(self, request, response_id):
        from . import services

        if (not_allowed := _post_only(request)) is not None:
            return not_allowed
        response = self._response_or_404(request, response_id)
        try:
            services.response_withdraw(response=response, user=request.user)
        except services.AdvisoryError as error:
            messages.error(request, error.message)
            return redirect(self.response_location(request, response.pk))
        messages.success(request, _("Uw reactie is ingetrokken."))
        return redirect(self.url)

    @path("reactie/<int:response_id>/reageren/")
    def reply_view(self, request, response_id):
        from . import services
        from .forms import ReplyForm

        if (not_allowed := _post_only(request)) is not None:
            return not_allowed
        response = self._response_or_404(request, response_id)
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                reply = services.reply_submit(
                    response=response,
                    user=request.user,
                    text=form.cleaned_data["text"],
                    is_official=form.cleaned_data["is_official"],
                )
            except services.AdvisoryError as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("Uw antwoord is geplaatst."))
                return redirect(self.response_location(request, response.pk, anchor=f"antwoord-{reply.pk}"))
        return self._render_page(
            request, status=400, focus_response=response.pk, reply_form=form, reply_form_for=response.pk
        )

    @path("reactie/<int:response_id>/melden/")
    def report_view(self, request, response_id):
        from . import services
        from .forms import ReportForm

        response = self._response_or_404(request, response_id)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        form = ReportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.response_report(response=response, user=request.user, reason=form.cleaned_data["reason"])
            except services.AdvisoryError as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("Dank u; de redactie bekijkt uw melding."))
                return redirect(self.response_location(request, response.pk))
        status = 400 if request.method == "POST" else 200
        return self._render_form(request, "advisory/response_report.html", form, response, status)

    def _moderation_view(self, request, response_id, *, hide):
        from . import selectors, services
        from .forms import ModerationForm

        if not selectors.can_moderate(request.user):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        response = self._response_or_404(request, response_id)
        form = ModerationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            service = services.response_hide if hide else services.response_restore
            try:
                service(response=response, user=request.user, reason=form.cleaned_data["reason"])
            except services.AdvisoryError as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("De reactie is verborgen.") if hide else _("De reactie is teruggezet."))
                return redirect(self.response_location(request, response.pk))
        status = 400 if request.method == "POST" else 200
        return self._render_form(request, "advisory/response_moderate.html", form, response, status, hide=hide)

    @path("reactie/<int:response_id>/verbergen/")
    def hide_view(self, request, response_id):
        return self._moderation_view(request, response_id, hide=True)

    @path("reactie/<int:response_id>/herstellen/")
    def restore_view(self, request, response_id):
        return self._moderation_view(request, response_id, hide=False)

    @path("reactie/<int:response_id>/uitkomst/")
    def outcome_view(self, request, response_id):
        from . import selectors, services
        from .forms import OutcomeForm

        if not selectors.can_record_outcome(request.user, proposal=self):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        response = self._response_or_404(request, response_id)
        existing = getattr(response, "outcome", None) if hasattr(response, "outcome") else None
        initial = {"outcome": existing.outcome, "reason": existing.reason} if existing else None
        form = OutcomeForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.outcome_record(response=response, user=request.user, **form.cleaned_data)
            except services.AdvisoryError as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("De uitkomst is vastgelegd en de indiener is op de hoogte gebracht."))
                return redirect(self.response_location(request, response.pk))
        status = 400 if request.method == "POST" else 200
        return self._render_form(request, "advisory/response_outcome.html", form, response, status)

    @path("reactie/<int:response_id>/bijlage/")
    def attachment_view(self, request, response_id):
        response = self._response_or_404(request, response_id)
        if not response.attachment:
            raise Http404
        filename = slugify(response.attachment_name.rsplit(".", 1)[0]) or "bijlage"
        return FileResponse(
            response.attachment.open("rb"),
            as_attachment=True,
            filename=f"{filename}.pdf",
            content_type="application/pdf",
        )

    # Report and exports -------------------------------------------------------------------------------------

    @path("verslag/")
    def report_page_view(self, request):
        from . import selectors

        if not self.report_is_published and not is_editor(request.user):
            raise Http404
        responses = list(selectors.response_listing(proposal=self, user=request.user))
        return self.render(
            request,
            template="advisory/proposal_report.html",
            context_overrides={
                "groups": selectors.responses_by_question(self, responses),
                "position_counts": selectors.position_counts(responses),
            },
        )

    def _require_export(self, request):
        from . import selectors

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not selectors.can_export(request.user):
            raise PermissionDenied
        return None

    def _export_filename(self):
        return f"adviestafel-{self.slug}-{timezone.localdate():%Y%m%d}"

    def _export(self, request, fmt):
        from . import exports

        if (denied := self._require_export(request)) is not None:
            return denied
        return exports.download(proposal=self, user=request.user, fmt=fmt, filename=self._export_filename())

    @path("export-csv/")
    def export_csv_view(self, request):
        return self._export(request, "csv")

    @path("export-xlsx/")
    def export_xlsx_view(self, request):
        return self._export(request, "xlsx")

    @path("verslag-print/")
    def export_print_view(self, request):
        from . import exports

        if (denied := self._require_export(request)) is not None:
            return denied
        response = self.render(
            request,
            template="advisory/proposal_print.html",
            context_overrides=exports.print_context(proposal=self, user=request.user),
        )
        response["Cache-Control"] = "private, no-store"  # names of authors and region-only responses
        return response
