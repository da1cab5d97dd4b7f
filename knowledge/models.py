import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import GroupApprovalTask, Orderable
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, BodyBlock
from home.cache import remember_for_page
from home.forms import PrivacyGuardedPageForm
from home.images import MainImageMixin
from home.models import BasePage
from home.privacy import check_fields
from home.request_scope import public
from home.slots import Slot

from . import kpis
from .taxonomy import (  # noqa: F401  (models must be importable from knowledge.models)
    ActionLine,
    EvidenceLevel,
    MainTheme,
    OnsVerhaalPrinciple,
    Phase,
    PracticeKind,
    SubTheme,
)


def related_links(request, page, related_for):
    """The page's related items as titles and URLs, worked out once and kept until published content changes
    (home.cache.remember): the same for every visitor, as the selectors show only what anyone may see. A preview
    shows the editor's unsaved relations, so it is worked out afresh."""

    def compute():
        return {
            kind: [{"title": item.title, "url": item.url} for item in items]
            for kind, items in related_for(page).items()
        }

    return remember_for_page(request, page, "related", compute)


class ProjectStatus(models.TextChoices):
    PLANNING = "planvorming", _("Planvorming")
    EXECUTION = "uitvoering", _("Uitvoering")
    EVALUATION = "evaluatie", _("Evaluatie")
    COMPLETED = "afgerond", _("Afgerond")
    ON_HOLD = "on-hold", _("On hold")


class ProjectIndexPage(BasePage):
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.ProjectPage"]

    class Meta:
        verbose_name = _("projectenoverzicht")

    def get_projects(self):
        return public(ProjectPage.objects.child_of(self).live())

    def get_context(self, request, *args, **kwargs):
        from home.pagination import PAGE_SIZE, paginate_counted

        from .forms import ProjectFilterForm
        from .selectors import filter_projects, project_filter_options, with_headline_kpi

        context = super().get_context(request, *args, **kwargs)
        projects = self.get_projects()
        # kept with the page's purge: projects are published, action lines and regions are snippets
        options = remember_for_page(request, self, "project-filter-options", lambda: project_filter_options(projects))
        form = ProjectFilterForm(request.GET or None, **options)
        if form.is_bound:
            form.is_valid()  # cleaned_data keeps the valid values: a bad value in a link is ignored, not an error
            data = form.cleaned_data
            projects = filter_projects(
                projects, action_line=data.get("actielijn"), status=data.get("status"), region=data.get("regio")
            )
        context["filter_form"] = form
        context["page_obj"] = paginate_counted(request, with_headline_kpi(projects), per_page=PAGE_SIZE)
        return context


