"""Authentication backend: Django's ModelBackend with a user's permissions read in one query.

Every signed-in page asks for a permission (Wagtail's user bar checks admin access), and ModelBackend reads the
user's own and their groups' permissions in two queries. This backend reads both in one and answers for
ModelBackend as well: ModelBackend stays listed after it only so that sessions that name it remain valid, and a
permission this backend does not find is not there for ModelBackend either.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q


class PermissionBackend(ModelBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            permissions = Permission.objects.all()
            if not user_obj.is_superuser:
                permissions = permissions.filter(Q(user=user_obj) | Q(group__user=user_obj))
            rows = permissions.values_list("content_type__app_label", "codename").distinct()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache

    def has_perm(self, user_obj, perm, obj=None):
        if super().has_perm(user_obj, perm, obj=obj):
            return True
        if obj is None:
            raise PermissionDenied  # stops Django asking ModelBackend the same question with two more queries
        return False
