"""Authentication backend: Django's ModelBackend with a user's permissions read in one query.

Every signed-in page asks for a permission (Wagtail's user bar checks admin access), and ModelBackend reads the
user's own and their groups' permissions in two queries. This backend reads both in one and answers for
ModelBackend as well: ModelBackend stays listed after it only so that sessions that name it remain valid, and a
permission this backend does not find is not there for ModelBackend either.

The names of the user's groups, from which accounts.permissions derives roles on every page that asks who someone
is (the proposal page, the menus), come in the same query: a signed-in visit costs one query less. So do the
groups' page permissions, which Wagtail's user bar reads for an editor in a query of its own (``page_permissions``,
handed to Wagtail for a page being served by ``accounts.wagtail_hooks``).

The statement is compiled once per process and database (it differs only in the user's id, and for superusers):
building and compiling the three-part UNION took more of a signed-in page than running it.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import router
from django.db.models import CharField, IntegerField, Value
from django.db.models.functions import Cast

from home.statements import fetch

# A user id no row has, compiled into the statement; each parameter equal to it is the user's id when it runs.
_USER_PLACEHOLDER = -729_301_457


def _groups_and_permissions(user_id, is_superuser):
    """The groups with their permissions (a group without any still gives its name), the user's own permissions (a
    superuser's: all of them) and the groups' page permissions, as rows of (group name, app label, codename, page
    id, page path, page depth)."""
    from wagtail.models import GroupPagePermission

    # The empty number typed (NULL::integer): PostgreSQL takes two bare NULLs for text, and text does not match the
    # page ids of the third part.
    no_text, no_number = Value(None, output_field=CharField()), Cast(Value(None), output_field=IntegerField())
    no_page = {"no_page": no_number, "no_path": no_text, "no_depth": no_number}
    in_groups = (
        Group.objects.filter(user=user_id)
        .annotate(**no_page)
        .values_list("name", "permissions__content_type__app_label", "permissions__codename", *no_page)
        .order_by()
    )
    own = Permission.objects.all() if is_superuser else Permission.objects.filter(user=user_id)
    own = (
        own.annotate(group_name=no_text, **no_page)
        .values_list("group_name", "content_type__app_label", "codename", *no_page)
        .order_by()  # Permission's default order is not allowed inside a UNION
    )
    on_pages = (
        GroupPagePermission.objects.filter(group__user=user_id)
        .annotate(group_name=no_text)
        .values_list(
            "group_name",
            "permission__content_type__app_label",
            "permission__codename",
            "page_id",
            "page__path",
            "page__depth",
        )
        .order_by()
    )
    return in_groups.union(own, on_pages, all=True)


def _rows(user_obj) -> list[tuple]:
    """The rows of ``_groups_and_permissions`` for this user, from the statement compiled once (home.statements)."""
    is_superuser = user_obj.is_superuser
    return fetch(
        f"accounts-groups-and-permissions:{'superuser' if is_superuser else 'user'}",
        lambda: _groups_and_permissions(_USER_PLACEHOLDER, is_superuser),
        values={_USER_PLACEHOLDER: user_obj.pk},
        using=router.db_for_read(Group),
    )


def read_groups_and_permissions(user_obj) -> None:
    """Fill the user's group names (``_group_names_cache``), permissions (``_perm_cache``) and page permissions
    (``_page_permission_rows``: page id, path, depth, app label, codename) from one query."""
    names, permissions, on_pages = set(), set(), []
    for name, app_label, codename, page_id, page_path, page_depth in _rows(user_obj):
        if page_id is not None:
            on_pages.append((page_id, page_path, page_depth, app_label, codename))
            continue
        if name is not None:
            names.add(name)
        if codename is not None:
            permissions.add(f"{app_label}.{codename}")
    user_obj._group_names_cache = names
    user_obj._perm_cache = permissions if user_obj.is_active else set()
    user_obj._page_permission_rows = on_pages


def page_permissions(user_obj) -> list:
    """What Wagtail's ``PagePermissionPolicy.get_all_permissions_for_user`` reads (the groups' page permissions,
    none for an inactive user or a superuser, who passes every test without them), from the rows of the roles
    query. Each page carries its id, path and depth, and each permission its codename: what Wagtail's page
    permission tests read (``PagePermissionTester``, ``user_has_permission_for_instance``); any other field of the
    page would be read on first use."""
    from wagtail.models import GroupPagePermission, Page

    if not user_obj.is_active or user_obj.is_anonymous or user_obj.is_superuser:
        return []
    if getattr(user_obj, "_page_permission_rows", None) is None:
        read_groups_and_permissions(user_obj)
    db = router.db_for_read(Page)
    result = []
    for page_id, path, depth, _app_label, codename in user_obj._page_permission_rows:
        page = Page.from_db(db, ["id", "path", "depth"], [page_id, path, depth])
        permission = Permission(codename=codename)
        result.append(GroupPagePermission(page=page, permission=permission))
    return result


class PermissionBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            read_groups_and_permissions(user_obj)
        return user_obj._perm_cache

    def has_perm(self, user_obj, perm, obj=None):
        if super().has_perm(user_obj, perm, obj=obj):
            return True
        if obj is None:
            raise PermissionDenied  # stops Django asking ModelBackend the same question with two more queries
        return False
