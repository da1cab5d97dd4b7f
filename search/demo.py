"""Search's demo data: the editors' synonym list (jargon and abbreviations of the field)."""

from knowledge.reference_data import SYNONYMS

from .models import Synonym


def load(*, stdout):
    for term, equivalents in SYNONYMS:
        Synonym.objects.update_or_create(term=term, defaults={"synonyms": "\n".join(equivalents)})
    stdout.write(f"  synoniemen: {Synonym.objects.count()}")
