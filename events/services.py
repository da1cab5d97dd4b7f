"""Every write to registrations: one atomic transaction per call that locks the event row first.

Pattern from pretix: lock once, late, then re-check the rules (open window, the event's audience of regions,
duplicate e-mail, capacity in total and per region) against the committed state, and only then write. Input the
database would refuse (too long, a NUL character, no valid address) is refused first, in Dutch, per field.
On PostgreSQL the lock is `SELECT … FOR UPDATE` on the event's own row, so registrations and cancellations of one
event run one after another; on SQLite the database serialises all writers anyway. E-mails are enqueued as
django-tasks inside the same transaction (the database task backend stores them atomically with the registration);
the task checks, when it runs, that what the e-mail says is still true (`emails.stale_reason`).
"""

import datetime
import logging
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from accounts.models import Organisation, OrganisationKind
from home.errors import DomainError

from .models import (
    ACTIVE_STATUSES,
    HELD_STATUSES,
    PLACE_STATUSES,
    CapacityNotice,
    EventPage,
    QuestionKind,
    Registration,
    RegistrationRole,
    RegistrationState,
    RegistrationStatus,
    WaitingListMode,
)
from .tokens import CERTIFICATE_ALPHABET, registration_for_checkin_code

CAPACITY_THRESHOLDS = (80, 100)
REMINDER_HOURS = 48  # confirmed registrants are reminded this long before the start (send_event_reminders)
logger = logging.getLogger(__name__)


class RegistrationError(DomainError):
    """A registration rule refused the action (code "duplicate": the address is registered already)."""


STATE_ERRORS = {
    RegistrationState.NOT_OPEN: _("De inschrijving voor deze bijeenkomst is nog niet geopend."),
    RegistrationState.CLOSED: _("De inschrijving voor deze bijeenkomst is gesloten."),
    RegistrationState.PAST: _("Deze bijeenkomst is al geweest; inschrijven kan niet meer."),
    RegistrationState.CANCELLED: _("Deze bijeenkomst gaat niet door; inschrijven kan niet."),
}


# The longest text the database keeps for the free-text fields (`needs` is a TextField: the form's limit).
MAX_LENGTHS: dict[str, int] = {
    "name": Registration._meta.get_field("name").max_length or 0,
    "email": Registration._meta.get_field("email").max_length or 0,
    "organisation_name": Registration._meta.get_field("organisation_name").max_length or 0,
    "needs": 1000,
}
TOO_LONG = {
    "name": _("Uw naam is te lang: gebruik hoogstens %(limit)s tekens."),
    "email": _("Dit e-mailadres is te lang: een e-mailadres heeft hoogstens %(limit)s tekens."),
    "organisation_name": _("De naam van de organisatie is te lang: gebruik hoogstens %(limit)s tekens."),
    "needs": _("Uw wensen zijn te lang: gebruik hoogstens %(limit)s tekens."),
}
REQUIRED = {
    "name": _("Vul uw naam in."),
    "email": _("Vul uw e-mailadres in."),
    "organisation_name": _("Vul de naam van uw organisatie in."),
}


def _clean_person(**values: str) -> dict[str, str]:
    """Stripped values the database accepts, or a RegistrationError naming the field (nothing is stored)."""
    cleaned = {}
    for field, value in values.items():
        value = (value or "").strip()
        if "\x00" in value:
            raise RegistrationError(_("Dit veld bevat een ongeldig teken."), code="invalid", field=field)
        if not value and field in REQUIRED:
            raise RegistrationError(REQUIRED[field], code="required", field=field)
        if len(value) > MAX_LENGTHS[field]:
            message = TOO_LONG[field] % {"limit": MAX_LENGTHS[field]}
            raise RegistrationError(message, code="too_long", field=field)
        cleaned[field] = value
    try:
        validate_email(cleaned["email"])
    except ValidationError as exc:
        raise RegistrationError(_("Vul een geldig e-mailadres in."), code="invalid", field="email") from exc
    return cleaned


# --- the event's own questions ------------------------------------------------------------------------------------

ANSWER_MAX_LENGTH = 1000
YES, NO = "ja", "nee"


