from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .taxonomy import ActionLine, EvidenceLevel, MainTheme, OnsVerhaalPrinciple, Phase, PracticeKind, SubTheme


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class ActionLineViewSet(TaxonomyViewSet):
    model = ActionLine
    icon = "list-ol"
    list_display = ["number", "name", "slug"]


class MainThemeViewSet(TaxonomyViewSet):
    model = MainTheme
    icon = "tag"
    list_display = ["name", "action_line", "slug"]
    list_filter = ["action_line"]


class SubThemeViewSet(TaxonomyViewSet):
    model = SubTheme
    icon = "tag"
    list_display = ["name", "theme", "slug"]
    list_filter = ["theme__action_line"]


class PhaseViewSet(TaxonomyViewSet):
    model = Phase
    icon = "time"


class PracticeKindViewSet(TaxonomyViewSet):
    model = PracticeKind
    icon = "pick"


class EvidenceLevelViewSet(TaxonomyViewSet):
    model = EvidenceLevel
    icon = "success"


class OnsVerhaalPrincipleViewSet(TaxonomyViewSet):
    model = OnsVerhaalPrinciple
    icon = "openquote"


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomie")
    menu_icon = "folder-inverse"
    menu_order = 300
    items = (
        ActionLineViewSet,
        MainThemeViewSet,
        SubThemeViewSet,
        PhaseViewSet,
        PracticeKindViewSet,
        EvidenceLevelViewSet,
        OnsVerhaalPrincipleViewSet,
    )


register_snippet(TaxonomyGroup)
