"""Knowledge-studio events and their registrations.

Registrations are written only by `events.services`; the pages own their read logic and sub-URLs.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from accounts.models import Organisation
from home.blocks import RICH_TEXT_FEATURES, BodyBlock
from home.cache import remember_for_page
from home.forms import PrivacyGuardedPageForm
from home.images import MainImageMixin
from home.models import BasePage
from home.pagination import paginate_counted
from home.request_scope import public

from .blocks import MaterialsBlock, ProducedItemsBlock, ProgrammeBlock


class EventKind(models.TextChoices):
    KENNISATELIER = "kennisatelier", _("Kennisatelier")
    WEBINAR = "webinar", _("Webinar")
    LEERBIJEENKOMST = "leerbijeenkomst", _("Leerbijeenkomst")
    WERKBEZOEK = "werkbezoek", _("Werkbezoek")


class RegistrationState(models.TextChoices):
    """Whether the form takes registrations right now (derived, never stored)."""

    NOT_OPEN = "not_open", _("Inschrijving nog niet geopend")
    OPEN = "open", _("Inschrijving open")
    CLOSED = "closed", _("Inschrijving gesloten")
    PAST = "past", _("Afgelopen")
    CANCELLED = "cancelled", _("Gaat niet door")


class RegionAudience(models.TextChoices):
    """Who may register: everyone, or only people from the regions the editor chose."""

    ALL = "all", _("Open voor alle regio's")
    SELECTED = "selected", _("Alleen de gekozen regio's")


class WaitingListMode(models.TextChoices):
    """What happens when the event (or a region's share) is full, and when a place frees up."""

    OFF = "off", _("Geen wachtlijst: vol is vol")
    AUTOMATIC = "automatic", _("Wachtlijst: de eerste krijgt de vrijgekomen plaats meteen")
    OFFER = "offer", _("Wachtlijst met aanbod: de eerste moet de plaats binnen een termijn bevestigen")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Tekst")
    CHOICE = "choice", _("Keuze uit een lijst")
    YES_NO = "yes_no", _("Ja of nee")


class EventPageForm(PrivacyGuardedPageForm):
    """The admin form: "only the chosen regions" needs at least one region (the chosen ones are not on the model
    yet when the model's `clean()` runs, so the check lives here)."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("audience_kind") == RegionAudience.SELECTED and not cleaned.get("audience_regions"):
            self.add_error(
                "audience_regions", _("Kies minstens één regio, of maak de bijeenkomst open voor alle regio's.")
            )
        return cleaned


class EventIndexPage(RoutablePageMixin, BasePage):
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("kennisateliers-overzicht")

    def get_context(self, request, *args, **kwargs):
        """The filters come from GET; their options are kept with the page's purge (events are published, themes
        and regions are snippets: each change purges), and every option is written without a template render."""
        from . import selectors
        from .forms import EventFilterForm

        context = super().get_context(request, *args, **kwargs)
        events = selectors.index_events(self)
        themes = remember_for_page(request, self, "event-filter-themes", lambda: selectors.filter_themes(events))
        regions = [(slug, name) for _pk, slug, name in selectors.region_rows()]
        form = EventFilterForm(request.GET or None, themes=themes, regions=regions)
        if form.is_bound:
            form.is_valid()  # fills cleaned_data with the valid fields only
        filters = form.cleaned_filters()
        filtered = selectors.filter_events(events, **filters)
        now = timezone.now()
        context.update(
            {
                "filter_form": form,
                "upcoming": selectors.upcoming_cards(filtered, now),
                "past_page": paginate_counted(request, filtered.past(now), per_page=selectors.PAST_PER_PAGE),
                "is_filtered": bool(filters),
            }
        )
        return context

    @re_path(r"^agenda\.ics/?$", name="feed")
    def calendar_feed(self, request):
        from .views import calendar_feed

        return calendar_feed(request, index_page=self)

    @re_path(r"^certificaat/$", name="certificate_lookup")
    def certificate_lookup(self, request):
        from .views import certificate_verify

        return certificate_verify(request, index_page=self, code=request.GET.get("code", ""))

    @path("certificaat/<str:code>/", name="certificate_verify")
    def certificate_verify(self, request, code):
        from .views import certificate_verify

        return certificate_verify(request, index_page=self, code=code)


class EventQuerySet(PageQuerySet):
    """The SQL forms of rules the model states in Python: `upcoming`/`past` beside `EventPage.is_past`, and the
    counts `places_left` reads (`with_counts`)."""

    def with_counts(self):
        """Annotate `places_taken` (HELD_STATUSES) and `waiting_count`: one query for a whole listing."""
        held = models.Q(registrations__status__in=HELD_STATUSES)
        waiting = models.Q(registrations__status=RegistrationStatus.WAITING)
        return self.annotate(
            places_taken=models.Count("registrations", filter=held, distinct=True),
            waiting_count=models.Count("registrations", filter=waiting, distinct=True),
        )

    def upcoming(self, now=None):
        """Not ended (`not is_past(now)`), soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        """Ended (`is_past(now)`), latest first."""
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


