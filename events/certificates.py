"""Attendance certificates (PDF, fpdf2) for those marked present, with the event's accreditation points and a
verification code that anyone can check on the public verification page (`/kennisateliers/certificaat/`).

The PDF uses the built-in Helvetica font, so no font file has to ship with the project; text outside Latin-1 (rare
in Dutch names) is written with a replacement character rather than failing.
"""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from .models import Registration


def _latin1(text: str) -> str:
    replacements = {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}
    text = "".join(replacements.get(ch, ch) for ch in str(text))
    return text.encode("latin-1", "replace").decode("latin-1")


def verification_url(registration: Registration) -> str:
    index = registration.event.get_parent().specific
    return index.full_url + index.reverse_subpage("certificate_verify", kwargs={"code": registration.certificate_code})


def certificate_filename(registration: Registration) -> str:
    return f"certificaat-{registration.event.slug}.pdf"


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y")


def points_text(event) -> str:
    if event.accreditation_points is None:
        return ""
    value = event.accreditation_points
    points = formats.number_format(value, decimal_pos=1 if value % 1 else 0, use_l10n=True)
    register = f" ({event.accreditation_register})" if event.accreditation_register else ""
    return _("%(points)s accreditatiepunten%(register)s") % {"points": points, "register": register}


def certificate_pdf(registration: Registration) -> bytes:
    """One A4 page in Dutch: who attended what, when, the points and the verification code and address."""
    event = registration.event
    with translation.override("nl"):
        pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        pdf.set_title(_latin1(_("Certificaat van deelname")))
        pdf.set_author("Kennisplatform Jeugd")
        pdf.set_creation_date(timezone.now())
        pdf.add_page()
        pdf.set_margins(25, 30, 25)
        pdf.set_y(40)
        pdf.set_font("Helvetica", "B", 26)
        pdf.cell(0, 14, _latin1(_("Certificaat van deelname")), new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.ln(10)
        pdf.set_font("Helvetica", "", 13)
        pdf.cell(0, 8, _latin1(_("Hierbij verklaren wij dat")), new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.set_font("Helvetica", "B", 18)
        pdf.cell(0, 12, _latin1(registration.name), new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.set_font("Helvetica", "", 13)
        if registration.organisation_name:
            pdf.cell(0, 8, _latin1(registration.organisation_name), new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.ln(4)
        pdf.cell(0, 8, _latin1(_("aanwezig was bij")), new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.set_font("Helvetica", "B", 15)
        pdf.multi_cell(0, 9, _latin1(event.title), new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.set_font("Helvetica", "", 13)
        when = _date(event.start)
        if timezone.localtime(event.end).date() != timezone.localtime(event.start).date():
            when = f"{when} - {_date(event.end)}"
        place = event.venue_name or _("online")
        pdf.cell(0, 8, _latin1(f"{when}, {place}"), new_x="LMARGIN", new_y="NEXT", align="C")
        points = points_text(event)
        if points:
            pdf.ln(6)
            pdf.set_font("Helvetica", "B", 13)
            pdf.cell(0, 8, _latin1(points), new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.ln(16)
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(
            0,
            6,
            _latin1(_("Verificatiecode: %(code)s") % {"code": registration.certificate_code}),
            new_x="LMARGIN",
            new_y="NEXT",
            align="C",
        )
        pdf.cell(
            0,
            6,
            _latin1(_("Controleer dit certificaat op %(url)s") % {"url": verification_url(registration)}),
            new_x="LMARGIN",
            new_y="NEXT",
            align="C",
        )
        pdf.ln(10)
        pdf.cell(0, 6, _latin1(_("Kennisplatform Jeugd")), new_x="LMARGIN", new_y="NEXT", align="C")
        return bytes(pdf.output())
