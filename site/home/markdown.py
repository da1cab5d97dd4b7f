"""Markdown to safe HTML, the site's one way to do it: Python-Markdown, then nh3 with the caller's allow-list.

Raw HTML in the source is shown as text (what a provider typed stays visible and is never markup) or, for an
editor's import file, dropped by nh3 like everything else that is not on the allow-list: scripts, styles, event
attributes and javascript:/data: links. Headings start at ``heading_base`` so text never outranks the page's
own headings.
"""

import markdown
import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto"})


def markdown_to_html(
    text: str,
    *,
    tags: set[str],
    attributes: dict[str, set[str]],
    raw_html_as_text: bool = True,
    link_rel: str | None = None,
    heading_base: int = 3,
) -> str:
    md = markdown.Markdown(
        extensions=["sane_lists", "toc"],
        extension_configs={"toc": {"baselevel": heading_base}},
        output_format="html",
    )
    if raw_html_as_text:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
    return nh3.clean(
        md.convert(text or ""),
        tags=set(tags),
        attributes=attributes,
        url_schemes=set(URL_SCHEMES),
        link_rel=link_rel,
        strip_comments=True,
    )
