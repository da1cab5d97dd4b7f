from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
