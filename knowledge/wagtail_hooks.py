from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, StatusFlagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import selectors
from .taxonomy import ActionLine, EvidenceLevel, MainTheme, OnsVerhaalPrinciple, Phase, PracticeKind, SubTheme


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class ActionLineViewSet(TaxonomyViewSet):
    model = ActionLine
    icon = "list-ol"
    list_display = ["number", "name", "slug"]


class MainThemeViewSet(TaxonomyViewSet):
    model = MainTheme
    icon = "tag"
    list_display = ["name", "action_line", "slug"]
    list_filter = ["action_line"]


class SubThemeViewSet(TaxonomyViewSet):
    model = SubTheme
    icon = "tag"
    list_display = ["name", "theme", "slug"]
    list_filter = ["theme__action_line"]


class PhaseViewSet(TaxonomyViewSet):
    model = Phase
    icon = "time"


class PracticeKindViewSet(TaxonomyViewSet):
    model = PracticeKind
    icon = "pick"


class EvidenceLevelViewSet(TaxonomyViewSet):
    model = EvidenceLevel
    icon = "success"


class OnsVerhaalPrincipleViewSet(TaxonomyViewSet):
    model = OnsVerhaalPrinciple
    icon = "openquote"


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomie")
    menu_icon = "folder-inverse"
    menu_order = 300
    items = (
        ActionLineViewSet,
        MainThemeViewSet,
        SubThemeViewSet,
        PhaseViewSet,
        PracticeKindViewSet,
        EvidenceLevelViewSet,
        OnsVerhaalPrincipleViewSet,
    )


register_snippet(TaxonomyGroup)


# --- Editors' reminders: case evaluations past their review date, practices past re-assessment -----------------


def _user_is_editor(user):
    from accounts.permissions import is_editor

    return is_editor(user)


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return _user_is_editor(request.user)


class _DueReportView(ReportView):
    header_icon = "date"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not _user_is_editor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def get_queryset(self):
        return self.get_base_queryset()


class EvaluationsPastReviewView(_DueReportView):
    page_title = _("Casusevaluaties voorbij de herzieningsdatum")
    index_url_name = "knowledge_evaluations_past_review"
    columns = [
        TitleColumn("title", label=_("Titel"), url_name="wagtailadmin_pages:edit"),
        DateColumn("review_date", label=_("Herzien vóór")),
        StatusFlagColumn("live", label=_("Status"), true_label=_("gepubliceerd"), false_label=_("concept")),
    ]

    def get_base_queryset(self):
        return selectors.evaluations_past_review()


class PracticesPastReassessmentView(_DueReportView):
    page_title = _("Goede voorbeelden voorbij de herbeoordelingsdatum")
    index_url_name = "knowledge_practices_past_reassessment"
    columns = [
        TitleColumn("title", label=_("Titel"), url_name="wagtailadmin_pages:edit"),
        Column("region", label=_("Regio")),
        Column("evidence_level", label=_("Bewijsniveau")),
        DateColumn("evidence_reassess_on", label=_("Herbeoordelen op")),
    ]

    def get_base_queryset(self):
        return selectors.practices_past_reassessment()


@hooks.register("register_admin_urls")
def register_due_report_urls():
    return [
        path(
            "rapporten/casusevaluaties-herzien/",
            EvaluationsPastReviewView.as_view(),
            name="knowledge_evaluations_past_review",
        ),
        path(
            "rapporten/goede-voorbeelden-herbeoordelen/",
            PracticesPastReassessmentView.as_view(),
            name="knowledge_practices_past_reassessment",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_evaluations_report_menu_item():
    return EditorsMenuItem(
        _("Casusevaluaties herzien"),
        reverse("knowledge_evaluations_past_review"),
        icon_name="date",
        order=800,
    )


@hooks.register("register_reports_menu_item")
def register_practices_report_menu_item():
    return EditorsMenuItem(
        _("Goede voorbeelden herbeoordelen"),
        reverse("knowledge_practices_past_reassessment"),
        icon_name="date",
        order=801,
    )


class ReviewDuePanel(Component):
    """Dashboard panel: how many case evaluations and practices need an editor's attention."""

    name = "knowledge_review_due"
    order = 150
    template_name = "knowledge/admin/review_due_panel.html"

    def get_context_data(self, parent_context):
        evaluations = list(selectors.evaluations_past_review()[:5])
        practices = list(selectors.practices_past_reassessment()[:5])
        return {
            "evaluations": evaluations,
            "evaluation_count": selectors.evaluations_past_review().count(),
            "practices": practices,
            "practice_count": selectors.practices_past_reassessment().count(),
        }


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    if _user_is_editor(request.user):
        panels.append(ReviewDuePanel())


# --- Case evaluations are published through the workflow only (a second editor approves) ---------------------


def _is_case_evaluation(page_or_class):
    from .models import CaseEvaluationPage

    cls = page_or_class if isinstance(page_or_class, type) else type(page_or_class.specific_deferred)
    return issubclass(cls, CaseEvaluationPage)


@hooks.register("construct_page_action_menu")
def hide_publish_for_case_evaluations(menu_items, request, context):
    page = context.get("page")
    page_class = type(page) if page is not None else None
    if page_class is not None and _is_case_evaluation(page_class):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


def _refuse_direct_publish(request, redirect_url):
    messages.error(
        request,
        _(
            "Een casusevaluatie wordt gepubliceerd nadat een tweede redacteur haar goedkeurt. "
            "Kies ‘Ter beoordeling indienen’."
        ),
    )
    return redirect(redirect_url)


@hooks.register("before_edit_page")
def block_direct_publish_on_edit(request, page):
    if request.method == "POST" and "action-publish" in request.POST and _is_case_evaluation(page):
        return _refuse_direct_publish(request, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


@hooks.register("before_create_page")
def block_direct_publish_on_create(request, parent_page, page_class):
    if request.method == "POST" and "action-publish" in request.POST and _is_case_evaluation(page_class):
        return _refuse_direct_publish(request, reverse("wagtailadmin_pages:add_subpage", args=[parent_page.pk]))
    return None
