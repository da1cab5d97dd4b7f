"""Writes for organisations and people."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

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


class AccountError(Exception):
    """A rule about accounts was broken; ``message`` is Dutch and shown to the person."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def invitation_link(user) -> str:
    """A one-time link: the token stops working as soon as a password has been set."""
    from django.conf import settings
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
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send_invitation(invitation):
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string
    from django.utils import translation

    context = {
        "invitation": invitation,
        "user": invitation.user,
        "link": invitation_link(invitation.user),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    with translation.override("nl"):
        subject = " ".join(render_to_string("accounts/email/invitation_subject.txt", context).split())
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("accounts/email/invitation.txt", context),
            to=[invitation.user.email],
        )
        message.attach_alternative(render_to_string("accounts/email/invitation.html", context), "text/html")
    message.send()


def invitation_create(*, email, first_name, last_name, organisation, invited_by, role=None):
    """Create (or reuse) the account, add the membership and e-mail a set-password link."""
    from django.contrib.auth import get_user_model
    from django.utils.translation import gettext as _

    from .models import Invitation, MemberRole, Membership, OrganisationKind
    from .permissions import is_editor

    if not is_editor(invited_by):
        raise AccountError(_("Alleen redacteuren kunnen mensen uitnodigen."))
    email = (email or "").strip().lower()
    if not email:
        raise AccountError(_("Vul een e-mailadres in."))
    with transaction.atomic():
        user_model = get_user_model()
        user = (
            user_model.objects.filter(email__iexact=email).first() or user_model.objects.filter(username=email).first()
        )
        if user is None:
            user = user_model(username=email, email=email, first_name=first_name, last_name=last_name)
            user.set_unusable_password()
            user.save()
        Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": role or MemberRole.MEMBER}
        )
        if organisation.kind == OrganisationKind.PROVIDER:
            user.groups.add(Group.objects.get_or_create(name=groups.PROVIDER_MEMBERS)[0])
        invitation = Invitation.objects.create(user=user, organisation=organisation, invited_by=invited_by)
        _send_invitation(invitation)
    return invitation


def invitation_accepted(*, user):
    from django.utils import timezone

    from .models import Invitation

    Invitation.objects.filter(user=user, accepted_at__isnull=True).update(accepted_at=timezone.now())


def access_request_submit(*, first_name, last_name, email, organisation, job_title="", motivation=""):
    from django.utils.translation import gettext as _

    from .models import AccessRequest, AccessRequestStatus, OrganisationKind

    if organisation.kind != OrganisationKind.PROVIDER:
        raise AccountError(_("Toegang aanvragen kan alleen voor een zorgaanbieder."))
    with transaction.atomic():
        if AccessRequest.objects.filter(
            email__iexact=email, organisation=organisation, status=AccessRequestStatus.PENDING
        ).exists():
            raise AccountError(_("Er ligt al een aanvraag voor dit e-mailadres bij deze organisatie."))
        return AccessRequest.objects.create(
            first_name=first_name,
            last_name=last_name,
            email=email.strip().lower(),
            organisation=organisation,
            job_title=job_title,
            motivation=motivation,
        )


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
    from .models import AccessRequestStatus

    with transaction.atomic():
        request = _decide(access_request, user, AccessRequestStatus.APPROVED)
        invitation_create(
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
    from .models import AccessRequest, EmailPreferences, Invitation, Membership

    AccessRequest.objects.filter(email__iexact=user.email).delete()
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
