"""Exports of a proposal's responses for the administrative meeting: CSV, XLSX and a printable report.

Rows come from ``selectors.export_responses`` — the same visibility rule as every other channel.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home import exports as spreadsheet

from . import selectors

HEADERS = [
    gettext_lazy("Vraag"),
    gettext_lazy("Organisatie"),
    gettext_lazy("Auteur"),
    gettext_lazy("Standpunt"),
    gettext_lazy("Zichtbaarheid"),
    gettext_lazy("Status"),
    gettext_lazy("Geplaatst op"),
    gettext_lazy("Tekst"),
    gettext_lazy("Antwoorden"),
    gettext_lazy("Officiële antwoorden"),
    gettext_lazy("Uitkomst"),
    gettext_lazy("Toelichting uitkomst"),
    gettext_lazy("Passage"),
    gettext_lazy("Mede ondertekend door"),
    gettext_lazy("Naam openbaar"),
]


def _reply_line(reply):
    who = reply.organisation.name if reply.organisation else reply.author.get_full_name()
    return f"{who}: {reply.body_markdown}"


def passage_label(response, sections) -> str:
    """'Het hele voorstel' or the passage's current label (its label when placed, if it was since removed)."""
    if not response.section_key:
        return _("Het hele voorstel")
    section = sections.get(response.section_key)
    return section.label if section else response.section_label


def _outcome(response):
    outcome = getattr(response, "outcome", None)
    return (outcome.get_outcome_display(), outcome.reason) if outcome else ("", "")


def grouped(*, proposal, user):
    responses = list(selectors.export_responses(proposal=proposal, user=user))
    for response in responses:
        response.signatories = selectors.signatories(response)
    return responses, selectors.responses_by_question(proposal, responses)


def rows(*, proposal, user) -> list[list]:
    """One row per visible response, grouped by question; formulas are neutralised by ``home.exports``."""
    result = []
    sections = {section.key: section for section in proposal.sections()}
    _responses, groups = grouped(proposal=proposal, user=user)
    for question, responses in groups:
        label = question.text if question else _("Algemeen")
        for response in responses:
            replies = list(response.replies.all())
            outcome, reason = _outcome(response)
            result.append(
                [
                    label,
                    response.organisation.name,
                    response.author.get_full_name() or response.author.username,
                    response.get_position_display(),
                    response.get_visibility_display(),
                    response.get_state_display(),
                    response.created_at,
                    response.body_markdown,
                    "\n".join(_reply_line(r) for r in replies if not r.is_official),
                    "\n".join(_reply_line(r) for r in replies if r.is_official),
                    outcome,
                    reason,
                    passage_label(response, sections),
                    ", ".join(org.name for org in response.signatories[1:]),
                    _("ja") if response.show_author_name else _("nee"),
                ]
            )
    return result


def download(*, proposal, user, fmt: str, filename: str):
    """The CSV or XLSX download of the responses ``user`` may see (``Cache-Control: no-store``)."""
    return spreadsheet.response(
        headers=[str(h) for h in HEADERS],
        rows=rows(proposal=proposal, user=user),
        fmt=fmt,
        filename=filename,
        title=_("Reacties"),
    )


def print_context(*, proposal, user) -> dict:
    responses, groups = grouped(proposal=proposal, user=user)
    return {
        "groups": [(question, items, selectors.position_counts(items)) for question, items in groups],
        "position_counts": selectors.position_counts(responses),
        "response_count": len(responses),
        "organisation_count": len({r.organisation_id for r in responses}),
        "non_responding": selectors.non_responding_organisations(proposal),
        "generated_at": timezone.localtime(),
    }
