from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import tokens

SYNONYM_CACHE_KEY = "search:synonym-groups:v1"


class Synonym(models.Model):
    """A term of the field's jargon with its equivalents; a search for any of them finds all of them."""

    term = models.CharField(_("term"), max_length=100, unique=True, help_text=_("Bijvoorbeeld: GGZ"))
    synonyms = models.TextField(
        _("synoniemen"),
        help_text=_("Eén per regel (of gescheiden door komma's), bijvoorbeeld: geestelijke gezondheidszorg"),
    )

    class Meta:
        ordering = ["term"]
        verbose_name = _("synoniem")
        verbose_name_plural = _("synoniemen")

    def __str__(self):
        return self.term

    def variants(self):
        """The term and its synonyms as written, without empty entries."""
        parts = [self.term] + [p for line in self.synonyms.splitlines() for p in line.split(",")]
        seen, result = set(), []
        for part in (p.strip() for p in parts):
            key = " ".join(tokens(part))
            if key and key not in seen:
                seen.add(key)
                result.append(part)
        return result


def synonym_groups():
    """All groups as tuples of token tuples, cached until an editor changes a synonym."""
    groups = cache.get(SYNONYM_CACHE_KEY)
    if groups is None:
        groups = [tuple(tuple(tokens(v)) for v in s.variants()) for s in Synonym.objects.all()]
        cache.set(SYNONYM_CACHE_KEY, groups, 3600)
    return groups
