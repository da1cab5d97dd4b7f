from html.parser import HTMLParser

import pytest

from knowledge.advisory.rendering import ALLOWED_TAGS, render_markdown

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](  javascript:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](vbscript:msgbox(1))",
    "![plaatje](javascript:alert(1))",
    "<javascript:alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{display:none}</style>",
    '"><script>alert(1)</script>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<p onclick="alert(1)">tekst</p>',
    '[a](https://ok.example "\\" onmouseover=alert(1) x=\\"")',
    "<!-- <script>alert(1)</script> -->",
    "<form action=javascript:alert(1)><button>x</button></form>",
]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html):
    parser = _Collector()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_renders_without_active_content(payload):
    html = render_markdown(payload)
    for tag, attrs in _tags(html):
        assert tag in ALLOWED_TAGS, (tag, html)
        assert all(not name.startswith("on") for name in attrs), html
        assert "style" not in attrs
        href = attrs.get("href") or ""
        assert not href.strip().lower().startswith(("javascript:", "data:", "vbscript:")), html
    assert "<script" not in html.lower()


def test_markdown_formatting_is_kept():
    html = render_markdown("**vet** en *schuin*\n\n- een\n- twee")
    assert "<strong>vet</strong>" in html and "<em>schuin</em>" in html
    assert "<li>een</li>" in html


def test_links_get_nofollow_noopener():
    html = render_markdown("Zie [de regio](https://foodvalley.example/plan)")
    assert '<a href="https://foodvalley.example/plan" rel="nofollow noopener">de regio</a>' in html


def test_raw_html_is_shown_as_text_not_markup():
    html = render_markdown("<b>vet</b>")
    assert "&lt;b&gt;vet&lt;/b&gt;" in html
