from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    list_display = ["term", "synonyms", "language"]
    list_filter = ["language"]
    search_fields = ["term", "synonyms"]
    add_to_admin_menu = True
    menu_order = 900


register_snippet(SynonymViewSet)