def question_field(question) -> str:
    return f"question_{question.pk}"


def clean_answers(event: EventPage, answers: dict, questions=None) -> dict[str, str]:
    """The answers to the event's questions as stored ({question id: text}), or a RegistrationError naming the
    form field of the first one the database or the editor's rules would refuse (nothing is stored)."""
    questions = list(event.questions.all()) if questions is None else questions
    cleaned = {}
    for question in questions:
        key, field = question.answer_key, question_field(question)
        value = answers.get(key, answers.get(field, ""))
        value = "" if value is None else str(value).strip()
        if "\x00" in value:
            raise RegistrationError(_("Dit veld bevat een ongeldig teken."), code="invalid", field=field)
        if not value:
            if question.required:
                message = _("Beantwoord de vraag “%(question)s”.") % {"question": question.label}
                raise RegistrationError(message, code="required", field=field)
            continue
        if len(value) > ANSWER_MAX_LENGTH:
            message = _("Uw antwoord op “%(question)s” is te lang: gebruik hoogstens %(limit)s tekens.") % {
                "question": question.label,
                "limit": ANSWER_MAX_LENGTH,
            }
            raise RegistrationError(message, code="too_long", field=field)
        allowed = (
            question.choice_list()
            if question.kind == QuestionKind.CHOICE
            else [YES, NO]
            if question.kind == QuestionKind.YES_NO
            else None
        )
        if allowed is not None and value not in allowed:
            message = _("Kies een van de mogelijkheden bij “%(question)s”.") % {"question": question.label}
            raise RegistrationError(message, code="invalid_choice", field=field)
        cleaned[key] = value
    return cleaned


def answer_rows(event: EventPage, registration: Registration, questions=None) -> list[tuple[str, str]]:
    """(question, answer) for every question of the event, in the form's order (for exports and the own view)."""
    questions = list(event.questions.all()) if questions is None else questions
    answers = registration.answers or {}
    return [(question.label, answers.get(question.answer_key, "")) for question in questions]


def audience_error(event: EventPage) -> str:
    names = ", ".join(region.name for region in event.allowed_regions())
    if not names:
        return str(_("Inschrijven voor deze bijeenkomst is niet mogelijk: er is nog geen regio gekozen."))
    return _("Deze bijeenkomst is alleen voor de regio's %(regions)s. Kies een van die regio's.") % {"regions": names}


