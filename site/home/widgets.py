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
    page's CPU). Templates overriding ``django/forms/widgets/select*.html`` do not apply to it."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                html.append(
                    f'\n  <option value="{conditional_escape(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
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
