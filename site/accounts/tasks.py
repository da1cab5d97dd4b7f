"""Account e-mail sent in the background (django-tasks): the request only enqueues."""

from django.contrib.auth import get_user_model
from django_tasks import task

from . import services


@task()
def send_password_reset(*, user_id: int) -> bool:
    """Build the reset link here, so no token is stored with the queued task."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password() or not user.email:
        return False
    services.password_reset_send(user=user)
    return True
