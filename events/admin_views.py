"""Wagtail admin views for registrations: editors see everything, region staff their own region, others nothing.

Every view reads through `events.selectors.registrations_visible_to`, so the page, the exports and the counts
can never show more than the user may see.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from home import exports as spreadsheet
from home.errors import add_to_form

from . import services
from .forms import CheckInForm, MessageForm
from .models import PLACE_STATUSES, EventPage, RegistrationStatus
from .selectors import (
    can_manage_registrations,
    can_view_registrations,
    registration_counts,
    registrations_visible_to,
)
from .services import RegistrationError

EXPORT_HEADERS = [
    gettext_lazy("Naam"),
    gettext_lazy("E-mailadres"),
    gettext_lazy("Organisatie"),
    gettext_lazy("Regio"),
    gettext_lazy("Rol"),
    gettext_lazy("Toegankelijkheid of dieetwensen"),
    gettext_lazy("Status"),
    gettext_lazy("Plaats op wachtlijst"),
    gettext_lazy("Ingeschreven op"),
    gettext_lazy("Aanwezig gemeld op"),
]


def _require_viewer(request):
    if not can_view_registrations(request.user):
        raise PermissionDenied


def _require_manager(request):
    if not can_manage_registrations(request.user):
        raise PermissionDenied


def _breadcrumbs(*items):
    return [{"url": reverse("wagtailadmin_home"), "label": _("Start")}] + [
        {"url": url, "label": label} for url, label in items
    ]


def event_list(request):
    _require_viewer(request)
    visible = registrations_visible_to(request.user)
    stats = {
        row["event"]: row
        for row in visible.order_by()
        .values("event")
        .annotate(
            confirmed=Count("pk", filter=Q(status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED])),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
            attended=Count("pk", filter=Q(status=RegistrationStatus.ATTENDED)),
        )
    }
    events = list(EventPage.objects.order_by("-start"))
    for event in events:
        event.stats = stats.get(event.pk, {"confirmed": 0, "waiting": 0, "attended": 0})
    return TemplateResponse(
        request,
        "events/admin/event_list.html",
        {
            "events": events,
            "page_title": _("Inschrijvingen"),
            "header_icon": "date",
            "breadcrumbs_items": _breadcrumbs((None, _("Inschrijvingen"))),
            "is_editor": can_manage_registrations(request.user),
        },
    )


def registration_list(request, event_id):
    _require_viewer(request)
    event = get_object_or_404(EventPage, pk=event_id)
    registrations = registrations_visible_to(request.user, event=event)
    counts = registration_counts(registrations)
    status = request.GET.get("status", "")
    if status in RegistrationStatus.values:
        registrations = registrations.filter(status=status)
    registrations = registrations.order_by("status", "waiting_position", "created_at", "pk")
    return TemplateResponse(
        request,
        "events/admin/registration_list.html",
        {
            "event": event,
            "registrations": registrations,
            "counts": counts,
            "status": status,
            "statuses": RegistrationStatus.choices,
            "can_manage": can_manage_registrations(request.user),
            "page_title": _("Inschrijvingen"),
            "page_subtitle": event.title,
            "header_title": f"{_('Inschrijvingen')}: {event.title}",
            "header_icon": "date",
            "breadcrumbs_items": _breadcrumbs(
                (reverse("events_admin:event_list"), _("Inschrijvingen")), (None, event.title)
            ),
        },
    )


def export(request, event_id, fmt):
    _require_viewer(request)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    event = get_object_or_404(EventPage, pk=event_id)
    visible = registrations_visible_to(request.user, event=event).order_by("status", "waiting_position", "created_at")
    questions = list(event.questions.all())
    rows = [
        [
            r.name,
            r.email,
            r.organisation_name,
            r.region.name,
            r.get_role_display(),
            r.needs,
            r.get_status_display(),
            r.waiting_position,
            r.created_at,
            r.attended_at,
            *[answer for _question, answer in services.answer_rows(event, r, questions)],
        ]
        for r in visible
    ]
    return spreadsheet.response(
        headers=[str(h) for h in EXPORT_HEADERS] + [question.label for question in questions],
        rows=rows,
        fmt=fmt,
        filename=f"inschrijvingen-{event.slug}",
        title=_("Inschrijvingen"),
    )


@require_POST
def attendance(request, event_id, registration_id):
    _require_manager(request)
    registration = get_object_or_404(registrations_visible_to(request.user), pk=registration_id, event_id=event_id)
    attended = request.POST.get("attended") == "1"
    try:
        services.set_attendance(registration=registration, attended=attended, user=request.user)
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        if attended:
            messages.success(request, _("%(name)s is als aanwezig gemeld.") % {"name": registration.name})
        else:
            messages.success(request, _("Aanwezigheid van %(name)s is teruggedraaid.") % {"name": registration.name})
    return redirect(reverse("events_admin:registrations", args=[event_id]) + f"#registration-{registration.pk}")


def _back_to_list(event_id, registration_id):
    return redirect(reverse("events_admin:registrations", args=[event_id]) + f"#registration-{registration_id}")


@require_POST
def cancel(request, event_id, registration_id):
    _require_manager(request)
    registration = get_object_or_404(registrations_visible_to(request.user), pk=registration_id, event_id=event_id)
    try:
        promoted = services.cancel_registration(registration=registration, user=request.user)
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("De inschrijving van %(name)s is geannuleerd.") % {"name": registration.name})
        for person in promoted:
            messages.info(request, _("%(name)s heeft de vrijgekomen plaats gekregen.") % {"name": person.name})
    return _back_to_list(event_id, registration.pk)


@require_POST
def confirm(request, event_id, registration_id):
    _require_manager(request)
    registration = get_object_or_404(registrations_visible_to(request.user), pk=registration_id, event_id=event_id)
    try:
        services.confirm_from_waiting_list(registration=registration, user=request.user)
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s heeft een plaats gekregen.") % {"name": registration.name})
    return _back_to_list(event_id, registration.pk)


@never_cache
def attendance_sheet(request, event_id):
    """A printable list to sign at the door: everyone with a place, by name. Personal data: never cached."""
    _require_manager(request)
    event = get_object_or_404(EventPage, pk=event_id)
    registrations = (
        registrations_visible_to(request.user, event=event)
        .filter(status__in=PLACE_STATUSES, anonymised=False)
        .select_related("region")
        .order_by("name", "pk")
    )
    response = TemplateResponse(
        request, "events/admin/attendance_sheet.html", {"event": event, "registrations": registrations}
    )
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def check_in(request, event_id):
    """At the door, on a phone: type or scan a check-in code and the person is marked present."""
    _require_manager(request)
    event = get_object_or_404(EventPage, pk=event_id)
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.check_in(event=event, code=form.cleaned_data["code"], user=request.user)
        except RegistrationError as error:
            messages.error(request, error.message)
        else:
            name = result.registration.name
            if result.already:
                at = formats.time_format(timezone.localtime(result.registration.attended_at), "H:i")
                messages.warning(request, _("%(name)s: al ingecheckt om %(time)s.") % {"name": name, "time": at})
            else:
                messages.success(request, _("%(name)s is ingecheckt.") % {"name": name})
        return redirect("events_admin:check_in", event.pk)
    counts = registration_counts(registrations_visible_to(request.user, event=event))
    response = TemplateResponse(
        request,
        "events/admin/check_in.html",
        {
            "event": event,
            "form": form,
            "counts": counts,
            "page_title": _("Inchecken"),
            "header_title": f"{_('Inchecken')}: {event.title}",
            "header_icon": "tick",
            "breadcrumbs_items": _breadcrumbs(
                (reverse("events_admin:event_list"), _("Inschrijvingen")),
                (reverse("events_admin:registrations", args=[event.pk]), event.title),
                (None, _("Inchecken")),
            ),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


def message(request, event_id):
    _require_manager(request)
    event = get_object_or_404(EventPage, pk=event_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.email_confirmed_registrants(
                event=event, subject=form.cleaned_data["subject"], body=form.cleaned_data["body"], user=request.user
            )
        except RegistrationError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Bericht verstuurd aan %(count)s deelnemers.") % {"count": sent})
            return redirect("events_admin:registrations", event_id)
    return TemplateResponse(
        request,
        "events/admin/message.html",
        {
            "event": event,
            "form": form,
            "page_title": _("Bericht aan deelnemers"),
            "header_title": f"{_('Bericht aan deelnemers')}: {event.title}",
            "header_icon": "mail",
            "breadcrumbs_items": _breadcrumbs(
                (reverse("events_admin:event_list"), _("Inschrijvingen")),
                (reverse("events_admin:registrations", args=[event.pk]), event.title),
                (None, _("Bericht aan deelnemers")),
            ),
        },
    )
