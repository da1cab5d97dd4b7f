"""Public views behind the event pages' routes: thin, they parse a form, call one service and render."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation
from home import security
from home.errors import add_to_form
from home.request_scope import public

from . import services
from .forms import RegistrationDetailsForm, RegistrationForm
from .models import ACTIVE_STATUSES, PLACE_STATUSES, EventPage, RegistrationState, RegistrationStatus
from .selectors import full_regions, places_left
from .services import STATE_ERRORS, RegistrationError
from .tokens import make_token, registration_for_token

# (attempts, seconds) per client address
DEFAULT_RATE_LIMIT = (10, 600)


# The calendar (icalendar) and certificate (fpdf, fontTools) modules are some 25 MB in every worker, for the .ics
# and certificate files alone: the views below import them on first use, like home.exports' openpyxl (issue #18).


def rate_limited(request) -> bool:
    """Count this registration attempt for the client's address; True when it is over the limit."""
    limit, window = getattr(settings, "EVENT_REGISTRATION_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    return security.rate_limited("events-register", security.client_ip(request), limit=limit, window=window)


def registration_path(event, registration) -> str:
    return event.url + event.reverse_subpage("registration", kwargs={"token": make_token(registration)})


def _event_context(event, *, now) -> dict:
    counted = EventPage.objects.filter(pk=event.pk).with_counts().values("places_taken", "waiting_count").first()
    event.places_taken = counted["places_taken"]
    event.places_left = places_left(event)
    event.state = event.registration_state(now)
    return {
        "state": event.state,
        "places_left": event.places_left,
        "waiting_count": counted["waiting_count"],
        "is_past": event.is_past(now),
        "full_regions": full_regions(event) if event.max_per_region else [],
    }


def event_detail(request, *, event):
    now = timezone.now()
    status, refused = 200, ""
    state = event.registration_state(now)
    if request.method == "POST":
        form = RegistrationForm(request.POST, event=event)
        if state != RegistrationState.OPEN:
            # a form kept open in a tab after closing time (or a bot): say why, store nothing
            form, refused, status = RegistrationForm(event=event), STATE_ERRORS[state], 400
        elif rate_limited(request):
            form.is_valid()
            form.add_error(
                None,
                _("U heeft het formulier te vaak verstuurd. Probeer het over tien minuten opnieuw."),
            )
            status = 429
        elif form.is_spam():
            form.is_valid()
            form.add_error(
                None,
                _("Uw inschrijving kon niet worden verwerkt. Probeer het opnieuw of mail de contactpersoon."),
            )
            status = 400
        elif form.is_valid():
            data = form.cleaned_data
            organisation = Organisation.objects.filter(name__iexact=data["organisation_name"].strip()).first()
            try:
                services.register(
                    event=event,
                    name=data["name"],
                    email=data["email"],
                    organisation_name=data["organisation_name"],
                    organisation=organisation,
                    region=data["region"],
                    role=data["role"],
                    needs=data["needs"],
                    consent=data["consent"],
                    answers=form.answers(),
                    questions=form.questions,  # read once for the form; the service checks the answers again
                )
            except RegistrationError as error:
                add_to_form(form, error)
                status = 409 if error.code == "duplicate" else 400
            else:
                # No enumeration: the same answer whether or not the address was already registered. What
                # happened (a place, the waiting list, or "you were already registered") is in the e-mail.
                messages.success(
                    request,
                    _(
                        "Dank u. We hebben een e-mail gestuurd naar %(email)s. Daarin leest u of u een plaats heeft "
                        "of op de wachtlijst staat, met de link om uw inschrijving te bekijken of te annuleren."
                    )
                    % {"email": data["email"]},
                )
                return redirect(event.url)
        else:
            status = 400
    else:
        form = RegistrationForm(event=event)
    context = {"form": form, "refused": refused, **_event_context(event, now=now)}
    context["state_message"] = STATE_ERRORS.get(context["state"], "")
    response = event.render(request, context_overrides=context)
    response.status_code = status
    return response


def registration_detail(request, *, event, token):
    registration = registration_for_token(token, event=event)
    if registration is None:
        return TemplateResponse(
            request, "events/registration_invalid.html", {"page": event, "event": event}, status=404
        )
    if request.method == "POST" and request.POST.get("action") == "accept":
        try:
            services.accept_offer(registration=registration)
        except RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Uw plaats is bevestigd. U krijgt een bevestiging per e-mail."))
        return redirect(registration_path(event, registration))
    if request.method == "POST" and request.POST.get("action") == "cancel":
        was_waiting = registration.status == RegistrationStatus.WAITING
        try:
            services.cancel_registration(registration=registration)
        except RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("U staat niet meer op de wachtlijst.")
                if was_waiting
                else _("U bent afgemeld. Dank voor het doorgeven."),
            )
        return redirect(registration_path(event, registration))
    now = timezone.now()
    before_start = event.start > now and not event.cancelled
    context = {
        "page": event,
        "event": event,
        "registration": registration,
        "online_url": event.online_url if registration.status in PLACE_STATUSES else "",
        "can_cancel": registration.status
        in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING, RegistrationStatus.OFFERED)
        and event.start > now,
        "can_accept": registration.status == RegistrationStatus.OFFERED and before_start,
        "can_edit": registration.status in ACTIVE_STATUSES and before_start,
        "edit_url": _subpage_path(event, "registration_edit", registration),
        "has_certificate": registration.status == RegistrationStatus.ATTENDED and event.end <= now,
        "certificate_url": _subpage_path(event, "certificate", registration),
        "answers": services.answer_rows(event, registration),
        "state": event.registration_state(now),
        "RegistrationState": RegistrationState,
    }
    return _private(TemplateResponse(request, "events/registration_detail.html", context))


