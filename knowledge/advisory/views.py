"""Sub-URLs of a proposal page (RoutablePageMixin): thin views that parse a form, call one service, render.

Writes are POST-only (CSRF-protected by Django's middleware); reads go through ``selectors``.
"""

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.routable_page.models import path, re_path

from accounts import permissions
from accounts.permissions import is_editor
from home import exports as spreadsheet
from home.cache import remember_instances_for_page
from home.errors import add_to_form
from home.pagination import paginate_counted


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


NOT_FOUND_REASON = gettext_lazy(
    "Deze reactie bestaat niet (meer), is ingetrokken of is niet voor u zichtbaar. Reacties 'alleen voor de regio' "
    "ziet alleen de regio en de eigen organisatie; openbare reacties zijn soms pas na de sluiting te lezen."
)


def refusal(request, *, status, reason="", page=None):
    """The Dutch 403 or 404 page of the advisory table, saying why (the edit window passed, not yours, ...)."""
    html = render_to_string(
        "advisory/refusal.html",
        {"status": status, "reason": reason, "proposal": page, "page": page},
        request=request,
    )
    response = HttpResponse(html, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


class RefusalMixin:
    """Route views raise PermissionDenied/Http404 with a Dutch reason; the visitor gets it in the site layout."""

    def serve(self, request, *args, **kwargs):
        try:
            return super().serve(request, *args, **kwargs)
        except PermissionDenied as error:
            reason = str(error) or _("U mag deze handeling op de adviestafel niet uitvoeren.")
            return refusal(request, status=403, reason=reason, page=self)
        except Http404 as error:
            if not str(error):
                raise  # an unknown sub-URL: the site's own 404 page
            return refusal(request, status=404, reason=str(error), page=self)


class ProposalRoutesMixin(RefusalMixin):
    """Mixed into ProposalPage; kept here so the model module stays about data."""

    # Context ------------------------------------------------------------------------------------------------

    def get_context(self, request, *args, focus_response=None, **kwargs):
        """`focus_response`: show the page of the response list that holds this response (a form error on it)."""

        from . import selectors, wording

        context = super().get_context(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):  # the template, the form and the grouping each list them
            self._prefetch_questions(request)
        user = request.user
        now = timezone.now()
        decision = selectors.can_respond(proposal=self, user=user, now=now)
        number = None
        if focus_response is not None:
            number = selectors.response_page_number(proposal=self, user=user, response_id=focus_response, now=now)
        page_obj = paginate_counted(
            request,
            selectors.response_listing(proposal=self, user=user, now=now),
            per_page=selectors.RESPONSES_PER_PAGE,
            number=number,
        )
        responses = list(page_obj)
        staff = selectors.acts_for_region(proposal=self, user=user)
        in_audience = bool(user.is_authenticated and selectors.user_audience_organisations(proposal=self, user=user))
        may_reply = staff or (in_audience and self.is_open(now))
        self._annotate_for_viewer(request, responses, now=now, staff=staff, may_reply=may_reply)
        sections = self.sections()
        draft = selectors.draft_for(proposal=self, user=user) if decision else None
        if decision and "response_form" not in context:
            context["response_form"] = self._response_form(request, draft)
        counts = selectors.proposal_response_counts(self)
        section_by_key = {section.key: section for section in sections}
        body_parts = []
        for block in self.body:
            section = section_by_key.get(str(block.id))
            body_parts.append((block, section, counts.for_section(section.key) if section else 0))
        context.update(
            {
                "now": now,
                "status": self.status_at(now),
                "respond_decision": decision,
                "groups": [
                    (question, items, selectors.responses_by_section(sections, items) if sections else None)
                    for question, items in selectors.responses_by_question(self, responses)
                ],
                "sections": sections,
                "body_parts": body_parts,
                "non_responding": selectors.non_responding_organisations(self) if staff else None,
                "response_count": page_obj.paginator.count,
                "page_obj": page_obj,
                "counts": counts,
                "organisation_count": counts.organisations,
                "time_left": wording.time_left(self.closes_at - now) if self.is_open(now) else None,
                "draft": draft,
                "is_following": selectors.is_following(proposal=self, user=user),
                "is_staff": staff,
                "is_editor": is_editor(user),
                "may_reply": may_reply,
                "page_url": self.url,  # sub-URLs per response are built from it (cheaper than reversing each)
            }
        )
        return context

    def _annotate_for_viewer(self, request, responses, *, now, staff, may_reply):
        """What this visitor sees and may do on each listed response, from the rows already loaded (the services
        check each action again)."""
        from . import selectors

        user = request.user
        own_org_ids = {org.pk for org in permissions.organisations(user)}
        provider_org_ids = {org.pk for org in permissions.provider_organisations(user)}
        audience = None  # loaded once, only if this person may invite co-signers on a response
        for response in responses:
            response.proposal = self  # already loaded: no query per response
            response.signatories = selectors.signatories(response)
            cosignatures = response.cosignatures.all()
            response.pending_cosigners = (
                [c.organisation for c in cosignatures if c.state == "invited"]
                if response.organisation_id in provider_org_ids or staff
                else []
            )
            shows_name = selectors.shows_author_name(
                response=response, user=user, acts_for_region_=staff, own_organisation_ids=provider_org_ids
            )
            response.author_display = response.author_name if shows_name else ""
            response.may_invite = bool(
                response.organisation_id in provider_org_ids
                and selectors.can_invite_cosigners(response=response, user=user, now=now)
            )
            if response.may_invite and audience is None:
                audience = self._audience_by_name(request)
            response.cosign_candidates = (
                selectors.cosign_candidates(response=response, audience=audience) if response.may_invite else []
            )
            response.may_decide_cosign = any(
                c.state == "invited" and c.organisation_id in provider_org_ids for c in cosignatures
            ) and self.is_open(now)
            # The rule of selectors.can_report without a query per response.
            response.may_report = bool(
                user.is_authenticated
                and response.state == "active"
                and response.author_id != user.pk
                and response.organisation_id not in own_org_ids
                and not any(c.state == "accepted" and c.organisation_id in own_org_ids for c in cosignatures)
            )
            response.may_request_review = bool(selectors.can_request_review(response=response, user=user))
            response.may_edit = bool(selectors.can_edit_response(response=response, user=user, now=now))
            response.may_withdraw = bool(selectors.can_withdraw_response(response=response, user=user, now=now))
            response.may_reply = may_reply and response.state == "active"

    def _response_form(self, request, draft):
        """The empty response form, or the visitor's draft in it; "Reageer op deze passage" (``?passage=``) picks
        the passage."""
        from . import selectors
        from .forms import ResponseForm

        initial = {}
        if draft is not None:
            initial = {
                "question": draft.question_id,
                "organisation": draft.organisation_id,
                "position": draft.position or None,
                "text": draft.body_markdown,
                "visibility": draft.visibility or "public",
                "section": draft.section_key,
                "show_author_name": draft.show_author_name,
            }
        passage = request.GET.get("passage", "")
        if passage and self.section(passage):
            initial["section"] = passage
        organisations = selectors.user_audience_organisations(proposal=self, user=request.user)
        return ResponseForm(proposal=self, organisations=organisations, initial=initial or None)

    def _prefetch_questions(self, request):
        """The questions, left as ``prefetch_related_objects([self], "questions")`` leaves them, from rows kept
        with the page's purge (``remember_instances_for_page``): they are inline children of the page and change
        only when it is published, which purges. One query less on every visit."""
        question_model = self.questions.model
        questions = self.questions.all()
        questions._result_cache = remember_instances_for_page(request, self, "proposal-questions", self.questions.all())
        for question in questions._result_cache:
            question_model._meta.get_field("page").set_cached_value(question, self)
        questions._prefetch_done = True
        self._prefetched_objects_cache = {**getattr(self, "_prefetched_objects_cache", {}), "questions": questions}

    def _audience_by_name(self, request):
        """The proposal's audience organisations by name, for the co-sign invitation form, from rows kept with the
        page's purge (``remember_instances_for_page``): the audience is chosen on the page (a publish purges) from
        organisations and segments, which are snippets (any save or deletion purges). Only what the form shows;
        ``services.cosign_invite`` checks each invited organisation against the audience itself."""
        from . import selectors

        audience = selectors.audience_organisations(self).order_by("name")
        return remember_instances_for_page(request, self, "audience", audience)

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
            raise Http404(NOT_FOUND_REASON)
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
        from . import models, selectors, services  # models imports this module
        from .forms import ResponseForm

        if (not_allowed := _post_only(request)) is not None:
            return not_allowed
        organisations = selectors.user_audience_organisations(proposal=self, user=request.user)
        form = ResponseForm(request.POST, request.FILES, proposal=self, organisations=organisations)
        if "save_draft" in request.POST:
            return self._save_draft(request, form, organisations)
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
                    section_key=data.get("section") or "",
                    show_author_name=data.get("show_author_name", False),
                )
            except services.AdvisoryError as error:
                add_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("Uw reactie is geplaatst. U kunt haar %(minutes)s minuten lang bewerken.")
                    % {"minutes": models.EDIT_WINDOW_MINUTES},
                )
                return redirect(self.response_location(request, response.pk))
        return self._render_page(request, status=400, response_form=form)

    def _save_draft(self, request, form, organisations):
        """Keep the typed text without validating it as a response (a draft may lack a position)."""
        from . import services

        post = request.POST
        question_id = post.get("question", "")
        question = self.questions.filter(pk=question_id).first() if question_id.isdigit() else None
        organisation_id = post.get("organisation", "")
        organisation = next((o for o in organisations if str(o.pk) == organisation_id), None)
        try:
            services.draft_save(
                proposal=self,
                user=request.user,
                question=question,
                organisation=organisation,
                position=post.get("position", ""),
                text=post.get("text", ""),
                visibility=post.get("visibility", ""),
                section_key=post.get("section", ""),
                show_author_name=bool(post.get("show_author_name")),
            )
        except services.AdvisoryError as error:
            form.errors.clear()
            add_to_form(form, error)
            return self._render_page(request, status=400, response_form=form)
        messages.success(
            request,
            _(
                "Uw concept is bewaard; alleen u ziet het. Het staat klaar op deze pagina en onder Mijn reacties. "
                "Een bijlage wordt niet bewaard: voeg die toe bij het plaatsen."
            ),
        )
        return redirect(f"{self.url}#reageren")

    @path("volgen/")
    def follow_view(self, request):
        from . import services

        if (not_allowed := _post_only(request)) is not None:
            return not_allowed
        if not request.user.is_authenticated:
            return redirect_to_login(self.url)
        if request.POST.get("action") == "unfollow":
            services.unfollow(proposal=self, user=request.user)
            messages.success(request, _("U volgt dit voorstel niet meer."))
        else:
            services.follow(proposal=self, user=request.user)
            messages.success(
                request,
                _("U volgt dit voorstel: u krijgt een e-mail bij nieuwe antwoorden, het verslag en het besluit."),
            )
        return redirect(self.url)

    @path("reactie/<int:response_id>/herbeoordeling/")
    def review_request_view(self, request, response_id):
        from . import selectors, services

        if (not_allowed := _post_only(request)) is not None:
            return not_allowed
        response = self._response_or_404(request, response_id)
        decision = selectors.can_request_review(response=response, user=request.user)
        if not decision:
            raise PermissionDenied(decision.reason)
        try:
            services.review_request(response=response, user=request.user, text=request.POST.get("text", ""))
        except services.AdvisoryError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Uw vraag om een nieuwe beoordeling is verstuurd naar de redactie."))
        return redirect(self.response_location(request, response.pk))

    @path("reactie/<int:response_id>/medeondertekenaars/")
    def cosign_invite_view(self, request, response_id):
        """The responding organisation invites other audience organisations to co-sign (POST)."""
        from . import selectors, services
        from .forms import CosignInviteForm

        if (not_allowed := _post_only(request)) is not None:
            return not_allowed
        response = self._response_or_404(request, response_id)
        decision = selectors.can_invite_cosigners(response=response, user=request.user)
        if not decision:
            raise PermissionDenied(decision.reason)
        form = CosignInviteForm(request.POST, candidates=selectors.cosign_candidates(response=response))
        if form.is_valid():
            try:
                invited = services.cosign_invite(
                    response=response, user=request.user, organisations=form.cleaned_data["organisations"]
                )
            except services.AdvisoryError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    _("Uitgenodigd om mede te ondertekenen: %(names)s. Zij krijgen een e-mail.")
                    % {"names": ", ".join(c.organisation.name for c in invited)},
                )
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(self.response_location(request, response.pk))

    @path("reactie/<int:response_id>/medeondertekenen/")
    def cosign_view(self, request, response_id):
        """An invited organisation's member reads the response and accepts or declines (the e-mail's link)."""
        from . import selectors, services
        from .forms import CosignDecisionForm
        from .models import CoSignature

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        response = self._response_or_404(request, response_id)
        mine = [org.pk for org in permissions.provider_organisations(request.user)]
        cosignature = (
            CoSignature.objects.select_related("organisation", "response__proposal")
            .filter(response=response, organisation__in=mine)
            .order_by("-state", "pk")  # an open invitation ("invited") before decided ones
            .first()
        )
        if cosignature is None:
            raise PermissionDenied(_("Uw organisatie is niet uitgenodigd om deze reactie mede te ondertekenen."))
        decision = selectors.can_decide_cosignature(cosignature=cosignature, user=request.user)
        form = CosignDecisionForm(request.POST or None)
        if request.method == "POST":
            if not decision:
                raise PermissionDenied(decision.reason)
            if form.is_valid():
                accept = form.cleaned_data["decision"] == "accept"
                try:
                    services.cosign_decide(cosignature=cosignature, user=request.user, accept=accept)
                except services.AdvisoryError as error:
                    add_to_form(form, error)
                else:
                    if accept:
                        messages.success(
                            request,
                            _("%(organisation)s ondertekent deze reactie mede.")
                            % {"organisation": cosignature.organisation.name},
                        )
                        return redirect(self.response_location(request, response.pk))
                    messages.success(request, _("U heeft de uitnodiging afgeslagen."))
                    return redirect(f"{self.get_parent().url}mijn-reacties/")
        result = self._render_form(
            request,
            "advisory/response_cosign.html",
            form,
            response,
            400 if request.method == "POST" else 200,
            cosignature=cosignature,
            decision=decision,
            signatories=selectors.signatories(response),
        )
        result["Cache-Control"] = "private, no-store"
        return result

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
                    add_to_form(form, error)
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
                add_to_form(form, error)
            else:
                messages.success(request, _("Uw antwoord is geplaatst."))
                return redirect(self.response_location(request, response.pk, anchor=f"antwoord-{reply.pk}"))
        return self._render_page(
            request, status=400, focus_response=response.pk, reply_form=form, reply_form_for=response.pk
        )

    @path("reactie/<int:response_id>/melden/")
    def report_view(self, request, response_id):
        from . import selectors, services
        from .forms import ReportForm

        response = self._response_or_404(request, response_id)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        decision = selectors.can_report(response=response, user=request.user)
        if not decision:
            raise PermissionDenied(decision.reason)  # also a crafted URL or POST for one's own response
        form = ReportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.response_report(response=response, user=request.user, reason=form.cleaned_data["reason"])
            except services.AdvisoryError as error:
                add_to_form(form, error)
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
            raise PermissionDenied(_("Alleen redacteuren kunnen reacties verbergen of terugzetten."))
        response = self._response_or_404(request, response_id)
        form = ModerationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            service = services.response_hide if hide else services.response_restore
            try:
                service(response=response, user=request.user, reason=form.cleaned_data["reason"])
            except services.AdvisoryError as error:
                add_to_form(form, error)
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
            raise PermissionDenied(
                _("Alleen medewerkers van de regio die deze consultatie houdt leggen de uitkomst van een reactie vast.")
            )
        response = self._response_or_404(request, response_id)
        existing = getattr(response, "outcome", None) if hasattr(response, "outcome") else None
        initial = {"outcome": existing.outcome, "reason": existing.reason} if existing else None
        form = OutcomeForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.outcome_record(response=response, user=request.user, **form.cleaned_data)
            except services.AdvisoryError as error:
                add_to_form(form, error)
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
        if not self.report_is_published and not is_editor(request.user):
            raise Http404(
                _("Het verslag van deze consultatie is nog niet gepubliceerd. U krijgt een e-mail zodra het er is.")
            )
        return self.render(
            request,
            template="advisory/proposal_report.html",
            context_overrides=self._report_context(request.user),
        )

    def _report_context(self, user) -> dict:
        """The report as this person may read it: the same selectors for the page and the public PDF."""
        from . import selectors

        responses = [r for r in selectors.response_listing(proposal=self, user=user) if r.state == "active"]
        staff = selectors.acts_for_region(proposal=self, user=user)
        provider_org_ids = {org.pk for org in permissions.provider_organisations(user)}
        for response in responses:
            response.proposal = self
            response.signatories = selectors.signatories(response)
            response.author_display = (
                response.author_name
                if selectors.shows_author_name(
                    response=response, user=user, acts_for_region_=staff, own_organisation_ids=provider_org_ids
                )
                else ""
            )
        counts = selectors.proposal_response_counts(self)
        sections = self.sections()
        return {
            "groups": selectors.responses_by_question(self, responses),
            "section_groups": selectors.responses_by_section(sections, responses) if sections else [],
            "counts": counts,
            "position_counts": counts.positions,
        }

    @path("verslag-pdf/")
    def report_pdf_view(self, request):
        """The published report as a PDF for anyone: what an anonymous visitor reads on the report page."""

        from . import pdf

        if not self.report_is_published:
            raise Http404(
                _("Het verslag van deze consultatie is nog niet gepubliceerd. U krijgt een e-mail zodra het er is.")
            )
        content = pdf.report_pdf(proposal=self, context=self._report_context(AnonymousUser()))
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="verslag-{self.slug}.pdf"'
        # Public, but not stored: a response hidden later must not linger in a cache.
        response["Cache-Control"] = "no-store"
        return response

    @path("reacties-csv/")
    def public_csv_view(self, request):
        """The public responses after closing, for anyone: exactly what an anonymous visitor sees on the page."""

        from . import exports, selectors

        if not self.has_closed():
            raise Http404(_("De openbare reacties zijn te downloaden zodra de consultatie is gesloten."))
        sections = {section.key: section for section in self.sections()}
        rows = [
            (
                r.question.text if r.question else "",
                r.organisation.name,
                r.get_position_display(),
                r.body_markdown,
                r.created_at,
                exports.passage_label(r, sections),
                ", ".join(org.name for org in selectors.signatories(r)[1:]),
                r.author_name if r.show_author_name else "",  # the author's choice, as on the page
            )
            for r in selectors.public_responses(proposal=self)
        ]
        # Sent with home.exports' "private, no-store": a response hidden later must not linger in a browser cache.
        # New columns go at the end, so scripts reading the first five keep working.
        return spreadsheet.response(
            headers=[
                _("Vraag"),
                _("Organisatie"),
                _("Standpunt"),
                _("Reactie"),
                _("Geplaatst op"),
                _("Passage"),
                _("Mede ondertekend door"),
                _("Auteur"),
            ],
            rows=rows,
            fmt="csv",
            filename=f"adviestafel-{self.slug}-openbare-reacties",
        )

    def _require_export(self, request):
        from . import selectors

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not selectors.can_export(request.user, proposal=self):
            raise PermissionDenied(
                _(
                    "Alleen redacteuren en medewerkers van de regio die deze consultatie houdt exporteren de "
                    "reacties met namen en regio-reacties."
                )
            )
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
        from . import selectors

        context = exports.print_context(proposal=self, user=request.user)
        context["counts"] = selectors.proposal_response_counts(self)  # the same numbers as on every other page
        response = self.render(request, template="advisory/proposal_print.html", context_overrides=context)
        response["Cache-Control"] = "private, no-store"  # names of authors and region-only responses
        return response


