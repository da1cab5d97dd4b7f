"""Filter forms for the public knowledge pages (GET, no JavaScript needed)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.filters import TermChoiceField
from home.widgets import PlainSelect


class ProjectFilterForm(forms.Form):
    """The index's filters; `action_lines` and `regions` are (pk, slug, label) rows
    (``selectors.project_filter_options``). A chosen term cleans to its pk, which the project filter takes as it
    takes the term."""

    actielijn = TermChoiceField(label=_("Actielijn"), empty_label=_("Alle actielijnen"))
    status = forms.ChoiceField(label=_("Status"), required=False, widget=PlainSelect)
    regio = TermChoiceField(label=_("Regio"), empty_label=_("Alle regio's"))

    def __init__(self, *args, action_lines, regions, **kwargs):
        from .models import ProjectStatus

        super().__init__(*args, **kwargs)
        self.fields["actielijn"].set_terms(action_lines)
        self.fields["regio"].set_terms(regions)
        self.fields["status"].choices = [("", _("Alle statussen"))] + list(ProjectStatus.choices)
        for field in self.fields.values():
            field.widget.attrs["class"] = "utrecht-select"