def _lock_event(event_id: int) -> EventPage:
    """Lock the event's own row (not Wagtail's page row) until the transaction ends."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)


def _place_counts(event: EventPage) -> tuple[int, dict[int, int]]:
    """Places taken (or held for an offer) in total and per region, in one query."""
    per_region = dict(
        Registration.objects.filter(event=event, status__in=HELD_STATUSES)
        .values_list("region_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return sum(per_region.values()), per_region


def _has_place(event: EventPage, region_id: int, total: int, per_region: dict[int, int]) -> bool:
    if event.capacity is not None and total >= event.capacity:
        return False
    return event.max_per_region is None or per_region.get(region_id, 0) < event.max_per_region


def _renumber_waiting_list(event: EventPage) -> None:
    waiting = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by(
            "waiting_position", "created_at", "pk"
        )
    )
    changed = []
    for position, registration in enumerate(waiting, start=1):
        if registration.waiting_position != position:
            registration.waiting_position = position
            changed.append(registration)
    if changed:
        Registration.objects.bulk_update(changed, ["waiting_position"])


def _enqueue_mail(registration: Registration, kind: str) -> None:
    from .tasks import send_registration_email

    extra = {"details_version": registration.details_version} if kind == "details_changed" else {}
    send_registration_email.enqueue(registration_id=registration.pk, kind=kind, **extra)


def _notify_capacity(event: EventPage, total: int) -> None:
    """Tell editors once when the event reaches 80% and once when it reaches 100% of its places."""
    if not event.capacity:
        return
    from .tasks import send_capacity_notice

    for threshold in CAPACITY_THRESHOLDS:
        if total * 100 >= event.capacity * threshold:
            _, created = CapacityNotice.objects.get_or_create(event=event, threshold=threshold)
            if created:
                send_capacity_notice.enqueue(event_id=event.pk, threshold=threshold)


def _enqueue_offer_expiry(registration: Registration) -> None:
    """With a worker that can wait (the database backend), the offer is withdrawn right when it expires; the
    `expire_event_offers` command (cron) does the same for any backend and catches what a worker missed."""
    from .tasks import expire_offers_task

    backend = expire_offers_task.get_backend()
    if getattr(backend, "supports_defer", False):
        expire_offers_task.using(run_after=registration.offer_expires_at).enqueue(event_id=registration.event_id)


def _fill_places(event: EventPage, *, now: datetime.datetime) -> list[Registration]:
    """Give freed places to the waiting list, in order, as long as places (in total and for their region) allow.

    Automatic (and "off", for anyone still waiting from before): the person is confirmed. With offers: the place
    is held for them (`offered`) until `offer_hours` have passed; they confirm through their signed link.
    """
    offer = event.waiting_list_mode == WaitingListMode.OFFER
    total, per_region = _place_counts(event)
    promoted = []
    waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).order_by(
        "waiting_position", "created_at", "pk"
    )
    for registration in waiting:
        if event.capacity is not None and total >= event.capacity:
            break
        if not _has_place(event, registration.region_id, total, per_region):
            continue
        registration.waiting_position = None
        if offer:
            registration.status = RegistrationStatus.OFFERED
            registration.offer_expires_at = now + datetime.timedelta(hours=event.offer_hours)
            registration.save(update_fields=["status", "offer_expires_at", "waiting_position", "updated_at"])
            _enqueue_mail(registration, "offered")
            _enqueue_offer_expiry(registration)
        else:
            registration.status = RegistrationStatus.CONFIRMED
            registration.confirmed_at = now
            registration.save(update_fields=["status", "confirmed_at", "waiting_position", "updated_at"])
            _enqueue_mail(registration, "promoted")
        total += 1
        per_region[registration.region_id] = per_region.get(registration.region_id, 0) + 1
        promoted.append(registration)
    if promoted:
        if offer:
            log(
                instance=event,
                action="events.place_offered",
                user=None,
                data={"registrations": [r.pk for r in promoted]},
            )
        _renumber_waiting_list(event)
        _notify_capacity(event, total)
    return promoted


def _full_error(event: EventPage, region: Organisation, total: int) -> RegistrationError:
    """No waiting list: say whether the event is full or only the region's share of it."""
    if event.capacity is not None and total >= event.capacity:
        return RegistrationError(
            _("Deze bijeenkomst is vol en heeft geen wachtlijst. Inschrijven kan niet meer."), code="full"
        )
    return RegistrationError(
        _(
            "De plaatsen voor de regio %(region)s zijn vol (maximaal %(max)s per regio) en deze bijeenkomst heeft "
            "geen wachtlijst."
        )
        % {"region": region.name, "max": event.max_per_region},
        code="region_full",
        field="region",
    )


def _already_registered(registration: Registration, *, notify: bool) -> Registration:
    """The address already holds a place or waiting-list spot: nothing changes, and the visitor is told nothing.

    No enumeration: whoever types an address must not learn whether it is registered. The owner of the address
    gets an e-mail with their own link instead. The caller gets the existing registration back and must not show
    anything of it to the visitor (the form answers alike for every address).
    """
    if notify:
        _enqueue_mail(registration, "already_registered")
    return registration


def _check_consent_region_and_role(*, consent, region, role) -> None:
    if not consent:
        raise RegistrationError(
            _("Geef toestemming voor het verwerken van uw gegevens volgens de privacyverklaring."),
            code="consent",
            field="consent",
        )
    if region is None or region.kind != OrganisationKind.REGION:
        raise RegistrationError(_("Kies een van de 42 jeugdzorgregio's."), code="region", field="region")
    if role not in RegistrationRole.values:
        raise RegistrationError(_("Kies uw rol."), code="role", field="role")


def _next_waiting_position(event) -> int:
    """The end of the waiting list; the caller holds the event's lock, so no one else takes the same place."""
    last = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).aggregate(
        last=Max("waiting_position")
    )["last"]
    return (last or 0) + 1


