import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BodyBlock
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


class PracticeIndexPage(RoutablePageMixin, BasePage):
    """The best-practice finder (contract: /goede-voorbeelden/); the search app owns the query logic."""

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.BestPracticePage"]

    class Meta:
        verbose_name = _("goede-voorbeeldenzoeker")

    def get_practices(self):
        return BestPracticePage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        from search.finder import finder_context

        context = super().get_context(request, *args, **kwargs)
        context.update(finder_context(request, index_page=self))
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        """RSS of the newest practices matching the same filters as the finder (same query string)."""
        from search.feeds import finder_feed

        return finder_feed(request, index_page=self)


class BestPracticePage(BasePage):
    """A pilot or example from one of the 42 regions, placed in the taxonomy."""

    date = models.DateField(_("datum"), default=datetime.date.today, help_text=_("Datum van publicatie of update."))
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)
    region = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        related_name="best_practices",
        limit_choices_to={"kind": "region"},
    )
    action_line = models.ForeignKey(
        ActionLine, verbose_name=_("actielijn"), on_delete=models.PROTECT, related_name="best_practices"
    )
    main_theme = models.ForeignKey(
        MainTheme, verbose_name=_("hoofdthema"), on_delete=models.PROTECT, related_name="best_practices"
    )
    subthemes = ParentalManyToManyField(
        SubTheme, verbose_name=_("subthema's"), blank=True, related_name="best_practices"
    )
    phase = models.ForeignKey(Phase, verbose_name=_("fase"), on_delete=models.PROTECT, related_name="best_practices")
    kind = models.ForeignKey(
        PracticeKind, verbose_name=_("soort"), on_delete=models.PROTECT, related_name="best_practices"
    )
    target_group = models.CharField(_("doelgroep"), max_length=255, blank=True)
    results = RichTextField(_("resultaten en onderbouwing"), blank=True, features=RICH_TEXT_FEATURES)
    evidence_level = models.ForeignKey(
        EvidenceLevel,
        verbose_name=_("bewijsniveau"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="best_practices",
    )
    evidence_assessed_by = models.CharField(_("beoordeeld door"), max_length=200, blank=True)
    evidence_reassess_on = models.DateField(_("herbeoordelen op"), null=True, blank=True)
    contact_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("contactorganisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_role = models.CharField(
        _("contactpersoon (rol)"), max_length=200, blank=True, help_text=_("Een rol, geen naam: bel de andere regio.")
    )
    related_projects = ParentalManyToManyField(
        "knowledge.ProjectPage", verbose_name=_("gerelateerde projecten"), blank=True, related_name="best_practices"
    )
    related_evaluations = ParentalManyToManyField(
        "knowledge.CaseEvaluationPage",
        verbose_name=_("gerelateerde casusevaluaties"),
        blank=True,
        related_name="best_practices",
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("target_group"),
        index.SearchField("results"),
        index.RelatedFields("region", [index.SearchField("name")]),
        index.RelatedFields("main_theme", [index.SearchField("name")]),
        index.RelatedFields("subthemes", [index.SearchField("name")]),
        index.FilterField("region"),
        index.FilterField("action_line"),
        index.FilterField("main_theme"),
        index.FilterField("phase"),
        index.FilterField("kind"),
        index.FilterField("evidence_level"),
        index.FilterField("date"),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        MultiFieldPanel(
            [
                FieldPanel("region"),
                FieldPanel("action_line"),
                FieldPanel("main_theme"),
                FieldPanel("subthemes"),
                FieldPanel("phase"),
                FieldPanel("kind"),
                FieldPanel("target_group"),
            ],
            heading=_("Indeling"),
        ),
        FieldPanel("body"),
        FieldPanel("results"),
        MultiFieldPanel(
            [FieldPanel("evidence_level"), FieldPanel("evidence_assessed_by"), FieldPanel("evidence_reassess_on")],
            heading=_("Onderbouwing"),
        ),
        MultiFieldPanel([FieldPanel("contact_organisation"), FieldPanel("contact_role")], heading=_("Contact")),
        MultiFieldPanel([FieldPanel("related_projects"), FieldPanel("related_evaluations")], heading=_("Gerelateerd")),
    ]
    parent_page_types = ["knowledge.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("goed voorbeeld")
        verbose_name_plural = _("goede voorbeelden")