class ProjectPage(MainImageMixin, BasePage):
    """A transformation project of a region: ambitions, approach, KPIs and results (seeds 000, 002, 003)."""

    serve_select_related = ("region", "main_image")  # shown on the page: read with it (BasePage.route)

    number = models.PositiveSmallIntegerField(_("projectnummer"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNING)
    status_note = models.CharField(
        _("toelichting op de status"),
        max_length=255,
        blank=True,
        help_text=_("Bijvoorbeeld: ‘Uitvoering sinds oktober 2020’ of waarom het project on hold staat."),
    )
    region = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("regio"),
        null=True,
        on_delete=models.PROTECT,
        related_name="projects",
        limit_choices_to={"kind": "region"},
    )
    municipalities = ParentalManyToManyField(
        "accounts.Organisation",
        verbose_name=_("gemeenten"),
        blank=True,
        related_name="municipality_projects",
        limit_choices_to={"kind": "municipality"},
    )
    action_lines = ParentalManyToManyField(
        ActionLine, verbose_name=_("actielijnen"), blank=True, related_name="projects"
    )
    main_themes = ParentalManyToManyField(
        MainTheme, verbose_name=_("hoofdthema's"), blank=True, related_name="projects"
    )
    principles = ParentalManyToManyField(
        OnsVerhaalPrinciple,
        verbose_name=_("Ons Verhaal"),
        blank=True,
        related_name="projects",
        help_text=_("De principes van Ons Verhaal waar dit project aan bijdraagt."),
    )
    project_leader = models.CharField(
        _("projectleider (rol)"), max_length=200, blank=True, help_text=_("Een functie of rol, geen naam.")
    )
    administrative_lead = models.CharField(
        _("bestuurlijk trekker (rol)"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: wethouder jeugd van een van de gemeenten."),
    )
    official_ambassador = models.CharField(_("ambtelijk ambassadeur (rol)"), max_length=200, blank=True)
    partners = ParentalManyToManyField(
        "accounts.Organisation", verbose_name=_("partners"), blank=True, related_name="partner_projects"
    )
    results = RichTextField(_("resultaten"), blank=True, features=RICH_TEXT_FEATURES)
    notable_points = RichTextField(_("opvallende punten"), blank=True, features=RICH_TEXT_FEATURES)
    works_well = RichTextField(_("wat werkt goed"), blank=True, features=RICH_TEXT_FEATURES)
    attention_points = RichTextField(_("wat heeft aandacht"), blank=True, features=RICH_TEXT_FEATURES)
    next_year_goals = RichTextField(_("doelen volgend jaar"), blank=True, features=RICH_TEXT_FEATURES)
    risks = RichTextField(_("risico's"), blank=True, features=RICH_TEXT_FEATURES)
    related_projects = ParentalManyToManyField(
        "self", verbose_name=_("gerelateerde projecten"), blank=True, symmetrical=False, related_name="referenced_by"
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("inhoud"),
        blank=True,
        help_text=_("Achtergrond, documenten en afbeeldingen."),
    )

    # Everything an editor writes on the public page is searchable, including the inline work lines and ambitions.
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("results"),
        index.SearchField("status_note"),
        index.SearchField("notable_points"),
        index.SearchField("works_well"),
        index.SearchField("attention_points"),
        index.SearchField("next_year_goals"),
        index.SearchField("risks"),
        index.RelatedFields("ambitions", [index.SearchField("text")]),
        index.RelatedFields("work_lines", [index.SearchField("title"), index.SearchField("description")]),
        index.RelatedFields("kpis", [index.SearchField("name")]),
        index.RelatedFields("region", [index.SearchField("name")]),
        index.RelatedFields("municipalities", [index.SearchField("name")]),
        index.RelatedFields("partners", [index.SearchField("name")]),
        index.RelatedFields("action_lines", [index.SearchField("name")]),
        index.RelatedFields("main_themes", [index.SearchField("name")]),
        index.FilterField("status"),
        index.FilterField("region"),
    ]
    content_panels = BasePage.content_panels + [
        *MainImageMixin.main_image_panels,
        MultiFieldPanel([FieldPanel("number"), FieldPanel("status"), FieldPanel("status_note")], heading=_("Project")),
        InlinePanel("ambitions", heading=_("Ambitie"), label=_("ambitie"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("action_lines", widget=forms.CheckboxSelectMultiple),
                FieldPanel("main_themes"),
                FieldPanel("principles", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Indeling"),
        ),
        InlinePanel("work_lines", heading=_("Dit doen we door"), label=_("werklijn")),
        MultiFieldPanel(
            [FieldPanel("region"), FieldPanel("municipalities"), FieldPanel("partners")],
            heading=_("Regio en partners"),
        ),
        MultiFieldPanel(
            [FieldPanel("project_leader"), FieldPanel("administrative_lead"), FieldPanel("official_ambassador")],
            heading=_("Sturing"),
        ),
        InlinePanel("kpis", heading=_("Kritieke prestatie-indicatoren"), label=_("indicator")),
        FieldPanel("results"),
        FieldPanel("notable_points"),
        FieldPanel("works_well"),
        FieldPanel("attention_points"),
        FieldPanel("next_year_goals"),
        FieldPanel("risks"),
        FieldPanel("body"),
        FieldPanel("related_projects"),
    ]
    parent_page_types = ["knowledge.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("transformatieproject")
        verbose_name_plural = _("transformatieprojecten")
        ordering = ["number", "title"]

    @property
    def display_title(self):
        return f"{self.number}. {self.title}" if self.number else self.title

    def get_kpis(self):
        return self.kpis.prefetch_related(
            models.Prefetch("measurements", queryset=Measurement.objects.select_related("municipality"))
        )

    def get_context(self, request, *args, **kwargs):
        from .selectors import related_for_project

        context = super().get_context(request, *args, **kwargs)
        context["kpis"] = list(self.get_kpis())
        context["facts"] = remember_for_page(request, self, "project-facts", self.get_facts)
        context["related"] = related_links(request, self, related_for_project)
        return context

    def get_facts(self):
        """The ambitions, facts list and work lines as plain data: seven queries, the same for every visitor."""
        return {
            "ambitions": [{"label": a.label, "text": a.text} for a in self.ambitions.all()],
            "action_lines": [str(line) for line in self.action_lines.all()],
            "main_themes": [str(theme) for theme in self.main_themes.all()],
            "principles": [principle.name for principle in self.principles.all()],
            "municipalities": [municipality.name for municipality in self.municipalities.all()],
            "partners": [str(partner) for partner in self.partners.all()],
            "work_lines": [
                {"label": line.label, "title": line.title, "description": line.description}
                for line in self.work_lines.all()
            ],
        }


class ProjectAmbition(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="ambitions")
    label = models.CharField(_("kenmerk"), max_length=10, blank=True, help_text=_("Bijvoorbeeld A of B."))
    text = models.TextField(_("ambitie"), help_text=_("Een meetbaar doel, bijvoorbeeld: 15 jeugdigen minder naar …"))

    panels = [FieldPanel("label"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("ambitie")
        verbose_name_plural = _("ambities")

    def __str__(self):
        return f"{self.label}: {self.text}" if self.label else self.text


class ProjectWorkLine(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="work_lines")
    label = models.CharField(_("kenmerk"), max_length=10, blank=True)
    title = models.CharField(_("werklijn"), max_length=255)
    description = models.TextField(_("toelichting"), blank=True)

    panels = [FieldPanel("label"), FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("werklijn")
        verbose_name_plural = _("werklijnen")

    def __str__(self):
        return self.title


class KpiDirection(models.TextChoices):
    LOWER = kpis.LOWER, _("lager is beter")
    HIGHER = kpis.HIGHER, _("hoger is beter")


class Kpi(ClusterableModel, Orderable):
    """A measurable indicator of a project: from a baseline towards a target, with dated measurements."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(_("naam"), max_length=255)
    unit = models.CharField(_("eenheid"), max_length=40, blank=True, help_text=_("Bijvoorbeeld: jeugdigen, %, euro."))
    direction = models.CharField(_("richting"), max_length=10, choices=KpiDirection.choices)
    baseline_value = models.DecimalField(_("nulmeting"), max_digits=14, decimal_places=2)
    baseline_date = models.DateField(_("datum nulmeting"))
    target_value = models.DecimalField(_("streefwaarde"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("streefdatum"), null=True, blank=True)
    target_note = models.CharField(
        _("toelichting streefwaarde"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: min 50%.")
    )
    is_headline = models.BooleanField(
        _("kern-indicator"), default=False, help_text=_("Wordt in het projectenoverzicht getoond.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("unit"),
        FieldPanel("direction"),
        FieldRowPanel([FieldPanel("baseline_value"), FieldPanel("baseline_date")]),
        FieldRowPanel([FieldPanel("target_value"), FieldPanel("target_date")]),
        FieldPanel("target_note"),
        FieldPanel("is_headline"),
        InlinePanel("measurements", heading=_("Metingen"), label=_("meting")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.baseline_value is not None and self.target_value is not None and self.direction:
            wrong_way = (
                self.target_value >= self.baseline_value
                if self.direction == kpis.LOWER
                else self.target_value <= self.baseline_value
            )
            if wrong_way:
                raise ValidationError(
                    {"target_value": _("De streefwaarde ligt niet in de gekozen richting vanaf de nulmeting.")}
                )

    def sorted_measurements(self):
        """Measurements in date order; uses the prefetched list when there is one."""
        return sorted(self.measurements.all(), key=lambda m: (m.date, m.pk or 0))

    def total_measurements(self):
        return [m for m in self.sorted_measurements() if m.municipality_id is None]

    def latest_measurement(self):
        totals = self.total_measurements()
        return totals[-1] if totals else None

    @cached_property
    def progress(self):
        latest = self.latest_measurement()
        return kpis.progress(
            baseline=self.baseline_value,
            target=self.target_value,
            direction=self.direction,
            latest=latest.value if latest else None,
            latest_date=latest.date if latest else None,
        )

    @cached_property
    def chart(self):
        totals = self.total_measurements()
        if not totals:
            return None
        return kpis.chart(
            baseline_value=self.baseline_value,
            baseline_date=self.baseline_date,
            target_value=self.target_value,
            target_date=self.target_date,
            measurements=[(m.date, m.value) for m in totals],
        )


class Measurement(Orderable):
    kpi = ParentalKey(Kpi, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField(_("datum"))
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2)
    municipality = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
        help_text=_("Leeg voor de hele regio."),
    )
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    panels = [FieldPanel("date"), FieldPanel("value"), FieldPanel("municipality"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")

    def __str__(self):
        return f"{self.date}: {self.value}"


class EvaluationIndexPage(BasePage):
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.CaseEvaluationPage"]

    class Meta:
        verbose_name = _("casusevaluaties-overzicht")

    def get_evaluations(self):
        return (
            public(CaseEvaluationPage.objects.child_of(self).live())
            .prefetch_related("main_themes")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from home.pagination import PAGE_SIZE, paginate_counted

        context = super().get_context(request, *args, **kwargs)
        context["page_obj"] = paginate_counted(request, self.get_evaluations(), per_page=PAGE_SIZE)
        return context


class DurationUnit(models.TextChoices):
    DAYS = "dagen", _("dagen")
    WEEKS = "weken", _("weken")
    MONTHS = "maanden", _("maanden")


_DAYS_PER_UNIT = {DurationUnit.DAYS: 1, DurationUnit.WEEKS: 7, DurationUnit.MONTHS: 30}


class ConsentBasis(models.TextChoices):
    CONSENT = "toestemming", _("Toestemming van de jeugdige en/of ouders")
    ANONYMISED = "geanonimiseerd", _("Volledig geanonimiseerd: niet herleidbaar tot personen")
    COMPOSITE = "samengesteld", _("Samengestelde casus uit meerdere situaties")


def default_review_date():
    return datetime.date.today() + datetime.timedelta(days=365)


class CaseEvaluationPageForm(PrivacyGuardedPageForm):
    """Publishing (or submitting for approval) requires the anonymisation check; a draft does not."""

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_deferred_validation and not cleaned_data.get("anonymisation_confirmed"):
            self.add_error(
                "anonymisation_confirmed",
                _("Bevestig dat de casus geanonimiseerd is voordat u hem publiceert of ter beoordeling aanbiedt."),
            )
        return cleaned_data


class CaseEvaluationPage(BasePage):
    """An anonymised case and what the region learnt from it; published after a second editor approves."""

    date = models.DateField(_("datum van de evaluatie"), default=datetime.date.today)
    related_projects = ParentalManyToManyField(
        "knowledge.ProjectPage", verbose_name=_("projecten"), blank=True, related_name="case_evaluations"
    )
    main_themes = ParentalManyToManyField(
        MainTheme, verbose_name=_("hoofdthema's"), blank=True, related_name="case_evaluations"
    )
    situation = RichTextField(_("de situatie"), features=RICH_TEXT_FEATURES, default="")
    approach = RichTextField(_("wat is er gedaan"), features=RICH_TEXT_FEATURES, default="")
    outcome = RichTextField(_("het resultaat"), features=RICH_TEXT_FEATURES, default="")
    lessons_worked = RichTextField(_("wat werkte"), blank=True, features=RICH_TEXT_FEATURES)
    lessons_to_change = RichTextField(_("wat moet anders"), blank=True, features=RICH_TEXT_FEATURES)
    time_to_result_value = models.PositiveSmallIntegerField(_("doorlooptijd"), null=True, blank=True)
    time_to_result_unit = models.CharField(
        _("eenheid doorlooptijd"), max_length=10, choices=DurationUnit.choices, default=DurationUnit.WEEKS
    )
    norm_value = models.PositiveSmallIntegerField(_("normtijd"), null=True, blank=True)
    norm_unit = models.CharField(
        _("eenheid normtijd"), max_length=10, choices=DurationUnit.choices, default=DurationUnit.MONTHS
    )
    norm_description = models.CharField(
        _("waar de norm voor geldt"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: van melding tot ondertoezichtstelling en passende hulp."),
    )
    consent_basis = models.CharField(
        _("grondslag voor publicatie"), max_length=20, choices=ConsentBasis.choices, default=ConsentBasis.ANONYMISED
    )
    consent_note = models.TextField(
        _("toelichting op de grondslag"), blank=True, help_text=_("Wie gaf toestemming (als rol) en wanneer.")
    )
    review_date = models.DateField(
        _("herzien vóór"),
        default=default_review_date,
        help_text=_("Daarna worden redacteuren herinnerd de casus opnieuw te toetsen of offline te halen."),
    )
    anonymisation_confirmed = models.BooleanField(
        _("ik heb gecontroleerd dat deze casus niet herleidbaar is tot personen"),
        default=False,
        help_text=_("Geen namen, adressen, geboortedata, BSN, telefoonnummers of unieke details."),
    )
    body = StreamField(
        BodyBlock(), verbose_name=_("aanvullende inhoud"), blank=True, help_text=_("Documenten en afbeeldingen.")
    )

    base_form_class = CaseEvaluationPageForm
    search_fields = BasePage.search_fields + [
        index.SearchField("situation"),
        index.SearchField("approach"),
        index.SearchField("outcome"),
        index.SearchField("lessons_worked"),
        index.SearchField("lessons_to_change"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        MultiFieldPanel([FieldPanel("related_projects"), FieldPanel("main_themes")], heading=_("Verbanden")),
        FieldPanel("situation"),
        FieldPanel("approach"),
        FieldPanel("outcome"),
        MultiFieldPanel([FieldPanel("lessons_worked"), FieldPanel("lessons_to_change")], heading=_("Lessen")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("time_to_result_value"), FieldPanel("time_to_result_unit")]),
                FieldRowPanel([FieldPanel("norm_value"), FieldPanel("norm_unit")]),
                FieldPanel("norm_description"),
            ],
            heading=_("Doorlooptijd en norm"),
        ),
        InlinePanel("participants", heading=_("Wie deden mee (rollen, geen namen)"), label=_("deelnemer")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("consent_basis"),
                FieldPanel("consent_note"),
                FieldPanel("review_date"),
                FieldPanel("anonymisation_confirmed"),
            ],
            heading=_("Privacy"),
        ),
    ]
    parent_page_types = ["knowledge.EvaluationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("casusevaluatie")
        verbose_name_plural = _("casusevaluaties")

    def clean(self):
        super().clean()
        if self.live and not self.anonymisation_confirmed:
            raise ValidationError(
                {
                    "anonymisation_confirmed": _(
                        "Een casusevaluatie wordt pas gepubliceerd na bevestiging van de anonimisering."
                    )
                }
            )

    @property
    def time_to_result_days(self):
        if self.time_to_result_value is None:
            return None
        return self.time_to_result_value * _DAYS_PER_UNIT[self.time_to_result_unit]

    @property
    def norm_days(self):
        if self.norm_value is None:
            return None
        return self.norm_value * _DAYS_PER_UNIT[self.norm_unit]

    @property
    def times_faster(self):
        """How many times faster than the norm (rounded), or None when either is unknown or it was not faster."""
        result, norm = self.time_to_result_days, self.norm_days
        if not result or not norm or result >= norm:
            return None
        return round(norm / result)

    @property
    def is_past_review(self):
        return self.review_date is not None and self.review_date < datetime.date.today()

    def get_context(self, request, *args, **kwargs):
        from .selectors import related_for_evaluation

        context = super().get_context(request, *args, **kwargs)
        context["related"] = related_links(request, self, related_for_evaluation)
        return context


class CaseParticipant(Orderable):
    page = ParentalKey(CaseEvaluationPage, on_delete=models.CASCADE, related_name="participants")
    role = models.CharField(
        _("rol"), max_length=200, help_text=_("Bijvoorbeeld: ouder, medewerker sociaal team. Nooit een naam.")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("role"), FieldPanel("organisation")]

    def clean(self):
        super().clean()
        errors = check_fields([("role", self._meta.get_field("role").verbose_name, self.role)])
        if errors:
            raise ValidationError(errors)

    class Meta(Orderable.Meta):
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")

    def __str__(self):
        return self.role


# The search app, one floor up, answers the finder: it fills this slot with "context" and "feed" in its ready().
PRACTICE_FINDER = Slot("best-practice finder")


class PracticeIndexPage(RoutablePageMixin, BasePage):
    """The best-practice finder (contract: /goede-voorbeelden/); the search app owns the query logic."""

    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["knowledge.BestPracticePage"]

    class Meta:
        verbose_name = _("goede-voorbeeldenzoeker")

    def get_practices(self):
        return public(BestPracticePage.objects.child_of(self).live())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(PRACTICE_FINDER["context"](request, index_page=self))
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        """RSS of the newest practices matching the same filters as the finder (same query string)."""
        return PRACTICE_FINDER["feed"](request, index_page=self)


class BestPracticePage(MainImageMixin, BasePage):
    """A pilot or example from one of the 42 regions, placed in the taxonomy."""

    serve_select_related = (  # shown on the page: read with it (BasePage.route)
        "region",
        "action_line",
        "main_theme",
        "phase",
        "kind",
        "evidence_level",
        "contact_organisation",
        "main_image",
    )

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
    contact_phone = models.CharField(
        _("telefoonnummer (kantoor)"),
        max_length=30,
        blank=True,
        help_text=_("Een vast nummer van de organisatie, geen mobiel nummer van een persoon."),
    )
    contact_email = models.EmailField(
        _("e-mailadres (functioneel)"),
        blank=True,
        help_text=_("Een functioneel adres, zoals info@ of jeugd@; geen persoonlijk adres."),
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
        *MainImageMixin.main_image_panels,
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
        MultiFieldPanel(
            [
                FieldPanel("contact_organisation"),
                FieldPanel("contact_role"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("related_projects"), FieldPanel("related_evaluations")], heading=_("Gerelateerd")),
    ]
    parent_page_types = ["knowledge.PracticeIndexPage"]
    subpage_types = []
    # The designated contact is published on purpose; privacy.contact_errors() checks it instead.
    privacy_contact_fields = {"phone": "contact_phone", "email": "contact_email"}

    class Meta:
        verbose_name = _("goed voorbeeld")
        verbose_name_plural = _("goede voorbeelden")

    @property
    def is_past_reassessment(self):
        return self.evidence_reassess_on is not None and self.evidence_reassess_on < datetime.date.today()

    def get_context(self, request, *args, **kwargs):
        from .selectors import related_for_practice

        context = super().get_context(request, *args, **kwargs)
        context["related"] = related_links(request, self, related_for_practice)
        return context


class SecondEditorApprovalTask(GroupApprovalTask):
    """A group approval in which the editor who submitted the page cannot approve it: four eyes, not two."""

    def _is_requester(self, obj, user):
        state = getattr(obj, "current_workflow_state", None)
        return state is not None and state.requested_by_id == user.pk

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if self._is_requester(obj, user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return super().get_task_states_user_can_moderate(user, **kwargs).exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("Een redacteur uit de gekozen groepen keurt goed; wie indiende, kan niet zelf goedkeuren.")

    class Meta:
        verbose_name = _("goedkeuring door een tweede redacteur")
        verbose_name_plural = _("goedkeuringen door een tweede redacteur")
