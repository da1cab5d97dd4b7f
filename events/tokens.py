"""Signed links to a registrant's own view: no account needed, not guessable, bound to one registration.

A token is `<registration id>-<signature>`. The signature covers the registration's random `token_id`
with a salt that includes the registration id, so a token cannot be replayed against another registration,
and it stops working once the registration is anonymised (which renews `token_id`).
"""

from django.core import signing
from django.utils.crypto import constant_time_compare

from .models import Registration

_SALT = "events.registration.{pk}"


def _signer(pk: int) -> signing.Signer:
    return signing.Signer(salt=_SALT.format(pk=pk))


def make_token(registration: Registration) -> str:
    return f"{registration.pk}-{_signer(registration.pk).signature(str(registration.token_id))}"


def registration_for_token(token: str, *, event=None) -> Registration | None:
    """The registration the token was made for, or None when it is unknown, tampered with or for another event."""
    pk, sep, signature = (token or "").partition("-")
    if not sep or not pk.isdigit() or not signature:
        return None
    queryset = Registration.objects.select_related("event", "region")
    if event is not None:
        queryset = queryset.filter(event=event)
    registration = queryset.filter(pk=int(pk), anonymised=False).first()
    if registration is None:
        return None
    expected = _signer(registration.pk).signature(str(registration.token_id))
    if not constant_time_compare(expected, signature):
        return None
    return registration
