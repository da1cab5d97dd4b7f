"""Providers' Markdown as safe HTML (home.markdown): raw HTML shown as text, links marked nofollow."""

from home.markdown import markdown_to_html

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "a", "hr", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(text: str) -> str:
    return markdown_to_html(text, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="nofollow noopener")