def _private(response):
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


def _subpage_path(event, name, registration) -> str:
    return event.url + event.reverse_subpage(name, kwargs={"token": make_token(registration)})


def _invalid_link(request, event):
    return TemplateResponse(request, "events/registration_invalid.html", {"page": event, "event": event}, status=404)


def registration_edit(request, *, event, token):
    """Registrants change their name, organisation, role, region (where the event allows it) and answers."""
    registration = registration_for_token(token, event=event)
    if registration is None:
        return _invalid_link(request, event)
    form = RegistrationDetailsForm(request.POST or None, registration=registration)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_registration(
                    registration=registration,
                    name=data["name"],
                    organisation_name=data["organisation_name"],
                    region=data["region"],
                    role=data["role"],
                    needs=data["needs"],
                    answers=form.answers(),
                )
            except RegistrationError as error:
                add_to_form(form, error)
                status = 400
            else:
                messages.success(
                    request, _("Uw gegevens zijn gewijzigd. U krijgt een bevestiging per e-mail, met de afspraak.")
                )
                return redirect(registration_path(event, registration))
        else:
            status = 400
    context = {"page": event, "event": event, "registration": registration, "form": form}
    response = _private(TemplateResponse(request, "events/registration_edit.html", context))
    response.status_code = status
    return response


def certificate_download(request, *, event, token):
    """The attendance certificate (PDF) through the signed link, once the event is over and the person was there."""
    from .certificates import certificate_filename, certificate_pdf  # noqa: PLC0415 - heavy, one path

    registration = registration_for_token(token, event=event)
    if registration is None:
        return _invalid_link(request, event)
    try:
        registration = services.issue_certificate(registration=registration)
    except RegistrationError as error:
        messages.error(request, error.message)
        return redirect(registration_path(event, registration))
    response = HttpResponse(certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(registration)}"'
    return _private(response)


def certificate_verify(request, *, index_page, code):
    """Public: anyone holding a certificate code can check that it was issued, for whom and for what."""
    from .certificates import points_text  # noqa: PLC0415 - heavy, one path

    code = (code or "").strip()
    registration = services.certificate_for_code(code) if code else None
    if code and registration is None and len(code) > 40:
        raise Http404
    context = {
        "page": index_page,
        "code": code,
        "registration": registration,
        "event": registration.event if registration else None,
        "points": points_text(registration.event) if registration else "",
    }
    response = TemplateResponse(
        request, "events/certificate_verify.html", context, status=404 if code and registration is None else 200
    )
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "no-store"
    return response


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_calendar(request, *, event):
    from .calendar import event_ics  # noqa: PLC0415 - heavy, one path

    return _ics_response(event_ics(event, url=event.get_full_url(request)), f"{event.slug}.ics")


def calendar_feed(request, *, index_page):
    from .calendar import feed_ics  # noqa: PLC0415 - heavy, one path

    events = list(public(EventPage.objects.child_of(index_page).live()).upcoming())
    root = index_page.get_full_url(request)
    urls = {event.pk: f"{root}{event.slug}/" for event in events}
    return _ics_response(feed_ics(events, name=index_page.title, urls=urls), "kennisateliers.ics")
