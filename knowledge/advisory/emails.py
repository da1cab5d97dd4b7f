"""Plain-text and HTML e-mails of the advisory table (Dutch), rendered from templates/advisory/email/."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from home.mail import render_text


def absolute_url(path: str) -> str:
    if path.startswith("http"):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send(*, to: str, template: str, context: dict) -> None:
    with translation.override("nl"):
        context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
        # Text parts unescaped (home.mail.render_text): a response says "Jansen & Zn", not "Jansen &amp; Zn".
        subject = " ".join(render_text(f"advisory/email/{template}_subject.txt", context).split())
        text = render_text(f"advisory/email/{template}.txt", context)
        html = render_to_string(f"advisory/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()
