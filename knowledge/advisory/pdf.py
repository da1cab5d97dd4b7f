"""The public PDF of a published report (fpdf2): the content of the report page, read through the same selectors.

The caller passes the context of ``ProposalPage._report_context`` for an anonymous visitor, so region-only,
hidden and withdrawn responses never reach the PDF, and authors' names only when they chose to show them.
"""

from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from fpdf import FPDF
from wagtail.rich_text import get_text_for_indexing

from home.public_url import absolute_url

# DejaVu (Debian: fonts-dejavu-core) covers every character a Dutch text uses; without it the PDF falls back to
# a core font and replaces what Latin-1 cannot show.
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "kp"


class ReportPDF(FPDF):
    def __init__(self, *, footer_text: str):
        super().__init__(format="A4")
        self.footer_text = footer_text
        font_dir = Path(getattr(settings, "ADVISORY_PDF_FONT_DIR", FONT_DIR))
        regular, bold = font_dir / "DejaVuSans.ttf", font_dir / "DejaVuSans-Bold.ttf"
        self.unicode = regular.exists() and bold.exists()
        if self.unicode:
            self.add_font(FONT, "", str(regular))
            self.add_font(FONT, "B", str(bold))
            self.font_name = FONT
        else:
            self.font_name = "helvetica"
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)

    def clean(self, text) -> str:
        text = str(text or "")
        if self.unicode:
            return text
        for wide, narrow in (("—", "-"), ("–", "-"), ("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("€", "EUR")):
            text = text.replace(wide, narrow)
        return text.encode("latin-1", "replace").decode("latin-1")

    def footer(self):
        self.set_y(-12)
        self.set_font(self.font_name, "", 8)
        self.cell(0, 6, self.clean(f"{self.footer_text} · {self.page_no()}"), align="C")

    def heading(self, text, size=13):
        self.ln(2)
        self.set_font(self.font_name, "B", size)
        self.multi_cell(0, size * 0.5, self.clean(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def paragraph(self, text, size=10, bold=False):
        text = (text or "").strip()
        if not text:
            return
        self.set_font(self.font_name, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, self.clean(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)


def response_line(response) -> str:
    """'Organisatie, mede ondertekend door A en B (naam) — standpunt: uitkomst — toelichting'."""
    signatories = getattr(response, "signatories", [response.organisation])
    line = signatories[0].name
    if len(signatories) > 1:
        line += ", " + _("mede ondertekend door %(names)s") % {"names": ", ".join(o.name for o in signatories[1:])}
    if getattr(response, "author_display", ""):
        line += f" ({response.author_display})"
    line += f" — {response.get_position_display()}"
    outcome = getattr(response, "outcome", None)
    if outcome is not None:
        line += f": {outcome.get_outcome_display()} — {outcome.reason}"
    return line


def report_pdf(*, proposal, context) -> bytes:
    url = absolute_url(f"{proposal.url}verslag/")
    doc = ReportPDF(footer_text=f"{proposal.title} — {url}")
    doc.set_title(f"{_('Verslag')}: {proposal.title}")
    doc.set_lang("nl")
    doc.add_page()
    doc.heading(f"{_('Verslag')}: {proposal.title}", size=16)
    meta = proposal.status_label
    if proposal.report_published_at:
        published = date_format(timezone.localtime(proposal.report_published_at), "j F Y")
        meta = f"{meta} · " + _("gepubliceerd op %(date)s") % {"date": published}
    doc.paragraph(str(meta), size=9)
    doc.paragraph(get_text_for_indexing(proposal.report_intro or ""))

    counts = context["counts"]
    doc.heading(_("Standpunten"))
    # The words of includes/response_counts.html, so the PDF and the pages say the same.
    doc.paragraph(
        " ".join(
            (
                ngettext("%(counter)s reactie", "%(counter)s reacties", counts.responses)
                % {"counter": counts.responses},
                ngettext("van %(counter)s organisatie", "van %(counter)s organisaties", counts.organisations)
                % {"counter": counts.organisations},
            )
        )
    )
    for label, count in counts.positions:
        doc.paragraph(f"{label}: {count}")

    for question, responses in context["groups"]:
        doc.heading(question.text if question else _("Algemeen"))
        doc.paragraph(_("U zei"), bold=True)
        doc.paragraph(question.report_summary if question else proposal.general_summary)
        doc.paragraph(_("Wij deden"), bold=True)
        doc.paragraph(question.report_action if question else proposal.general_action)
        if responses:
            doc.paragraph(_("Per reactie"), bold=True)
            for response in responses:
                doc.paragraph(f"- {response_line(response)}")

    if context.get("section_groups"):
        doc.heading(_("Reacties per passage"))
        for section, responses in context["section_groups"]:
            doc.paragraph(section.label if section else _("Het hele voorstel"), bold=True)
            for response in responses:
                doc.paragraph(f"- {response_line(response)}")

    decision = get_text_for_indexing(proposal.decision or "")
    if decision:
        doc.heading(_("Besluit"))
        doc.paragraph(decision)
    return bytes(doc.output())
