"""Import case evaluations and best practices from Markdown files with a metadata header.

Format (see docs/examples/ and docs/knowledge.md)::

    ---
    type: goed-voorbeeld            # or: casusevaluatie
    title: Team Jeugdlink
    slug: team-jeugdlink
    thema: jeugdbeschermingsketen   # taxonomy slugs; lists are comma-separated
    ...
    ---
    Body text in Markdown.

    ## Resultaten
    ...

All-or-nothing: every file is parsed and validated (taxonomy slugs, required fields, the privacy guard of
`home/privacy.py` through the page's `full_clean()`) before anything is written, and the writes happen in
one transaction. Errors name the file, the line and the field. Markdown is converted with the `markdown` package
and sanitised with nh3 before it becomes rich text.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from home.markdown import markdown_to_html

EVALUATION = "casusevaluatie"
PRACTICE = "goed-voorbeeld"
TYPES = (EVALUATION, PRACTICE)

ALLOWED_TAGS = {"p", "br", "b", "strong", "i", "em", "a", "ul", "ol", "li", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}

# Header keys per type: key -> (model field, required). Taxonomy and relation keys are resolved below.
COMMON_KEYS = {"type", "title", "slug", "summary", "date"}
PRACTICE_KEYS = COMMON_KEYS | {
    "regio",
    "actielijn",
    "thema",
    "subthemas",
    "fase",
    "soort",
    "doelgroep",
    "bewijsniveau",
    "beoordeeld_door",
    "herbeoordelen_op",
    "contact_organisatie",
    "contact_rol",
    "contact_telefoon",
    "contact_email",
    "projecten",
    "casusevaluaties",
}
EVALUATION_KEYS = COMMON_KEYS | {
    "projecten",
    "themas",
    "doorlooptijd",
    "norm",
    "norm_toelichting",
    "deelnemers",
    "grondslag",
    "grondslag_toelichting",
    "herzien_voor",
    "geanonimiseerd",
}
# Markdown sections (## heading) per type: normalised heading -> model field.
PRACTICE_SECTIONS = {"resultaten": "results", "resultaten en onderbouwing": "results"}
EVALUATION_SECTIONS = {
    "de situatie": "situation",
    "situatie": "situation",
    "wat is er gedaan": "approach",
    "het resultaat": "outcome",
    "resultaat": "outcome",
    "wat werkte": "lessons_worked",
    "wat moet anders": "lessons_to_change",
}
# Model field -> the header key an editor wrote, for error messages.
FIELD_TO_KEY = {
    "title": "title",
    "slug": "slug",
    "summary": "summary",
    "date": "date",
    "region": "regio",
    "action_line": "actielijn",
    "main_theme": "thema",
    "phase": "fase",
    "kind": "soort",
    "target_group": "doelgroep",
    "evidence_assessed_by": "beoordeeld_door",
    "evidence_reassess_on": "herbeoordelen_op",
    "contact_role": "contact_rol",
    "contact_phone": "contact_telefoon",
    "contact_email": "contact_email",
    "norm_description": "norm_toelichting",
    "consent_basis": "grondslag",
    "consent_note": "grondslag_toelichting",
    "review_date": "herzien_voor",
    "anonymisation_confirmed": "geanonimiseerd",
    "participants": "deelnemers",
}


class ImportFailed(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class ImportError_:  # noqa: N801 - not the builtin
    path: str
    line: int
    field: str
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


@dataclass
class Document:
    path: str
    text: str
    meta: dict[str, str] = field(default_factory=dict)
    meta_lines: dict[str, int] = field(default_factory=dict)
    intro: str = ""
    intro_line: int = 1
    sections: dict[str, tuple[str, int, str]] = field(default_factory=dict)  # field -> (markdown, line, heading)
    unknown_sections: list[tuple[str, int]] = field(default_factory=list)

    def line_of(self, fragment: str, default: int = 1) -> int:
        for number, line in enumerate(self.text.splitlines(), start=1):
            if fragment and fragment in line:
                return number
        return default


@dataclass
class Planned:
    document: Document
    kind: str
    page: object
    existing: object | None
    relations: dict = field(default_factory=dict)

    @property
    def action(self):
        return _("bijwerken") if self.existing is not None else _("aanmaken")


def to_html(source: str) -> str:
    """Markdown to sanitised HTML for a rich-text field: only the tags the editor allows, raw HTML dropped."""
    return markdown_to_html(source, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, raw_html_as_text=False)


def parse(path: str, text: str) -> tuple[Document, list[ImportError_]]:
    doc = Document(path=path, text=text)
    errors: list[ImportError_] = []
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return doc, [ImportError_(path, 1, "---", _("Het bestand begint niet met een kop tussen twee regels ‘---’."))]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return doc, [ImportError_(path, 1, "---", _("De kop wordt niet afgesloten met een regel ‘---’."))]
    for number in range(1, end):
        raw = lines[number]
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if ":" not in raw:
            errors.append(ImportError_(path, number + 1, raw.strip(), _("Verwacht ‘veld: waarde’.")))
            continue
        key, value = raw.split(":", 1)
        key = key.strip().lower().replace("-", "_")
        doc.meta[key] = value.split(" #", 1)[0].strip()
        doc.meta_lines[key] = number + 1
    # Body: text before the first ## heading is the intro; each ## heading starts a section.
    current, buffer, start, heading = None, [], end + 2, ""
    for number in range(end + 1, len(lines)):
        line = lines[number]
        match = re.match(r"^##\s+(.+?)\s*#*\s*$", line)
        if match:
            _store(doc, current, buffer, start, heading)
            current, buffer, start, heading = match.group(1).strip().lower(), [], number + 1, match.group(1).strip()
        else:
            buffer.append(line)
    _store(doc, current, buffer, start, heading)
    return doc, errors


def _store(doc, current, buffer, start, heading):
    text = "\n".join(buffer).strip()
    if current is None:
        doc.intro, doc.intro_line = text, start
    else:
        doc.sections[current] = (text, start, heading)


def _list(value: str) -> list[str]:
    return [item.strip() for item in re.split(r"[,;]", value or "") if item.strip()]


def _date(value: str):
    return datetime.date.fromisoformat(value)


class _Builder:
    """Resolves one parsed document into an unsaved page, collecting every error instead of stopping at the first."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.errors: list[ImportError_] = []
        self.section_keys: dict[str, str] = {"body": "tekst"}

    def error(self, key, message, line=None):
        self.errors.append(ImportError_(self.doc.path, line or self.doc.meta_lines.get(key, 1), key, str(message)))

    def one(self, key, model, *, required=True, queryset=None, label=None):
        slug = self.doc.meta.get(key, "")
        if not slug:
            if required:
                self.error(key, _("Dit veld is verplicht."))
            return None
        found = (queryset if queryset is not None else model.objects).filter(slug=slug).first()
        if found is None:
            self.error(key, _("Geen %(what)s met slug ‘%(slug)s’.") % {"what": label or key, "slug": slug})
        return found

    def many(self, key, model, *, queryset=None, label=None):
        slugs = _list(self.doc.meta.get(key, ""))
        found = {o.slug: o for o in (queryset if queryset is not None else model.objects).filter(slug__in=slugs)}
        for slug in slugs:
            if slug not in found:
                self.error(key, _("Geen %(what)s met slug ‘%(slug)s’.") % {"what": label or key, "slug": slug})
        return [found[slug] for slug in slugs if slug in found]

    def date(self, key, *, required=False):
        value = self.doc.meta.get(key, "")
        if not value:
            if required:
                self.error(key, _("Dit veld is verplicht."))
            return None
        try:
            return _date(value)
        except ValueError:
            self.error(key, _("Geen geldige datum ‘%(value)s’; gebruik JJJJ-MM-DD.") % {"value": value})
            return None

    def duration(self, key):
        from .models import DurationUnit

        value = self.doc.meta.get(key, "")
        if not value:
            return None, None
        match = re.match(r"^(\d+)\s+(\w+)$", value)
        units = {choice.value for choice in DurationUnit}
        aliases = {"dag": "dagen", "week": "weken", "maand": "maanden"}
        unit = aliases.get(match.group(2), match.group(2)) if match else None
        if not match or unit not in units:
            self.error(key, _("Schrijf een duur als ‘4 weken’ (dagen, weken of maanden)."))
            return None, None
        return int(match.group(1)), unit

    def sections(self, mapping):
        values = {}
        for heading, (source, line, original) in self.doc.sections.items():
            target = mapping.get(heading)
            if target is None:
                self.error(
                    f"## {original}",
                    _("Onbekende sectie; kies uit: %(options)s.") % {"options": ", ".join(sorted(set(mapping)))},
                    line,
                )
                continue
            values[target] = (to_html(source), line)
            self.section_keys[target] = f"## {original}"
        return values


