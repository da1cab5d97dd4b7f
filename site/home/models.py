from django.db import models
from django.http import Http404
from django.urls import Resolver404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES, BodyBlock
from .forms import PrivacyGuardedPageForm
from .images import MainImageMixin
from .privacy import PrivacyGuarded
from .request_scope import may_be_restricted, public, site_root_paths
from .slots import HOME_TEASERS


def _passes_on(specific_class, rest) -> bool:
    """Whether a page of this type hands ``rest`` of the path to its children as BasePage.route does: its own
    routing is ours, or Wagtail's routable pages' and none of its routes takes the path (then RoutablePageMixin
    passes it on too); only then may it be skipped without loading it as its specific type."""
    if specific_class.route is BasePage.route:
        return True
    if specific_class.route is not RoutablePageMixin.route or specific_class.resolve_subpage is not (
        RoutablePageMixin.resolve_subpage
    ):
        return False
    try:
        specific_class.get_resolver().resolve("/" + "/".join(rest) + "/")
    except Resolver404:
        return True
    return False


def _specific_for_serving(page, specific_class):
    """``page.specific``, with the foreign keys its template shows (``serve_select_related``) in the same query."""
    related = getattr(specific_class, "serve_select_related", ())
    if not related:
        return page.specific
    specific = specific_class.objects.select_related(*related).get(pk=page.pk)
    for key, value in page.__dict__.items():  # what routing put on the page, as Page.specific keeps it
        specific.__dict__.setdefault(key, value)
    return specific


class BasePage(PrivacyGuarded, Page):
    """Fields every public page shares: a summary for listings, search snippets and Open Graph.

    Every page type is privacy-guarded here (home/privacy.py): `clean()` refuses a pattern of personal data in any
    text field, the promote tab (slug, seo_title, search_description), every StreamField block, inline children,
    and the titles of attached or linked documents. Wagtail's `Page.save()` and `save_revision()` run
    `full_clean()`, so the admin, `import_markdown` and pages created in code all pass through it. A page type
    declares `privacy_exempt_fields` (never published as such, or a public place) and `privacy_contact_fields`
    (the designated contact, checked as an office number and a functional mailbox instead)."""

    summary = models.TextField(
        _("samenvatting"),
        blank=True,
        max_length=600,
        help_text=_("Eén tot drie zinnen voor overzichten en zoekresultaten."),
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]
    content_panels = Page.content_panels + [FieldPanel("summary")]
    base_form_class = PrivacyGuardedPageForm

    class Meta:
        abstract = True

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        """Site root paths once per request for every page URL, also ``page.url`` without a request (result lists):
        Wagtail would ask the cache again for each page it has no request for."""
        scoped = site_root_paths() if not kwargs else None
        if scoped is not None:
            return scoped
        return super()._get_site_root_paths(cache_object, **kwargs)

    def route(self, request, path_components):
        """Wagtail's routing with the whole chain of pages read in one query (by ``url_path``) instead of two queries
        per level (the child by slug, then its specific page). A page type with its own ``route`` (routable pages)
        still gets the rest of the path; only the page that answers is loaded as its specific type. When the chain
        does not match (a stale ``url_path``), Wagtail's own walk decides, so the answer is always Wagtail's."""
        if not path_components:
            return super().route(request, path_components)
        prefixes = [self.url_path + "/".join(path_components[: i + 1]) + "/" for i in range(len(path_components))]
        # A routable page on the way (an index with its own routes) hands the rest back here: the chain read for
        # the whole path already holds it.
        asked, found = getattr(request, "_kp_route_chain", ((), {}))
        if prefixes[-1] not in asked:
            found = {
                page.url_path: page
                for page in Page.objects.filter(url_path__in=prefixes, path__startswith=self.path, depth__gt=self.depth)
            }
            if request is not None:
                request._kp_route_chain = (frozenset(prefixes), found)
        parent = self
        for level, url_path in enumerate(prefixes):
            page = found.get(url_path)
            if page is None or page.depth != parent.depth + 1 or not page.path.startswith(parent.path):
                return super().route(request, path_components)
            page._cached_parent_obj = parent  # treebeard's get_parent() (breadcrumbs, the user bar) asks no query
            page._route_ancestors = [*getattr(parent, "_route_ancestors", ()), parent]
            specific_class = page.specific_class
            if specific_class is None:
                raise Http404
            rest = path_components[level + 1 :]
            if not rest or not _passes_on(specific_class, rest):
                return _specific_for_serving(page, specific_class).route(request, rest)
            parent = page
        raise Http404  # not reached: the last level always answers

    def breadcrumb_ancestors(self):
        """The ancestors for the breadcrumbs: those the routing read already, else one query."""
        ancestors = getattr(self, "_route_ancestors", None)
        return ancestors if ancestors is not None else list(self.get_ancestors())

    def get_view_restrictions(self):
        """Wagtail reads the page's ancestors and their restrictions for every page it serves (two queries); the
        restricted sections read once per request tell when there can be none."""
        if self.alias_of_id is None and not may_be_restricted(self.path):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_context(self, request, *args, **kwargs):
        scoped = site_root_paths()
        if scoped is not None:  # Wagtail's own pages (breadcrumb ancestors) look on the request for them
            request._wagtail_cached_site_root_paths = scoped
        return super().get_context(request, *args, **kwargs)


