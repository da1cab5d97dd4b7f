"""The digital advisory table: proposals of the region and the responses of contracted providers.

Responses, replies, outcomes and reports are plain Django models (not page fields, not ``index.Indexed``):
they never reach Wagtail's API or the search index. Every write goes through ``services.py``; every read
that depends on who is asking goes through ``selectors.py``.
"""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES
from home.cache import remember_for_page
from home.models import BasePage
from home.pagination import PAGE_SIZE, paginate_counted

from .blocks import ProposalBodyBlock
from .views import ProposalIndexRoutesMixin, ProposalRoutesMixin

MAX_TEXT_LENGTH = 10_000
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
EDIT_WINDOW_MINUTES = 30
EXPLANATION_MAX_LENGTH = 2000  # an outcome's reason, a review request: a short explanation, not a response
REMINDER_DAYS = 3  # default of the ADVISORY_REMINDER_HOURS setting (72 hours before closing)
REPORT_THRESHOLD = 3  # default of the ADVISORY_REPORT_THRESHOLD setting: organisations reporting before a hide


def report_threshold() -> int:
    """How many different organisations must report a response before it is hidden (ADVISORY_REPORT_THRESHOLD)."""
    return max(1, int(getattr(settings, "ADVISORY_REPORT_THRESHOLD", REPORT_THRESHOLD)))


def reminder_before() -> timezone.timedelta:
    """How long before closing the reminder goes out (ADVISORY_REMINDER_HOURS, default three days)."""
    return timezone.timedelta(hours=int(getattr(settings, "ADVISORY_REMINDER_HOURS", REMINDER_DAYS * 24)))


@dataclass(frozen=True)
class Section:
    """A passage of the proposal text that providers can respond to (a section block of the body)."""

    key: str  # the block's id: stable across revisions
    number: str
    title: str

    @property
    def label(self) -> str:
        return f"§ {self.number} {self.title}" if self.number else self.title

    @property
    def anchor(self) -> str:
        return f"passage-{self.key}"


class ProposalStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Gesloten")
    PROCESSED = "processed", _("Verwerkt")
    ADOPTED = "adopted", _("Vastgesteld")


class AudienceKind(models.TextChoices):
    ALL_CONTRACTED = "all_contracted", _("Alle gecontracteerde aanbieders")
    SELECTED = "selected", _("Gekozen organisaties en inkoopsegmenten")


class ProposalIndexPage(ProposalIndexRoutesMixin, RoutablePageMixin, BasePage):
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["advisory.ProposalPage"]

    class Meta:
        verbose_name = _("adviestafel")

    def get_context(self, request, *args, **kwargs):

        from .forms import ProposalFilterForm
        from .selectors import proposal_filter_themes, proposal_listing, response_counts

        context = super().get_context(request, *args, **kwargs)
        # kept with the page's purge: proposals are published, themes are snippets
        themes = remember_for_page(request, self, "proposal-filter-themes", proposal_filter_themes)
        form = ProposalFilterForm(request.GET or None, themes=themes)
        status = theme = None
        if form.is_valid():
            status = form.cleaned_data.get("status") or None
            theme = form.cleaned_data.get("theme")
        context["filter_form"] = form
        page_obj = paginate_counted(
            request, proposal_listing(parent=self, status=status, theme=theme), per_page=PAGE_SIZE
        )
        page_obj.object_list = list(page_obj.object_list)
        counts = response_counts(page_obj.object_list)
        for proposal in page_obj.object_list:
            proposal.counts = counts[proposal.pk]  # the same selector as the proposal page and the report
        context["page_obj"] = page_obj
        return context


class ProposalQuerySet(PageQuerySet):
    def with_status(self, now=None):
        """`ProposalPage.status_at(now)` in SQL, as `current_status` (the same order of the same rules: keep the
        two side by side); filter or sort on it with one query for a whole listing."""
        now = now or timezone.now()
        concept = models.Q(opens_at__isnull=True) | models.Q(closes_at__isnull=True) | models.Q(opens_at__gt=now)
        return self.annotate(
            current_status=models.Case(
                models.When(adopted_at__lte=now, then=models.Value(ProposalStatus.ADOPTED.value)),
                models.When(report_published_at__lte=now, then=models.Value(ProposalStatus.PROCESSED.value)),
                models.When(concept, then=models.Value(ProposalStatus.CONCEPT.value)),
                models.When(closes_at__gt=now, then=models.Value(ProposalStatus.OPEN.value)),
                default=models.Value(ProposalStatus.CLOSED.value),
                output_field=models.CharField(),
            )
        )