def build(doc: Document, *, indexes) -> tuple[Planned | None, list[ImportError_]]:
    """One document as an unsaved page with its relations, or every error it has; nothing is written."""
    b = _Builder(doc)
    kind = doc.meta.get("type", "")
    if kind not in TYPES:
        b.error("type", _("Kies ‘casusevaluatie’ of ‘goed-voorbeeld’, niet ‘%(value)s’.") % {"value": kind})
        return None, b.errors
    fields, projects = _common_fields(b, doc, kind)
    line_of_field: dict[str, int] = {}  # where a field's text starts, for errors of the page's own validation
    describe = _practice_fields if kind == PRACTICE else _evaluation_fields
    model, index, relations = describe(b, doc, fields, line_of_field, projects=projects, indexes=indexes)
    slug = fields["slug"]
    existing = model.objects.child_of(index).filter(slug=slug).first() if slug else None
    page = existing.get_latest_revision_as_object() if existing is not None else model()
    for name, value in fields.items():
        setattr(page, name, value)
    for name, value in relations.items():
        setattr(page, name, value)
    if existing is None:
        page.live = False
    if not b.errors:
        _validate_as_published(b, doc, page, existing=existing, index=index, line_of_field=line_of_field)
    if b.errors:
        return None, b.errors
    return Planned(document=doc, kind=kind, page=page, existing=existing, relations=relations), []


