"""Who is who: the one place that turns memberships and groups into roles.

Every app asks these functions instead of inspecting groups or memberships itself.
"""

from . import groups
from .backends import read_groups_and_permissions
from .models import MemberRole, Membership, Organisation, OrganisationKind


def _in_group(user, name):
    if not user.is_authenticated:
        return False
    if getattr(user, "_group_names_cache", None) is None:
        read_groups_and_permissions(user)  # with the permissions the user bar asks for next
    return name in user._group_names_cache


def _memberships(user):
    if not user.is_authenticated:
        return []
    cache = getattr(user, "_memberships_cache", None)
    if cache is None:
        cache = list(Membership.objects.filter(user=user).select_related("organisation", "organisation__region"))
        user._memberships_cache = cache
    return cache


def is_editor(user) -> bool:
    """Editors of the regional programme office (and superusers)."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or _in_group(user, groups.EDITORS)
        or any(m.role == MemberRole.EDITOR for m in _memberships(user))
    )


def is_region_staff(user) -> bool:
    """Region staff or editors: may see region-only content and answer on behalf of the region."""
    if is_editor(user):
        return True
    return _in_group(user, groups.REGION_STAFF) or any(m.role == MemberRole.REGION_STAFF for m in _memberships(user))


def staff_regions(user) -> list[Organisation]:
    """The regions whose records a region staff member may see (their own region)."""
    regions = []
    for membership in _memberships(user):
        if membership.role not in (MemberRole.REGION_STAFF, MemberRole.EDITOR):
            continue
        org = membership.organisation
        region = org if org.kind == OrganisationKind.REGION else org.region
        if region and region not in regions:
            regions.append(region)
    return regions


def provider_organisations(user) -> list[Organisation]:
    """Care-provider organisations the user is a member of."""
    return [m.organisation for m in _memberships(user) if m.organisation.kind == OrganisationKind.PROVIDER]


def provider_member_organisation_ids(user) -> set[int]:
    """Care-provider organisations in which the user has the member role (the role that signs for one)."""
    return {
        m.organisation_id
        for m in _memberships(user)
        if m.role == MemberRole.MEMBER and m.organisation.kind == OrganisationKind.PROVIDER
    }


def organisations(user) -> list[Organisation]:
    return [m.organisation for m in _memberships(user)]
