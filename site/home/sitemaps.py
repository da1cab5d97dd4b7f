"""/sitemap.xml: Wagtail's sitemap over every language's tree, not only the active language's.

Wagtail lists the descendants of the site's root page, the Dutch home page; translations live under its English
sibling. Aliases (Dutch text in the English tree) and translations that are never served (home/locales.py) are
left out, so each text is listed once, at the address that serves it.
"""

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from .locales import dutch_only_models
from .request_scope import public


class LocalisedSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        pages = Page.objects.none()
        for tree in Page.objects.filter(translation_key=root.translation_key):
            pages |= Page.objects.descendant_of(tree, inclusive=True)
        translated = pages.exclude(locale__language_code=settings.LANGUAGE_CODE)
        hidden = translated.filter(alias_of__isnull=False)
        for model in dutch_only_models():
            hidden |= translated.type(model)
        return public(pages.live()).exclude(pk__in=hidden.values("pk")).order_by("path").defer_streamfields().specific()


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"wagtail": LocalisedSitemap})
