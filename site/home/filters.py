"""The GET filters of the public listings (projects, proposals): a term is chosen in the link by its slug and
cleaned to its pk. Its options are plain (pk, slug, label) rows, which the page keeps with its purge
(``home.cache.remember_for_page``), and are written without a template render per option (``PlainSelect``)."""

from django import forms

from .widgets import PlainSelect


class TermChoiceField(forms.TypedChoiceField):
    """A taxonomy term or region by slug, cleaned to its pk; an unknown slug gets ModelChoiceField's message, which
    does not echo the value from the link."""

    widget = PlainSelect
    default_error_messages = {"invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]}

    def __init__(self, *, empty_label, **kwargs):
        super().__init__(required=False, empty_value=None, **kwargs)
        self.empty_label = empty_label

    def set_terms(self, rows) -> None:
        """Options from (pk, slug, label) rows, in their order, after the empty one."""
        pks = {slug: pk for pk, slug, _label in rows}
        self.choices = [("", self.empty_label), *((slug, label) for _pk, slug, label in rows)]
        self.coerce = pks.__getitem__
