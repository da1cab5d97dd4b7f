"""Plain-text and HTML e-mails of the advisory table (Dutch), rendered from templates/advisory/email/."""

from django.conf import settings

from home.mail import template_message


def absolute_url(path: str) -> str:
    if path.startswith("http"):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send(*, to: str, template: str, context: dict) -> None:
    # home.mail.template_message: the text part unescaped ("Jansen & Zn", not "Jansen &amp; Zn"), in Dutch.
    template_message(template=f"advisory/email/{template}", context=context, to=[to]).send()
