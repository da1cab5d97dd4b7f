from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import BasePage

from .taxonomy import (  # noqa: F401  (models must be importable from knowledge.models)
    ActionLine,
    EvidenceLevel,
    MainTheme,
    OnsVerhaalPrinciple,
    Phase,
    PracticeKind,
    SubTheme,
)


class ProjectIndexPage(BasePage):
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.ProjectPage"]

    class Meta:
        verbose_name = _("projectenoverzicht")


class ProjectPage(BasePage):
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)

    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("body")]
    parent_page_types = ["knowledge.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("transformatieproject")
        verbose_name_plural = _("transformatieprojecten")


class EvaluationIndexPage(BasePage):
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.CaseEvaluationPage"]

    class Meta:
        verbose_name = _("casusevaluaties-overzicht")


class CaseEvaluationPage(BasePage):
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)

    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("body")]
    parent_page_types = ["knowledge.EvaluationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("casusevaluatie")
        verbose_name_plural = _("casusevaluaties")


class PracticeIndexPage(BasePage):
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.BestPracticePage"]

    class Meta:
        verbose_name = _("goede-voorbeeldenzoeker")


class BestPracticePage(BasePage):
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)

    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("body")]
    parent_page_types = ["knowledge.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("goed voorbeeld")
        verbose_name_plural = _("goede voorbeelden")
