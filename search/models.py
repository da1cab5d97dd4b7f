from django.core.cache import cache
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.reference_data import REGION_ALIASES
from home.privacy import PrivacyGuarded

from .text import tokens

SYNONYM_CACHE_KEY = "search:synonym-groups:v2"
REGION_CACHE_KEY = "search:region-groups:v1"


class Synonym(PrivacyGuarded, models.Model):
    """A term of the field's jargon with its equivalents; a search for any of them finds all of them."""

    term = models.CharField(_("term"), max_length=100, unique=True, help_text=_("Bijvoorbeeld: GGZ"))
    synonyms = models.TextField(
        _("synoniemen"),
        help_text=_("Eén per regel (of gescheiden door komma's), bijvoorbeeld: geestelijke gezondheidszorg"),
    )
    language = models.CharField(
        _("taal"),
        max_length=5,
        blank=True,
        default="",
        choices=[("", _("Alle talen")), ("nl", _("Alleen Nederlands")), ("en", _("Alleen Engels"))],
        help_text=_("Engelse termen (bijvoorbeeld foster care → pleegzorg) gelden alleen op de Engelse site."),
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


def synonym_groups(language=None):
    """The groups for the interface language (default: the active one) as tuples of token tuples: those for
    all languages plus the language's own; cached until an editor changes a synonym."""
    language = (language or get_language() or "nl")[:2]
    groups = cache.get(SYNONYM_CACHE_KEY)
    if groups is None:
        groups = {}
        for synonym in Synonym.objects.all():
            groups.setdefault(synonym.language, []).append(tuple(tuple(tokens(v)) for v in synonym.variants()))
        cache.set(SYNONYM_CACHE_KEY, groups, 3600)
    return groups.get("", []) + groups.get(language, [])


def _compact(name):
    """'Noord-Veluwe' and 'Food Valley' as people also write them: 'noordveluwe', 'foodvalley'."""
    return "".join(tokens(name))


def region_groups():
    """Per youth-care region: its name, the name without spaces or hyphens, its known aliases and its
    municipalities, as one synonym group, so "Ede", "FoodValley" and "Food Valley" find the region's pages."""
    groups = cache.get(REGION_CACHE_KEY)
    if groups is None:
        aliases: dict[str, list[str]] = {}
        for alias, slug in REGION_ALIASES.items():
            aliases.setdefault(slug, []).append(alias)
        municipalities: dict[int, list[str]] = {}
        for name, region_id in Organisation.objects.municipalities().values_list("name", "region_id"):
            municipalities.setdefault(region_id, []).append(name.removeprefix("Gemeente ").strip())
        groups = []
        for pk, name, slug in Organisation.objects.regions().values_list("pk", "name", "slug"):
            names = [name, _compact(name), *aliases.get(slug, []), *municipalities.get(pk, [])]
            members = list(dict.fromkeys(tuple(tokens(n)) for n in names if tokens(n)))
            if len(members) > 1:
                groups.append(tuple(members))
        cache.set(REGION_CACHE_KEY, groups, 3600)
    return groups
