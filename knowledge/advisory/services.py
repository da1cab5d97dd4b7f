"""Every write of the advisory table: one atomic transaction per call, keyword-only arguments, AdvisoryError."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from home import cache as page_cache
from home.errors import DomainError
from home.security import rate_limited
from home.uploads import atomic_with_files

from . import selectors
from .models import (
    EXPLANATION_MAX_LENGTH,
    MAX_ATTACHMENT_BYTES,
    MAX_TEXT_LENGTH,
    CoSignature,
    CoSignatureState,
    OutcomeKind,
    Position,
    ProposalFollow,
    ProposalPage,
    Reply,
    Report,
    ReportReason,
    Response,
    ResponseDraft,
    ResponseOutcome,
    ResponseState,
    ResponseVersion,
    Visibility,
    report_threshold,
)
from .rendering import render_markdown

RATE_LIMIT = 5
RATE_WINDOW_SECONDS = 60
# (attempts, seconds); overridable with the settings ADVISORY_REPLY_RATE_LIMIT and ADVISORY_REPORT_RATE_LIMIT.
REPLY_RATE_LIMIT = (10, 600)
REPORT_RATE_LIMIT = (10, 3600)


class AdvisoryError(DomainError):
    """A rule of the advisory table was broken."""


def _check_text(text, *, field="text"):
    text = (text or "").strip()
    if not text:
        raise AdvisoryError(_("Vul een tekst in."), field=field)
    if len(text) > MAX_TEXT_LENGTH:
        raise AdvisoryError(
            _("De tekst is %(length)s tekens; het maximum is %(max)s.") % {"length": len(text), "max": MAX_TEXT_LENGTH},
            field=field,
        )
    return text


def _explanation_too_long() -> str:
    return _("De toelichting is te lang (maximaal %(max)s tekens).") % {"max": EXPLANATION_MAX_LENGTH}


def _check_choice(value, choices, message, field):
    if value not in choices.values:
        raise AdvisoryError(message, field=field)
    return value


def check_attachment(upload):
    """A PDF by content (not by name) and at most 10 MB."""
    if upload is None:
        return None
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise AdvisoryError(_("De bijlage is groter dan 10 MB."), field="attachment")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise AdvisoryError(_("De bijlage is geen pdf-bestand."), field="attachment")
    return upload


def _check_rate_limit(user):
    # Counted atomically in the cache (Redis in production), so it holds across processes and proposals.
    if rate_limited("advisory-responses", str(user.pk), limit=RATE_LIMIT, window=RATE_WINDOW_SECONDS):
        raise AdvisoryError(
            _("U heeft net al %(n)s reacties geplaatst. Wacht een minuut en probeer het opnieuw.") % {"n": RATE_LIMIT}
        )


def _check_limit(scope, user, setting, default, message):
    limit, window = getattr(settings, setting, default)
    if rate_limited(scope, str(user.pk), limit=limit, window=window):
        raise AdvisoryError(message % {"n": limit, "minutes": max(1, window // 60)})


def _purge_cached_pages():
    """After the commit, put every cached page out of date (the generation), so no anonymous visitor gets a
    stored copy with a hidden response again. Not ``purge_path``: that still serves the stored copy for
    PAGE_CACHE_COUNTER_SECONDS, and a hidden text must go at once (the proposal shows on the index, the home
    page, the report and feeds, so one path is not enough either)."""
    transaction.on_commit(page_cache.purge)


def _lock_proposal(proposal):
    return ProposalPage.objects.select_for_update().get(pk=proposal.pk)


def _response_target(*, proposal, user, organisation, question, section_key):
    """(organisation, passage) of a new response: on behalf of one of the user's organisations in the audience
    (the first when none is chosen), on one of this proposal's questions (required when it has any) and on one of
    its passages, or on the whole proposal (None)."""
    organisations = selectors.user_audience_organisations(proposal=proposal, user=user)
    if organisation is None:
        organisation = organisations[0]
    elif organisation.pk not in {org.pk for org in organisations}:
        raise AdvisoryError(_("U kunt alleen reageren namens een organisatie uit de doelgroep."), field="organisation")
    if question is not None and question.page_id != proposal.pk:
        raise AdvisoryError(_("Deze vraag hoort niet bij dit voorstel."), field="question")
    if question is None and proposal.questions.exists():
        raise AdvisoryError(_("Kies de vraag waarop u reageert."), field="question")
    section = None
    if section_key:
        section = proposal.section(section_key)
        if section is None:
            raise AdvisoryError(_("Deze passage hoort niet (meer) bij dit voorstel."), field="section")
    return organisation, section


def response_submit(
    *,
    proposal,
    user,
    position,
    text,
    visibility,
    question=None,
    organisation=None,
    attachment=None,
    section_key="",
    show_author_name=False,
    now=None,
) -> Response:
    """Place a response on the whole proposal or on one passage (``section_key``); the author's personal name
    is published only if they choose so (``show_author_name``), else the response shows its organisation."""
    from . import tasks

    now = now or timezone.now()
    text = _check_text(text)
    _check_choice(position, Position, _("Kies uw standpunt."), "position")
    _check_choice(visibility, Visibility, _("Kies wie uw reactie mag zien."), "visibility")
    check_attachment(attachment)
    with atomic_with_files() as keep_until_commit:  # a rollback removes the stored attachment (no orphan)
        proposal = _lock_proposal(proposal)
        decision = selectors.can_respond(proposal=proposal, user=user, now=now)
        if not decision:
            raise AdvisoryError(decision.reason)
        organisation, section = _response_target(
            proposal=proposal, user=user, organisation=organisation, question=question, section_key=section_key
        )
        _check_rate_limit(user)
        response = Response(
            proposal=proposal,
            question=question,
            author=user,
            organisation=organisation,
            position=position,
            body_markdown=text,
            body_html=render_markdown(text),
            visibility=visibility,
            section_key=section.key if section else "",
            section_label=section.label[:300] if section else "",
            show_author_name=bool(show_author_name),
            created_at=now,
            updated_at=now,
        )
        if attachment is not None:
            response.attachment_name = (attachment.name or "bijlage.pdf")[-200:]
            response.attachment.save("bijlage.pdf", attachment, save=False)
            keep_until_commit(response.attachment)
        response.save()
        ResponseVersion.objects.create(
            response=response, position=position, visibility=visibility, body_markdown=text, created_at=now
        )
        ResponseDraft.objects.filter(proposal=proposal, author=user).delete()
        # Inside the transaction: with the database backend the job row commits together with the response.
        tasks.send_response_confirmation.enqueue(response.pk)
    return response


def draft_save(
    *,
    proposal,
    user,
    position="",
    text="",
    visibility="",
    question=None,
    organisation=None,
    section_key="",
    show_author_name=False,
    now=None,
):
    """Keep what someone typed as their draft on this proposal (one per person); nobody else ever sees it."""
    now = now or timezone.now()
    text = (text or "").strip()
    if len(text) > MAX_TEXT_LENGTH:
        raise AdvisoryError(
            _("De tekst is %(length)s tekens; het maximum is %(max)s.") % {"length": len(text), "max": MAX_TEXT_LENGTH},
            field="text",
        )
    if not text:
        raise AdvisoryError(_("Er is nog geen tekst om als concept te bewaren."), field="text")
    position = position if position in Position.values else ""
    visibility = visibility if visibility in Visibility.values else ""
    with transaction.atomic():
        decision = selectors.can_respond(proposal=proposal, user=user, now=now)
        if not decision:
            raise AdvisoryError(decision.reason)
        organisations = selectors.user_audience_organisations(proposal=proposal, user=user)
        if organisation is None or organisation.pk not in {org.pk for org in organisations}:
            organisation = organisations[0]
        if question is not None and question.page_id != proposal.pk:
            question = None
        draft, _created = ResponseDraft.objects.update_or_create(
            proposal=proposal,
            author=user,
            defaults={
                "organisation": organisation,
                "question": question,
                "position": position,
                "body_markdown": text,
                "visibility": visibility,
                "section_key": section_key if proposal.section(section_key) else "",
                "show_author_name": bool(show_author_name),
                "updated_at": now,
            },
        )
    return draft


def follow(*, proposal, user) -> ProposalFollow:
    if not user.is_authenticated:
        raise AdvisoryError(_("Log in om dit voorstel te volgen."))
    with transaction.atomic():
        result, _created = ProposalFollow.objects.get_or_create(proposal=proposal, user=user)
    return result


def unfollow(*, proposal, user) -> None:
    if user.is_authenticated:
        ProposalFollow.objects.filter(proposal=proposal, user=user).delete()


def response_edit(*, response, user, position, text, visibility, now=None) -> Response:
    now = now or timezone.now()
    text = _check_text(text)
    _check_choice(position, Position, _("Kies uw standpunt."), "position")
    _check_choice(visibility, Visibility, _("Kies wie uw reactie mag zien."), "visibility")
    with transaction.atomic():
        response = Response.objects.select_for_update().select_related("proposal").get(pk=response.pk)
        decision = selectors.can_edit_response(response=response, user=user, now=now)
        if not decision:
            raise AdvisoryError(decision.reason)
        response.position = position
        response.visibility = visibility
        response.body_markdown = text
        response.body_html = render_markdown(text)
        response.updated_at = now
        response.save(update_fields=["position", "visibility", "body_markdown", "body_html", "updated_at"])
        ResponseVersion.objects.create(
            response=response, position=position, visibility=visibility, body_markdown=text, created_at=now
        )
    return response


def response_withdraw(*, response, user, now=None) -> Response:
    now = now or timezone.now()
    with transaction.atomic():
        response = Response.objects.select_for_update().select_related("proposal").get(pk=response.pk)
        decision = selectors.can_withdraw_response(response=response, user=user, now=now)
        if not decision:
            raise AdvisoryError(decision.reason)
        response.state = ResponseState.WITHDRAWN
        response.updated_at = now
        response.save(update_fields=["state", "updated_at"])
        log(
            instance=response.proposal,
            action="advisory.response_withdrawn",
            user=user,
            data={"response": response.pk, "organisation": response.organisation.name},
        )
    return response


def reply_submit(*, response, user, text, is_official=False, now=None) -> Reply:
    from . import tasks

    now = now or timezone.now()
    text = _check_text(text)
    with transaction.atomic():
        response = Response.objects.select_related("proposal").get(pk=response.pk)
        decision = selectors.can_reply(response=response, user=user, now=now)
        if not decision:
            raise AdvisoryError(decision.reason)
        staff = selectors.acts_for_region(proposal=response.proposal, user=user)
        if is_official and not staff:
            raise AdvisoryError(_("Alleen medewerkers van de regio geven een officieel antwoord."))
        _check_limit(
            "advisory-replies",
            user,
            "ADVISORY_REPLY_RATE_LIMIT",
            REPLY_RATE_LIMIT,
            _("U heeft net al %(n)s antwoorden geplaatst. Wacht %(minutes)s minuten en probeer het opnieuw."),
        )
        organisations = [m.organisation for m in user.memberships.select_related("organisation")]
        reply = Reply.objects.create(
            response=response,
            author=user,
            organisation=organisations[0] if organisations else None,
            body_markdown=text,
            body_html=render_markdown(text),
            is_official=bool(is_official),
            created_at=now,
        )
        if is_official:
            log(
                instance=response.proposal,
                action="advisory.official_answer",
                user=user,
                data={"response": response.pk, "organisation": response.organisation.name},
            )
        if response.author_id != user.pk:
            # Inside the transaction: with the database backend the job row commits together with the reply.
            tasks.send_reply_notification.enqueue(reply.pk)
        tasks.send_follower_reply_notifications.enqueue(reply.pk)
    return reply


def response_report(*, response, user, reason, now=None) -> Report:
    """One report per person; the response is hidden once ADVISORY_REPORT_THRESHOLD organisations reported it
    (colleagues count once). Nobody reports their own or their organisation's response. Editors get an e-mail."""
    from . import tasks

    now = now or timezone.now()
    if not user.is_authenticated:
        raise AdvisoryError(_("Log in om een reactie te melden."))
    _check_choice(reason, ReportReason, _("Kies een reden voor uw melding."), "reason")
    with transaction.atomic():
        response = Response.objects.select_for_update().select_related("proposal", "organisation").get(pk=response.pk)
        decision = selectors.can_report(response=response, user=user, now=now)
        if not decision:
            raise AdvisoryError(decision.reason)
        if Report.objects.filter(response=response, reporter=user).exists():
            raise AdvisoryError(_("U heeft deze reactie al gemeld."))
        _check_limit(
            "advisory-reports",
            user,
            "ADVISORY_REPORT_RATE_LIMIT",
            REPORT_RATE_LIMIT,
            _("U heeft net al %(n)s meldingen gedaan. Wacht %(minutes)s minuten en probeer het opnieuw."),
        )
        try:
            with transaction.atomic():
                report = Report.objects.create(
                    response=response,
                    reporter=user,
                    organisation=selectors.reporting_organisation(user),
                    reason=reason,
                    created_at=now,
                )
        except IntegrityError:
            raise AdvisoryError(_("U heeft deze reactie al gemeld.")) from None
        log(
            instance=response.proposal,
            action="advisory.response_reported",
            user=user,
            data={"response": response.pk, "reason": reason},
        )
        weight = selectors.report_weight(response)
        if weight >= report_threshold():
            response.state = ResponseState.HIDDEN
            with translation.override("nl"):  # stored and mailed: Dutch, whatever the reporter's page language
                response.moderation_reason = _(
                    "Deze reactie is door %(n)s organisaties gemeld en verborgen tot de redactie haar heeft beoordeeld."
                ) % {"n": weight}
            response.moderated_at = now
            response.save(update_fields=["state", "moderation_reason", "moderated_at"])
            log(
                instance=response.proposal,
                action="advisory.response_hidden",
                user=None,
                data={"response": response.pk, "reason": response.moderation_reason, "automatic": True},
            )
            _purge_cached_pages()
            tasks.send_moderation_alert.enqueue(response.pk, "hidden")
            tasks.send_moderation_decision.enqueue(response.pk)
        else:
            tasks.send_moderation_alert.enqueue(response.pk, "reported")
    return report