class ProposalIndexRoutesMixin(RefusalMixin):
    """Mixed into ProposalIndexPage: the listing, "Mijn reacties" and the public feeds."""

    @path("")
    def index_view(self, request):
        return self.render(request)

    @path("mijn-reacties/")
    def my_responses_view(self, request):
        """The user's organisation's responses, their drafts and the region's answers, across all proposals."""
        from . import selectors

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        responses = list(selectors.my_responses(user=request.user))
        own = {org.pk for org in permissions.provider_organisations(request.user)}
        for response in responses:
            response.signatories = selectors.signatories(response)
            # A co-signing organisation sees the author's name only if they chose it (it is not their own).
            response.author_display = (
                response.author_name
                if selectors.shows_author_name(
                    response=response, user=request.user, acts_for_region_=False, own_organisation_ids=own
                )
                else ""
            )
        result = self.render(
            request,
            template="advisory/my_responses.html",
            context_overrides={
                "responses": responses,
                "drafts": list(selectors.my_drafts(user=request.user)),
                "invitations": list(selectors.my_cosign_invitations(user=request.user)),
            },
        )
        result["Cache-Control"] = "private, no-store"
        return result

    @path("feed/")
    def rss_view(self, request):
        from . import feeds

        return feeds.rss(request, index_page=self)

    @re_path(r"^agenda\.ics/?$")
    def ics_view(self, request):
        from . import feeds

        return feeds.ics(request, index_page=self)