def register(
    *,
    event: EventPage,
    name: str,
    email: str,
    organisation_name: str,
    region: Organisation,
    role: str,
    consent: bool,
    needs: str = "",
    organisation: Organisation | None = None,
    answers: dict | None = None,
    questions: list | None = None,
    now: datetime.datetime | None = None,
    notify: bool = True,
) -> Registration:
    """Register one person: confirmed while places are left (in total and for their region), else waiting list.

    `notify=False` (demo data only) skips the e-mails to the registrant and the editors. An address that is
    already registered for the event gets an e-mail and its existing registration is returned, unchanged.
    """
    now = now or timezone.now()
    person = _clean_person(name=name, email=email, organisation_name=organisation_name, needs=needs)
    email = person["email"]
    _check_consent_region_and_role(consent=consent, region=region, role=role)

    with transaction.atomic():
        event = _lock_event(event.pk)
        state = event.registration_state(now)
        if state != RegistrationState.OPEN:
            raise RegistrationError(STATE_ERRORS[RegistrationState(state)], code=state)
        if not event.admits_region(region):
            raise RegistrationError(audience_error(event), code="audience", field="region")
        cleaned_answers = clean_answers(event, answers or {}, questions)
        # A second registration with this address is caught by the partial unique constraint (one query less on
        # every registration than looking first); the IntegrityError branch below handles it.
        total, per_region = _place_counts(event)
        confirmed = _has_place(event, region.pk, total, per_region)
        if not confirmed and event.waiting_list_mode == WaitingListMode.OFF:
            raise _full_error(event, region, total)
        position = None if confirmed else _next_waiting_position(event)
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event,
                    name=person["name"],
                    email=email,
                    organisation_name=person["organisation_name"],
                    organisation=organisation,
                    region=region,
                    role=role,
                    needs=person["needs"],
                    answers=cleaned_answers,
                    consent_at=now,
                    status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITING,
                    waiting_position=position,
                    created_at=now,
                    confirmed_at=now if confirmed else None,
                )
        except IntegrityError as exc:
            existing = Registration.objects.filter(event=event, email__iexact=email, status__in=ACTIVE_STATUSES).first()
            if existing is None:
                raise RegistrationError(
                    _(
                        "Met dit e-mailadres is al iemand ingeschreven voor deze bijeenkomst. Kijk in uw e-mail "
                        "voor de bevestiging; daarin staat de link om uw inschrijving te bekijken."
                    ),
                    code="duplicate",
                    field="email",
                ) from exc
            return _already_registered(existing, notify=notify)
        if notify:
            _enqueue_mail(registration, "confirmed" if confirmed else "waiting")
            if confirmed:
                _notify_capacity(event, total + 1)
    return registration


def cancel_registration(
    *, registration: Registration, user=None, now: datetime.datetime | None = None
) -> list[Registration]:
    """Cancel a place or leave the waiting list; a freed place goes to the first who fits. Returns the promoted.

    `user`: an editor cancelling from the admin; the cancellation is then logged in the event's history.
    """
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == RegistrationStatus.CANCELLED:
            raise RegistrationError(_("Deze inschrijving is al geannuleerd."), code="already_cancelled")
        if current.status == RegistrationStatus.ATTENDED or event.start <= now:
            if user is not None:
                raise RegistrationError(
                    _("De bijeenkomst is al begonnen of %(name)s is ingecheckt; annuleren kan niet meer.")
                    % {"name": current.name},
                    code="started",
                )
            raise RegistrationError(
                _("De bijeenkomst is al begonnen; afmelden kan niet meer via deze link."), code="started"
            )
        was_confirmed = current.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
        current.status = RegistrationStatus.CANCELLED
        current.cancelled_at = now
        current.waiting_position = None
        current.offer_expires_at = None
        current.save(update_fields=["status", "cancelled_at", "waiting_position", "offer_expires_at", "updated_at"])
        _enqueue_mail(current, "cancelled")
        promoted = _fill_places(event, now=now) if was_confirmed and not event.cancelled else []
        if not was_confirmed:
            _renumber_waiting_list(event)
        if user is not None:
            log(
                instance=event,
                action="events.registration_cancelled",
                user=user,
                data={"registration": current.pk, "promoted": [r.pk for r in promoted]},
            )
    registration.refresh_from_db()
    return promoted


