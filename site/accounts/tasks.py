"""Account e-mail sent in the background (django-tasks): the request only enqueues."""

from django.contrib.auth import get_user_model
from django_tasks import task

from . import services
from .models import Invitation


@task()
def send_password_reset(*, user_id: int) -> bool:
    """Build the reset link here, so no token is stored with the queued task."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password() or not user.email:
        return False
    services.password_reset_send(user=user)
    return True


@task()
def send_invitation(*, invitation_id: int) -> bool:
    """Queued in the transaction that made the invitation; skipped once it was accepted or deleted."""
    invitation = Invitation.objects.select_related("user", "organisation").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at is not None or not invitation.user.email:
        return False
    services.invitation_send(invitation=invitation)
    return True
