"""A page's main image with its alternative text: one abstract mixin for projects, best practices, events and news.

Templates render it with ``includes/picture.html`` (WebP with a JPEG fallback, ``srcset``, explicit width and
height) and it is the page's ``og:image``. The alternative text is required as soon as an image is chosen: it is
checked in ``clean()``, which the admin form, imports and ``full_clean()`` all call.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


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
