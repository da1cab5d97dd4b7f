"""Writes for organisations and people."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

from home.errors import DomainError
from home.mail import template_message
from home.public_url import absolute_url
from home.security import rate_limited

from . import groups

# Model permissions (app_label.codename) per group; page permissions are granted on the root below.
_EDITOR_MODEL_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "accounts.add_organisation",
    "accounts.change_organisation",
    "accounts.view_organisation",
    "accounts.add_membership",
    "accounts.change_membership",
    "accounts.delete_membership",
    "accounts.view_membership",
    "accounts.add_providersegment",
    "accounts.change_providersegment",
    "accounts.view_providersegment",
    # The mail outbox in the admin (home/admin_views.py): see states and errors, retry a failed message.
    "home.view_outgoingemail",
    "home.change_outgoingemail",
    # Wagtail's "Vertalen" action: copy a page into the English tree (docs/frontend.md, "Languages").
    "simple_translation.submit_translation",
]
_TAXONOMY_MODELS = [
    "actionline",
    "maintheme",
    "subtheme",
    "phase",
    "practicekind",
    "evidencelevel",
    "onsverhaalprinciple",
]
_EDITOR_MODEL_PERMISSIONS += [
    f"knowledge.{action}_{model}" for model in _TAXONOMY_MODELS for action in ("add", "change", "view")
]
_REGION_STAFF_MODEL_PERMISSIONS = ["wagtailadmin.access_admin"]
_EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]

# Other apps add their own model permissions to these lists through `extra_permissions`.
extra_permissions: dict[str, list[str]] = {groups.EDITORS: [], groups.REGION_STAFF: [], groups.PROVIDER_MEMBERS: []}


def _permissions(codes):
    found = []
    for code in codes:
        app_label, codename = code.split(".", 1)
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is None:
            raise LookupError(f"Unknown permission {code}")
        found.append(permission)
    return found


@transaction.atomic
def ensure_groups() -> dict[str, Group]:
    """Create the three groups with their permissions; safe to run again."""
    editors, _ = Group.objects.get_or_create(name=groups.EDITORS)
    region_staff, _ = Group.objects.get_or_create(name=groups.REGION_STAFF)
    providers, _ = Group.objects.get_or_create(name=groups.PROVIDER_MEMBERS)
    editors.permissions.add(*_permissions(_EDITOR_MODEL_PERMISSIONS + extra_permissions[groups.EDITORS]))
    region_staff.permissions.add(
        *_permissions(_REGION_STAFF_MODEL_PERMISSIONS + extra_permissions[groups.REGION_STAFF])
    )
    providers.permissions.add(*_permissions(extra_permissions[groups.PROVIDER_MEMBERS]))
    root = Page.get_first_root_node()
    if root is not None:
        for codename in _EDITOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors,
                page=root,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
    return {groups.EDITORS: editors, groups.REGION_STAFF: region_staff, groups.PROVIDER_MEMBERS: providers}


# People: invitations, access requests, e-mail preferences ------------------------------------------------------


# At most this many access-request e-mails per address per hour, whatever the answer (no mail bombing).
ACCESS_REQUEST_MAILS_PER_HOUR = 3


class AccountError(DomainError):
    """A rule about accounts was broken."""


def invitation_link(user) -> str:
    """A one-time link: the token stops working as soon as a password has been set."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    path = reverse(
        "accounts:invitation_accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return absolute_url(path)


def _send(*, template: str, context: dict, to: str) -> None:
    """One e-mail from ``accounts/email/<template>``: subject and text part unescaped, plus an HTML part."""
    template_message(template=f"accounts/email/{template}", context=context, to=[to]).send()


def invitation_send(*, invitation) -> None:
    """The invitation e-mail; its one-time link is made here, in the worker, so no token waits in the queue."""
    context = {"invitation": invitation, "user": invitation.user, "link": invitation_link(invitation.user)}
    _send(template="invitation", context=context, to=invitation.user.email)


