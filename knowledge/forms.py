"""Filter forms for the public knowledge pages (GET, no JavaScript needed)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation

from .taxonomy import ActionLine


class ProjectFilterForm(forms.Form):
    """The index's filters. Action lines and regions are choices of (slug, name) rows read with ``values_list``
    (no model instances, no server-side cursor per select as ModelChoiceField's iterator opens); a valid choice
    cleans to the term's pk, which the project filter takes as it takes the term."""

    # ModelChoiceField's message, as before: it does not echo the value from the link
    _term_errors = {"invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]}
    actielijn = forms.TypedChoiceField(
        label=_("Actielijn"), required=False, empty_value=None, error_messages=_term_errors
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    regio = forms.TypedChoiceField(label=_("Regio"), required=False, empty_value=None, error_messages=_term_errors)

    def __init__(self, *args, regions=None, **kwargs):
        from .models import ProjectStatus

        super().__init__(*args, **kwargs)
        lines = [  # labelled as ActionLine.__str__ labels them
            (pk, slug, f"{number}. {name}")
            for pk, slug, number, name in ActionLine.objects.values_list("pk", "slug", "number", "name")
        ]
        regions = regions if regions is not None else Organisation.objects.regions()
        self._set_terms("actielijn", _("Alle actielijnen"), lines)
        self._set_terms("regio", _("Alle regio's"), regions.values_list("pk", "slug", "name"))
        self.fields["status"].choices = [("", _("Alle statussen"))] + list(ProjectStatus.choices)
        for field in self.fields.values():
            field.widget.attrs["class"] = "utrecht-select"

    def _set_terms(self, name, empty_label, rows):
        pks = {}
        choices = [("", empty_label)]
        for pk, slug, label in rows:
            pks[slug] = pk
            choices.append((slug, label))
        field = self.fields[name]
        field.choices = choices
        field.coerce = pks.__getitem__
