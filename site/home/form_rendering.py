"""An unbound form's fields rendered once per process and reused while nothing they show has changed.

The response form of a proposal and the registration form of an event are rendered for every signed-in visitor,
field by field through the template engine: some 8,000 Python calls of the provider's proposal page (12%). Until
it is filled in, such a form is a pure function of what it holds: each field's label, help text, requirement,
value, widget attributes and choices, in the active language. That is the key here, so a renamed organisation,
a new question or another language gives another entry, never a stale one. A bound form (the visitor's input and
errors) and a form given initial values (a draft, someone's name and e-mail address) are always rendered afresh:
nothing personal is kept.

The entries live in this process only: a deployment starts new processes, so a changed template is never
served from an older one (a shared cache would outlive them). A widget with instance state not listed in
``WIDGET_STATE`` is rendered afresh as well, since its output could depend on it.
"""

import threading

from django.template.loader import render_to_string
from django.utils import translation

# What a widget instance may hold and still be rendered once: every one of these goes into the key.
# (A function such as CheckboxInput's check_test goes in by its identity: the same object, the same output.)
WIDGET_STATE = frozenset(
    {
        "attrs",
        "_choices",
        "is_required",
        "input_type",
        "format",
        "is_localized",
        "check_test",
        "allow_multiple_selected",
    }
)
MAX_KEPT = 256

_rendered: dict[tuple, str] = {}
_lock = threading.Lock()


def _field_key(bound_field) -> tuple | None:
    field, widget = bound_field.field, bound_field.field.widget
    state = vars(widget)
    if not set(state) <= WIDGET_STATE:
        return None
    choices = state.get("_choices", ())
    if not isinstance(choices, list | tuple):  # a queryset's choices: read afresh, as the render would
        return None
    return (
        bound_field.name,
        type(field).__qualname__,
        type(widget).__module__,
        type(widget).__qualname__,
        str(bound_field.label),
        str(bound_field.help_text),
        field.required,
        field.disabled,
        field.show_hidden_initial,
        field.localize,
        repr(bound_field.value()),
        repr(sorted((key, str(value)) for key, value in state.get("attrs", {}).items())),
        repr([(str(value), str(label)) for value, label in choices]),
        repr(sorted((key, value) for key, value in state.items() if key not in {"attrs", "_choices"})),
    )


def _form_key(form, template_name: str) -> tuple | None:
    fields = []
    for bound_field in form:
        key = _field_key(bound_field)
        if key is None:
            return None
        fields.append(key)
    return (
        template_name,
        translation.get_language(),
        type(form).__module__,
        type(form).__qualname__,
        form.prefix,
        str(form.auto_id),
        str(form.label_suffix),
        form.use_required_attribute,
        tuple(fields),
    )


def form_fields_html(form, template_name: str) -> str:
    """``template_name`` rendered with only ``form`` in its context; for an unbound form, once per process and
    content (see the module's docstring)."""
    key = None if form.is_bound or form.initial else _form_key(form, template_name)
    if key is not None:
        found = _rendered.get(key)
        if found is not None:
            return found
    html = render_to_string(template_name, {"form": form})
    if key is not None:
        with _lock:
            if len(_rendered) >= MAX_KEPT:
                _rendered.clear()  # rare (a form per page and language): start over instead of tracking age
            _rendered[key] = html
    return html
