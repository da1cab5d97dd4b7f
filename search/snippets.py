"""Why did this page match? A short snippet with the matched words in <mark>."""

from django.utils.html import strip_tags

from .text import highlight


def page_texts(page):
    """The texts of a page in the order we look for a match: summary first, body last."""
    yield getattr(page, "summary", "") or ""
    yield page.search_description or ""
    for name in ("target_group", "results", "intro"):
        value = getattr(page, name, None)
        if isinstance(value, str) and value:
            yield strip_tags(value)
    body = getattr(page, "body", None)
    if body is not None and hasattr(body, "stream_block"):
        try:
            parts = body.stream_block.get_searchable_content(body)
        except Exception:  # noqa: BLE001  (a broken block must not break search)
            parts = []
        yield strip_tags(" ".join(str(p) for p in parts))


def snippet_for(page, dutch):
    pattern = dutch.pattern
    if pattern is None:
        return ""
    for text in page_texts(page):
        snippet = highlight(text, pattern)
        if snippet:
            return snippet
    return ""
