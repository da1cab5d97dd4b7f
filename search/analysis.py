"""The Dutch analysis of every engine index (site search and finder), defined once.

- Kraaij-Pohlmann stemmer (`dutch_kp`): joins irregular plurals (school/scholen, huis/huizen, pleeggezin(nen)),
  which Snowball's `dutch` does not.
- Compounds: Dutch writes `crisisdienst`, `jeugdbeschermingsketen`, `huisartsenpraktijk` as one word. At index
  time a dictionary decompounder adds the known parts as extra tokens, so `crisis`, `jeugdbescherming` and
  `huisarts` find them (the database backend gets there by searching stems as prefixes).
"""

# Parts of the field's compounds, as they start or end a longer word (at least 4 letters each).
COMPOUND_PARTS = [
    "aanbod",
    "aanpak",
    "ambulant",
    "arrangement",
    "autisme",
    "begeleiding",
    "behandeling",
    "bescherming",
    "buurt",
    "crisis",
    "dienst",
    "gezin",
    "gezins",
    "groep",
    "huis",
    "huisarts",
    "huisartsen",
    "hulp",
    "jeugd",
    "jeugdarts",
    "jeugdbescherming",
    "jeugdhulp",
    "jeugdzorg",
    "keten",
    "kind",
    "kinder",
    "onderwijs",
    "opvang",
    "ouder",
    "pleeg",
    "pleeggezin",
    "pleegzorg",
    "praktijk",
    "preventie",
    "school",
    "team",
    "thuis",
    "traject",
    "veiligheid",
    "verblijf",
    "wijk",
    "woning",
    "zorg",
]

INDEX_FILTERS = ["lowercase", "asciifolding", "dutch_compounds", "dutch_stop", "dutch_stemmer"]
SEARCH_FILTERS = ["lowercase", "asciifolding", "dutch_stop", "dutch_stemmer"]

FILTERS: dict[str, dict] = {
    "dutch_stop": {"type": "stop", "stopwords": "_dutch_"},
    "dutch_stemmer": {"type": "stemmer", "language": "dutch_kp"},
    "dutch_compounds": {
        "type": "dictionary_decompounder",
        "word_list": COMPOUND_PARTS,
        "min_subword_size": 4,
        "max_subword_size": 30,
        "only_longest_match": False,
    },
}


def wagtail_index_settings():
    """Merged into Wagtail's engine index settings: Dutch analysis for every text field."""
    return {
        "settings": {
            "analysis": {
                "analyzer": {
                    "default": {"type": "custom", "tokenizer": "standard", "filter": INDEX_FILTERS},
                    "default_search": {"type": "custom", "tokenizer": "standard", "filter": SEARCH_FILTERS},
                },
                "filter": FILTERS,
            }
        }
    }
