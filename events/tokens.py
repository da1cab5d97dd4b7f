"""Signed links to a registrant's own view: no account needed, not guessable, bound to one registration.

A token is `<registration id>-<signature>`. The signature covers the registration's random `token_id`
with a salt that includes the registration id, so a token cannot be replayed against another registration,
and it stops working once the registration is anonymised (which renews `token_id`).
"""

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

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


# --- check-in codes -----------------------------------------------------------------------------------------------
# A short code for the door: `<registration id>-<6 characters>`, typed by an editor or pasted by a scanner. The
# characters are an HMAC of the registration's random `token_id` in an alphabet without look-alikes (no 0/O, 1/I/L),
# so a code is not guessable from the id and stops working once the registration is anonymised.
_CHECKIN_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CHECKIN_LENGTH = 6
# certificate verification codes: random (stored on the registration), the same alphabet without look-alikes
CERTIFICATE_ALPHABET = _CHECKIN_ALPHABET


def _checkin_suffix(registration: Registration) -> str:

    number = int(salted_hmac("events.checkin", f"{registration.pk}:{registration.token_id}").hexdigest(), 16)
    chars = []
    for _ in range(_CHECKIN_LENGTH):
        number, index = divmod(number, len(_CHECKIN_ALPHABET))
        chars.append(_CHECKIN_ALPHABET[index])
    return "".join(chars)


def checkin_code(registration: Registration) -> str:
    return f"{registration.pk}-{_checkin_suffix(registration)}"


def normalise_checkin_code(code: str) -> str:
    """Upper case without spaces; a scanner's or a phone keyboard's stray characters are dropped."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum() or ch == "-")


def registration_for_checkin_code(code: str, queryset=None) -> Registration | None:
    """The registration the code was made for (any event), or None when it is unknown or tampered with."""
    pk, sep, suffix = normalise_checkin_code(code).partition("-")
    if not sep or not pk.isdigit() or len(pk) > 12 or len(suffix) != _CHECKIN_LENGTH:
        return None
    queryset = queryset if queryset is not None else Registration.objects.all()
    registration = queryset.filter(pk=int(pk), anonymised=False).first()
    if registration is None or not constant_time_compare(_checkin_suffix(registration), suffix):
        return None
    return registration
