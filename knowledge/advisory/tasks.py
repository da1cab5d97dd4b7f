"""Notifications, sent in the background (django-tasks). Proposal e-mails are recorded per person and kind,
so running a task or the cron command again never sends twice."""

import logging

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from home.public_url import absolute_url

from . import emails, selectors, wording
from .models import (
    CoSignature,
    CoSignatureState,
    Notification,
    NotificationKind,
    ProposalFollow,
    ProposalPage,
    Reply,
    Response,
    ResponseOutcome,
    ResponseState,
    reminder_before,
)

logger = logging.getLogger("kennisplatform")

# A report is announced in the week after publication; people who join later find it on the site.
REPORT_ANNOUNCE_DAYS = 7

PREFERENCE_FOR_KIND = {
    NotificationKind.OPENED: "proposal_opened",
    NotificationKind.REMINDER: "proposal_reminder",
    NotificationKind.REPORT: "reports",
    NotificationKind.DECISION: "reports",
}


def _wants(user, preference: str) -> bool:
    prefs = getattr(user, "email_preferences", None)
    return prefs is None or getattr(prefs, preference)


def _send_once(*, proposal, user, kind, context) -> bool:
    try:
        with transaction.atomic():
            Notification.objects.create(proposal=proposal, user=user, kind=kind, sent_at=timezone.now())
            emails.send(to=user.email, template=f"proposal_{kind}", context={"user": user, **context})
    except IntegrityError:
        return False
    return True


def _followers(proposal):

    ids = ProposalFollow.objects.filter(proposal=proposal).values("user")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).exclude(email="")


def _recipients(proposal, kind):
    members = selectors.audience_members(proposal).select_related("email_preferences")
    if kind == NotificationKind.REMINDER:
        waiting = selectors.non_responding_organisations(proposal).values("pk")
        members = members.filter(memberships__organisation__in=waiting).distinct()
    already = Notification.objects.filter(proposal=proposal, kind=kind).values("user")
    users = list(members.exclude(pk__in=already)) if kind != NotificationKind.DECISION else []
    if kind in (NotificationKind.REPORT, NotificationKind.DECISION):
        # Followers asked to hear of the report and the decision, whichever organisation they belong to.
        seen = {user.pk for user in users}
        followers = _followers(proposal).exclude(pk__in=already).select_related("email_preferences")
        users += [user for user in followers if user.pk not in seen]
    return [user for user in users if _wants(user, PREFERENCE_FOR_KIND[kind])]


def _decision_recent(proposal, now) -> bool:
    adopted = proposal.adopted_at
    return bool(adopted and adopted <= now and now - adopted <= timezone.timedelta(days=REPORT_ANNOUNCE_DAYS))


def _report_recent(proposal, now) -> bool:
    published = proposal.report_published_at
    return bool(published and published <= now and now - published <= timezone.timedelta(days=REPORT_ANNOUNCE_DAYS))


def _dutch_time_left(closes_at) -> str:
    with translation.override("nl"):  # the e-mails are Dutch whatever language the sender's request had
        return wording.time_left(closes_at - timezone.now())


def notify_proposal(proposal, kind) -> int:
    context = {
        "proposal": proposal,
        "proposal_url": absolute_url(proposal.get_url()),
        "closes_at": timezone.localtime(proposal.closes_at) if proposal.closes_at else None,
        # Said at sending time, so a reminder sent late still tells the truth ("nog 5 uur").
        "time_left": _dutch_time_left(proposal.closes_at) if proposal.closes_at else "",
    }
    return sum(
        _send_once(proposal=proposal, user=user, kind=kind, context=context) for user in _recipients(proposal, kind)
    )


@task()
def send_proposal_notification(proposal_id: int, kind: str) -> int:
    """E-mail the audience that a proposal opened, will close soon (non-responders), or has its report."""
    proposal = ProposalPage.objects.live().filter(pk=proposal_id).first()
    if proposal is None:
        return 0
    now = timezone.now()
    status = proposal.status_at(now)
    if kind == NotificationKind.OPENED and status != "open":
        return 0
    if kind == NotificationKind.REMINDER and status != "open":
        return 0
    if kind == NotificationKind.REPORT and not _report_recent(proposal, now):
        return 0
    if kind == NotificationKind.DECISION and not _decision_recent(proposal, now):
        return 0
    return notify_proposal(proposal, kind)


@task()
def send_reply_notification(reply_id: int) -> bool:
    """Tell the author of a response that someone replied, or that the region gave its official answer."""
    reply = Reply.objects.select_related("response__author", "response__proposal", "author").filter(pk=reply_id).first()
    if reply is None:
        return False
    author = reply.response.author
    if not author.email or author.pk == reply.author_id:
        return False
    if not reply.is_official and not _wants(author, "replies"):
        return False
    proposal = reply.response.proposal
    emails.send(
        to=author.email,
        template="reply",
        context={
            "user": author,
            "reply": reply,
            "proposal": proposal,
            "response_url": absolute_url(f"{proposal.get_url()}reactie/{reply.response_id}/"),
        },
    )
    return True


@task()
def send_outcome_notification(outcome_id: int) -> bool:
    """Tell the respondent what the region did with their response."""
    outcome = (
        ResponseOutcome.objects.select_related("response__author", "response__proposal").filter(pk=outcome_id).first()
    )
    if outcome is None or not outcome.response.author.email:
        return False
    proposal = outcome.response.proposal
    emails.send(
        to=outcome.response.author.email,
        template="outcome",
        context={
            "user": outcome.response.author,
            "outcome": outcome,
            "proposal": proposal,
            "response_url": absolute_url(f"{proposal.get_url()}reactie/{outcome.response_id}/"),
        },
    )
    return True


