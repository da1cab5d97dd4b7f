from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


class OrganisationKind(models.TextChoices):
    REGION = "region", _("Jeugdzorgregio")
    MUNICIPALITY = "municipality", _("Gemeente")
    PROVIDER = "provider", _("Zorgaanbieder")
    KNOWLEDGE_INSTITUTE = "knowledge_institute", _("Kennisinstituut")
    OTHER = "other", _("Anders")


class OrganisationQuerySet(models.QuerySet):
    def regions(self):
        return self.filter(kind=OrganisationKind.REGION)

    def providers(self):
        return self.filter(kind=OrganisationKind.PROVIDER)

    def municipalities(self):
        return self.filter(kind=OrganisationKind.MUNICIPALITY)


class ProviderSegment(models.Model):
    """A purchasing segment of the region (e.g. specialist youth care, youth protection)."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("inkoopsegment")
        verbose_name_plural = _("inkoopsegmenten")

    def __str__(self):
        return self.name


class Organisation(index.Indexed, models.Model):
    """One source for regions, municipalities, providers and institutes.

    The taxonomy's region facet points at organisations of kind region: there is no second list.
    """

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("soort"), max_length=32, choices=OrganisationKind.choices)
    region = models.ForeignKey(
        "self",
        verbose_name=_("regio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members_of_region",
        limit_choices_to={"kind": OrganisationKind.REGION},
        help_text=_("De jeugdzorgregio waartoe een gemeente of aanbieder behoort."),
    )
    segments = models.ManyToManyField(
        ProviderSegment, verbose_name=_("inkoopsegmenten"), blank=True, related_name="organisations"
    )
    is_contracted = models.BooleanField(
        _("gecontracteerd"), default=False, help_text=_("Gecontracteerde aanbieder van de regio.")
    )
    website = models.URLField(_("website"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("kind")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self):
        return self.name

    def clean(self):
        if self.region_id and self.kind == OrganisationKind.REGION:
            raise ValidationError({"region": _("Een jeugdzorgregio valt niet onder een andere regio.")})
        if self.kind == OrganisationKind.MUNICIPALITY and not self.region_id:
            raise ValidationError({"region": _("Kies de jeugdzorgregio van deze gemeente.")})

    @property
    def is_region(self):
        return self.kind == OrganisationKind.REGION

    @property
    def municipalities(self):
        return self.members_of_region.filter(kind=OrganisationKind.MUNICIPALITY)


class MemberRole(models.TextChoices):
    MEMBER = "member", _("Medewerker")
    REGION_STAFF = "region_staff", _("Regiomedewerker")
    EDITOR = "editor", _("Redacteur")


class Membership(models.Model):
    """A person belongs to one or more organisations, each with a role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=32, choices=MemberRole.choices, default=MemberRole.MEMBER)
    job_title = models.CharField(_("functie"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class EmailPreferences(models.Model):
    """Which optional e-mails a person wants; transactional mail is always sent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="email_preferences",
        verbose_name=_("gebruiker"),
    )
    proposal_opened = models.BooleanField(_("nieuwe consultaties op de adviestafel"), default=True)
    proposal_reminder = models.BooleanField(_("herinnering voordat een consultatie sluit"), default=True)
    replies = models.BooleanField(_("reacties op mijn inbreng"), default=True)
    reports = models.BooleanField(_("verslagen van afgeronde consultaties"), default=True)

    class Meta:
        verbose_name = _("e-mailvoorkeuren")
        verbose_name_plural = _("e-mailvoorkeuren")

    def __str__(self):
        return str(self.user)