def _common_fields(b: _Builder, doc: Document, kind: str) -> tuple[dict, list]:
    """Unknown keys, title, slug, summary, date and projects: what both kinds share."""
    from .models import ProjectPage

    allowed = PRACTICE_KEYS if kind == PRACTICE else EVALUATION_KEYS
    for key in doc.meta:
        if key not in allowed:
            b.error(key, _("Onbekend veld voor een %(type)s.") % {"type": kind})
    title = doc.meta.get("title", "")
    if not title:
        b.error("title", _("Een titel is verplicht."))
    slug = doc.meta.get("slug") or slugify(title)[:80]
    fields = {"title": title, "slug": slug, "summary": doc.meta.get("summary", "")}
    if doc.meta.get("date"):
        fields["date"] = b.date("date")
    return fields, b.many("projecten", ProjectPage, label=_("project"))


def _practice_fields(b: _Builder, doc: Document, fields: dict, line_of_field: dict, *, projects, indexes):
    """A best practice: taxonomy that must fit together (theme in action line, subthemes in theme), contact."""
    from accounts.models import Organisation

    from .models import (
        ActionLine,
        BestPracticePage,
        CaseEvaluationPage,
        EvidenceLevel,
        MainTheme,
        Phase,
        PracticeKind,
        SubTheme,
    )

    theme = b.one("thema", MainTheme, label=_("hoofdthema"))
    action_line = b.one("actielijn", ActionLine, required=False, label=_("actielijn"))
    if theme is not None:
        if action_line is not None and theme.action_line_id != action_line.pk:
            b.error("thema", _("Het hoofdthema hoort niet bij de gekozen actielijn."))
        action_line = action_line or theme.action_line
    subthemes = b.many("subthemas", SubTheme, label=_("subthema"))
    for sub in subthemes:
        if theme is not None and sub.theme_id != theme.pk:
            b.error("subthemas", _("Subthema ‘%(slug)s’ hoort niet bij het hoofdthema.") % {"slug": sub.slug})
    evaluations = b.many("casusevaluaties", CaseEvaluationPage, label=_("casusevaluatie"))
    sections = b.sections(PRACTICE_SECTIONS)
    fields.update(
        region=b.one("regio", Organisation, queryset=Organisation.objects.regions(), label=_("regio")),
        action_line=action_line,
        main_theme=theme,
        phase=b.one("fase", Phase, label=_("fase")),
        kind=b.one("soort", PracticeKind, label=_("soort")),
        evidence_level=b.one("bewijsniveau", EvidenceLevel, required=False, label=_("bewijsniveau")),
        evidence_assessed_by=doc.meta.get("beoordeeld_door", ""),
        evidence_reassess_on=b.date("herbeoordelen_op"),
        contact_organisation=b.one("contact_organisatie", Organisation, required=False, label=_("organisatie")),
        contact_role=doc.meta.get("contact_rol", ""),
        contact_phone=doc.meta.get("contact_telefoon", ""),
        contact_email=doc.meta.get("contact_email", ""),
        target_group=doc.meta.get("doelgroep", ""),
        results=sections.get("results", ("", 0))[0],
        body=[("paragraph", to_html(doc.intro))] if doc.intro else [],
    )
    line_of_field.update({"results": sections.get("results", ("", 0))[1], "body": doc.intro_line})
    relations = {"subthemes": subthemes, "related_projects": projects, "related_evaluations": evaluations}
    return BestPracticePage, indexes[PRACTICE], relations