def due_notifications(now=None):
    """(proposal, kind) pairs the cron command should send now."""
    now = now or timezone.now()
    due = []
    for proposal in ProposalPage.objects.live().exclude(opens_at=None).exclude(closes_at=None):
        status = proposal.status_at(now)
        if status == "open":
            due.append((proposal, NotificationKind.OPENED))
            if proposal.closes_at - now <= reminder_before():
                due.append((proposal, NotificationKind.REMINDER))
        else:
            if _report_recent(proposal, now):
                due.append((proposal, NotificationKind.REPORT))
            if _decision_recent(proposal, now):
                due.append((proposal, NotificationKind.DECISION))
    return due


def _response_url(response) -> str:
    return absolute_url(f"{response.proposal.get_url()}reactie/{response.pk}/")


@task()
def send_response_confirmation(response_id: int) -> bool:
    """Confirm a response to its author with the text exactly as submitted (always sent: it is their receipt)."""
    response = Response.objects.select_related("author", "proposal", "organisation", "question").filter(pk=response_id)
    response = response.first()
    if response is None or not response.author.email or response.state == ResponseState.WITHDRAWN:
        return False
    emails.send(
        to=response.author.email,
        template="response_confirmation",
        context={
            "user": response.author,
            "response": response,
            "proposal": response.proposal,
            "response_url": _response_url(response),
            "editable_until": timezone.localtime(response.editable_until()),
        },
    )
    return True


@task()
def send_follower_reply_notifications(reply_id: int) -> int:
    """Tell followers of the proposal of a reply, only on a response they may see themselves."""
    reply = Reply.objects.select_related("response__proposal", "response__author", "author").filter(pk=reply_id).first()
    if reply is None:
        return 0
    response = reply.response
    sent = 0
    for user in selectors.followers_who_may_see(response=response, exclude=[reply.author_id, response.author_id]):
        if not _wants(user, "replies"):
            continue
        emails.send(
            to=user.email,
            template="follow_reply",
            context={
                "user": user,
                "reply": reply,
                "proposal": response.proposal,
                "response_url": _response_url(response),
            },
        )
        sent += 1
    return sent


MODERATION_EVENTS = ("reported", "hidden", "review")


@task()
def send_moderation_alert(response_id: int, event: str) -> int:
    """E-mail the editors that a response was reported, hidden by reports, or that its author asks for review."""

    response = Response.objects.select_related("proposal", "organisation").filter(pk=response_id).first()
    if response is None or event not in MODERATION_EVENTS:
        return 0
    context = {
        "event": event,
        "response": response,
        "proposal": response.proposal,
        "reports": list(response.reports.select_related("organisation").order_by("created_at")),
        "queue_url": absolute_url(reverse("advisory_moderation")),
        "response_url": _response_url(response),
    }
    recipients = list(selectors.editor_recipients())
    for user in recipients:
        emails.send(to=user.email, template="moderation_alert", context={"user": user, **context})
    return len(recipients)


@task()
def send_moderation_decision(response_id: int) -> bool:
    """Tell the author that their response was hidden (and why, and that they may ask for review) or restored."""
    response = Response.objects.select_related("author", "proposal").filter(pk=response_id).first()
    if response is None or not response.author.email or response.state == ResponseState.WITHDRAWN:
        return False
    emails.send(
        to=response.author.email,
        template="moderation_decision",
        context={
            "user": response.author,
            "response": response,
            "proposal": response.proposal,
            "hidden": response.state == ResponseState.HIDDEN,
            "response_url": _response_url(response),
        },
    )
    return True


@task()
def send_cosign_invitation(cosignature_id: int) -> int:
    """E-mail the provider members of an invited organisation: accept or decline the co-signing, with a link."""
    cosignature = (
        CoSignature.objects.select_related("response__proposal", "response__organisation", "organisation")
        .filter(pk=cosignature_id, state=CoSignatureState.INVITED)
        .first()
    )
    if cosignature is None or cosignature.response.state != ResponseState.ACTIVE:
        return 0
    response = cosignature.response
    proposal = response.proposal
    context = {
        "cosignature": cosignature,
        "response": response,
        "proposal": proposal,
        "closes_at": timezone.localtime(proposal.closes_at) if proposal.closes_at else None,
        "cosign_url": absolute_url(f"{proposal.get_url()}reactie/{response.pk}/medeondertekenen/"),
    }
    recipients = list(selectors.cosign_deciders(cosignature))
    for user in recipients:
        emails.send(to=user.email, template="cosign_invitation", context={"user": user, **context})
    return len(recipients)


@task()
def send_cosign_decision(cosignature_id: int) -> bool:
    """Tell whoever invited that the organisation accepted or declined."""
    cosignature = (
        CoSignature.objects.select_related("response__proposal", "response__organisation", "organisation", "invited_by")
        .filter(pk=cosignature_id)
        .first()
    )
    if cosignature is None or cosignature.invited_by is None or not cosignature.invited_by.email:
        return False
    if cosignature.state == CoSignatureState.INVITED:
        return False
    emails.send(
        to=cosignature.invited_by.email,
        template="cosign_decision",
        context={
            "user": cosignature.invited_by,
            "cosignature": cosignature,
            "accepted": cosignature.state == CoSignatureState.ACCEPTED,
            "response": cosignature.response,
            "proposal": cosignature.response.proposal,
            "response_url": _response_url(cosignature.response),
        },
    )
    return True
