"""Side effects: publishing a proposal that is open or has its report e-mails the audience (once)."""

from django.db.models import Q
from django.utils import timezone
from wagtail.signals import page_published

from .models import (
    CoSignature,
    NotificationKind,
    ProposalFollow,
    ProposalPage,
    ProposalStatus,
    Reply,
    Report,
    Response,
    ResponseDraft,
)
from .tasks import send_proposal_notification


def _on_publish(sender, instance, **kwargs):

    now = timezone.now()
    if instance.status_at(now) == ProposalStatus.ADOPTED:
        send_proposal_notification.enqueue(instance.pk, str(NotificationKind.DECISION))
    if instance.report_is_published:
        send_proposal_notification.enqueue(instance.pk, str(NotificationKind.REPORT))
    elif instance.is_open(now):
        send_proposal_notification.enqueue(instance.pk, str(NotificationKind.OPENED))


def register_signal_handlers():
    page_published.connect(_on_publish, sender=ProposalPage, dispatch_uid="advisory_proposal_published")


def personal_data(user) -> dict:
    """What the advisory table holds about a person (for the AVG download on the profile page)."""

    responses = Response.objects.filter(author=user).select_related("proposal", "organisation", "question")
    return {
        "reacties": [
            {
                "voorstel": r.proposal.title,
                "vraag": r.question.text if r.question else None,
                "organisatie": r.organisation.name,
                "standpunt": r.get_position_display(),
                "zichtbaarheid": r.get_visibility_display(),
                "status": r.get_state_display(),
                "tekst": r.body_markdown,
                "versies": [v.body_markdown for v in r.versions.all()],
                "geplaatst_op": r.created_at.isoformat(),
            }
            for r in responses
        ],
        "antwoorden": [
            {
                "op_reactie": reply.response_id,
                "tekst": reply.body_markdown,
                "geplaatst_op": reply.created_at.isoformat(),
            }
            for reply in Reply.objects.filter(author=user)
        ],
        "meldingen": [
            {
                "reactie": report.response_id,
                "reden": report.get_reason_display(),
                "gemeld_op": report.created_at.isoformat(),
            }
            for report in Report.objects.filter(reporter=user)
        ],
        "concepten": [
            {
                "voorstel": draft.proposal.title,
                "tekst": draft.body_markdown,
                "opgeslagen_op": draft.updated_at.isoformat(),
            }
            for draft in ResponseDraft.objects.filter(author=user).select_related("proposal")
        ],
        "medeondertekeningen": [
            {
                "reactie": c.response_id,
                "organisatie": c.organisation.name,
                "status": c.get_state_display(),
                "uitgenodigd_door_u": c.invited_by_id == user.pk,
                "beslist_door_u": c.decided_by_id == user.pk,
                "uitgenodigd_op": c.invited_at.isoformat(),
            }
            for c in CoSignature.objects.filter(Q(invited_by=user) | Q(decided_by=user)).select_related("organisation")
        ],
        "gevolgde_voorstellen": [
            {"voorstel": follow.proposal.title, "sinds": follow.created_at.isoformat()}
            for follow in ProposalFollow.objects.filter(user=user).select_related("proposal")
        ],
    }
