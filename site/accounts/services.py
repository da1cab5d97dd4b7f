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