def confirm_from_waiting_list(
    *, registration: Registration, user=None, now: datetime.datetime | None = None
) -> Registration:
    """An editor gives someone on the waiting list a place, out of turn, under the same rules as a registration:
    the event must not have started and there must be a place in total and for the person's region. Logged."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status != RegistrationStatus.WAITING:
            message = _("%(name)s staat niet op de wachtlijst.") % {"name": current.name}
            raise RegistrationError(message, code="not_waiting")
        if event.cancelled or event.start <= now:
            raise RegistrationError(
                _("De bijeenkomst is al begonnen of gaat niet door; niemand kan nog een plaats krijgen."),
                code="started",
            )
        total, per_region = _place_counts(event)
        if event.capacity is not None and total >= event.capacity:
            raise RegistrationError(
                _("De bijeenkomst is vol (%(capacity)s plaatsen). Maak eerst een plaats vrij of verhoog het aantal.")
                % {"capacity": event.capacity},
                code="full",
            )
        if not _has_place(event, current.region_id, total, per_region):
            raise RegistrationError(
                _("De regio %(region)s heeft het maximum van %(max)s plaatsen bereikt.")
                % {"region": current.region.name, "max": event.max_per_region},
                code="region_full",
            )
        current.status = RegistrationStatus.CONFIRMED
        current.confirmed_at = now
        current.waiting_position = None
        current.save(update_fields=["status", "confirmed_at", "waiting_position", "updated_at"])
        _renumber_waiting_list(event)
        _enqueue_mail(current, "promoted")
        _notify_capacity(event, total + 1)
        if user is not None:
            log(instance=event, action="events.registration_confirmed", user=user, data={"registration": current.pk})
    registration.refresh_from_db()
    return current


def fill_places(*, event: EventPage, now: datetime.datetime | None = None) -> list[Registration]:
    """After an editor raised the capacity: promote whoever now fits. No-op once the event has started."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(event.pk)
        if event.start <= now or event.cancelled:
            return []
        return _fill_places(event, now=now)