def review_request(*, response, user, text="", now=None) -> Response:
    """The author of a hidden response asks the editors to look again, once."""
    from . import tasks

    now = now or timezone.now()
    text = (text or "").strip()
    if len(text) > EXPLANATION_MAX_LENGTH:
        raise AdvisoryError(_explanation_too_long(), field="text")
    with transaction.atomic():
        response = Response.objects.select_for_update().select_related("proposal").get(pk=response.pk)
        decision = selectors.can_request_review(response=response, user=user)
        if not decision:
            raise AdvisoryError(decision.reason)
        response.review_requested_at = now
        response.review_request_text = text
        response.save(update_fields=["review_requested_at", "review_request_text"])
        log(
            instance=response.proposal,
            action="advisory.review_requested",
            user=user,
            data={"response": response.pk, "text": text},
        )
        tasks.send_moderation_alert.enqueue(response.pk, "review")
    return response


def _moderate(*, response, user, reason, state, action, now=None):
    from . import tasks

    now = now or timezone.now()
    if not selectors.can_moderate(user):
        raise AdvisoryError(_("Alleen redacteuren kunnen reacties verbergen of terugzetten."))
    reason = (reason or "").strip()
    if not reason:
        raise AdvisoryError(_("Geef een reden op; de auteur ziet deze."), field="reason")
    with transaction.atomic():
        response = Response.objects.select_for_update().select_related("proposal").get(pk=response.pk)
        if response.state == ResponseState.WITHDRAWN:
            raise AdvisoryError(_("Een ingetrokken reactie kan niet worden gemodereerd."))
        if response.state == state:
            hidden = state == ResponseState.HIDDEN
            raise AdvisoryError(_("Deze reactie is al verborgen.") if hidden else _("Deze reactie is al zichtbaar."))
        response.state = state
        response.moderation_reason = reason
        response.moderated_at = now
        response.save(update_fields=["state", "moderation_reason", "moderated_at"])
        log(instance=response.proposal, action=action, user=user, data={"response": response.pk, "reason": reason})
        _purge_cached_pages()
        tasks.send_moderation_decision.enqueue(response.pk)
    return response


