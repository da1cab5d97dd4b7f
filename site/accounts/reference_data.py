"""Reference data: the 42 Dutch jeugdzorgregio's.

Pure-Python data module (no Django imports). The region names follow the
region list in the December 2018 "Overzicht van de 42 Transformatieplannen
Jeugd" (VWS) exactly as written there; slugs are ``django.utils.text.slugify``
of the name (ASCII, lower case, hyphens, no parentheses).

Municipality lists come from the FoodValley transformation plan (2018) and the
regio Alkmaar transformation agenda (project 18-/18+, Jaarplan 2016).
"""

REGIONS = [
    {"name": "Midden-Limburg West", "slug": "midden-limburg-west"},
    {"name": "Midden-Limburg Oost", "slug": "midden-limburg-oost"},
    {"name": "Achterhoek", "slug": "achterhoek"},
    {"name": "Nijmegen", "slug": "nijmegen"},
    {"name": "Alkmaar (Noord-Kennemerland)", "slug": "alkmaar-noord-kennemerland"},
    {"name": "IJmond (Midden Kennemerland)", "slug": "ijmond-midden-kennemerland"},
    {"name": "West Friesland", "slug": "west-friesland"},
    {"name": "Zeeland", "slug": "zeeland"},
    {"name": "Zuid Kennemerland", "slug": "zuid-kennemerland"},
    {"name": "Eemland", "slug": "eemland"},
    {"name": "Kop van Noord-Holland", "slug": "kop-van-noord-holland"},
    {"name": "Twente", "slug": "twente"},
    {"name": "Amsterdam-Amstelland", "slug": "amsterdam-amstelland"},
    {"name": "Drenthe", "slug": "drenthe"},
    {"name": "Haarlemmermeer", "slug": "haarlemmermeer"},
    {"name": "IJsselland", "slug": "ijsselland"},
    {"name": "Noord-Veluwe", "slug": "noord-veluwe"},
    {"name": "Arnhem", "slug": "arnhem"},
    {"name": "Flevoland", "slug": "flevoland"},
    {"name": "Food Valley", "slug": "food-valley"},
    {"name": "Friesland (Fryslan)", "slug": "friesland-fryslan"},
    {"name": "Holland Rijnland", "slug": "holland-rijnland"},
    {"name": "Noordoost Brabant", "slug": "noordoost-brabant"},
    {"name": "Gooi en Vechtstreek", "slug": "gooi-en-vechtstreek"},
    {"name": "Midden IJssel / Oost Veluwe", "slug": "midden-ijssel-oost-veluwe"},
    {"name": "Midden-Brabant", "slug": "midden-brabant"},
    {"name": "Rivierenland", "slug": "rivierenland"},
    {"name": "Utrecht West", "slug": "utrecht-west"},
    {"name": "Zuidoost Utrecht", "slug": "zuidoost-utrecht"},
    {"name": "Rijnmond", "slug": "rijnmond"},
    {"name": "Utrecht Stad", "slug": "utrecht-stad"},
    {"name": "Zuid-Holland Zuid", "slug": "zuid-holland-zuid"},
    {"name": "Zuidoost-Brabant", "slug": "zuidoost-brabant"},
    {"name": "Groningen", "slug": "groningen"},
    {"name": "Haaglanden", "slug": "haaglanden"},
    {"name": "Lekstroom", "slug": "lekstroom"},
    {"name": "Noord-Limburg", "slug": "noord-limburg"},
    {"name": "West Brabant Oost", "slug": "west-brabant-oost"},
    {"name": "West Brabant West", "slug": "west-brabant-west"},
    {"name": "Zaanstreek-Waterland", "slug": "zaanstreek-waterland"},
    {"name": "Midden Holland", "slug": "midden-holland"},
    {"name": "Zuid-Limburg", "slug": "zuid-limburg"},
]

# Municipalities per region (only where a seed document names them).
REGION_MUNICIPALITIES = {
    # Jeugdhulpregio FoodValley: the seven municipalities named in its 2018
    # transformation plan (Gelderland: Barneveld, Ede, Nijkerk, Scherpenzeel;
    # Utrecht: Renswoude, Rhenen, Veenendaal). Wageningen is NOT part of it.
    "food-valley": [
        "Barneveld",
        "Ede",
        "Nijkerk",
        "Renswoude",
        "Rhenen",
        "Scherpenzeel",
        "Veenendaal",
    ],
    # Regio Alkmaar as named in its transformation agenda (situation 2016,
    # before the 2022 merger of Heerhugowaard and Langedijk into Dijk en Waard).
    "alkmaar-noord-kennemerland": [
        "Alkmaar",
        "Bergen",
        "Castricum",
        "Heerhugowaard",
        "Heiloo",
        "Langedijk",
        "Uitgeest",
    ],
}

# Alternative spellings / sub-area names found in the seed documents (and a few
# obvious variants), mapped to the canonical region slug.
REGION_ALIASES = {
    # spelling variants
    "Midden Limburg West": "midden-limburg-west",
    "Midden-Limburg Oost en -West": "midden-limburg-oost",
    "Midden Limburg Oost": "midden-limburg-oost",
    "Noord Veluwe": "noord-veluwe",
    "West-Friesland": "west-friesland",
    "Westfriesland": "west-friesland",
    "Midden-Holland": "midden-holland",
    "Noordoost-Brabant": "noordoost-brabant",
    "Midden IJssel/Oost Veluwe": "midden-ijssel-oost-veluwe",
    "A'dam-Amstelland": "amsterdam-amstelland",
    "Amsterdam Amstelland": "amsterdam-amstelland",
    "Friesland": "friesland-fryslan",
    "Fryslan": "friesland-fryslan",
    "Fryslân": "friesland-fryslan",
    "FoodValley": "food-valley",
    "Foodvalley": "food-valley",
    "Jeugdhulpregio FoodValley": "food-valley",
    # short names of the two regions with a parenthesised second name
    "Alkmaar": "alkmaar-noord-kennemerland",
    "Regio Alkmaar": "alkmaar-noord-kennemerland",
    "Noord-Kennemerland": "alkmaar-noord-kennemerland",
    "Noord Kennemerland": "alkmaar-noord-kennemerland",
    "IJmond": "ijmond-midden-kennemerland",
    "Midden Kennemerland": "ijmond-midden-kennemerland",
    "Midden-Kennemerland": "ijmond-midden-kennemerland",
    # sub-areas / alternative region names used in the pilot lists
    "Roermond en Roerdalen": "midden-limburg-oost",
    "Centraal-Gelderland": "arnhem",
    "Centraal Gelderland": "arnhem",
    "Hart van Brabant": "midden-brabant",
    "Tilburg": "midden-brabant",
}

REGION_SLUGS = [region["slug"] for region in REGIONS]

assert len(REGIONS) == 42
assert len(set(REGION_SLUGS)) == 42
assert len({region["name"] for region in REGIONS}) == 42
assert all(slug in REGION_SLUGS for slug in REGION_MUNICIPALITIES)
assert all(slug in REGION_SLUGS for slug in REGION_ALIASES.values())