def set_attendance(
    *, registration: Registration, attended: bool, user=None, now: datetime.datetime | None = None
) -> Registration:
    """Mark a confirmed registrant present at the door (or undo it); logged in the event's history."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.anonymised:
            raise RegistrationError(_("Deze inschrijving is geanonimiseerd."), code="anonymised")
        if attended:
            if current.status not in PLACE_STATUSES:
                raise RegistrationError(
                    _("Alleen bevestigde deelnemers kunnen als aanwezig worden gemeld."), code="not_confirmed"
                )
            current.status = RegistrationStatus.ATTENDED
            current.attended_at = current.attended_at or now
        else:
            if current.status != RegistrationStatus.ATTENDED:
                return current
            current.status = RegistrationStatus.CONFIRMED
            current.attended_at = None
        current.save(update_fields=["status", "attended_at", "updated_at"])
        if user is not None:
            log(
                instance=event,
                action="events.attendance",
                user=user,
                data={"registration": current.pk, "attended": attended},
            )
    return current


@dataclass(frozen=True)
class CheckIn:
    registration: Registration
    already: bool  # someone (perhaps another editor a moment ago) had checked this person in before


def check_in(*, event: EventPage, code: str, user=None, now: datetime.datetime | None = None) -> CheckIn:
    """Mark the holder of a check-in code present at the door of `event`.

    Only the registration's row is locked (`SELECT … FOR UPDATE`), so check-ins of different people run in
    parallel while two editors scanning the same person give one check-in: the second sees `already=True` and
    the time of the first. Logged in the event's history.
    """

    now = now or timezone.now()
    if not code or not code.strip():
        raise RegistrationError(_("Vul een incheckcode in."), code="empty", field="code")
    found = registration_for_checkin_code(code)
    if found is None:
        raise RegistrationError(
            _("Deze code is onbekend. Controleer de code in de bevestigingsmail."), code="unknown", field="code"
        )
    if found.event_id != event.pk:
        raise RegistrationError(_("Deze code hoort bij een andere bijeenkomst."), code="other_event", field="code")
    with transaction.atomic():
        current = Registration.objects.select_for_update().get(pk=found.pk)
        if current.status == RegistrationStatus.ATTENDED:
            return CheckIn(registration=current, already=True)
        if current.status == RegistrationStatus.WAITING:
            raise RegistrationError(
                _("%(name)s staat op de wachtlijst en heeft geen plaats.") % {"name": current.name},
                code="waiting",
                field="code",
            )
        if current.status == RegistrationStatus.OFFERED:
            raise RegistrationError(
                _("%(name)s heeft de aangeboden plaats nog niet bevestigd.") % {"name": current.name},
                code="offered",
                field="code",
            )
        if current.status == RegistrationStatus.CANCELLED:
            raise RegistrationError(
                _("De inschrijving van %(name)s is geannuleerd.") % {"name": current.name},
                code="cancelled",
                field="code",
            )
        current.status = RegistrationStatus.ATTENDED
        current.attended_at = now
        current.save(update_fields=["status", "attended_at", "updated_at"])
        log(
            instance=event,
            action="events.check_in",
            user=user,
            data={"registration": current.pk},
        )
    return CheckIn(registration=current, already=False)


def email_confirmed_registrants(*, event: EventPage, subject: str, body: str, user=None) -> int:
    """Send one message from the editors to everyone with a place; returns the number of e-mails queued."""
    from .tasks import send_event_message

    subject, body = subject.strip(), body.strip()
    if not subject or not body:
        raise RegistrationError(_("Vul een onderwerp en een tekst in."), code="empty")
    with transaction.atomic():
        ids = list(
            Registration.objects.filter(event=event, status__in=PLACE_STATUSES, anonymised=False).values_list(
                "pk", flat=True
            )
        )
        for pk in ids:
            send_event_message.enqueue(registration_id=pk, subject=subject, body=body)
        if user is not None:
            log(instance=event, action="events.message_sent", user=user, data={"subject": subject, "count": len(ids)})
    return len(ids)


def notify_registrants_of_change(*, event: EventPage, user=None, now: datetime.datetime | None = None) -> int:
    """After a publish: e-mail everyone registered or waiting once per change of time, date, venue or online link
    (an updated calendar entry, METHOD:REQUEST), or that the event was cancelled (METHOD:CANCEL).

    Idempotent: `schedule_version_notified` records the change that was announced. Nothing is sent for an event
    that has started (unless it is cancelled). Returns the number of e-mails queued; logged in the page history.
    """
    from .tasks import send_registration_email

    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(event.pk)
        version = event.schedule_version
        if version <= event.schedule_version_notified:
            return 0
        EventPage.objects.filter(pk=event.pk).update(schedule_version_notified=version)
        if event.start <= now and not event.cancelled:
            return 0
        kind = "event_cancelled" if event.cancelled else "updated"
        ids = list(
            Registration.objects.filter(
                event=event,
                status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING, RegistrationStatus.OFFERED),
                anonymised=False,
            ).values_list("pk", flat=True)
        )
        for pk in ids:
            send_registration_email.enqueue(registration_id=pk, kind=kind, version=version)
        log(instance=event, action="events.change_notice", user=user, data={"kind": kind, "count": len(ids)})
    logger.info("events: %s e-mail queued for %s registrants of event %s", kind, len(ids), event.pk)
    return len(ids)


def send_due_reminders(*, now: datetime.datetime | None = None, hours: int = REMINDER_HOURS) -> int:
    """E-mail each confirmed registrant of an event starting within `hours` once; returns how many were queued."""
    now = now or timezone.now()
    with transaction.atomic():
        due_rows = (
            Registration.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=RegistrationStatus.CONFIRMED,
                reminder_sent_at__isnull=True,
                anonymised=False,
                event__live=True,
                event__cancelled=False,
                event__start__gt=now,
                event__start__lte=now + datetime.timedelta(hours=hours),
            )
            .order_by("pk")
        )
        due = list(due_rows)
        Registration.objects.filter(pk__in=[r.pk for r in due]).update(reminder_sent_at=now)
        for registration in due:
            _enqueue_mail(registration, "reminder")
    return len(due)


def purge_registrations(*, now: datetime.datetime | None = None, months: int | None = None) -> int:
    """Anonymise registrations `months` after their event ended; region, organisation and status stay for counts."""
    now = now or timezone.now()
    months = settings.REGISTRATION_RETENTION_MONTHS if months is None else months
    cutoff = now - relativedelta(months=months)
    with transaction.atomic():
        return Registration.objects.filter(event__end__lt=cutoff, anonymised=False).update(
            name="",
            email="",
            needs="",
            answers={},
            consent_at=None,
            anonymised=True,
            anonymised_at=now,
            updated_at=now,
        )


# --- waiting list with a time-limited offer -------------------------------------------------------------------------


def accept_offer(*, registration: Registration, now: datetime.datetime | None = None) -> Registration:
    """The registrant confirms the place offered to them (through their signed link) before the offer expires."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status in PLACE_STATUSES:
            return current
        if current.status != RegistrationStatus.OFFERED:
            raise RegistrationError(_("Er staat geen plaats voor u klaar."), code="not_offered")
        if event.cancelled or event.start <= now:
            raise RegistrationError(
                _("De bijeenkomst is al begonnen of gaat niet door; bevestigen kan niet meer."), code="started"
            )
        expired = current.offer_expires_at is not None and current.offer_expires_at <= now
        if expired:
            # the cron run has not come yet: withdraw it now (committed), then tell the registrant
            _expire(event, [current], now=now)
        else:
            current.status = RegistrationStatus.CONFIRMED
            current.confirmed_at = now
            current.offer_expires_at = None
            current.save(update_fields=["status", "confirmed_at", "offer_expires_at", "updated_at"])
            _enqueue_mail(current, "promoted")
            log(instance=event, action="events.offer_accepted", user=None, data={"registration": current.pk})
    registration.refresh_from_db()
    if expired:
        raise RegistrationError(
            _("De bedenktijd is voorbij: de plaats is naar de volgende op de wachtlijst gegaan."), code="expired"
        )
    return current


