"""StreamField blocks that only events use: the programme and the materials after the event."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import DocumentBlock


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Naam"), max_length=120)
    affiliation = blocks.CharBlock(label=_("Functie en organisatie"), max_length=200, required=False)

    class Meta:
        icon = "user"
        label = _("Spreker")


class ProgrammeItemBlock(blocks.StructBlock):
    day = blocks.DateBlock(label=_("Dag"), required=False, help_text=_("Alleen nodig bij meerdaagse bijeenkomsten."))
    start_time = blocks.TimeBlock(label=_("Van"))
    end_time = blocks.TimeBlock(label=_("Tot"), required=False)
    title = blocks.CharBlock(label=_("Onderdeel"), max_length=200)
    description = blocks.TextBlock(label=_("Toelichting"), required=False)
    speakers = blocks.ListBlock(SpeakerBlock(), label=_("Sprekers"), default=[])

    class Meta:
        icon = "time"
        label = _("Programmaonderdeel")
        template = "events/blocks/programme_item.html"


class ProgrammeBlock(blocks.StreamBlock):
    item = ProgrammeItemBlock()

    class Meta:
        label = _("Programma")


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    url = blocks.URLBlock(label=_("Adres (URL)"))

    class Meta:
        icon = "link"
        label = _("Link")
        template = "events/blocks/link.html"


class MaterialsBlock(blocks.StreamBlock):
    document = DocumentBlock()
    link = LinkBlock()

    class Meta:
        label = _("Materialen")


class ProducedItemsBlock(blocks.StreamBlock):
    page = blocks.PageChooserBlock(
        label=_("Kennisitem"),
        page_type=["knowledge.BestPracticePage", "knowledge.CaseEvaluationPage", "knowledge.ProjectPage"],
    )

    class Meta:
        label = _("Opgeleverde kennis")