def response_hide(*, response, user, reason) -> Response:
    return _moderate(
        response=response, user=user, reason=reason, state=ResponseState.HIDDEN, action="advisory.response_hidden"
    )


def response_restore(*, response, user, reason) -> Response:
    return _moderate(
        response=response, user=user, reason=reason, state=ResponseState.ACTIVE, action="advisory.response_restored"
    )


def outcome_record(*, response, user, outcome, reason, now=None) -> ResponseOutcome:
    from . import tasks

    now = now or timezone.now()
    if not selectors.can_record_outcome(user, proposal=response.proposal):
        raise AdvisoryError(_("Alleen medewerkers van de regio leggen de uitkomst vast."))
    _check_choice(outcome, OutcomeKind, _("Kies wat de regio met de reactie deed."), "outcome")
    reason = (reason or "").strip()
    if not reason:
        raise AdvisoryError(_("Licht de uitkomst kort toe."), field="reason")
    if len(reason) > EXPLANATION_MAX_LENGTH:
        raise AdvisoryError(_explanation_too_long(), field="reason")
    with transaction.atomic():
        response = Response.objects.select_related("proposal").get(pk=response.pk)
        if response.state == ResponseState.WITHDRAWN:
            raise AdvisoryError(_("Deze reactie is ingetrokken."))
        result, _created = ResponseOutcome.objects.update_or_create(
            response=response,
            defaults={"outcome": outcome, "reason": reason, "recorded_by": user, "recorded_at": now},
        )
        log(
            instance=response.proposal,
            action="advisory.outcome_recorded",
            user=user,
            data={"response": response.pk, "outcome": outcome},
        )
        tasks.send_outcome_notification.enqueue(result.pk)
    return result


