"""Filter forms for the public knowledge pages (GET, no JavaScript needed)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation

from .taxonomy import ActionLine


class ProjectFilterForm(forms.Form):
    actielijn = forms.ModelChoiceField(
        label=_("Actielijn"),
        queryset=ActionLine.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle actielijnen"),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    regio = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle regio's"),
    )

    def __init__(self, *args, regions=None, **kwargs):
        from .models import ProjectStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Alle statussen"))] + list(ProjectStatus.choices)
        self.fields["regio"].queryset = regions if regions is not None else Organisation.objects.regions()
        for field in self.fields.values():
            field.widget.attrs["class"] = "utrecht-select"
