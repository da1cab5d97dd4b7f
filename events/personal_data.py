"""AVG inzage: the event registrations made with the account's verified e-mail address.

Registrations belong to an address, not an account, so they are shown only when the account proved to own that
address (``accounts.personal_data.verified_email``); an unverified address could be anyone's.
"""

from django.utils import timezone

from accounts.personal_data import verified_email

from .models import Registration
from .services import answer_rows


def _when(value):
    return timezone.localtime(value).isoformat() if value else None


def registrations(user) -> list[dict]:
    email = verified_email(user)
    if not email:
        return []
    found = (
        Registration.objects.filter(email__iexact=email, anonymised=False)
        .select_related("event", "region")
        .prefetch_related("event__questions")
        .order_by("-created_at")
    )
    return [
        {
            "bijeenkomst": r.event.title,
            "begint_op": _when(r.event.start),
            "naam": r.name,
            "e_mailadres": r.email,
            "organisatie": r.organisation_name,
            "regio": r.region.name,
            "rol": r.get_role_display(),
            "toegankelijkheid_of_dieetwensen": r.needs,
            "status": r.get_status_display(),
            "plaats_op_wachtlijst": r.waiting_position,
            "toestemming_gegeven_op": _when(r.consent_at),
            "ingeschreven_op": _when(r.created_at),
            "geannuleerd_op": _when(r.cancelled_at),
            "aanwezig_gemeld_op": _when(r.attended_at),
            "antwoorden": [
                {"vraag": question, "antwoord": answer}
                for question, answer in answer_rows(r.event, r, list(r.event.questions.all()))
            ],
            "certificaatcode": r.certificate_code,
        }
        for r in found
    ]
