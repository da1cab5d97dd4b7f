from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .backends import page_permissions
from .models import Membership, Organisation, ProviderSegment
from .permissions import is_editor


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "region"]
    list_filter = ["kind", "is_contracted"]
    search_fields = ["name"]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]


class ProviderSegmentViewSet(SnippetViewSet):
    model = ProviderSegment
    icon = "tag"


class OrganisationGroup(SnippetViewSetGroup):
    menu_label = _("Organisaties")
    menu_icon = "group"
    menu_order = 310
    items = (OrganisationViewSet, MembershipViewSet, ProviderSegmentViewSet)


register_snippet(OrganisationGroup)


class _EditorLinkItem(MenuItem):
    def is_shown(self, request):
        return is_editor(request.user)


@hooks.register("register_admin_menu_item")
def people_menu_item():
    return _EditorLinkItem(_("Uitnodigen en aanvragen"), reverse("accounts:invite"), icon_name="mail", order=320)


@hooks.register("before_serve_page")
def page_permissions_from_the_roles_query(page, request, serve_args, serve_kwargs):
    """A page served to someone signed in: Wagtail's user bar tests the page permissions of an editor in a query of
    its own (``PagePermissionPolicy.get_cached_permissions_for_user``); the roles query of accounts.backends
    brings the same rows, handed to Wagtail's cache on the user here. Only for pages served: the admin reads the
    pages of these permissions whole and keeps its own query."""
    user = request.user
    policy_cache = "_page_permission_cache"  # PagePermissionPolicy.permission_cache_name
    if user.is_authenticated and user.is_active and not user.is_superuser and not hasattr(user, policy_cache):
        setattr(user, policy_cache, page_permissions(user))
