"""Dutch text handling: no database needed."""

import pytest

from search.query import build_query
from search.text import fold, highlight, match_pattern, stem

GROUPS = [(("ggz",), ("geestelijke", "gezondheidszorg")), (("ots",), ("ondertoezichtstelling",))]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("pleeggezin", "pleeggezinnen"),
        ("jongere", "jongeren"),
        ("gezin", "gezinnen"),
        ("ondertoezichtstelling", "ondertoezichtstellingen"),
        ("wijkteam", "wijkteams"),
        ("kind", "kinderen"),
    ],
)
def test_singular_and_plural_share_a_stem(a, b):
    assert stem(a) == stem(b)


def test_folding_removes_case_and_accents():
    assert fold("Coördinatie Één") == "coordinatie een"


def test_query_drops_stop_words_and_searches_stems_as_prefixes():
    query = build_query("de pleeggezinnen in Utrecht", groups=[])
    assert [c.prefixes for c in query.clauses] == [["pleeggezin"], ["utrecht"]]


def test_synonyms_widen_a_clause_in_both_directions():
    for text in ("GGZ", "geestelijke gezondheidszorg"):
        (clause,) = build_query(text, groups=GROUPS).clauses
        assert clause.synonym
        assert "ggz" in clause.words and "geestelijke gezondheidszorg" in clause.phrases
    (ots,) = build_query("ondertoezichtstellingen", groups=GROUPS).clauses
    assert "ots" in ots.words


def test_highlight_escapes_before_marking():
    pattern = match_pattern(["pleeggezin"])
    html = highlight('<script>alert("x")</script> Twee Pleeggezinnen erbij', pattern)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>Pleeggezinnen</mark>" in html


def test_highlight_marks_accented_words_found_by_folded_query():
    html = highlight("Betere coördinatie van zorg", build_query("coordinatie", groups=[]).pattern)
    assert "<mark>coördinatie</mark>" in html


def test_no_match_gives_no_snippet():
    assert highlight("Niets te zien", match_pattern(["pleeggezin"])) == ""
