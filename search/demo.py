"""Search's demo data: the editors' synonym list (jargon and abbreviations of the field)."""

from knowledge.reference_data import SYNONYMS

from .models import Synonym

# What an English-speaking visitor types, mapped onto the Dutch terms the content is written in.
ENGLISH_SYNONYMS = [
    ("foster care", ["pleegzorg", "foster family", "foster families", "foster parents"]),
    ("mental health", ["GGZ", "mental health care", "youth mental health"]),
    ("child protection", ["jeugdbescherming", "child protection order", "ondertoezichtstelling"]),
    ("young adults", ["18-/18+", "jongvolwassenen", "transition to adulthood"]),
    ("general practitioner", ["huisarts", "GP", "family doctor"]),
    ("crisis service", ["crisisdienst", "crisis team", "emergency service"]),
    ("school absentees", ["thuiszitters", "children out of school", "school dropouts"]),
    ("after-school care", ["buitenschoolse opvang", "BSO", "out of school care"]),
    ("schools", ["school", "scholen", "education", "onderwijs"]),
    ("divorce", ["scheiden", "scheiding", "separation"]),
    ("residential care", ["verblijf", "residentiële zorg", "residential youth care"]),
    ("neighbourhood team", ["wijkteam", "lokaal team", "community team"]),
]


def load(*, stdout):
    for term, equivalents in SYNONYMS:
        Synonym.objects.update_or_create(term=term, defaults={"synonyms": "\n".join(equivalents), "language": ""})
    for term, equivalents in ENGLISH_SYNONYMS:
        Synonym.objects.update_or_create(term=term, defaults={"synonyms": "\n".join(equivalents), "language": "en"})
    stdout.write(f"  synoniemen: {Synonym.objects.count()}")