# Co-signing --------------------------------------------------------------------------------------------------


def cosign_invite(*, response, user, organisations, now=None) -> list[CoSignature]:
    """Invite other audience organisations to co-sign a response; their provider members get an e-mail."""
    from . import tasks

    now = now or timezone.now()
    organisations = list(organisations)
    if not organisations:
        raise AdvisoryError(_("Kies minstens één organisatie om uit te nodigen."), field="organisations")
    with transaction.atomic():
        response = Response.objects.select_for_update().select_related("proposal", "organisation").get(pk=response.pk)
        decision = selectors.can_invite_cosigners(response=response, user=user, now=now)
        if not decision:
            raise AdvisoryError(decision.reason)
        allowed = {org.pk for org in selectors.cosign_candidates(response=response)}
        refused = [org.name for org in organisations if org.pk not in allowed]
        if refused:
            raise AdvisoryError(
                _(
                    "U kunt alleen andere organisaties uit de doelgroep uitnodigen die nog niet zijn uitgenodigd: "
                    "%(names)s niet."
                )
                % {"names": ", ".join(refused)},
                field="organisations",
            )
        created = [
            CoSignature.objects.create(response=response, organisation=org, invited_by=user, invited_at=now)
            for org in organisations
        ]
        log(
            instance=response.proposal,
            action="advisory.cosign_invited",
            user=user,
            data={"response": response.pk, "organisations": [org.name for org in organisations]},
        )
        for cosignature in created:
            tasks.send_cosign_invitation.enqueue(cosignature.pk)
    return created


def cosign_decide(*, cosignature, user, accept: bool, now=None) -> CoSignature:
    """A provider member of the invited organisation accepts (it signs) or declines, once."""
    from . import tasks

    now = now or timezone.now()
    with transaction.atomic():
        cosignature = (
            CoSignature.objects.select_for_update()
            .select_related("response__proposal", "response__organisation", "organisation")
            .get(pk=cosignature.pk)
        )
        decision = selectors.can_decide_cosignature(cosignature=cosignature, user=user, now=now)
        if not decision:
            raise AdvisoryError(decision.reason)
        cosignature.state = CoSignatureState.ACCEPTED if accept else CoSignatureState.DECLINED
        cosignature.decided_by = user
        cosignature.decided_at = now
        cosignature.save(update_fields=["state", "decided_by", "decided_at"])
        log(
            instance=cosignature.response.proposal,
            action="advisory.cosign_accepted" if accept else "advisory.cosign_declined",
            user=user,
            data={"response": cosignature.response_id, "organisation": cosignature.organisation.name},
        )
        tasks.send_cosign_decision.enqueue(cosignature.pk)
    # No cache purge: signing ends at closing, and before closing no anonymous (cached) visitor sees responses.
    return cosignature