def _evaluation_fields(b: _Builder, doc: Document, fields: dict, line_of_field: dict, *, projects, indexes):
    """A case evaluation: required sections, durations, the legal basis and the confirmed anonymisation."""
    from .models import CaseEvaluationPage, CaseParticipant, ConsentBasis, MainTheme

    themes = b.many("themas", MainTheme, label=_("hoofdthema"))
    sections = b.sections(EVALUATION_SECTIONS)
    for target in ("situation", "approach", "outcome"):
        if target not in sections:
            heading = next(h for h, f in EVALUATION_SECTIONS.items() if f == target and " " in h)
            b.error(f"## {heading}", _("Deze sectie is verplicht."), doc.intro_line)
    time_value, time_unit = b.duration("doorlooptijd")
    norm_value, norm_unit = b.duration("norm")
    consent = doc.meta.get("grondslag", ConsentBasis.ANONYMISED)
    if consent not in ConsentBasis.values:
        b.error("grondslag", _("Kies uit: %(options)s.") % {"options": ", ".join(ConsentBasis.values)})
    confirmed = doc.meta.get("geanonimiseerd", "").lower() in {"ja", "yes", "true", "1"}
    if not confirmed:
        b.error("geanonimiseerd", _("Bevestig met ‘geanonimiseerd: ja’ dat de casus niet herleidbaar is."))
    fields.update(
        {name: html for name, (html, _line) in sections.items()},
        time_to_result_value=time_value,
        norm_value=norm_value,
        norm_description=doc.meta.get("norm_toelichting", ""),
        consent_basis=consent,
        consent_note=doc.meta.get("grondslag_toelichting", ""),
        anonymisation_confirmed=confirmed,
        body=[("paragraph", to_html(doc.intro))] if doc.intro else [],
    )
    if time_unit:
        fields["time_to_result_unit"] = time_unit
    if norm_unit:
        fields["norm_unit"] = norm_unit
    review_date = b.date("herzien_voor")
    if review_date:
        fields["review_date"] = review_date
    line_of_field.update({name: line for name, (_html, line) in sections.items()})
    line_of_field["body"] = doc.intro_line
    relations = {
        "main_themes": themes,
        "related_projects": projects,
        "participants": [CaseParticipant(role=role) for role in _list(doc.meta.get("deelnemers", ""))],
    }
    return CaseEvaluationPage, indexes[EVALUATION], relations


def _validate_as_published(b: _Builder, doc: Document, page, *, existing, index, line_of_field: dict) -> None:
    """The page's own validation, including the privacy guard; validated as if it were being published.
    A new page gets a provisional tree position so Wagtail's slug check can find its parent."""
    page.live, was_live = True, page.live
    if existing is None:
        page.path, page.depth = index.path + "ZZZZ", index.depth + 1
    try:
        page.full_clean(exclude=["path", "depth", "url_path", "content_type", "translation_key", "locale"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            if name in ("path", "depth", "url_path", "__all__") and not messages:
                continue
            key = b.section_keys.get(name) or FIELD_TO_KEY.get(name, name)
            for message in messages:
                fragment = re.search(r"‘([^’]+)’\.", message)
                line = doc.meta_lines.get(key) or line_of_field.get(name) or 1
                if fragment and "persoonsgegevens" in message:
                    line = doc.line_of(fragment.group(1), line)
                b.error(key, message, line)
    page.live = was_live
    if existing is None:
        page.path, page.depth = None, None


def _indexes():
    from .models import EvaluationIndexPage, PracticeIndexPage

    return {EVALUATION: EvaluationIndexPage.objects.first(), PRACTICE: PracticeIndexPage.objects.first()}


def plan(paths, *, progress=None):
    """Parse and validate every file; raises ImportFailed with all errors, or returns the planned pages."""
    indexes = _indexes()
    errors, planned, seen = [], [], {}
    for path in progress(paths) if progress else paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(ImportError_(str(path), 0, "bestand", str(exc)))
            continue
        doc, parse_errors = parse(str(path), text)
        if parse_errors:
            errors.extend(parse_errors)
            continue
        item, build_errors = build(doc, indexes=indexes)
        errors.extend(build_errors)
        if item is not None:
            key = (item.kind, item.page.slug)
            if key in seen:
                errors.append(
                    ImportError_(
                        str(path),
                        doc.meta_lines.get("slug", 1),
                        "slug",
                        _("Dezelfde slug als in %(other)s.") % {"other": seen[key]},
                    )
                )
            seen[key] = str(path)
            planned.append(item)
    if errors:
        raise ImportFailed(errors)
    return planned


@transaction.atomic
def apply(planned, *, user=None):
    """Write the planned pages: best practices are published; case evaluations go to the second-editor workflow."""
    indexes = _indexes()
    for item in planned:
        page = item.page
        if item.existing is None:
            indexes[item.kind].add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        if item.kind == PRACTICE:
            revision.publish(user=user)
        else:
            workflow = page.get_workflow()
            if workflow is not None and page.current_workflow_state is None:
                workflow.start(page, user)


def run(paths, *, dry_run=False, progress=None, user=None):
    planned = plan(paths, progress=progress)
    if not dry_run:
        apply(planned, user=user)
    return planned
