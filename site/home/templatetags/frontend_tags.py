"""Template helpers of the front end: Open Graph image, long facets split into top items and the rest."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import get_language

from home.public_url import absolute_url

register = template.Library()

OG_FILTER = "fill-1200x630|format-jpeg"
OG_DEFAULT = ("img/og-default.png", 1200, 630)
FACET_TOP = 6


@register.simple_tag
def og_image(page=None):
    """The page's main image as a 1200 × 630 JPEG rendition, else the site's logo image: url, width, height, alt."""
    image = getattr(page, "main_image", None) if page is not None else None
    if image is not None:
        try:
            rendition = image.get_rendition(OG_FILTER)
        except Exception:  # noqa: BLE001 - a missing or broken file must not break the page
            rendition = None
        if rendition is not None:
            return {
                "url": absolute_url(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "alt": getattr(page, "main_image_alt", ""),
            }
    path, width, height = OG_DEFAULT
    return {"url": absolute_url(static(path)), "width": width, "height": height, "alt": ""}


@register.filter
def facet_top(options, size=FACET_TOP):
    """A facet's options to show at once: the chosen ones and those with the most results, in display order."""
    return _split(options, int(size))[0]


@register.filter
def facet_rest(options, size=FACET_TOP):
    """The options behind "toon alle" (empty for a short facet)."""
    return _split(options, int(size))[1]


def _split(options, size):
    options = list(options)
    if len(options) <= size + 2:  # hiding one or two options helps nobody
        return options, []
    ranked = sorted(range(len(options)), key=lambda i: (not options[i].selected, -options[i].count, i))
    keep = set(ranked[: max(size, sum(1 for o in options if o.selected))])
    return [o for i, o in enumerate(options) if i in keep], [o for i, o in enumerate(options) if i not in keep]


@register.simple_tag(takes_context=True)
def content_lang(context, page=None):
    """` lang="nl"` on content whose language differs from the interface's (WCAG 3.1.2), else nothing.

    Pages are written in Dutch (LANGUAGE_CODE); with Wagtail's localisation on, a page's own locale decides."""
    page = page if page is not None else context.get("page")
    content = settings.LANGUAGE_CODE
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False) and getattr(page, "locale_id", None):
        content = _locale_language(page.locale_id) or content
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if content.split("-")[0] == current:
        return ""
    return format_html(' lang="{}"', content)


_LOCALES: dict[int, str] = {}


def _locale_language(locale_id):
    """A locale's language code, from one query for all locales (there are a handful), not one per card."""
    if locale_id not in _LOCALES:
        from wagtail.models import Locale

        _LOCALES.update(Locale.objects.values_list("pk", "language_code"))
    return _LOCALES.get(locale_id)
