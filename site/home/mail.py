"""Rendering e-mail: the text/plain part is never HTML-escaped.

Django escapes ``&``, ``<``, ``"`` and ``'`` in every template it renders with the HTML engine, also a ``.txt``
one; in a plain-text e-mail that shows up as ``Jansen &amp; Zn &quot;de Brug&quot;``. ``render_text`` renders a
text template (and whatever it includes) with autoescaping off; HTML parts keep using ``render_to_string``.
"""

from django.template import Context
from django.template.loader import get_template


def render_text(template_name: str, context: dict | None = None) -> str:
    template = get_template(template_name)
    return template.template.render(Context(context or {}, autoescape=False))
