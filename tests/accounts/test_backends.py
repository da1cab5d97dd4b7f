"""Permissions come from one query (accounts.backends.PermissionBackend) and still mean what Django's mean."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories.accounts import UserFactory, editor, provider_member

pytestmark = pytest.mark.django_db

ACCESS_ADMIN = "wagtailadmin.access_admin"


def _fresh(user):
    return type(user).objects.get(pk=user.pk)  # no permission cache on it


def test_group_and_own_permissions_are_read_in_one_query():
    user = UserFactory()
    group = Group.objects.create(name="Testgroep")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    user.user_permissions.add(Permission.objects.get(codename="add_group"))
    user = _fresh(user)
    with CaptureQueriesContext(connection) as context:
        assert user.has_perm(ACCESS_ADMIN)
        assert user.has_perm("auth.add_group")
        assert not user.has_perm("auth.delete_group")
    assert len(context.captured_queries) == 1


def test_a_permission_taken_away_is_gone_on_the_next_request():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert _fresh(user).has_perm(ACCESS_ADMIN)
    user.user_permissions.clear()
    assert not _fresh(user).has_perm(ACCESS_ADMIN)


def test_inactive_users_have_no_permissions():
    user = UserFactory(is_active=False)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert not _fresh(user).has_perm(ACCESS_ADMIN)


def test_the_user_bar_shows_for_an_editor_and_not_for_a_provider(demo_site):
    provider, office = Client(), Client()
    provider.force_login(provider_member())
    office.force_login(editor())
    assert "wagtail-userbar" not in provider.get("/").content.decode()
    assert "wagtail-userbar" in office.get("/").content.decode()


def test_a_session_made_by_djangos_own_backend_stays_signed_in(demo_site):
    client = Client()
    client.force_login(provider_member(), backend="django.contrib.auth.backends.ModelBackend")
    assert "Uitloggen" in client.get("/").content.decode()


def test_roles_and_permissions_come_from_the_same_query():
    from accounts import permissions

    user = UserFactory()
    group = Group.objects.get_or_create(name="Redacteuren")[0]
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group, Group.objects.create(name="Groep zonder rechten"))
    user = _fresh(user)
    with CaptureQueriesContext(connection) as context:
        assert permissions.is_editor(user)
        assert user.has_perm(ACCESS_ADMIN)
        assert not user.has_perm("auth.add_group")
    assert len(context.captured_queries) == 1
    assert user._group_names_cache == {"Redacteuren", "Groep zonder rechten"}


def test_page_permissions_come_with_the_roles_and_answer_as_wagtails_own(demo_site):
    from wagtail.models import GroupPagePermission, Page

    from accounts.backends import page_permissions

    user = _fresh(editor())
    with CaptureQueriesContext(connection) as context:
        ours = page_permissions(user)
        assert user.has_perm(ACCESS_ADMIN)
    assert len(context.captured_queries) == 1
    wagtails = GroupPagePermission.objects.filter(group__user=user).select_related("page", "permission")
    assert sorted((p.page_id, p.page.path, p.permission.codename) for p in ours) == sorted(
        (p.page_id, p.page.path, p.permission.codename) for p in wagtails
    )
    assert ours  # the demo's editors have page permissions: the comparison above compares something
    for page in Page.objects.all():
        own_query, rows = _fresh(user), _fresh(user)
        rows._page_permission_cache = page_permissions(rows)
        for test in ("can_add_subpage", "can_edit", "can_delete", "can_publish", "can_unpublish", "can_move"):
            assert (
                getattr(page.permissions_for_user(rows), test)()
                == getattr(page.permissions_for_user(own_query), test)()
            )


def test_a_page_permission_taken_away_is_gone_on_the_next_request(demo_site):
    from wagtail.models import GroupPagePermission

    office = Client()
    office.force_login(editor())
    home = office.get("/").content.decode()
    assert "wagtail-userbar" in home and "/edit/" in home
    GroupPagePermission.objects.filter(permission__codename="change_page").delete()
    assert "/edit/" not in office.get("/").content.decode()
