"""Reads about people for editors (plain arguments, no request)."""

from collections import defaultdict

from django.db.models.functions import Lower

from .models import AccessRequest, AccessRequestStatus, Membership


def pending_access_requests() -> list[AccessRequest]:
    """Open requests, each with ``memberships``: what the requested address already is a member of.

    An editor sees these conflicts before approving (someone asking for a second organisation, or a request
    for an organisation the address already belongs to).
    """
    pending = list(AccessRequest.objects.filter(status=AccessRequestStatus.PENDING).select_related("organisation"))
    emails = {item.email.lower() for item in pending}
    by_email = defaultdict(list)
    if emails:
        memberships = (
            Membership.objects.annotate(email_lower=Lower("user__email"))
            .filter(email_lower__in=emails)
            .select_related("organisation", "user")
            .order_by("organisation__name")
        )
        for membership in memberships:
            by_email[membership.user.email.lower()].append(membership)
    for item in pending:
        known = by_email.get(item.email.lower(), [])
        item.memberships = known  # type: ignore[attr-defined]  # shown to the editor with the request
        item.already_member = any(m.organisation_id == item.organisation_id for m in known)  # type: ignore[attr-defined]
    return pending