class ProposalPage(ProposalRoutesMixin, RoutablePageMixin, BasePage):
    # Shown on the page (the theme) and asked for every region staff member (the region): read with it
    # (BasePage.route).
    serve_select_related = ("theme", "region")

    body = StreamField(
        ProposalBodyBlock(),
        verbose_name=_("inhoud"),
        blank=True,
        help_text=_("Een 'Passage' krijgt een nummer; aanbieders kunnen op een passage reageren of op het geheel."),
    )
    documents = StreamField(
        [("document", DocumentChooserBlock(label=_("Document")))],
        verbose_name=_("documenten"),
        blank=True,
        help_text=_("Het voorstel en bijlagen als download."),
    )
    project = models.ForeignKey(
        "knowledge.ProjectPage",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    theme = models.ForeignKey(
        "knowledge.MainTheme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    region = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("regio"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "region"},
        help_text=_(
            "De regio die deze consultatie houdt: alleen haar medewerkers zien reacties 'alleen voor de regio' en "
            "geven officiële antwoorden en uitkomsten. Leeg: de regio van wie het voorstel aanmaakte."
        ),
    )
    opens_at = models.DateTimeField(_("consultatie opent"), null=True, blank=True)
    closes_at = models.DateTimeField(_("consultatie sluit"), null=True, blank=True)
    audience_kind = models.CharField(
        _("doelgroep"), max_length=20, choices=AudienceKind.choices, default=AudienceKind.ALL_CONTRACTED
    )
    audience_organisations = ParentalManyToManyField(
        "accounts.Organisation",
        verbose_name=_("gekozen organisaties"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "provider"},
    )
    audience_segments = ParentalManyToManyField(
        "accounts.ProviderSegment",
        verbose_name=_("gekozen inkoopsegmenten"),
        blank=True,
        related_name="+",
        help_text=_("Gecontracteerde aanbieders in deze segmenten horen bij de doelgroep."),
    )
    public_during_window = models.BooleanField(
        _("openbare reacties zichtbaar tijdens de consultatie"),
        default=False,
        help_text=_(
            "Aan: andere aanbieders uit de doelgroep zien openbare reacties al tijdens de consultatie. "
            "Uit: pas na sluiting, zodat vroege reacties latere niet sturen."
        ),
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"), blank=True)
    report_intro = RichTextField(_("verslag: inleiding"), blank=True, features=RICH_TEXT_FEATURES)
    general_summary = models.TextField(
        _("u zei (algemeen)"), blank=True, help_text=_("Samenvatting van de reacties zonder vraag.")
    )
    general_action = models.TextField(_("wij deden (algemeen)"), blank=True)
    decision = RichTextField(_("besluit"), blank=True, features=RICH_TEXT_FEATURES)
    report_published_at = models.DateTimeField(
        _("verslag gepubliceerd op"),
        null=True,
        blank=True,
        help_text=_("Vul in om het verslag te publiceren: de status wordt dan 'verwerkt'."),
    )
    adopted_at = models.DateTimeField(
        _("vastgesteld op"),
        null=True,
        blank=True,
        help_text=_("Datum van het besluit in het bestuurlijk overleg: de status wordt dan 'vastgesteld'."),
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("public_response_texts"),
        index.FilterField("closes_at"),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("body"),
        FieldPanel("documents"),
        MultiFieldPanel([FieldPanel("project"), FieldPanel("theme")], heading=_("Waar gaat het over")),
        MultiFieldPanel(
            [
                FieldPanel("region"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("audience_kind"),
                FieldPanel("audience_organisations"),
                FieldPanel("audience_segments"),
                FieldPanel("public_during_window"),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")]),
            ],
            heading=_("Consultatie"),
        ),
        InlinePanel("questions", heading=_("Consultatievragen"), label=_("Vraag")),
        MultiFieldPanel(
            [
                FieldPanel("report_intro"),
                FieldPanel("general_summary"),
                FieldPanel("general_action"),
                FieldPanel("decision"),
                FieldRowPanel([FieldPanel("report_published_at"), FieldPanel("adopted_at")]),
            ],
            heading=_("Verslag ('u zei, wij deden') en besluit"),
        ),
    ]
    parent_page_types = ["advisory.ProposalIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(ProposalQuerySet)()
    # Privacy guard (home/privacy.py): the contact e-mail is published on purpose, as a functional mailbox.
    privacy_contact_fields = {"email": "contact_email"}

    class Meta:
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("De consultatie moet sluiten na de opening; kies een sluitdatum na de openingsdatum.")}
            )

    def status_at(self, now=None) -> str:
        """The status follows from the dates and the editors' actions; it is never stored. In SQL:
        `ProposalPage.objects.with_status(now)` (the same rules in the same order)."""
        now = now or timezone.now()
        if self.adopted_at and self.adopted_at <= now:
            return ProposalStatus.ADOPTED
        if self.report_published_at and self.report_published_at <= now:
            return ProposalStatus.PROCESSED
        if self.opens_at is None or self.closes_at is None or now < self.opens_at:
            return ProposalStatus.CONCEPT
        if now < self.closes_at:
            return ProposalStatus.OPEN
        return ProposalStatus.CLOSED

    @property
    def status(self) -> str:
        return self.status_at()

    @property
    def status_label(self):
        return ProposalStatus(self.status).label

    def is_open(self, now=None) -> bool:
        return self.status_at(now) == ProposalStatus.OPEN

    def has_closed(self, now=None) -> bool:
        now = now or timezone.now()
        return self.closes_at is not None and now >= self.closes_at

    def public_response_texts(self) -> str:
        """For the search index: the responses an anonymous visitor may read (after close, public, active).

        The visibility rule is the selector's, as for every channel; search re-indexes a proposal when one of
        its responses changes and when it closes (manage.py update_consultation_index)."""

        from .selectors import visible_responses  # selectors build on these models: imported at call time

        if not self.has_closed():
            return ""
        responses = visible_responses(proposal=self, user=AnonymousUser()).select_related("organisation", "author")
        # The organisation always; the author's personal name only if they chose to show it (as on the page).
        return "\n\n".join(
            " ".join(part for part in (r.organisation.name, r.author_name if r.show_author_name else "") if part)
            + ": "
            + r.body_markdown
            for r in responses
        )

    def sections(self) -> list[Section]:
        """The passages of the body in document order; an empty number is filled in by counting."""
        result = []
        for block in self.body:
            if block.block_type != "section" or not block.id:
                continue
            number = (block.value.get("number") or "").strip() or str(len(result) + 1)
            result.append(Section(key=str(block.id), number=number, title=block.value.get("title") or ""))
        return result

    def section(self, key) -> Section | None:
        return next((s for s in self.sections() if s.key == key), None) if key else None

    @property
    def report_is_published(self) -> bool:
        return self.status in (ProposalStatus.PROCESSED, ProposalStatus.ADOPTED)


class ConsultationQuestion(Orderable):
    page = ParentalKey(ProposalPage, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("vraag"), max_length=500)
    explanation = models.TextField(_("toelichting"), blank=True)
    report_summary = models.TextField(_("u zei"), blank=True, help_text=_("Verslag: wat aanbieders zeiden."))
    report_action = models.TextField(_("wij deden"), blank=True, help_text=_("Verslag: wat de regio ermee deed."))

    panels = [FieldPanel("text"), FieldPanel("explanation"), FieldPanel("report_summary"), FieldPanel("report_action")]

    class Meta(Orderable.Meta):
        verbose_name = _("consultatievraag")
        verbose_name_plural = _("consultatievragen")

    def __str__(self):
        return self.text


class Position(models.TextChoices):
    SUPPORTS = "supports", _("Steunt het voorstel")
    CONDITIONS = "conditions", _("Steunt onder voorwaarden")
    CONCERNS = "concerns", _("Heeft bezwaren")
    NEUTRAL = "neutral", _("Neutraal")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Openbaar")
    REGION_ONLY = "region_only", _("Alleen voor de regio")


class ResponseState(models.TextChoices):
    ACTIVE = "active", _("Actief")
    WITHDRAWN = "withdrawn", _("Ingetrokken")
    HIDDEN = "hidden", _("Verborgen")


def attachment_path(instance, filename):
    # A random name: attachments are only ever served through the view that checks visibility.
    return f"adviestafel/{uuid.uuid4().hex}.pdf"


class Response(models.Model):
    proposal = models.ForeignKey(
        ProposalPage, verbose_name=_("voorstel"), on_delete=models.CASCADE, related_name="responses"
    )
    question = models.ForeignKey(
        ConsultationQuestion,
        verbose_name=_("vraag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
        help_text=_("Leeg: algemene reactie."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.CASCADE, related_name="advisory_responses"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="+"
    )
    position = models.CharField(_("standpunt"), max_length=20, choices=Position.choices)
    body_markdown = models.TextField(_("tekst (Markdown)"))
    body_html = models.TextField(_("tekst (opgemaakt)"), editable=False)
    attachment = models.FileField(_("bijlage (pdf)"), upload_to=attachment_path, blank=True)
    attachment_name = models.CharField(_("bestandsnaam bijlage"), max_length=200, blank=True)
    visibility = models.CharField(_("zichtbaarheid"), max_length=20, choices=Visibility.choices)
    show_author_name = models.BooleanField(
        _("naam van de auteur tonen"),
        default=False,
        help_text=_("Gekozen door de auteur bij het plaatsen; anders toont de reactie alleen de organisatie."),
    )
    section_key = models.CharField(
        _("passage"), max_length=64, blank=True, help_text=_("Leeg: een reactie op het hele voorstel.")
    )
    section_label = models.CharField(_("passage (zoals bij het plaatsen)"), max_length=300, blank=True, editable=False)
    state = models.CharField(_("status"), max_length=20, choices=ResponseState.choices, default=ResponseState.ACTIVE)
    moderation_reason = models.TextField(_("reden moderatie"), blank=True)
    moderated_at = models.DateTimeField(_("gemodereerd op"), null=True, blank=True)
    review_requested_at = models.DateTimeField(
        _("herbeoordeling gevraagd op"), null=True, blank=True, help_text=_("De auteur kan dit één keer vragen.")
    )
    review_request_text = models.TextField(_("toelichting bij de vraag om herbeoordeling"), blank=True)
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)
    updated_at = models.DateTimeField(_("bijgewerkt op"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        indexes = [models.Index(fields=["proposal", "state"])]

    def __str__(self):
        return f"{self.organisation} – {self.proposal}"

    def get_absolute_url(self):
        return f"{self.proposal.url}reactie/{self.pk}/"  # redirects to the page of the list that shows it

    def editable_until(self):
        return self.created_at + timezone.timedelta(minutes=EDIT_WINDOW_MINUTES)

    @property
    def author_name(self) -> str:
        return self.author.get_full_name() or self.author.username


class CoSignatureState(models.TextChoices):
    INVITED = "invited", _("Uitgenodigd")
    ACCEPTED = "accepted", _("Ondertekend")
    DECLINED = "declined", _("Afgeslagen")


class CoSignature(models.Model):
    """Another audience organisation invited to sign a response; it counts once, with all its signatories."""

    response = models.ForeignKey(
        Response, verbose_name=_("reactie"), on_delete=models.CASCADE, related_name="cosignatures"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="+"
    )
    state = models.CharField(
        _("status"), max_length=20, choices=CoSignatureState.choices, default=CoSignatureState.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgenodigd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslist door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)

    class Meta:
        ordering = ["invited_at", "pk"]
        verbose_name = _("medeondertekening")
        verbose_name_plural = _("medeondertekeningen")
        constraints = [
            models.UniqueConstraint(fields=["response", "organisation"], name="advisory_cosign_once_per_organisation")
        ]

    def __str__(self):
        return f"{self.organisation} – {self.response}"


class ResponseVersion(models.Model):
    """Every text a response ever had, for the editors."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="versions")
    position = models.CharField(_("standpunt"), max_length=20, choices=Position.choices)
    visibility = models.CharField(_("zichtbaarheid"), max_length=20, choices=Visibility.choices)
    body_markdown = models.TextField(_("tekst (Markdown)"))
    created_at = models.DateTimeField(_("opgeslagen op"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("versie van een reactie")
        verbose_name_plural = _("versies van reacties")

    def __str__(self):
        return f"{self.response} ({self.created_at:%Y-%m-%d %H:%M})"


class Reply(models.Model):
    """One level of replies under a response, by providers and region staff."""

    response = models.ForeignKey(Response, verbose_name=_("reactie"), on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.CASCADE, related_name="advisory_replies"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body_markdown = models.TextField(_("tekst (Markdown)"))
    body_html = models.TextField(_("tekst (opgemaakt)"), editable=False)
    is_official = models.BooleanField(_("officieel antwoord van de regio"), default=False)
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")

    def __str__(self):
        return f"{self.author} – {self.response}"


class OutcomeKind(models.TextChoices):
    ADOPTED = "adopted", _("Overgenomen")
    PARTLY = "partly", _("Deels overgenomen")
    NOT_ADOPTED = "not_adopted", _("Niet overgenomen")
    OUT_OF_SCOPE = "out_of_scope", _("Buiten de reikwijdte")


class ResponseOutcome(models.Model):
    """What the region did with one response."""

    response = models.OneToOneField(
        Response, verbose_name=_("reactie"), on_delete=models.CASCADE, related_name="outcome"
    )
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=OutcomeKind.choices)
    reason = models.TextField(_("toelichting"), max_length=EXPLANATION_MAX_LENGTH)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), null=True, on_delete=models.SET_NULL
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("uitkomst van een reactie")
        verbose_name_plural = _("uitkomsten van reacties")

    def __str__(self):
        return f"{self.get_outcome_display()} – {self.response}"


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    OFFENSIVE = "offensive", _("Beledigend")
    OFF_TOPIC = "off_topic", _("Niet ter zake")
    PERSONAL_DATA = "personal_data", _("Bevat persoonsgegevens")


class Report(models.Model):
    """A moderation report: one per person per response; towards hiding it counts once per organisation."""

    response = models.ForeignKey(Response, verbose_name=_("reactie"), on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("melder"), on_delete=models.CASCADE, related_name="advisory_reports"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie van de melder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reden"), max_length=20, choices=ReportReason.choices)
    created_at = models.DateTimeField(_("gemeld op"), default=timezone.now)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [models.UniqueConstraint(fields=["response", "reporter"], name="advisory_unique_report")]

    def __str__(self):
        return f"{self.get_reason_display()} – {self.response}"


class NotificationKind(models.TextChoices):
    OPENED = "opened", _("Consultatie geopend")
    REMINDER = "reminder", _("Herinnering")
    REPORT = "report", _("Verslag gepubliceerd")
    DECISION = "decision", _("Besluit genomen")


class Notification(models.Model):
    """A proposal e-mail sent to one person: the unique constraint makes every kind go out once."""

    proposal = models.ForeignKey(ProposalPage, on_delete=models.CASCADE, related_name="notifications")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort"), max_length=20, choices=NotificationKind.choices)
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        verbose_name = _("verstuurde e-mail")
        verbose_name_plural = _("verstuurde e-mails")
        constraints = [models.UniqueConstraint(fields=["proposal", "user", "kind"], name="advisory_notification_once")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.user}"


class ResponseDraft(models.Model):
    """A response being written: one per person per proposal, seen only by its author, never in any channel."""

    proposal = models.ForeignKey(ProposalPage, verbose_name=_("voorstel"), on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.CASCADE, related_name="advisory_drafts"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisatie"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    question = models.ForeignKey(
        ConsultationQuestion,
        verbose_name=_("vraag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.CharField(_("standpunt"), max_length=20, choices=Position.choices, blank=True)
    body_markdown = models.TextField(_("tekst (Markdown)"), blank=True)
    visibility = models.CharField(_("zichtbaarheid"), max_length=20, choices=Visibility.choices, blank=True)
    section_key = models.CharField(_("passage"), max_length=64, blank=True)
    show_author_name = models.BooleanField(_("naam van de auteur tonen"), default=False)
    updated_at = models.DateTimeField(_("opgeslagen op"), default=timezone.now)

    class Meta:
        verbose_name = _("concept van een reactie")
        verbose_name_plural = _("concepten van reacties")
        constraints = [models.UniqueConstraint(fields=["proposal", "author"], name="advisory_one_draft_per_author")]

    def __str__(self):
        return f"{self.author} – {self.proposal}"


class ProposalFollow(models.Model):
    """Someone following a proposal: told of replies they may see, the report and the decision."""

    proposal = models.ForeignKey(
        ProposalPage, verbose_name=_("voorstel"), on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("volger"), on_delete=models.CASCADE, related_name="advisory_follows"
    )
    created_at = models.DateTimeField(_("volgt sinds"), default=timezone.now)

    class Meta:
        verbose_name = _("volger van een voorstel")
        verbose_name_plural = _("volgers van voorstellen")
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="advisory_follow_once")]

    def __str__(self):
        return f"{self.user} – {self.proposal}"
