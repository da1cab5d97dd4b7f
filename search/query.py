"""From what a user typed to a Dutch-aware query: stop words out, stems as prefixes, synonyms in.

The same `DutchQuery` feeds Wagtail's database backend (`to_wagtail()`), Elasticsearch (`text`) and
the snippet highlighter (`pattern`), so every channel agrees on what matched.
"""

from dataclasses import dataclass, field

from modelsearch.query import And, Or, Phrase, PlainText

from .models import region_groups, synonym_groups
from .text import STOP_WORDS, match_pattern, prefixes_for, stem, tokens

MIN_PREFIX_LENGTH = 4  # shorter stems (ggz, po, 18) are matched as whole words


class Prefix(PlainText):
    """One word matched as a prefix ('pleeggezin' → pleeggezin*); handled by search.backends.database."""


@dataclass
class Clause:
    """One part of the query; a document must match at least one variant of every clause."""

    prefixes: list = field(default_factory=list)
    words: list = field(default_factory=list)
    phrases: list = field(default_factory=list)
    label: str = ""
    synonym: bool = False
    originals: list = field(default_factory=list)  # the words as typed/listed, for engines that stem themselves

    def to_wagtail(self):
        parts = [Prefix(p) for p in self.prefixes] + [PlainText(w) for w in self.words]
        parts += [Phrase(p) for p in self.phrases]
        return parts[0] if len(parts) == 1 else Or(parts)


@dataclass
class DutchQuery:
    text: str
    clauses: list
    match_any: bool = False

    def __bool__(self):
        return bool(self.clauses)

    def to_wagtail(self):
        parts = [c.to_wagtail() for c in self.clauses]
        if len(parts) == 1:
            return parts[0]
        return Or(parts) if self.match_any else And(parts)

    @property
    def pattern(self):
        prefixes = [p for c in self.clauses for p in c.prefixes]
        phrases = [p for c in self.clauses for p in c.phrases + c.words]
        return match_pattern(prefixes, phrases)

    @property
    def expanded_terms(self):
        """Synonyms the query was widened with, for the 'ook gezocht op' line."""
        return [c.label for c in self.clauses if c.synonym]


def _word_clause(token):
    clause = Clause(label=token, originals=[token])
    for variant in prefixes_for(token):
        if len(variant) >= MIN_PREFIX_LENGTH:
            clause.prefixes.append(variant)
        elif variant == token or token.startswith(variant):
            clause.words.append(token)
    clause.words = list(dict.fromkeys(clause.words))
    return clause


def _group_clause(group):
    clause = Clause(synonym=True)
    labels = []
    for member in group:
        if len(member) == 1:
            sub = _word_clause(member[0])
            clause.prefixes += sub.prefixes
            clause.words += sub.words
        else:
            clause.phrases.append(" ".join(member))
        labels.append(" ".join(member))
        clause.originals.append(" ".join(member))
    clause.prefixes = list(dict.fromkeys(clause.prefixes))
    clause.words = list(dict.fromkeys(clause.words))
    clause.label = ", ".join(labels)
    return clause


def build_query(text, *, groups=None, match_any=False):
    """Parse `text`; `groups` defaults to the editors' synonyms and the regions' names (both cached).

    `match_any`: a document needs only one of the clauses (the fallback when no document has them all)."""
    found = tokens(text)[:32]
    if not found:  # no words (the finder without text): no clauses, and no synonyms to read or stem
        return DutchQuery(text=text, clauses=[], match_any=match_any)
    if groups is None:
        groups = synonym_groups() + region_groups()
    stems = [stem(t) for t in found]
    members = sorted(
        ((tuple(stem(t) for t in member), group) for group in groups for member in group if member),
        key=lambda item: len(item[0]),
        reverse=True,
    )
    only_stop_words = all(t in STOP_WORDS for t in found)
    clauses, i = [], 0
    while i < len(found):
        for member_stems, group in members:
            if tuple(stems[i : i + len(member_stems)]) == member_stems:
                clauses.append(_group_clause(group))
                i += len(member_stems)
                break
        else:
            if only_stop_words or found[i] not in STOP_WORDS:
                clauses.append(_word_clause(found[i]))
            i += 1
    return DutchQuery(text=text, clauses=clauses, match_any=match_any)