class HomePage(BasePage):
    intro = RichTextField(_("introductie"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    max_count = 1
    # The standard page first: Wagtail's "add a child page" check (the editor's user bar) stops at the first type
    # that may still be added; each index page (max_count = 1) would cost a count query first.
    subpage_types = [
        "home.StandardPage",
        "knowledge.ProjectIndexPage",
        "knowledge.EvaluationIndexPage",
        "knowledge.PracticeIndexPage",
        "advisory.ProposalIndexPage",
        "events.EventIndexPage",
        "home.NewsIndexPage",
    ]

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Each app above this floor adds its own teaser (open proposals, upcoming events, latest practices).
        for name, teaser in HOME_TEASERS.items():
            context[name] = teaser(request)
        context["latest_news"] = public(NewsPage.objects.live()).order_by("-first_published_at")[:3]
        return context


class StandardPage(BasePage):
    """Plain content such as the privacy and accessibility statements.

    The contact (a role or department, an office number and a functional mailbox) is shown in its own block, so a
    statement can name whom to contact without a personal address in the text, which the guard refuses."""

    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)
    contact_role = models.CharField(
        _("contact: afdeling of rol"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: Programmabureau Jeugd of functionaris gegevensbescherming. Geen naam."),
    )
    contact_phone = models.CharField(
        _("contact: telefoonnummer"), max_length=40, blank=True, help_text=_("Een vast nummer van de organisatie.")
    )
    contact_email = models.EmailField(
        _("contact: e-mailadres"), blank=True, help_text=_("Een functioneel adres, zoals privacy@ of info@.")
    )

    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("contact_role"), FieldPanel("contact_phone"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
    ]
    subpage_types = ["home.StandardPage"]
    privacy_contact_fields = {"phone": "contact_phone", "email": "contact_email"}

    class Meta:
        verbose_name = _("standaardpagina")


class NewsIndexPage(BasePage):
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]

    class Meta:
        verbose_name = _("nieuwsoverzicht")

    def get_news(self):
        return public(NewsPage.objects.child_of(self).live()).order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        from .pagination import paginate_counted

        context = super().get_context(request, *args, **kwargs)
        context["page_obj"] = paginate_counted(request, self.get_news(), per_page=12)
        return context


class NewsPage(MainImageMixin, BasePage):
    date = models.DateField(_("datum"))
    body = StreamField(BodyBlock(), verbose_name=_("inhoud"), blank=True)

    search_fields = BasePage.search_fields + [index.SearchField("body"), index.FilterField("date")]
    content_panels = BasePage.content_panels + [
        *MainImageMixin.main_image_panels,
        FieldPanel("date"),
        FieldPanel("body"),
    ]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("nieuwsbericht")
        verbose_name_plural = _("nieuwsberichten")


class OutgoingEmail(models.Model):
    """An e-mail on its way out (home/outbox.py): stored with the work that caused it, delivered by the task worker.

    Kept until it was delivered (and ``EMAIL_OUTBOX_KEEP_DAYS`` after), retried with backoff while the mail server
    is down or refuses; nothing is lost with a mail server that is away and nothing is sent twice.
    """

    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    sender = models.CharField(_("afzender"), max_length=320)
    recipients = models.JSONField(_("ontvangers"), default=list)
    message = models.BinaryField(_("bericht (RFC 5322)"))
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), db_index=True)
    claimed_until = models.DateTimeField(_("in behandeling tot"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True, db_index=True)
    failed_at = models.DateTimeField(_("opgegeven op"), null=True, blank=True)
    last_error = models.CharField(_("laatste fout"), max_length=200, blank=True)
    # "<task result id>:<n>" for the n-th message a background task stored: a task run again after its worker was
    # killed (home.tasks.requeue_stale_tasks) stores each of its messages once (home/outbox.py).
    task_key = models.CharField(_("taaksleutel"), max_length=80, null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        ordering = ["created_at"]

    def __str__(self):
        return f"e-mail {self.pk} ({'verzonden' if self.sent_at else 'in de wachtrij'})"