def _invite(*, email, first_name, last_name, organisation, invited_by, role=None):
    """The account (created without a password when new) and an open invitation; no membership yet."""
    from django.contrib.auth import get_user_model

    from . import tasks  # tasks import services: a local import breaks the cycle
    from .models import Invitation, MemberRole

    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).first() or user_model.objects.filter(username=email).first()
    if user is None:
        user = user_model(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
    invitation = Invitation.objects.create(
        user=user, organisation=organisation, invited_by=invited_by, role=role or MemberRole.MEMBER
    )
    # Queued with the invitation itself: the database task backend stores the task in this transaction, so the
    # worker sends the e-mail only once it is committed, and never for an invitation that was rolled back.
    tasks.send_invitation.enqueue(invitation_id=invitation.pk)
    return invitation


def password_reset_request(*, email: str) -> None:
    """Enqueue a reset e-mail for every active account with this address and a password; nothing else happens.

    The request takes the same time and gives the same answer for a known and an unknown address (no
    enumeration): the e-mail is built and sent by the task worker, never inside the request.
    """
    from django.contrib.auth.forms import PasswordResetForm

    from . import tasks  # tasks import services: a local import breaks the cycle

    for user in PasswordResetForm().get_users(email):
        tasks.send_password_reset.enqueue(user_id=user.pk)


def password_reset_send(*, user) -> None:
    """The reset e-mail, with a link on the site's own address (BASE_URL), never on the request's Host header."""
    from urllib.parse import urlsplit

    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    base = urlsplit(absolute_url("/"))
    context = {
        "user": user,
        "email": user.email,
        "protocol": base.scheme or "https",
        "domain": base.netloc,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    _send(template="password_reset", context=context, to=user.email)


def invitation_create(*, email, first_name, last_name, organisation, invited_by, role=None):
    """E-mail a one-time set-password link; the membership is made when the invitee follows it."""
    from django.utils.translation import gettext as _

    from .permissions import is_editor

    if not is_editor(invited_by):
        raise AccountError(_("Alleen redacteuren kunnen mensen uitnodigen."))
    email = (email or "").strip().lower()
    if not email:
        raise AccountError(_("Vul een e-mailadres in."))
    with transaction.atomic():
        return _invite(
            email=email,
            first_name=first_name,
            last_name=last_name,
            organisation=organisation,
            invited_by=invited_by,
            role=role,
        )


def email_verified(*, user) -> None:
    """The person followed a link sent to their current address: remember that address as proven."""
    from django.utils import timezone

    from .models import EmailVerification

    if user.email:
        EmailVerification.objects.update_or_create(
            user=user, defaults={"email": user.email.lower(), "verified_at": timezone.now()}
        )


def invitation_accepted(*, user) -> list:
    """The invitee proved they own the address (followed the link, set a password): now they become members."""
    from django.utils import timezone

    from .models import Invitation, Membership, OrganisationKind

    now = timezone.now()
    with transaction.atomic():
        invitations = list(
            Invitation.objects.select_for_update()
            .filter(user=user, accepted_at__isnull=True)
            .select_related("organisation")
        )
        for invitation in invitations:
            Membership.objects.get_or_create(
                user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
            )
            if invitation.organisation.kind == OrganisationKind.PROVIDER:
                user.groups.add(Group.objects.get_or_create(name=groups.PROVIDER_MEMBERS)[0])
            invitation.accepted_at = now
            invitation.save(update_fields=["accepted_at"])
        email_verified(user=user)
    user._memberships_cache = None
    user._group_names_cache = None
    return invitations


def access_request_submit(*, first_name, last_name, email, organisation, job_title="", motivation=""):
    """Record a request for access. The visitor always sees the same answer; the address gets one e-mail.

    Nothing on the page tells whether the address already has an account or a pending request (no enumeration);
    instead the owner of the address reads it in their mailbox: "received", "already pending" or "you are
    already a member, sign in here". Returns the pending request, or None when the address is already a member.
    """
    from django.utils.translation import gettext as _

    from .models import AccessRequest, AccessRequestStatus, Membership, OrganisationKind

    if organisation.kind != OrganisationKind.PROVIDER:
        raise AccountError(_("Toegang aanvragen kan alleen voor een zorgaanbieder."))
    email = (email or "").strip().lower()
    with transaction.atomic():
        if Membership.objects.filter(user__email__iexact=email, organisation=organisation).exists():
            state, request = "member", None
        else:
            request = AccessRequest.objects.filter(
                email__iexact=email, organisation=organisation, status=AccessRequestStatus.PENDING
            ).first()
            state = "pending"
            if request is None:
                state = "received"
                request = AccessRequest.objects.create(
                    first_name=first_name,
                    last_name=last_name,
                    email=email,
                    organisation=organisation,
                    job_title=job_title,
                    motivation=motivation,
                )
        if not rate_limited("access-request-mail", email, limit=ACCESS_REQUEST_MAILS_PER_HOUR, window=60 * 60):
            # sent here, not queued: the address and name would otherwise wait in the task table; the outbox
            # backend stores the message in this transaction, so a rolled-back request sends nothing
            context = {"first_name": first_name, "organisation": organisation, "state": state, **_urls()}
            _send(template="access_request", context=context, to=email)
    return request


def _urls() -> dict:
    from django.urls import reverse

    return {
        "login_url": absolute_url(reverse("accounts:login")),
        "reset_url": absolute_url(reverse("accounts:password_reset")),
    }


def _decide(access_request, user, status):
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from .models import AccessRequest, AccessRequestStatus
    from .permissions import is_editor

    if not is_editor(user):
        raise AccountError(_("Alleen redacteuren beoordelen aanvragen."))
    request = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if request.status != AccessRequestStatus.PENDING:
        raise AccountError(_("Deze aanvraag is al beoordeeld."))
    request.status = status
    request.decided_by = user
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    return request


def access_request_approve(*, access_request, user):
    """Approving sends an invitation to the requested address; membership follows only when it is accepted."""
    from .models import AccessRequestStatus

    with transaction.atomic():
        request = _decide(access_request, user, AccessRequestStatus.APPROVED)
        _invite(
            email=request.email,
            first_name=request.first_name,
            last_name=request.last_name,
            organisation=request.organisation,
            invited_by=user,
        )
    return request


def access_request_reject(*, access_request, user):
    from .models import AccessRequestStatus

    with transaction.atomic():
        return _decide(access_request, user, AccessRequestStatus.REJECTED)


def email_preferences_update(*, user, **preferences):
    from .models import EmailPreferences

    allowed = {"proposal_opened", "proposal_reminder", "replies", "reports"}
    with transaction.atomic():
        prefs, _created = EmailPreferences.objects.get_or_create(user=user)
        for name, value in preferences.items():
            if name in allowed:
                setattr(prefs, name, bool(value))
        prefs.save()
    return prefs


@transaction.atomic
def account_delete(*, user) -> None:
    """AVG: erase a person's account. Contributions stay with their organisation, without the person's name.

    The account is anonymised rather than deleted, because responses on the advisory table are the organisation's
    input to a consultation that the region has to be able to account for.
    """
    from .models import AccessRequest, EmailPreferences, EmailVerification, Invitation, Membership

    AccessRequest.objects.filter(email__iexact=user.email).delete()
    EmailVerification.objects.filter(user=user).delete()
    Invitation.objects.filter(user=user).delete()
    EmailPreferences.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.username = f"verwijderd-{user.pk}"
    user.email = ""
    user.first_name = ""
    user.last_name = "(verwijderde gebruiker)"
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