class EventPage(RoutablePageMixin, MainImageMixin, BasePage):
    kind = models.CharField(_("soort"), max_length=32, choices=EventKind.choices, default=EventKind.KENNISATELIER)
    start = models.DateTimeField(_("begin"))
    end = models.DateTimeField(_("einde"), help_text=_("Mag op een latere dag liggen (meerdaagse bijeenkomst)."))
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)
    programme = StreamField(ProgrammeBlock(), verbose_name=_("programma"), blank=True)

    venue_name = models.CharField(_("locatie"), max_length=200, blank=True, help_text=_("Leeg bij online."))
    venue_address = models.TextField(_("adres"), blank=True)
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_(
            "Alleen zichtbaar voor bevestigde deelnemers (in hun bevestiging, herinnering en eigen overzicht)."
        ),
    )

    audience_kind = models.CharField(
        _("wie mag zich inschrijven"),
        max_length=16,
        choices=RegionAudience.choices,
        default=RegionAudience.ALL,
        help_text=_("Bij “alleen de gekozen regio's” kunnen alleen mensen uit die regio's zich inschrijven."),
    )
    audience_regions = ParentalManyToManyField(
        "accounts.Organisation",
        verbose_name=_("gekozen regio's"),
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "region"},
        help_text=_("Alleen van belang bij “alleen de gekozen regio's”."),
    )
    audience_roles = models.CharField(
        _("voor wie"), max_length=255, blank=True, help_text=_("Bijvoorbeeld: beleidsmedewerkers en aanbieders.")
    )
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), null=True, blank=True, help_text=_("Leeg: onbeperkt."))
    max_per_region = models.PositiveIntegerField(
        _("maximum per regio"),
        null=True,
        blank=True,
        help_text=_("Zo kan één regio een atelier voor iedereen niet vullen. Leeg: geen maximum."),
    )
    waiting_list_mode = models.CharField(
        _("wachtlijst"),
        max_length=16,
        choices=WaitingListMode.choices,
        default=WaitingListMode.AUTOMATIC,
        help_text=_("Wat er gebeurt als de bijeenkomst (of het deel van een regio) vol is en er een plaats vrijkomt."),
    )
    offer_hours = models.PositiveIntegerField(
        _("bedenktijd (uren)"),
        default=24,
        validators=[
            MinValueValidator(1, _("De bedenktijd is minstens 1 uur.")),
            MaxValueValidator(24 * 30, _("De bedenktijd is hoogstens 720 uur (30 dagen).")),
        ],
        help_text=_(
            "Alleen bij een wachtlijst met aanbod: binnen zoveel uur moet wie een plaats aangeboden krijgt die "
            "bevestigen, anders gaat de plaats naar de volgende."
        ),
    )
    registration_opens_at = models.DateTimeField(_("inschrijving opent"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("inschrijving sluit"), null=True, blank=True, help_text=_("Leeg: bij het begin van de bijeenkomst.")
    )

    organiser = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)

    themes = ParentalManyToManyField(
        "knowledge.MainTheme", verbose_name=_("thema's"), blank=True, related_name="events"
    )
    related_projects = ParentalManyToManyField(
        "knowledge.ProjectPage", verbose_name=_("gerelateerde projecten"), blank=True, related_name="events"
    )
    related_practices = ParentalManyToManyField(
        "knowledge.BestPracticePage",
        verbose_name=_("gerelateerde goede voorbeelden"),
        blank=True,
        related_name="events",
    )

    accreditation_points = models.DecimalField(
        _("accreditatiepunten"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Bijvoorbeeld voor het Kwaliteitsregister Jeugd (SKJ). Staan op het aanwezigheidscertificaat."),
    )
    accreditation_register = models.CharField(
        _("register"),
        max_length=120,
        blank=True,
        default="Kwaliteitsregister Jeugd (SKJ)",
        help_text=_("Het register waarvoor de punten gelden."),
    )

    outcomes = RichTextField(_("leeropbrengsten"), blank=True, features=RICH_TEXT_FEATURES)
    materials = StreamField(MaterialsBlock(), verbose_name=_("materialen"), blank=True)
    produced_items = StreamField(ProducedItemsBlock(), verbose_name=_("opgeleverde kennis"), blank=True)

    cancelled = models.BooleanField(
        _("gaat niet door"),
        default=False,
        help_text=_(
            "Bij publiceren krijgt iedereen die ingeschreven is of op de wachtlijst staat bericht, met een bijlage die "
            "de afspraak uit de agenda haalt."
        ),
    )
    # Raised when the time, date, venue or online link changes (or the event is cancelled); registrants are
    # e-mailed on publish while `schedule_version_notified` is lower (see services.notify_registrants_of_change).
    schedule_version = models.PositiveIntegerField(default=0, editable=False)
    schedule_version_notified = models.PositiveIntegerField(default=0, editable=False)

    sequence = models.PositiveIntegerField(
        _("versie in agenda's"),
        default=0,
        editable=False,
        help_text=_("Telt op wanneer tijd of plaats verandert, zodat agenda's de wijziging overnemen."),
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("outcomes"),
        index.SearchField("programme"),  # titles, descriptions and speakers of the programme items
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("kind"),
    ]
    content_panels = BasePage.content_panels + [
        *MainImageMixin.main_image_panels,
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Wanneer")),
        FieldPanel("cancelled"),
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("venue_address"), FieldPanel("online_url")], heading=_("Waar")
        ),
        FieldPanel("body"),
        FieldPanel("programme"),
        MultiFieldPanel(
            [
                FieldPanel("audience_kind"),
                FieldPanel("audience_regions"),
                FieldPanel("audience_roles"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("max_per_region")]),
                FieldRowPanel([FieldPanel("waiting_list_mode"), FieldPanel("offer_hours")]),
                FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
                FieldRowPanel([FieldPanel("accreditation_points"), FieldPanel("accreditation_register")]),
            ],
            heading=_("Doelgroep en inschrijving"),
        ),
        InlinePanel("questions", heading=_("Vragen op het inschrijfformulier"), label=_("vraag")),
        MultiFieldPanel(
            [FieldPanel("organiser"), FieldPanel("contact_name"), FieldPanel("contact_email")],
            heading=_("Organisatie"),
        ),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("related_projects"), FieldPanel("related_practices")],
            heading=_("Verbanden"),
        ),
        MultiFieldPanel(
            [FieldPanel("outcomes"), FieldPanel("materials"), FieldPanel("produced_items")],
            heading=_("Na afloop"),
        ),
    ]
    parent_page_types = ["events.EventIndexPage"]

    objects = PageManager.from_queryset(EventQuerySet)()
    subpage_types = []
    base_form_class = EventPageForm
    # Privacy guard (home/privacy.py): the venue is a public place and the online link goes only to confirmed
    # participants; the contact e-mail is the organiser's functional mailbox.
    privacy_exempt_fields = ("venue_address", "online_url")
    privacy_contact_fields = {"email": "contact_email"}

    # A change to one of these makes calendars update their copy (RFC 5545 SEQUENCE).
    SEQUENCE_FIELDS = ("title", "start", "end", "venue_name", "venue_address", "online_url", "cancelled")
    # A change to one of these is e-mailed to the registrants when the page is published.
    NOTICE_FIELDS = ("start", "end", "venue_name", "venue_address", "online_url", "cancelled")

    class Meta:
        verbose_name = _("kennisatelier")
        verbose_name_plural = _("kennisateliers")

    def clean(self):

        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("Het einde ligt voor het begin.")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes < opens:
            errors["registration_closes_at"] = _("De inschrijving sluit voordat ze opent.")
        if self.capacity and self.max_per_region and self.max_per_region > self.capacity:
            errors["max_per_region"] = _("Het maximum per regio is groter dan het aantal plaatsen.")
        if self.waiting_list_mode == WaitingListMode.OFFER and not self.offer_hours:
            errors["offer_hours"] = _("Geef op binnen hoeveel uur een aangeboden plaats bevestigd moet worden.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or set(update_fields) & set(self.SEQUENCE_FIELDS)):
            old = (
                EventPage.objects.filter(pk=self.pk)
                .values(*self.SEQUENCE_FIELDS, "sequence", "schedule_version")
                .first()
            )
            if old is not None:
                changed = any(old[name] != getattr(self, name) for name in self.SEQUENCE_FIELDS)
                self.sequence = max(self.sequence, old["sequence"]) + (1 if changed else 0)
                moved = any(old[name] != getattr(self, name) for name in self.NOTICE_FIELDS)
                self.schedule_version = max(self.schedule_version, old["schedule_version"]) + (1 if moved else 0)
                if update_fields is not None:
                    extra = [name for name in ("sequence", "schedule_version") if name not in update_fields]
                    kwargs["update_fields"] = list(update_fields) + extra
        return super().save(*args, **kwargs)

    # --- derived state -------------------------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["connections"] = remember_for_page(request, self, "event-connections", self.get_connections)
        return context

    def get_connections(self):
        """Themes, projects and practices under "Verbanden", as plain data: three queries, alike for everyone, so
        only pages every visitor may open."""
        return {
            "themes": [theme.name for theme in self.themes.all()],
            "projects": [{"title": p.title, "url": p.url} for p in public(self.related_projects.live())],
            "practices": [{"title": p.title, "url": p.url} for p in public(self.related_practices.live())],
        }

    @property
    def is_for_selected_regions(self) -> bool:
        return self.audience_kind == RegionAudience.SELECTED

    def allowed_regions(self):
        """The regions whose people may register: the chosen ones, or all 42."""

        regions = Organisation.objects.regions()
        if self.is_for_selected_regions:
            regions = regions.filter(pk__in=[region.pk for region in self.audience_regions.all()])
        return regions.order_by("name")

    def admits_region(self, region) -> bool:
        if region is None:
            return False
        if not self.is_for_selected_regions:
            return region.kind == "region"  # every one of the 42 (no query)
        return self.allowed_regions().filter(pk=region.pk).exists()

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not self.venue_name

    @property
    def effective_closes_at(self):
        return self.registration_closes_at or self.start

    def registration_state(self, now=None) -> str:
        now = now or timezone.now()
        if self.cancelled:
            return RegistrationState.CANCELLED
        if self.end < now:
            return RegistrationState.PAST
        if self.start <= now:
            return RegistrationState.CLOSED
        if self.registration_opens_at and now < self.registration_opens_at:
            return RegistrationState.NOT_OPEN
        if now >= self.effective_closes_at:
            return RegistrationState.CLOSED
        return RegistrationState.OPEN

    def is_past(self, now=None) -> bool:
        """In SQL: `EventPage.objects.past(now)` (and its opposite `upcoming(now)`)."""
        return self.end < (now or timezone.now())

    # --- routes ---------------------------------------------------------------------------------------------------

    @path("", name="detail")
    def detail(self, request):
        from .views import event_detail

        return event_detail(request, event=self)

    @re_path(r"^agenda\.ics/?$", name="ics")
    def calendar(self, request):
        from .views import event_calendar

        return event_calendar(request, event=self)

    @path("inschrijving/<str:token>/", name="registration")
    def registration(self, request, token):
        from .views import registration_detail

        return registration_detail(request, event=self, token=token)

    @path("inschrijving/<str:token>/wijzigen/", name="registration_edit")
    def registration_edit(self, request, token):
        from .views import registration_edit

        return registration_edit(request, event=self, token=token)

    @path("inschrijving/<str:token>/certificaat/", name="certificate")
    def certificate(self, request, token):
        from .views import certificate_download

        return certificate_download(request, event=self, token=token)


class EventQuestion(Orderable):
    """An extra question on one event's registration form (text, a choice or yes/no; required or not)."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("vraag"), max_length=200)
    kind = models.CharField(_("soort antwoord"), max_length=16, choices=QuestionKind.choices, default=QuestionKind.TEXT)
    choices = models.TextField(
        _("keuzes"), blank=True, help_text=_("Alleen bij “keuze uit een lijst”: één keuze per regel.")
    )
    required = models.BooleanField(_("verplicht"), default=False)
    help_text = models.CharField(_("toelichting"), max_length=255, blank=True)

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("choices"),
        FieldPanel("help_text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self):
        return self.label

    def clean(self):

        super().clean()
        if self.kind == QuestionKind.CHOICE and len(self.choice_list()) < 2:
            raise ValidationError({"choices": _("Geef minstens twee keuzes, één per regel.")})

    def choice_list(self) -> list[str]:
        return [line.strip() for line in (self.choices or "").splitlines() if line.strip()]

    @property
    def answer_key(self) -> str:
        return str(self.pk)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Bevestigd")
    WAITING = "waiting", _("Wachtlijst")
    # a place is held for someone from the waiting list until they confirm it (or `offer_expires_at` passes)
    OFFERED = "offered", _("Plaats aangeboden")
    CANCELLED = "cancelled", _("Geannuleerd")
    ATTENDED = "attended", _("Aanwezig")


# Statuses that have a place (entry, online link, check-in), statuses that take one of the event's places (an
# offered place is held until it is confirmed or expires), and statuses that count as an active registration for
# one e-mail address.
PLACE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)
HELD_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED, RegistrationStatus.OFFERED)
ACTIVE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.OFFERED,
)


class RegistrationRole(models.TextChoices):
    PROFESSIONAL = "professional", _("Jeugdprofessional")
    POLICY = "policy", _("Beleidsmedewerker")
    MANAGEMENT = "management", _("Management of bestuur")
    PURCHASING = "purchasing", _("Inkoop of contractmanagement")
    RESEARCH = "research", _("Onderzoek of onderwijs")
    OTHER = "other", _("Anders")


class Registration(models.Model):
    """One person's place (or waiting-list spot) at one event. Written only by `events.services`."""

    event = models.ForeignKey(
        EventPage, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="registrations"
    )
    token_id = models.UUIDField(_("sleutel"), default=uuid.uuid4, editable=False, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    email = models.EmailField(_("e-mailadres"))
    organisation_name = models.CharField(_("organisatie"), max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisatie (gekoppeld)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    region = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("regio"),
        on_delete=models.PROTECT,
        related_name="regional_event_registrations",
        limit_choices_to={"kind": "region"},
    )
    role = models.CharField(_("rol"), max_length=32, choices=RegistrationRole.choices)
    needs = models.TextField(_("toegankelijkheid of dieetwensen"), blank=True)
    consent_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)

    # answers to the event's own questions: {str(question id): text}; "ja"/"nee" for yes/no questions
    answers = models.JSONField(_("antwoorden"), default=dict, blank=True)

    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    waiting_position = models.PositiveIntegerField(_("plaats op de wachtlijst"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("aanbod geldig tot"), null=True, blank=True)
    # raised when the registrant changes their details, so their own calendar entry is replaced (SEQUENCE)
    details_version = models.PositiveIntegerField(default=0, editable=False)
    certificate_code = models.CharField(_("certificaatcode"), max_length=16, null=True, blank=True, unique=True)
    certificate_sent_at = models.DateTimeField(_("certificaat verstuurd op"), null=True, blank=True)

    created_at = models.DateTimeField(_("ingeschreven op"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    attended_at = models.DateTimeField(_("aanwezig gemeld op"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    anonymised = models.BooleanField(_("geanonimiseerd"), default=False)

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status"]), models.Index(fields=["event", "region", "status"])]
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=models.Q(status__in=ACTIVE_STATUSES, anonymised=False),
                name="events_one_active_registration_per_email",
            ),
        ]
        permissions = [("export_registration", _("Kan inschrijvingen exporteren"))]

    def __str__(self):
        return f"{self.name} – {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def holds_place(self) -> bool:
        return self.status in PLACE_STATUSES

    @property
    def calendar_sequence(self) -> int:
        """SEQUENCE of this registrant's own copy: the event's changes plus their own (both only rise)."""
        return self.event.sequence + self.details_version


class CapacityNotice(models.Model):
    """Editors were told that an event reached this share of its capacity (once per threshold)."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="capacity_notices")
    threshold = models.PositiveSmallIntegerField(_("drempel (%)"))
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        verbose_name = _("capaciteitsmelding")
        verbose_name_plural = _("capaciteitsmeldingen")
        constraints = [models.UniqueConstraint(fields=["event", "threshold"], name="events_one_notice_per_threshold")]

    def __str__(self):
        return f"{self.event} – {self.threshold}%"