def _expire(event: EventPage, expired: list[Registration], *, now: datetime.datetime) -> list[Registration]:
    """Withdraw expired offers (they count as cancelled) and offer the places to the next who fit."""
    for registration in expired:
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "cancelled_at", "offer_expires_at", "updated_at"])
        _enqueue_mail(registration, "offer_expired")
    log(
        instance=event,
        action="events.offer_expired",
        user=None,
        data={"registrations": [r.pk for r in expired]},
    )
    if event.cancelled or event.start <= now:
        return []
    return _fill_places(event, now=now)


def expire_offers(*, event_id: int | None = None, now: datetime.datetime | None = None) -> int:
    """Withdraw every offer whose time is up and pass the place on; returns how many offers expired.

    Run by the worker when an offer expires (deferred task) and by `manage.py expire_event_offers` (cron).
    One transaction per event, each starting with the event's lock, like every other capacity change.
    """
    now = now or timezone.now()
    due = Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
    if event_id is not None:
        due = due.filter(event_id=event_id)
    count = 0
    for pk in sorted(set(due.values_list("event_id", flat=True))):
        with transaction.atomic():
            event = _lock_event(pk)
            expired = list(
                Registration.objects.select_for_update()
                .filter(event=event, status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
                .order_by("pk")
            )
            if expired:
                _expire(event, expired, now=now)
                count += len(expired)
    if count:
        logger.info("events: %s waiting-list offer(s) expired", count)
    return count


# --- a registrant changes their own details -------------------------------------------------------------------------


def update_registration(
    *,
    registration: Registration,
    name: str,
    organisation_name: str,
    region: Organisation,
    role: str,
    needs: str = "",
    answers: dict | None = None,
    now: datetime.datetime | None = None,
) -> Registration:
    """Registrants change their details through their signed link, under the same rules as registering: the
    region must be in the audience and, for someone holding a place, still have room. Their calendar entry is
    replaced (same UID, higher SEQUENCE) by the e-mail that confirms the change. Logged."""
    now = now or timezone.now()
    person = _clean_person(name=name, email=registration.email, organisation_name=organisation_name, needs=needs)
    if region is None or region.kind != OrganisationKind.REGION:
        raise RegistrationError(_("Kies een van de 42 jeugdzorgregio's."), code="region", field="region")
    if role not in RegistrationRole.values:
        raise RegistrationError(_("Kies uw rol."), code="role", field="role")
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status not in ACTIVE_STATUSES or current.anonymised:
            raise RegistrationError(_("Deze inschrijving is geannuleerd; wijzigen kan niet meer."), code="cancelled")
        if event.cancelled or event.start <= now:
            raise RegistrationError(
                _("De bijeenkomst is al begonnen of gaat niet door; wijzigen kan niet meer."), code="started"
            )
        cleaned_answers = clean_answers(event, answers or {})
        if region.pk != current.region_id:
            if not event.admits_region(region):
                raise RegistrationError(audience_error(event), code="audience", field="region")
            if current.status in HELD_STATUSES and event.max_per_region is not None:
                per_region = _place_counts(event)[1]
                if per_region.get(region.pk, 0) >= event.max_per_region:
                    raise RegistrationError(
                        _(
                            "De plaatsen voor de regio %(region)s zijn vol (maximaal %(max)s per regio); u houdt uw "
                            "plaats onder uw huidige regio."
                        )
                        % {"region": region.name, "max": event.max_per_region},
                        code="region_full",
                        field="region",
                    )
        old_region_id = current.region_id
        current.name = person["name"]
        current.organisation_name = person["organisation_name"]
        current.needs = person["needs"]
        current.region = region
        current.role = role
        current.answers = cleaned_answers
        current.details_version += 1
        current.save()
        _enqueue_mail(current, "details_changed")
        log(
            instance=event,
            action="events.registration_changed",
            user=None,
            data={"registration": current.pk, "region_changed": old_region_id != region.pk},
        )
        if old_region_id != region.pk and current.status in HELD_STATUSES and not event.cancelled:
            _fill_places(event, now=now)  # the old region's share may now admit someone waiting
    registration.refresh_from_db()
    return current


# --- attendance certificates ----------------------------------------------------------------------------------------


def issue_certificate(*, registration: Registration, now: datetime.datetime | None = None) -> Registration:
    """Give someone marked present a certificate code (once); refused before the event ends or without presence."""

    now = now or timezone.now()
    with transaction.atomic():
        current = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
        if current.status != RegistrationStatus.ATTENDED or current.anonymised:
            raise RegistrationError(
                _("Een certificaat is er alleen voor wie bij de bijeenkomst aanwezig was."), code="not_attended"
            )
        if current.event.end > now:
            raise RegistrationError(
                _("Het certificaat komt beschikbaar als de bijeenkomst is afgelopen."), code="not_ended"
            )
        if not current.certificate_code:
            current.certificate_code = get_random_string(10, CERTIFICATE_ALPHABET)
            current.save(update_fields=["certificate_code", "updated_at"])
    return current


def send_certificates(*, now: datetime.datetime | None = None, days: int = 30) -> int:
    """E-mail a certificate to everyone marked present at events that ended in the last `days`, once each."""
    from .tasks import send_certificate_email

    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Registration.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=RegistrationStatus.ATTENDED,
                certificate_sent_at__isnull=True,
                anonymised=False,
                event__cancelled=False,
                event__end__lte=now,
                event__end__gt=now - datetime.timedelta(days=days),
            )
            .order_by("pk")
        )
        for registration in due:
            issue_certificate(registration=registration, now=now)
        Registration.objects.filter(pk__in=[r.pk for r in due]).update(certificate_sent_at=now)
        for registration in due:
            send_certificate_email.enqueue(registration_id=registration.pk)
    return len(due)


def certificate_for_code(code: str) -> Registration | None:
    """The registration a certificate code belongs to (for the public verification page), or None."""
    code = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if not code or len(code) > 16:
        return None
    return (
        Registration.objects.select_related("event")
        .filter(certificate_code=code, status=RegistrationStatus.ATTENDED)
        .first()
    )
