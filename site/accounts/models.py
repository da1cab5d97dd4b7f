from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from home.privacy import PrivacyGuarded


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


class ProviderSegment(PrivacyGuarded, models.Model):
    """A purchasing segment of the region (e.g. specialist youth care, youth protection)."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("inkoopsegment")
        verbose_name_plural = _("inkoopsegmenten")

    def __str__(self):
        return self.name


class Organisation(PrivacyGuarded, index.Indexed, models.Model):
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
        super().clean()  # the privacy guard: organisation names are published
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


class Invitation(models.Model):
    """An editor invited a person to join an organisation; the e-mail holds a one-time set-password link.

    The membership (with ``role``) exists only once the invitee followed the link: an invitation, or an approved
    access request, sent to a wrong or mistyped address gives nobody access.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="invitations"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgenodigd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("rol"), max_length=32, choices=MemberRole.choices, default=MemberRole.MEMBER)
    created_at = models.DateTimeField(_("uitgenodigd op"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self):
        return f"{self.user.email} – {self.organisation}"


class AccessRequestStatus(models.TextChoices):
    PENDING = "pending", _("In behandeling")
    APPROVED = "approved", _("Goedgekeurd")
    REJECTED = "rejected", _("Afgewezen")


class AccessRequest(models.Model):
    """Someone asked for an account; an editor approves (which sends an invitation) or rejects it."""

    first_name = models.CharField(_("voornaam"), max_length=150)
    last_name = models.CharField(_("achternaam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.CASCADE,
        related_name="access_requests",
        limit_choices_to={"kind": OrganisationKind.PROVIDER},
    )
    job_title = models.CharField(_("functie"), max_length=120, blank=True)
    motivation = models.TextField(_("toelichting"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AccessRequestStatus.choices, default=AccessRequestStatus.PENDING
    )
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("besloten door"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("toegangsaanvraag")
        verbose_name_plural = _("toegangsaanvragen")

    def __str__(self):
        return f"{self.email} – {self.organisation}"


class EmailVerification(models.Model):
    """The address a person last proved to own, by following a link sent to it (invitation or password reset).

    Data kept under an e-mail address rather than an account (event registrations) is shown to the account only
    while its current address is the verified one: an address changed afterwards is not trusted until proven.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="email_verification",
    )
    email = models.EmailField(_("geverifieerd e-mailadres"))
    verified_at = models.DateTimeField(_("geverifieerd op"))

    class Meta:
        verbose_name = _("e-mailverificatie")
        verbose_name_plural = _("e-mailverificaties")

    def __str__(self):
        return self.email
