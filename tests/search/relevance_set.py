"""Judged queries: what youth-care professionals, editors and providers type, and the demo pages that must come
back in the top 5 of site search (tests/search/test_relevance.py, bench/search_relevance.py).

Each judgement names pages by title. The set covers jargon and abbreviations, singulars and (irregular) plurals,
compounds, municipality names that lead to their region, region spellings, misspellings, multi-word questions
and English terms on the English site.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Judgement:
    query: str
    expected: tuple  # titles that must all be in the top 5
    language: str = "nl"
    kind: str = ""


def j(query, *expected, language="nl", kind=""):
    return Judgement(query, tuple(expected), language, kind)


JUDGEMENTS = [
    # jargon and abbreviations
    j("OTS", "Ondertoezichtstelling in vier weken in plaats van acht maanden", kind="jargon"),
    j("ondertoezichtstelling", "Ondertoezichtstelling in vier weken in plaats van acht maanden", kind="jargon"),
    j("JIM", "JIM / InVerbinding", kind="jargon"),
    j("jouw ingebrachte mentor", "JIM / InVerbinding", kind="jargon"),
    j("GGZ", "GGZ op het MBO", "POH-GGZ jeugd", kind="jargon"),
    j("geestelijke gezondheidszorg", "GGZ op het MBO", "POH-GGZ jeugd", kind="jargon"),
    j("POH", "POH-GGZ jeugd", kind="jargon"),
    j("praktijkondersteuner huisarts", "POH-GGZ jeugd", kind="jargon"),
    j("18-/18+", "Verder Thuis 18-/18+", "Schakeloverleg 18-/18+", kind="jargon"),
    j("jongvolwassenen", "Verder Thuis 18-/18+", "Schakeloverleg 18-/18+", kind="jargon"),
    j("BSO+", "BSO+ in de reguliere buitenschoolse opvang", kind="jargon"),
    j("CJG", "CJG positioneren in de huisartsenpraktijk", "Verbinding CJG met huisartsenpraktijk", kind="jargon"),
    j(
        "Centrum voor Jeugd en Gezin",
        "CJG positioneren in de huisartsenpraktijk",
        "Verbinding CJG met huisartsenpraktijk",
        kind="jargon",
    ),
    # singular and plural, irregular ones included
    j("school", "School als vindplaats", "Jeugdexperts in de school", kind="plural"),
    j("scholen", "School als vindplaats", "Jeugdexperts in de school", kind="plural"),
    j("huis", "Niet de kinderen, maar de ouders uit huis", kind="plural"),
    j("huizen", "Niet de kinderen, maar de ouders uit huis", kind="plural"),
    j("gezinshuis", "Mobiele kleine woningen bij gezinshuizen", kind="plural"),
    j("gezinshuizen", "Mobiele kleine woningen bij gezinshuizen", kind="plural"),
    j("pleeggezinnen", "Mockingbird-familiemodel", kind="plural"),
    j("thuiszitter", "Actieplan thuiszitters met autisme", kind="plural"),
    # compounds and plain topics
    j("crisisdienst", "Integrale crisisdienst", kind="compound"),
    j("crisis", "Integrale crisisdienst", "Routekaarten crisis", kind="compound"),
    j("pleegzorg", "Vernieuwing van residentiële zorg en pleegzorg", "Mockingbird-familiemodel", kind="compound"),
    j("time-out", "Time-out bed voor jeugdigen", kind="compound"),
    j("vroegsignalering", "Vroegsignalering in het primair onderwijs", kind="compound"),
    j("doorlooptijd jeugdbescherming", "Verkorten doorlooptijd jeugdbeschermingsketen", kind="compound"),
    # municipalities lead to their region; region spellings
    j("pleegzorg Ede", "Mockingbird-familiemodel", kind="region"),
    j("Veenendaal crisis", "Routekaarten crisis", kind="region"),
    j("FoodValley crisis", "Routekaarten crisis", kind="region"),
    j("Food Valley crisis", "Routekaarten crisis", kind="region"),
    j("Noordveluwe", "Verder Thuis", "Verbinding CJG met huisartsenpraktijk", kind="region"),
    j("Noord Veluwe", "Verder Thuis", "Verbinding CJG met huisartsenpraktijk", kind="region"),
    j("Roermond", "Buurtgezinnen Roermond en Roerdalen", kind="region"),
    j("Tilburg", "Samenwerking huisartsen en medisch domein Tilburg Noord", kind="region"),
    # misspellings
    j("mockingbrid", "Mockingbird-familiemodel", kind="misspelling"),
    j("pleegzrog", "Vernieuwing van residentiële zorg en pleegzorg", kind="misspelling"),
    j("ondertoezichtsteling", "Ondertoezichtstelling in vier weken in plaats van acht maanden", kind="misspelling"),
    # multi-word questions
    j("samenwerking huisarts en jeugdhulp", "Samenwerking huisartsen en medisch domein Tilburg Noord", kind="question"),
    j("wachtlijst specialistische jeugdhulp", "Analyse stagnatie (hoog)specialistische jeugdhulp", kind="question"),
    j("jeugdhulp op school", "Kennisatelier: jeugdhulp op school", kind="question"),
    j("hoe helpen we kinderen bij een scheiding", "Scheiden zonder schade", kind="question"),
    j("verblijf in de wijk", "Leefhuizen / Verblijf in de wijk", kind="question"),
    # English terms on the English site
    j("foster care", "Vernieuwing van residentiële zorg en pleegzorg", language="en", kind="english"),
    j("mental health", "GGZ op het MBO", "POH-GGZ jeugd", language="en", kind="english"),
    j("crisis service", "Integrale crisisdienst", language="en", kind="english"),
    j("divorce", "Scheiden zonder schade", language="en", kind="english"),
    j("general practitioner", "Samenwerking huisartsen en medisch domein Tilburg Noord", language="en", kind="english"),
]


def ranked_titles(query, *, language="nl", limit=5):
    """The titles site search shows first for `query` on the site in `language`, with the backend that answered."""
    from django.utils import translation

    from search.site_search import site_search

    with translation.override(language):
        result = site_search(query, per_page=limit)
    return [item.page.title for item in result.items[:limit]], result


def misses(judgement, *, limit=5):
    titles, _result = ranked_titles(judgement.query, language=judgement.language, limit=limit)
    return [title for title in judgement.expected if title not in titles], titles
