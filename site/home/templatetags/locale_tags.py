"""The page's languages for ``<link rel="alternate" hreflang>`` and the language switch (home/locales.py)."""

from django import template

from home.locales import translations

register = template.Library()


@register.simple_tag
def page_translations(page):
    """{language: {"path": …, "url": …}} of the languages this page is served in; {} when only its own."""
    return {language: {"path": path, "url": url} for language, path, url in translations(page)} if page else {}
