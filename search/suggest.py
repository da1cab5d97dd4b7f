"""Never a dead end: 'did you mean', related taxonomy terms, and suggestions as you type.

Page titles as you type come from the active backend (`BaseBackend.complete`, through `search.backends.answer`);
the words "did you mean" picks from and the taxonomy terms come from the database.
"""

import dataclasses
import difflib

from django.core.cache import cache
from django.http import QueryDict
from django.urls import reverse

from accounts.models import Organisation
from home.request_scope import public
from knowledge.models import ActionLine, BestPracticePage, MainTheme, PracticeIndexPage, PracticeKind, SubTheme

from .backends import answer
from .contract import facet_terms, public_pages
from .models import synonym_groups
from .text import fold, tokens


def _vocabulary(terms_by_facet, titles):
    words: set[str] = set()
    for terms in terms_by_facet.values():
        for term in terms:
            words.update(t for t in tokens(term.name) if len(t) > 3)
    for title in titles:
        words.update(t for t in tokens(title) if len(t) > 3)
    for group in synonym_groups():
        for member in group:
            words.update(t for t in member if len(t) > 1)
    return sorted(words)


def cached_vocabulary(name, terms_by_facet, titles_queryset, *, limit=2000):
    """The words 'did you mean' picks from, kept for ten minutes (it is only needed for empty results)."""
    key = f"search:vocabulary:{name}"
    words = cache.get(key)
    if words is None:
        words = _vocabulary(terms_by_facet, titles_queryset.values_list("title", flat=True)[:limit])
        cache.set(key, words, 600)
    return words


def did_you_mean(text, vocabulary):
    """The query with each unknown word replaced by its nearest known word, or '' if nothing changes."""
    known = set(vocabulary)
    changed, words = False, []
    for word in tokens(text):
        if word in known or len(word) < 4:
            words.append(word)
            continue
        close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
        if close:
            words.append(close[0])
            changed = True
        else:
            words.append(word)
    return " ".join(words) if changed else ""


def related_terms(text, terms_by_facet, *, limit=6):
    """Taxonomy terms whose name shares a word (or a near word) with the query."""
    query_words = [w for w in tokens(text) if len(w) > 3]
    found = []
    for param, terms in terms_by_facet.items():
        for term in terms:
            name_words = [w for w in tokens(term.name) if len(w) > 3]
            if any(
                nw.startswith(qw[:5]) or difflib.SequenceMatcher(None, qw, nw).ratio() > 0.8
                for qw in query_words
                for nw in name_words
            ):
                found.append((param, term))
    return found[:limit]


def site_vocabulary():
    """The words site search's "did you mean" picks from: taxonomy, synonyms and recent page titles."""
    titles = public_pages().filter(depth__gt=2).order_by("-first_published_at")
    return cached_vocabulary("site", facet_terms(), titles)


def finder_finds(fq, *, index_page):
    """Whether the finder has any practice for this question (one page of one, on the active backend)."""
    return bool(answer(lambda backend: backend.finder(fq, index_page=index_page, per_page=1), what="the finder").total)


def finder_suggestions(fq, *, engine_suggestions=(), index_page=None):
    """Links for an empty finder result: a corrected query, related terms, fewer filters.

    The engine's term suggester ("bedoelde u", in `engine_suggestions`) goes first; else the nearest known words.
    With `index_page`, "bedoelde u" is only proposed when the correction finds something: with the ticked filters,
    else without them (the link then drops them)."""
    suggestions = []
    if fq.text:
        corrected = next((label for kind, label, _qs in engine_suggestions if kind == "did_you_mean"), "")
        if not corrected:
            titles = public(BestPracticePage.objects.live()).order_by("-first_published_at")
            corrected = did_you_mean(fq.text, cached_vocabulary("finder", fq.terms, titles))
        if corrected:
            retry = dataclasses.replace(fq, text=corrected, page="1")
            if index_page is None or finder_finds(retry, index_page=index_page):
                suggestions.append(("did_you_mean", corrected, querystring(q=corrected, **fq.selected_slugs)))
            elif fq.selected and finder_finds(
                dataclasses.replace(retry, selected={}, selected_slugs={}), index_page=index_page
            ):
                suggestions.append(("did_you_mean", corrected, querystring(q=corrected)))
        for param, term in related_terms(fq.text, fq.terms):
            suggestions.append(("term", str(term), querystring(**{param: [term.slug]})))
    if fq.selected:
        suggestions.append(("without_filters", "", querystring(q=fq.text) if fq.text else ""))
    if fq.text and fq.selected:
        suggestions.append(("without_text", "", fq.querystring(text="")))
    if not suggestions:
        suggestions.append(("all", "", ""))
    return suggestions


def querystring(**params):
    qd = QueryDict(mutable=True)
    for key, value in params.items():
        if isinstance(value, (list, tuple)):
            qd.setlist(key, list(value))
        elif value:
            qd[key] = value
    return qd.urlencode()


def _completes(member, typed):
    """Whether a synonym (tokens) starts with what was typed, the last word typed possibly unfinished."""
    n = len(typed)
    return len(member) >= n and member[: n - 1] == typed[:-1] and member[n - 1].startswith(typed[-1])


def synonym_expansions(text, *, limit=2):
    """The other variants of the synonym groups that have a member starting with what was typed."""
    typed = tuple(tokens(text))
    found = []
    if typed:
        for group in synonym_groups():
            if any(_completes(member, typed) for member in group):
                found += [" ".join(member) for member in group if not _completes(member, typed)]
    return list(dict.fromkeys(found))[:limit]


def typeahead(text, *, limit=8):
    """JSON-ready suggestions: page titles (with url) and taxonomy terms (with a finder url)."""
    text = " ".join(text.split())[:100]
    if len(fold(text).strip()) < 2:
        return []
    results: list = []
    seen: set[str] = set()
    # What was typed, then the synonyms of a term it completes (OTS → ondertoezichtstelling).
    for phrase in [text, *synonym_expansions(text)]:
        for page in answer(lambda backend, phrase=phrase: backend.complete(phrase, limit=limit), what="suggestions"):
            if page["label"] not in seen and len(seen) < limit:
                seen.add(page["label"])
                results.append(page)
    index_url = finder_url()
    folded = fold(text)
    for param, model, queryset in (
        ("actielijn", ActionLine, ActionLine.objects.all()),
        ("thema", MainTheme, MainTheme.objects.all()),
        ("subthema", SubTheme, SubTheme.objects.all()),
        ("soort", PracticeKind, PracticeKind.objects.all()),
        ("regio", Organisation, Organisation.objects.regions()),
    ):
        if len(results) >= limit * 2:
            break
        for term in queryset.filter(name__icontains=text.split()[0])[:limit]:
            if folded.split()[0] in fold(term.name):
                url = f"{index_url}?{param}={term.slug}" if index_url else ""
                results.append({"label": term.name, "url": url, "type": str(model._meta.verbose_name)})
    return results[: limit * 2]


def finder_url():
    index = PracticeIndexPage.objects.live().first()
    return index.url if index else ""


def search_url():
    return reverse("search:search")
