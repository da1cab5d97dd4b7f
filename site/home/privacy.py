"""Privacy guard: finds patterns of personal data in text that is about to be published.

One hook for every page type: `PrivacyGuarded.clean()`, mixed into `home.models.BasePage` (so the Wagtail editor
shows the error on the field, the importer's `full_clean()` reports it with file and line, and
`page.save_revision().publish()` or `parent.add_child(instance=page)` in code is refused, because Wagtail's
`Page.save()` and `save_revision()` call `full_clean()`), and into the snippets whose text is published (taxonomy
terms, organisations, segments). The Wagtail document and image forms run it on titles too
(`home.forms`). What it reads: every text field of the page (title, slug, summary, the promote tab's `seo_title`
and `search_description`, rich text, every StreamField block), its inline children, the titles and file names of
attached documents and images, and of documents linked from rich text. Deliberately strict for identifiers,
careful with ordinary report text:

- **BSN**: nine digits, bare or in the usual groups with spaces, dots or dashes (`123456782`, `1234.56.782`,
  `123 456 782`, `12-34-56-782`), and only when they pass the 11-proef, so a file number failing it passes.
- **E-mail address** and **Dutch phone number** (`06-12345678`, `+31 6 1234 5678`, `0318-123456`, `(0318) 123456`).
- **Postcode with house number**, any case, with or without the space, either order, with suffixes
  (`3811 AB 12`, `3811ab 12a`, `3811 AB, 12-II`, `Bergstraat 12A, 3811 AB`). A lower-case postcode written with a
  space must not be an ordinary word (`in 2019 en 12 gemeenten` passes).
- **Date of birth**: a date in any notation (`12-03-2011`, `12/3/11`, `2011-03-12`, `12 maart 2011`,
  `12 mrt. 2011`, long or short year) blocks only in a birth or age context, i.e. with `geboren`, `geb.`,
  `geboortedatum`, `geboortedag`, `geboortejaar`, `DOB`, `date of birth`, `leeftijd` or `jarig` within 40 characters
  before or 20 after it, or written right after a singular person description (`de jongen (12-03-2011)`,
  `moeder, 3 mei 1985`). Dates of meetings, start dates and measurements (`1 januari 2022`, `per 1-1-2022`) pass:
  a project page legitimately contains them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
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
    BIRTH_DATE: _("geboortedatum"),
    ADDRESS: _("postcode met huisnummer"),
}

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)

_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
# Nine digits, bare or in the usual groups with one kind of separator (1234.56.782, 123 456 782, 12-34-56-782);
# other groupings ("154-616382" in a generated slug) are not a BSN notation. Checked with the 11-proef below.
_BSN_RE = re.compile(
    r"(?<!\d)(?<!\d[ .,-])(\d{9}|\d{4}([ .-])\d{2}\2\d{3}|\d{3}([ .-])\d{3}\3\d{3}|\d{2}([ .-])\d{2}\4\d{2}\4\d{3})"
    r"(?!\d)(?![.,-]\d)(?! \d)"
)
_AMOUNT_BEFORE_RE = re.compile(r"(?:€|\beur|\beuro)\s*$", re.IGNORECASE)
_AMOUNT_AFTER_RE = re.compile(r",-|\s*(?:euro\b|eur\b|mln\b|miljoen\b)", re.IGNORECASE)
# Dutch numbers: 06-12345678, 0318 123 456, (0318) 123456, +31 6 12345678, 0031 318 123456.
_PHONE_RE = re.compile(r"(?<![\w+])(?:(?:\+|00)31[\s.-]*(?:\(0\))?|\(?0)(?:[\s.()\-]*\d){9}(?!\d)")

_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:(?:19|20)\d{2}|'?\d{2})"
_DATE_RE = re.compile(
    rf"(?<![\d/.-])(?:{_DAY}([-/.]){_MONTH}\1{_YEAR}"  # 12-03-2011, 12/3/11, 12.03.2011
    rf"|(?:19|20)\d{{2}}([-/.]){_MONTH}\2{_DAY}"  # 2011-03-12
    rf"|{_DAY}\s*(?:{_MONTHS})\.?(?:\s*{_YEAR})?(?![a-z]))(?![\d/-]|\.\d)",  # 12 maart 2011, 12 mrt. '11
    re.IGNORECASE,
)
_BIRTH_CONTEXT_RE = re.compile(
    r"\b(?:geboren|geb\.|geboorte(?:datum|dag|jaar)?|d\.?o\.?b\.?|date of birth|born|leeftijd|jarig)",
    re.IGNORECASE,
)
# A singular person directly followed by a date: "de jongen (12-03-2011)", "moeder, 3 mei 1985".
_PERSON_BEFORE_RE = re.compile(
    r"\b(?:jongen|meisje|jongere|kind|pleegkind|baby|zoon|dochter|moeder|vader|ouder|broer|zus|cliënt|client"
    r"|jeugdige|pupil|leerling|tiener|peuter|kleuter|oma|opa|voogd)\s*[,(:]\s*$",
    re.IGNORECASE,
)

# Postcode: 1234 AB / 1234AB / 1234ab (SA, SD and SS are not issued).
_POSTCODE = r"[1-9]\d{3}(?P<space>\s?)(?P<letters>(?!sa|sd|ss)[a-z]{2})"
# House number with an optional suffix: 12, 12a, 12A, 12-II, 12 - 1, 12 bis (a word after a space is no suffix).
_HOUSE_NUMBER = (
    r"\d{1,5}(?:[a-z]{1,2}(?![a-z])|\s?-\s?(?:[a-z]{1,3}|[1-9]\d?)(?![a-z\d])"
    r"|\s(?:[a-z]|bis|hs|ii|iii|iv)(?!\w))?"
)
_POSTCODE_AFTER = _POSTCODE.replace("?P<space>", "?P<space2>").replace("?P<letters>", "?P<letters2>")
_ADDRESS_RE = re.compile(
    rf"(?<![\w])(?:{_POSTCODE}[\s,]+(?:(?:huis)?nr\.?\s*)?{_HOUSE_NUMBER}(?!\d)"
    rf"|[a-zà-ÿ][\w'.-]+\s+{_HOUSE_NUMBER},?\s+{_POSTCODE_AFTER})"
    r"(?![\w])",
    re.IGNORECASE,
)
# A lower-case "postcode" with a space that is really a number followed by a word or unit ("in 2019 en 12 …").
_NOT_POSTCODE_LETTERS = frozenset(
    ("en", "of", "in", "op", "te", "om", "na", "al", "nu", "er", "is", "ja", "ze", "we", "je", "de", "af", "zo")
    + ("uw", "ik", "ca", "km", "kg", "cm", "mm", "ml", "ha", "gb", "mb", "kb", "uu", "pp", "st")
)
_TAG_RE = re.compile(r"<[^>]+>")
# A document or image linked from rich text: <a linktype="document" id="5">, <embed embedtype="image" id="3"/>.
_RICH_TEXT_REFERENCE_RE = re.compile(
    r"<(?:a|embed)\b[^>]*?\b(?:linktype|embedtype)=\"(document|image)\"[^>]*?\bid=\"(\d+)\"", re.IGNORECASE
)


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


def _is_birth_context(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 40) : start], text[end : end + 20]
    return bool(_BIRTH_CONTEXT_RE.search(before) or _BIRTH_CONTEXT_RE.search(after) or _PERSON_BEFORE_RE.search(before))


def _is_postcode(match: re.Match) -> bool:
    space, letters = match.group("space"), match.group("letters")
    if letters is None:
        space, letters = match.group("space2"), match.group("letters2")
    if letters.isupper():
        return True
    return not (space and letters.lower() in _NOT_POSTCODE_LETTERS)


def find_personal_data(text: str) -> list[Finding]:
    text = plain_text(text).replace("\u00a0", " ")
    findings: list[Finding] = []
    for match in _EMAIL_RE.finditer(text):
        findings.append(Finding(EMAIL, match.group(0)))
    for match in _BSN_RE.finditer(text):
        if _AMOUNT_BEFORE_RE.search(text[max(0, match.start() - 6) : match.start()]) or _AMOUNT_AFTER_RE.match(
            text, match.end()
        ):
            continue  # € 154.616.382 is a budget
        if passes_eleven_test(re.sub(r"\D", "", match.group(1))):
            findings.append(Finding(BSN, match.group(1)))
    for match in _PHONE_RE.finditer(text):
        fragment = match.group(0).strip()
        if not any(f.kind == BSN and f.fragment in fragment for f in findings):
            findings.append(Finding(PHONE, fragment))
    for match in _DATE_RE.finditer(text):
        if _is_birth_context(text, match.start(), match.end()):
            findings.append(Finding(BIRTH_DATE, match.group(0)))
    for match in _ADDRESS_RE.finditer(text):
        if _is_postcode(match):
            findings.append(Finding(ADDRESS, match.group(0).strip(" ,")))
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


def _file_texts(obj) -> list[str]:
    """A document's or image's title and file name: the title is the link text, the name is in its public URL."""
    import os

    texts = [obj.title or ""]
    name = getattr(getattr(obj, "file", None), "name", "") or ""
    if name:
        texts.append(os.path.basename(name))
    return texts


def linked_file_texts(source: str) -> list[str]:
    """Titles and file names of the documents and images a rich-text source links to or embeds."""
    references = _RICH_TEXT_REFERENCE_RE.findall(source or "")
    if not references:
        return []
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    texts: list[str] = []
    for kind, model in (("document", get_document_model()), ("image", get_image_model())):
        ids = {int(pk) for ref_kind, pk in references if ref_kind.lower() == kind}
        for obj in model.objects.filter(pk__in=ids) if ids else ():
            texts.extend(_file_texts(obj))
    return texts


def rich_text(source: str) -> str:
    """A rich-text source with the titles of what it links to, as the guard reads it."""
    return "\n".join([source or "", *linked_file_texts(source)])


def stream_text(stream_value) -> str:
    """All text inside a StreamField value, recursively: headings, rich text (with the documents it links to),
    quotes, captions, alt texts, and the titles and file names of chosen documents and images (they are shown as
    link texts and in the download URL)."""
    parts: list[str] = []

    def walk(value):
        if value is None or isinstance(value, bool | int | float):
            return
        if isinstance(value, str):
            parts.append(value)
        elif hasattr(value, "source"):  # RichText
            parts.append(rich_text(value.source))
        elif hasattr(value, "title") and hasattr(value, "file"):  # Document, Image
            parts.extend(_file_texts(value))
        elif hasattr(value, "raw_data") and hasattr(value, "stream_block"):  # StreamValue
            for child in value:
                walk(child.value)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in ("type", "id"):
                    walk(item)
        elif isinstance(value, list | tuple) or hasattr(value, "bound_blocks"):  # ListValue
            for item in value:
                walk(item.get("value") if isinstance(item, dict) and "type" in item else item)

    try:
        walk(stream_value)
    except TypeError:
        return ""
    return "\n".join(parts)


# Page fields that are never shown as text, or copies of one that is checked (draft_title mirrors title).
_TECHNICAL_FIELDS = frozenset({"path", "url_path", "draft_title"})


def model_texts(obj, *, exempt: Iterable[str] = (), key: str | None = None, label_prefix: str = ""):
    """(field name, label, text) for every text field of `obj` (a page, snippet or inline child) and, recursively,
    of its inline children (ParentalKey relations such as ambitions, work lines, KPIs and their measurements).

    Text fields are CharField/TextField/RichTextField (not those with choices: their values are labels the
    platform chose), StreamFields, and the titles of documents/images behind a foreign key. Errors of a child are
    reported under the name of its relation (`key`), so a form can place them.
    """
    from django.db import models
    from modelcluster.models import get_all_child_relations
    from wagtail.fields import RichTextField, StreamField

    exempt = set(exempt)
    for field in obj._meta.concrete_fields:
        if field.name in exempt or field.name in _TECHNICAL_FIELDS or field.choices:
            continue
        label = f"{label_prefix}{field.verbose_name}"
        if isinstance(field, StreamField):
            yield key or field.name, label, stream_text(getattr(obj, field.name))
        elif isinstance(field, RichTextField):
            yield key or field.name, label, rich_text(getattr(obj, field.name) or "")
        elif isinstance(field, models.CharField | models.TextField):
            yield key or field.name, label, getattr(obj, field.name) or ""
        elif isinstance(field, models.ForeignKey) and field.name != "owner":
            target = field.related_model
            if getattr(target._meta, "app_label", "") in ("wagtaildocs", "wagtailimages") or any(
                f.name == "file" for f in target._meta.concrete_fields
            ):
                related = getattr(obj, field.name, None)
                if related is not None:
                    yield key or field.name, label, "\n".join(_file_texts(related))
    if not hasattr(type(obj), "_meta") or not hasattr(obj, "_cluster_related_objects"):
        return
    for relation in get_all_child_relations(type(obj)):
        name = relation.get_accessor_name()
        parent_field = relation.field.name
        for number, child in enumerate(getattr(obj, name).all(), start=1):
            prefix = f"{label_prefix}{child._meta.verbose_name} {number}: "
            yield from model_texts(child, exempt={parent_field}, key=key or name, label_prefix=prefix)


# The designated contact of a best practice ("bel de andere regio"), of an event, a proposal or a statement may be
# published: an office number and a
# functional mailbox of the organisation, never a mobile number or a personal address.
FUNCTIONAL_MAILBOXES = (
    "info",
    "jeugd",
    "contact",
    "secretariaat",
    "servicedesk",
    "helpdesk",
    "post",
    "team",
    "regio",
    "programma",
    "projecten",
    "kennis",
    "communicatie",
    "wijkteam",
    "sociaalteam",
    "loket",
    "atelier",
    "adviestafel",
    "privacy",
    "avg",
    "toegankelijkheid",
    "webredactie",
    "redactie",
)


def contact_errors(phone: str, email: str) -> dict[str, list[str]]:
    """Checks the contact fields that are exempt from the general guard: {field name: [Dutch messages]}."""
    errors: dict[str, list[str]] = {}
    digits = re.sub(r"\D", "", phone or "")
    if phone and re.sub(r"^(?:0031|31)", "0", digits).startswith("06"):
        errors["contact_phone"] = [
            _("Geef een vast (kantoor)nummer van de organisatie, geen mobiel nummer van een persoon.")
        ]
    elif phone and not _PHONE_RE.search(phone):
        errors["contact_phone"] = [_("Dit is geen geldig Nederlands telefoonnummer.")]
    local = (email or "").partition("@")[0].lower()
    if email and not any(local == box or local.startswith(box) for box in FUNCTIONAL_MAILBOXES):
        errors["contact_email"] = [
            _("Geef een functioneel e-mailadres (zoals info@ of jeugd@), geen persoonlijk adres.")
        ]
    return errors


class PrivacyGuarded:
    """Mixin for a page or snippet whose text is published: `clean()` refuses a pattern of personal data in any of
    its text fields (see `model_texts`). `privacy_exempt_fields`: fields that are never published as such or are a
    public place (an event's venue). `privacy_contact_fields`: the designated contact ({"phone": field name,
    "email": field name}), published on purpose and checked by `contact_errors` instead: an office number and a
    functional mailbox."""

    privacy_exempt_fields: tuple[str, ...] = ()
    privacy_contact_fields: dict[str, str] = {}

    def privacy_texts(self):
        exempt = (*self.privacy_exempt_fields, *self.privacy_contact_fields.values())
        yield from model_texts(self, exempt=exempt)

    def privacy_errors(self) -> dict[str, list[str]]:
        errors = check_fields(self.privacy_texts())
        if self.privacy_contact_fields:
            phone_field = self.privacy_contact_fields.get("phone")
            email_field = self.privacy_contact_fields.get("email")
            phone = getattr(self, phone_field, "") if phone_field else ""
            email = getattr(self, email_field, "") if email_field else ""
            names = {"contact_phone": phone_field, "contact_email": email_field}
            for name, messages in contact_errors(phone, email).items():
                errors.setdefault(names[name] or name, []).extend(messages)
        return errors

    def clean(self):
        super().clean()
        errors = self.privacy_errors()
        if errors:
            raise ValidationError(errors)
