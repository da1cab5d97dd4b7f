"""Notifications, sent in the background (django-tasks). Proposal e-mails are recorded per person and kind,
so running a task or the cron command again never sends twice."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from . import emails, selectors
from .models import Notification, NotificationKind, ProposalPage, Reply, ResponseOutcome

logger = logging.getLogger("kennisplatform")

# A report is announced in the week after publication; people who join later find it on the site.
REPORT_ANNOUNCE_DAYS = 7

PREFERENCE_FOR_KIND = {
    NotificationKind.OPENED: "proposal_opened",
    NotificationKind.REMINDER: "proposal_reminder",
    NotificationKind.REPORT: "reports",
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


def _recipients(proposal, kind):
    members = selectors.audience_members(proposal).select_related("email_preferences")
    if kind == NotificationKind.REMINDER:
        waiting = selectors.non_responding_organisations(proposal).values("pk")
        members = members.filter(memberships__organisation__in=waiting).distinct()
    already = Notification.objects.filter(proposal=proposal, kind=kind).values("user")
    return [user for user in members.exclude(pk__in=already) if _wants(user, PREFERENCE_FOR_KIND[kind])]


def _report_recent(proposal, now) -> bool:
    published = proposal.report_published_at
    return bool(published and published <= now and now - published <= timezone.timedelta(days=REPORT_ANNOUNCE_DAYS))


def notify_proposal(proposal, kind) -> int:
    context = {
        "proposal": proposal,
        "proposal_url": emails.absolute_url(proposal.get_url()),
        "closes_at": timezone.localtime(proposal.closes_at) if proposal.closes_at else None,
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
            "response_url": emails.absolute_url(f"{proposal.get_url()}reactie/{reply.response_id}/"),
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
            "response_url": emails.absolute_url(f"{proposal.get_url()}reactie/{outcome.response_id}/"),
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
            if proposal.closes_at - now <= timezone.timedelta(days=3):
                due.append((proposal, NotificationKind.REMINDER))
        elif _report_recent(proposal, now):
            due.append((proposal, NotificationKind.REPORT))
    return due
