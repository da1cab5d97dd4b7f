"""Rendering e-mail: the text/plain part is never HTML-escaped.

Django escapes ``&``, ``<``, ``"`` and ``'`` in every template it renders with the HTML engine, also a ``.txt``
one; in a plain-text e-mail that shows up as ``Jansen &amp; Zn &quot;de Brug&quot;``. ``render_text`` renders a
text template (and whatever it includes) with autoescaping off; HTML parts keep using ``render_to_string``.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation


def render_text(template_name: str, context: dict | None = None) -> str:
    template = get_template(template_name)
    return template.template.render(Context(context or {}, autoescape=False))


def template_message(
    *,
    template: str,
    context: dict,
    to: list[str],
    subject: str | None = None,
    attachments: tuple[tuple[str, bytes | str, str], ...] = (),
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """The one way the platform builds an e-mail: ``<template>.txt`` (unescaped) and ``<template>.html``.

    The subject is the given one, else ``<template>_subject.txt`` on one line. Rendered in Dutch, the
    platform's mail language. Callers send it from a task after commit (the outbox delivers it).
    """
    with translation.override("nl"):
        context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
        if subject is None:
            subject = " ".join(render_text(f"{template}_subject.txt", context).split())
        text = render_text(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=to, headers=headers
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message
