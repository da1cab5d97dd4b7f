"""Privacy guard: finds patterns of personal data in text that is about to be published.

Used by the page models' `clean()` (so the Wagtail editor shows the error on the field) and therefore also by
`import_markdown`. Deliberately strict: a false alarm costs an editor one rewrite, a leak cannot be undone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

BSN = "bsn"
EMAIL = "email"
PHONE = "phone"
BIRTH_DATE = "birth_date"
ADDRESS = "address"

KIND_LABELS = {
    BSN: _("burgerservicenummer"),
    EMAIL: _("e-mailadres"),
    PHONE: _("telefoonnummer"),
    BIRTH_DATE: _("geboortedatum of volledige datum"),
    ADDRESS: _("postcode met huisnummer"),
}

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)

_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
# Nine digits, optionally written as 1234.56.782 or 1234 56 782; checked with the 11-test below.
_BSN_RE = re.compile(r"(?<![\d.,-])(\d{4}[ .]?\d{2}[ .]?\d{3})(?![\d,]|\.\d)")
# Dutch numbers: 06-12345678, 0318 123 456, (0318) 123456, +31 6 12345678, 0031 318 123456.
_PHONE_RE = re.compile(r"(?<![\w+])(?:(?:\+|00)31[\s.-]*(?:\(0\))?|\(?0)(?:[\s.()\-]*\d){9}(?!\d)")
_NUMERIC_DATE_RE = re.compile(r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)\d{2}(?!\d)")
_WRITTEN_DATE_RE = re.compile(rf"(?<!\d)(?:0?[1-9]|[12]\d|3[01])\s+(?:{_MONTHS})\.?\s+(?:19|20)\d{{2}}(?!\d)", re.I)
_BIRTH_WORD_RE = re.compile(r"\b(?:geboren|geb\.|geboortedatum|geboortedag)", re.IGNORECASE)
# Postcode (1234 AB; capitals, as written in addresses) next to a house number, in either order.
_POSTCODE = r"[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}"
_ADDRESS_RE = re.compile(
    rf"(?<![\w])(?:{_POSTCODE}[\s,]+(?:nr\.?\s*)?\d{{1,5}}(?:\s?[a-zA-Z](?![a-zA-Z]))?(?!\d)"
    rf"|[A-Za-z][\w'-]+\s+\d{{1,5}}[a-zA-Z]?,?\s+{_POSTCODE})(?![\w])"
)
_TAG_RE = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Finding:
    kind: str
    fragment: str

    @property
    def label(self):
        return KIND_LABELS[self.kind]


def passes_eleven_test(digits: str) -> bool:
    """The BSN check: 9 digits, weights 9..2 and -1 for the last digit, sum divisible by 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def plain_text(value: str) -> str:
    """Rich text or HTML to plain text with the entities resolved, so patterns cannot hide behind tags."""
    return html.unescape(_TAG_RE.sub(" ", value or ""))


def find_personal_data(text: str) -> list[Finding]:
    text = plain_text(text)
    findings: list[Finding] = []
    for match in _EMAIL_RE.finditer(text):
        findings.append(Finding(EMAIL, match.group(0)))
    for match in _BSN_RE.finditer(text):
        if passes_eleven_test(re.sub(r"\D", "", match.group(1))):
            findings.append(Finding(BSN, match.group(1)))
    for match in _PHONE_RE.finditer(text):
        fragment = match.group(0).strip()
        if not any(f.kind == BSN and f.fragment in fragment for f in findings):
            findings.append(Finding(PHONE, fragment))
    for match in _NUMERIC_DATE_RE.finditer(text):
        findings.append(Finding(BIRTH_DATE, match.group(0)))
    for match in _WRITTEN_DATE_RE.finditer(text):
        # A written date ("12 maart 2014") is ordinary in a report, unless it is somebody's birthday.
        if _BIRTH_WORD_RE.search(text[max(0, match.start() - 40) : match.start()]):
            findings.append(Finding(BIRTH_DATE, match.group(0)))
    for match in _ADDRESS_RE.finditer(text):
        findings.append(Finding(ADDRESS, match.group(0).strip()))
    return findings


def message(field_label: str, finding: Finding) -> str:
    return _(
        "Het veld ‘%(field)s’ bevat mogelijk persoonsgegevens (%(kind)s): ‘%(fragment)s’. "
        "Verwijder of anonimiseer dit; zo kan het niet gepubliceerd worden."
    ) % {"field": field_label, "kind": finding.label, "fragment": finding.fragment}


def check_fields(fields: Iterable[tuple[str, str, str]]) -> dict[str, list[str]]:
    """`fields`: (field name, label, text). Returns {field name: [Dutch messages]} for every finding."""
    errors: dict[str, list[str]] = {}
    for name, label, text in fields:
        for finding in find_personal_data(text or ""):
            errors.setdefault(name, []).append(message(str(label), finding))
    return errors


def stream_text(stream_value) -> str:
    """All text inside a StreamField value (headings, rich text, quotes, captions, alt texts)."""
    try:
        raw = stream_value.raw_data if hasattr(stream_value, "raw_data") else stream_value
        raw = list(raw)
    except TypeError:
        return ""
    parts: list[str] = []

    def walk(value):
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("type", "id"):
                    walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif hasattr(value, "source"):  # RichText
            parts.append(value.source)

    for block in raw:
        walk(block.get("value") if isinstance(block, dict) else block)
    return "\n".join(parts)
