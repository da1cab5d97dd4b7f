"""Form widgets rendered without the template engine where Django's would cost a template render per option."""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _attrs(attrs) -> str:
    """Django's django/forms/widgets/attrs.html, in Python."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class PlainSelect(forms.Select):
    """A ``<select>`` with byte for byte the HTML of Django's, built in Python: Django renders every ``<option>``
    through its own template (42 regions and the roles of the registration form took a quarter of the event
    page's CPU). Templates overriding ``django/forms/widgets/select*.html`` do not apply to it.

    The options are written straight from the choices, by the rule of Django's ``ChoiceWidget.optgroups`` (the first
    option whose value is among the widget's values is selected), without the dict per option that ``optgroups``
    builds for the templates: a select's options carry no attributes of their own (``option_inherits_attrs`` is
    off), so that dict held nothing the HTML needs but the value, the label and whether it is selected."""

    def render(self, name, value, attrs=None, renderer=None):
        if self.option_inherits_attrs:  # not a plain select: Django's own rule for the options' attributes
            return super().render(name, value, attrs, renderer)
        widget = forms.Widget.get_context(self, name, value, attrs)["widget"]  # no optgroups: built below
        if self.allow_multiple_selected:
            widget["attrs"]["multiple"] = True
        values, multiple = widget["value"], self.allow_multiple_selected
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        has_selected = False
        for option_value, option_label in self.choices:
            if option_value is None:
                option_value = ""
            grouped = isinstance(option_label, (list, tuple))
            if grouped and option_value:
                html.append(f'\n  <optgroup label="{conditional_escape(option_value)}">')
            for subvalue, sublabel in option_label if grouped else ((option_value, option_label),):
                selected = (not has_selected or multiple) and str(subvalue) in values
                has_selected |= selected
                html.append(
                    f'\n  <option value="{conditional_escape(subvalue)}"{" selected" if selected else ""}>'
                    f"{conditional_escape(sublabel)}</option>\n"
                )
            if grouped and option_value:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # noqa: S308 (every value escaped above)


class _PlainInputMixin:
    """Django's django/forms/widgets/input.html in Python: the same bytes without a template render per field."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
        html = f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"{shown}'
        return mark_safe(f"{html}{_attrs(widget['attrs'])}>")  # noqa: S308 (every value escaped above)


class PlainTextInput(_PlainInputMixin, forms.TextInput):
    pass


class PlainEmailInput(_PlainInputMixin, forms.EmailInput):
    pass


class PlainTextarea(forms.Textarea):
    """Django's django/forms/widgets/textarea.html in Python."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        text = conditional_escape(widget["value"]) if widget["value"] else ""
        html = f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'
        return mark_safe(html)  # noqa: S308 (every value escaped above)
