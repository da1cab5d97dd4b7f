"""Authentication backend: Django's ModelBackend with a user's permissions read in one query.

Every signed-in page asks for a permission (Wagtail's user bar checks admin access), and ModelBackend reads the
user's own and their groups' permissions in two queries. This backend reads both in one and answers for
ModelBackend as well: ModelBackend stays listed after it only so that sessions that name it remain valid, and a
permission this backend does not find is not there for ModelBackend either.

The names of the user's groups, from which accounts.permissions derives roles on every page that asks who someone
is (the proposal page, the menus), come in the same query: a signed-in visit costs one query less.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Value


def read_groups_and_permissions(user_obj) -> None:
    """Fill the user's group names (``_group_names_cache``) and permissions (``_perm_cache``) from one query: the
    groups with their permissions (a group without any still gives its name), and the user's own permissions (a
    superuser's: all of them)."""
    in_groups = (
        Group.objects.filter(user=user_obj)
        .values_list("name", "permissions__content_type__app_label", "permissions__codename")
        .order_by()
    )
    own = Permission.objects.all() if user_obj.is_superuser else Permission.objects.filter(user=user_obj)
    own = (
        own.annotate(group_name=Value(None, output_field=CharField()))
        .values_list("group_name", "content_type__app_label", "codename")
        .order_by()  # Permission's default order is not allowed inside a UNION
    )
    names, permissions = set(), set()
    for name, app_label, codename in in_groups.union(own, all=True):
        if name is not None:
            names.add(name)
        if codename is not None:
            permissions.add(f"{app_label}.{codename}")
    user_obj._group_names_cache = names
    user_obj._perm_cache = permissions if user_obj.is_active else set()


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
