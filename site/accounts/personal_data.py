"""What the platform holds about a person (AVG inzage): apps register a function user -> dict."""

_providers: dict[str, callable] = {}


def register(name: str, provider) -> None:
    _providers[name] = provider


def verified_email(user) -> str:
    """The account's address if the person proved to own it (see ``EmailVerification``), else ""."""
    from .models import EmailVerification

    if not user.is_authenticated or not user.email:
        return ""
    verification = EmailVerification.objects.filter(user=user).first()
    if verification is None or verification.email.lower() != user.email.lower():
        return ""
    return user.email


def collect(user) -> dict:
    prefs = getattr(user, "email_preferences", None)
    data = {
        "account": {
            "gebruikersnaam": user.username,
            "voornaam": user.first_name,
            "achternaam": user.last_name,
            "e_mailadres": user.email,
            "e_mailadres_geverifieerd": bool(verified_email(user)),
            "aangemaakt_op": user.date_joined.isoformat(),
            "laatst_ingelogd": user.last_login.isoformat() if user.last_login else None,
        },
        "organisaties": [
            {"organisatie": m.organisation.name, "rol": m.get_role_display(), "functie": m.job_title}
            for m in user.memberships.select_related("organisation")
        ],
        "e_mailvoorkeuren": {
            field: getattr(prefs, field) if prefs else True
            for field in ("proposal_opened", "proposal_reminder", "replies", "reports")
        },
    }
    for name, provider in sorted(_providers.items()):
        data[name] = provider(user)
    return data
