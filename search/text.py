"""Dutch text handling shared by every search backend: folding, tokens, stemming, snippets.

The database index holds words as written, so queries search on a stem *as a prefix*. Two of Snowball's Dutch
stemmers (PyStemmer, Snowball's own C library) give the prefixes (docs/search.md, bench/search_relevance.py):
- `stem()`: Snowball's original Dutch algorithm (``dutch_porter``) with one change: after removing a plural
  ending any final consonant is undoubled (``pleeggezinnen`` → ``pleeggezin``), where Snowball only undoubles k, d
  and t (and so leaves ``pleeggezinn``, no prefix of ``pleeggezin``);
- Snowball's current Dutch algorithm (Kraaij-Pohlmann based, the one the engine runs as ``dutch_kp``),
  which joins irregular plurals (``scholen`` → ``school``, ``huizen`` → ``huis``); the singular is then also
  searched in its plural spelling (``school`` → ``schol``, ``huis`` → ``huiz``).
"""

import functools
import os
import re
import threading
import unicodedata

import Stemmer
from django.utils.html import escape
from django.utils.safestring import mark_safe

VOWELS = set("aeiouyè")
TOKEN_RE = re.compile(r"[0-9a-z]+")

# Common Dutch function words; never searched on their own (PostgreSQL's `dutch` config drops them too).
STOP_WORDS = frozenset(
    [
        "aan",
        "al",
        "alles",
        "als",
        "ben",
        "bij",
        "dan",
        "dat",
        "de",
        "der",
        "deze",
        "die",
        "dit",
        "doch",
        "doen",
        "door",
        "dus",
        "een",
        "en",
        "er",
        "ge",
        "geen",
        "had",
        "heb",
        "hebben",
        "heeft",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "ik",
        "in",
        "is",
        "je",
        "kan",
        "kon",
        "maar",
        "me",
        "meer",
        "men",
        "met",
        "mij",
        "mijn",
        "na",
        "naar",
        "niet",
        "niets",
        "nog",
        "nu",
        "of",
        "om",
        "omdat",
        "ons",
        "ook",
        "op",
        "over",
        "reeds",
        "te",
        "tegen",
        "toch",
        "toen",
        "tot",
        "u",
        "uit",
        "uw",
        "van",
        "veel",
        "voor",
        "want",
        "waren",
        "was",
        "wat",
        "we",
        "wel",
        "werd",
        "wezen",
        "wie",
        "wij",
        "wil",
        "worden",
        "zal",
        "ze",
        "zei",
        "zelf",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zonder",
        "zou",
    ]
)

# Irregular plurals that no suffix rule reaches.
IRREGULAR = {"kinderen": "kind", "eieren": "ei", "volwassenen": "volwassen", "jongvolwassenen": "jongvolwassen"}


def fold(text):
    """Lower case without accents: 'Coördinatie' → 'coordinatie'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def tokens(text):
    """Folded word tokens of a text (digits kept: '18-/18+' → ['18', '18'])."""
    return TOKEN_RE.findall(fold(text))


def _undouble(word):
    if len(word) >= 2 and word[-1] == word[-2] and word[-1] not in VOWELS:
        return word[:-1]
    return word


_stemmers = threading.local()


def _stemmer(algorithm):
    """A stemmer keeps the word being stemmed in the instance (PyStemmer's are not thread-safe, and the pure-Python
    snowballstemmer's corrupted each other: IndexError): one per thread, for gunicorn threads and the development
    server."""
    found = getattr(_stemmers, algorithm, None)
    if found is None:
        found = Stemmer.Stemmer(algorithm)
        setattr(_stemmers, algorithm, found)
    return found


@functools.lru_cache(maxsize=8192)
def stem(word):
    """Prefix stem of one folded token (short words and numbers unchanged): Snowball's original Dutch algorithm
    (``dutch_porter``), then any doubled final consonant undoubled (pleeggezinn → pleeggezin).

    A pure function of the word, kept per process: every query stems the synonym groups' and regions' members
    (hundreds of words) again, and the indexer the same vocabulary over and over."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    return _undouble(_stemmer("dutch_porter").stemWord(word))


def kraaij_pohlmann_stem(word):
    """Snowball's current Dutch algorithm, the one the engine runs as ``dutch_kp``."""
    return _stemmer("dutch").stemWord(word)


DOUBLE_VOWELS = ("aa", "ee", "oo", "uu")


def plural_spelling(stem_):
    """The stem as spelled before a plural ending: open syllable, voiced s/f (school → schol, huis → huiz)."""
    if len(stem_) < 4 or not stem_.isalpha():
        return stem_
    spelled = stem_[:-1] + {"s": "z", "f": "v"}.get(stem_[-1], stem_[-1])
    if spelled[-1] not in VOWELS and spelled[-3:-1] in DOUBLE_VOWELS:
        spelled = spelled[:-2] + spelled[-1]
    return spelled


def prefixes_for(token):
    """The prefixes one query token is searched on: its stems, and the word itself if no stem is a prefix of it."""
    stemmed = stem(token)
    result = [stemmed]
    if not token.startswith(stemmed):
        result.append(token)
    canonical = kraaij_pohlmann_stem(token) if token.isalpha() else token
    # Only a spelling change at the end (scholen → school, huizen → huis); not when it strips a prefix or an
    # infix (gezin → zin, pleeggezin → pleegzin), which would search other words or none.
    if len(os.path.commonprefix([canonical, token])) >= len(canonical) - 2:
        for variant in (canonical, plural_spelling(canonical)):
            if variant not in result and not any(variant.startswith(p) for p in result):
                result.append(variant)
    return result


def _folded_with_positions(text):
    """Folded text plus, per folded character, its index in the original text."""
    chars, positions = [], []
    for index, ch in enumerate(text):
        for part in unicodedata.normalize("NFKD", ch):
            if not unicodedata.combining(part):
                lowered = part.lower()
                chars.append(lowered)
                positions.extend([index] * len(lowered))
    return "".join(chars), positions


def match_pattern(prefixes, phrases=()):
    """A regex over folded text matching words that start with one of the prefixes, or a whole phrase."""
    alternatives = [re.escape(p) + r"[0-9a-z]*" for p in sorted(set(prefixes), key=len, reverse=True) if p]
    alternatives += [
        r"\W+".join(re.escape(t) for t in phrase.split()) + r"(?![0-9a-z])" for phrase in phrases if phrase
    ]
    if not alternatives:
        return None
    return re.compile(r"(?<![0-9a-z])(?:" + "|".join(alternatives) + ")")


def highlight(text, pattern, *, width=220):
    """A snippet of `text` around the first match, escaped first, then matches wrapped in <mark>.

    Returns '' when nothing matches (the caller then shows the summary as is)."""
    if not text or pattern is None:
        return ""
    folded, positions = _folded_with_positions(text)
    spans = [
        (positions[m.start()], positions[m.end() - 1] + 1) for m in pattern.finditer(folded) if m.end() > m.start()
    ]
    if not spans:
        return ""
    first = spans[0][0]
    start = max(0, first - width // 3)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 30 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end)
        end = space if 0 <= space - end < 30 else end
    parts: list[str] = []
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(escape(text[cursor:span_start]))
        parts.append("<mark>" + escape(text[span_start:span_end]) + "</mark>")
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)
