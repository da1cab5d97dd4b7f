"""The programme's taxonomy (seed 004): stable slugs, editable as snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from home.privacy import PrivacyGuarded


class TaxonomyTerm(PrivacyGuarded, index.Indexed, models.Model):
    """Names and descriptions are published (facets, pages, API): privacy-guarded in the snippet editor."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("Stabiel: gebruikt in URL's en imports.")
    )
    description = models.TextField(_("omschrijving"), blank=True)
    sort_order = models.PositiveIntegerField(_("volgorde"), default=0)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ActionLine(TaxonomyTerm):
    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)

    class Meta(TaxonomyTerm.Meta):
        ordering = ["number"]
        verbose_name = _("actielijn")
        verbose_name_plural = _("actielijnen")

    def __str__(self):
        return f"{self.number}. {self.name}"


class MainTheme(TaxonomyTerm):
    action_line = models.ForeignKey(
        ActionLine, verbose_name=_("actielijn"), on_delete=models.PROTECT, related_name="themes"
    )

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("hoofdthema")
        verbose_name_plural = _("hoofdthema's")


class SubTheme(TaxonomyTerm):
    theme = models.ForeignKey(
        MainTheme, verbose_name=_("hoofdthema"), on_delete=models.PROTECT, related_name="subthemes"
    )

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("subthema")
        verbose_name_plural = _("subthema's")


class Phase(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("fase")
        verbose_name_plural = _("fases")


class PracticeKind(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("soort voorbeeld")
        verbose_name_plural = _("soorten voorbeelden")


class EvidenceLevel(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("bewijsniveau")
        verbose_name_plural = _("bewijsniveaus")


class OnsVerhaalPrinciple(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("Ons Verhaal-principe")
        verbose_name_plural = _("Ons Verhaal-principes")
