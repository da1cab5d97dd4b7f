"""Plain-text and HTML e-mails of the advisory table (Dutch), rendered from templates/advisory/email/."""

from home.mail import template_message


def send(*, to: str, template: str, context: dict) -> None:
    # home.mail.template_message: the text part unescaped ("Jansen & Zn", not "Jansen &amp; Zn"), in Dutch.
    template_message(template=f"advisory/email/{template}", context=context, to=[to]).send()
