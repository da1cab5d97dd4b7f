"""Reads for events and registrations; the pages, feeds, admin views and exports all use these."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q

from accounts import groups
from accounts.models import MemberRole, Organisation
from accounts.permissions import is_editor, is_region_staff, staff_regions
from home.cache import remember
from home.request_scope import public
from knowledge.taxonomy import MainTheme

from .models import HELD_STATUSES, EventPage, Registration

# Past events on the index, ten per page below the upcoming ones (which are all shown).
PAST_PER_PAGE = 10


def visible_events():

    return public(EventPage.objects.live())


def upcoming_events():
    """Published events that have not ended, soonest first (used by the home page)."""
    return visible_events().upcoming().with_counts()


def places_left(event) -> int | None:
    """Free places; None when the capacity is unlimited. Uses `places_taken` when annotated."""
    if event.capacity is None:
        return None
    taken = getattr(event, "places_taken", None)
    if taken is None:
        from .models import HELD_STATUSES

        taken = event.registrations.filter(status__in=HELD_STATUSES).count()
    return max(event.capacity - taken, 0)


def full_region_ids(event) -> set[int]:
    """Regions whose places at this event are all taken (`max_per_region` reached)."""
    if event.max_per_region is None:
        return set()

    rows = (
        event.registrations.filter(status__in=HELD_STATUSES)
        .order_by()
        .values("region_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=event.max_per_region)
    )
    return {row["region_id"] for row in rows}


def full_regions(event) -> list:
    """The regions that are full at this event, by name (for the event page)."""
    ids = full_region_ids(event)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name")) if ids else []


def waiting_reason(event, region) -> str:
    """Why someone of `region` would wait now: "event" (all places taken), "region" (the region's) or ""."""
    if places_left(event) == 0:
        return "event"
    if region is not None and region.pk in full_region_ids(event):
        return "region"
    return ""


def filter_events(queryset, *, kind: str = "", theme: str = "", region: str = ""):
    """Index filters from GET (slugs); unknown values simply match nothing. A region also matches events open to all."""
    if kind:
        queryset = queryset.filter(kind=kind)
    if theme:
        queryset = queryset.filter(themes__slug=theme)
    if region:
        from .models import RegionAudience

        queryset = queryset.filter(Q(audience_kind=RegionAudience.ALL) | Q(audience_regions__slug=region))
    return queryset.distinct() if (theme or region) else queryset


def index_events(index_page):
    """The published, public events of the index."""
    return visible_events().child_of(index_page)


def region_rows() -> list[tuple[int, str, str]]:
    """(pk, slug, name) of every region in name order, kept until the next purge of the page cache
    (home.cache.remember): regions are snippets, and saving or deleting one purges it. Read for the region select
    of every event page that takes registrations and for the index's region filter: one cache round trip instead
    of a query (a server-side cursor on PostgreSQL) and 42 model instances."""
    return remember(
        "events:regions",
        lambda: list(Organisation.objects.regions().order_by("name").values_list("pk", "slug", "name")),
    )


def filter_themes(events) -> list[tuple[str, str]]:
    """(slug, name) of the themes of these events: the options of the index's theme filter."""
    return list(MainTheme.objects.filter(events__in=events).distinct().order_by("name").values_list("slug", "name"))


def upcoming_cards(events, now) -> list:
    """The upcoming ones of these events with their places left and registration state, for the index's cards
    (their images come with them, their renditions in one query: frontend_tags.with_card_images)."""
    upcoming = list(events.upcoming(now).with_counts().select_related("main_image"))
    for event in upcoming:
        event.places_left = places_left(event)
        event.state = event.registration_state(now)
    return upcoming


# --- registrations: who may see what ---------------------------------------------------------------------------


def can_view_registrations(user) -> bool:
    """Editors see all registrations, region staff their own region's; everybody else nothing."""
    return is_editor(user) or (is_region_staff(user) and bool(staff_regions(user)))


def can_manage_registrations(user) -> bool:
    """Attendance, messages to registrants: editors only."""
    return is_editor(user)


def registrations_visible_to(user, *, event=None):

    queryset = Registration.objects.select_related("region", "organisation", "event")
    if event is not None:
        queryset = queryset.filter(event=event)
    if is_editor(user):
        return queryset
    if is_region_staff(user):
        return queryset.filter(region__in=staff_regions(user))
    return queryset.none()


def registration_counts(registrations) -> dict:
    """Counts per status over an (already permission-filtered) queryset."""
    rows = registrations.order_by().values_list("status").annotate(n=Count("pk"))
    counts = dict(rows)
    counts["total"] = sum(counts.values())
    return counts


def editor_emails(event=None) -> list[str]:
    """Addresses of the programme office's editors (and the event's contact), for capacity notices."""
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name=groups.EDITORS) | Q(memberships__role=MemberRole.EDITOR))
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    emails = sorted(set(users))
    if event is not None and event.contact_email and event.contact_email not in emails:
        emails.append(event.contact_email)
    return emails
