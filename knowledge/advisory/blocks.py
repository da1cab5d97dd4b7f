"""Blocks of the proposal text: the site's body blocks plus a passage providers can respond to."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import RICH_TEXT_FEATURES, BodyBlock


class ProposalSectionBlock(blocks.StructBlock):
    """A numbered passage of the proposal. Its identity is the block's id (kept by Wagtail across revisions),
    so a response stays with its passage when editors rewrite, renumber or move it."""

    number = blocks.CharBlock(
        label=_("Nummer"),
        required=False,
        max_length=20,
        help_text=_("Bijvoorbeeld 2 of 3.1. Leeg: de passages worden doorgenummerd."),
    )
    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    text = blocks.RichTextBlock(label=_("Tekst"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "list-ol"
        label = _("Passage (aanbieders kunnen erop reageren)")
        template = "advisory/blocks/proposal_section.html"


class ProposalBodyBlock(BodyBlock):
    section = ProposalSectionBlock()
