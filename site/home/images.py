"""A page's main image with its alternative text: one abstract mixin for projects, best practices, events and news.

Templates render it with ``includes/picture.html`` (WebP with a JPEG fallback, ``srcset``, explicit width and
height) and it is the page's ``og:image``. The alternative text is required as soon as an image is chosen: it is
checked in ``clean()``, which the admin form, imports and ``full_clean()`` all call.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.images.models import Filter

# The renditions of a page's main image: the hero and card pictures of includes/picture.html (keep them alike:
# tests/performance/test_main_image_renditions.py compares them) and og:image.
HERO_FILTER_SPECS = "format-{webp,jpeg} fill-{704x440,1056x660,1408x880}"
CARD_FILTER_SPECS = "format-{webp,jpeg} fill-{360x240,720x480}"
OG_FILTER_SPEC = "fill-1200x630|format-jpeg"


class MainImageMixin(models.Model):
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hoofdafbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Verschijnt bovenaan de pagina, op kaarten in overzichten en bij delen op sociale media."),
    )
    main_image_alt = models.CharField(
        _("alternatieve tekst"),
        max_length=250,
        blank=True,
        help_text=_(
            "Verplicht bij een afbeelding: beschrijf wat er te zien is voor wie de afbeelding niet ziet. "
            "Een afbeelding met alleen sfeer: beschrijf die kort."
        ),
    )

    main_image_panels = [
        MultiFieldPanel([FieldPanel("main_image"), FieldPanel("main_image_alt")], heading=_("Afbeelding")),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        self.main_image_alt = (self.main_image_alt or "").strip()
        if self.main_image_id and not self.main_image_alt:
            raise ValidationError(
                {"main_image_alt": _("Geef een alternatieve tekst bij de afbeelding: die is verplicht.")}
            )


def prefetch_page_image_renditions(image) -> None:
    """The renditions a page shows of its main image (hero picture and og:image) from Wagtail's rendition cache in
    one read, kept on the image as Wagtail's prefetched renditions.

    Wagtail reads the cache per tag and writes what it read back every time (``get_rendition`` always, and
    ``get_renditions`` for renditions that came from the cache): four round trips and 1.8 ms CPU per event page.
    Only when every one of them is in the cache are they kept on the image; otherwise Wagtail finds or makes them
    its own way, and puts them in the cache for the next request."""
    if image is None or hasattr(image, "prefetched_renditions"):
        return
    Rendition = image.get_rendition_model()
    specs = [*Filter.expand_spec(HERO_FILTER_SPECS), OG_FILTER_SPEC]
    filters = [image.clean_filter_for_svg(Filter(spec=spec)) for spec in specs]
    keys = [Rendition.construct_cache_key(image, f.get_cache_key(image), f.spec) for f in filters]
    found = Rendition.cache_backend.get_many(keys)
    if len(found) < len(set(keys)):
        return
    for rendition in found.values():
        rendition.image = image
        rendition._from_cache = True  # Wagtail's mark for "do not write back"
    image.prefetched_renditions = list(found.values())


def make_main_image_renditions(image) -> None:
    """Every rendition the site shows of a main image, made now (Wagtail makes them in threads) instead of on the
    first view of each page that shows it: the demo loader's images (121 renditions of 11 images: 3 s), which
    otherwise cost the first visitor of each page up to half a second, and each test that renders it again."""
    image.get_renditions(*Filter.expand_spec(HERO_FILTER_SPECS), *Filter.expand_spec(CARD_FILTER_SPECS), OG_FILTER_SPEC)
