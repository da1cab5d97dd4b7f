"""Who may see and do what on the advisory table: every channel (page, search, API, exports, e-mail) asks here."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Membership, Organisation, OrganisationKind
from accounts.permissions import is_editor, is_region_staff, provider_organisations, staff_regions


@dataclass(frozen=True)
class Decision:
    """Whether something is allowed, and if not, the Dutch reason shown to the person."""

    allowed: bool
    reason: str = ""

    def __bool__(self):
        return self.allowed


ALLOWED = Decision(True)


def _models():
    from . import models

    return models


# Proposals ---------------------------------------------------------------------------------------------------


def open_proposals(*, user):
    """Live proposals whose window is open now, closing soonest first (the home page uses this)."""
    ProposalPage = _models().ProposalPage
    now = timezone.now()
    return (
        ProposalPage.objects.live()
        .public()
        .filter(opens_at__lte=now, closes_at__gt=now)
        .filter(Q(report_published_at__isnull=True) | Q(report_published_at__gt=now))
        .order_by("closes_at")
    )


def _status_q(status, now):
    published = Q(report_published_at__isnull=False, report_published_at__lte=now)
    adopted = Q(adopted_at__isnull=False, adopted_at__lte=now)
    concept = Q(opens_at__isnull=True) | Q(closes_at__isnull=True) | Q(opens_at__gt=now)
    return {
        "adopted": adopted,
        "processed": published & ~adopted,
        "concept": concept & ~published & ~adopted,
        "open": Q(opens_at__lte=now, closes_at__gt=now) & ~published & ~adopted,
        "closed": Q(closes_at__lte=now) & ~published & ~adopted,
    }[status]


def proposal_listing(*, parent=None, status=None, theme=None, now=None):
    """Open proposals first (closing soonest), then announced, closed and processed ones; a fixed query count."""
    models = _models()
    now = now or timezone.now()
    proposals = models.ProposalPage.objects.live().public()
    if parent is not None:
        proposals = proposals.child_of(parent)
    if status:
        proposals = proposals.filter(_status_q(status, now))
    if theme is not None:
        proposals = proposals.filter(theme=theme)
    return (
        proposals.annotate(
            sort_group=Case(
                When(_status_q("open", now), then=Value(0)),
                When(_status_q("concept", now), then=Value(1)),
                When(_status_q("closed", now), then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            ),
            organisation_count=Count(
                "responses__organisation",
                filter=Q(responses__state=models.ResponseState.ACTIVE),
                distinct=True,
            ),
        )
        .select_related("theme")
        .order_by("sort_group", "closes_at", "pk")
    )


def audience_organisations(proposal):
    """Provider organisations invited to respond."""
    models = _models()
    providers = Organisation.objects.filter(kind=OrganisationKind.PROVIDER)
    if proposal.audience_kind == models.AudienceKind.ALL_CONTRACTED:
        return providers.filter(is_contracted=True)
    chosen = Q(pk__in=proposal.audience_organisations.values("pk"))
    in_segment = Q(is_contracted=True, segments__in=proposal.audience_segments.all())
    return providers.filter(pk__in=providers.filter(chosen | in_segment).values("pk"))


def audience_members(proposal):
    """Users who are members of an audience organisation (one row per user)."""
    from django.contrib.auth import get_user_model

    org_ids = audience_organisations(proposal).values("pk")
    user_ids = Membership.objects.filter(organisation__in=org_ids).values("user")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")


def user_audience_organisations(*, proposal, user) -> list:
    """The user's provider organisations that belong to the proposal's audience."""
    mine = provider_organisations(user)
    if not mine:
        return []
    allowed = set(audience_organisations(proposal).filter(pk__in=[o.pk for o in mine]).values_list("pk", flat=True))
    return [org for org in mine if org.pk in allowed]


def non_responding_organisations(proposal):
    """Audience organisations without an active response (for editors and the reminder)."""
    models = _models()
    responded = models.Response.objects.filter(proposal=proposal, state=models.ResponseState.ACTIVE).values(
        "organisation"
    )
    return audience_organisations(proposal).exclude(pk__in=responded).order_by("name")


def responding_organisation_count(proposal) -> int:
    models = _models()
    return (
        models.Response.objects.filter(proposal=proposal, state=models.ResponseState.ACTIVE)
        .values("organisation")
        .distinct()
        .count()
    )


# Permissions -------------------------------------------------------------------------------------------------


def _window_decision(proposal, now):
    if proposal.opens_at is None or proposal.closes_at is None or now < proposal.opens_at:
        if proposal.opens_at:
            when = date_format(timezone.localtime(proposal.opens_at), "j F Y H:i")
            return Decision(
                False, _("De consultatie is nog niet geopend. U kunt reageren vanaf %(when)s.") % {"when": when}
            )
        return Decision(False, _("De consultatie is nog niet geopend."))
    if now >= proposal.closes_at or proposal.report_is_published:
        return Decision(False, _("De consultatie is gesloten; reageren kan niet meer."))
    return ALLOWED


def proposal_region(proposal):
    """The region holding the consultation: its own field, else the region of whoever created the proposal."""
    if proposal.region_id:
        return proposal.region
    owner = proposal.owner if proposal.owner_id else None
    regions = staff_regions(owner) if owner is not None else []
    return regions[0] if regions else None


def acts_for_region(*, proposal, user) -> bool:
    """May this person act as the region on this proposal: see region-only responses, answer officially, record
    outcomes? Editors always; region staff only for their own region (staff of another region are outsiders)."""
    if is_editor(user):
        return True
    if not is_region_staff(user):
        return False
    region = proposal_region(proposal)
    return region is not None and region in staff_regions(user)


def can_respond(*, proposal, user, now=None) -> Decision:
    """May this person respond as a provider now? If not, why not (shown on the page)."""
    now = now or timezone.now()
    window = _window_decision(proposal, now)
    if not window:
        return window
    if not user.is_authenticated:
        return Decision(False, _("Log in om te reageren. Alleen aanbieders uit de doelgroep kunnen reageren."))
    if is_region_staff(user):
        return Decision(
            False,
            _("Medewerkers van de regio reageren niet als aanbieder; u kunt wel antwoorden op reacties."),
        )
    if not user_audience_organisations(proposal=proposal, user=user):
        return Decision(False, _("Uw organisatie hoort niet bij de doelgroep van deze consultatie."))
    return ALLOWED


def can_view_response(*, response, user, now=None) -> bool:
    return visible_responses(proposal=response.proposal, user=user, now=now).filter(pk=response.pk).exists()


def can_reply(*, response, user, now=None) -> Decision:
    """Region staff may answer any visible active response; audience providers while the window is open."""
    models = _models()
    now = now or timezone.now()
    if not user.is_authenticated:
        return Decision(False, _("Log in om te antwoorden."))
    if response.state != models.ResponseState.ACTIVE or not can_view_response(response=response, user=user, now=now):
        return Decision(False, _("Op deze reactie kan niet (meer) worden geantwoord."))
    if acts_for_region(proposal=response.proposal, user=user):
        return ALLOWED
    window = _window_decision(response.proposal, now)
    if not window:
        return window
    if not user_audience_organisations(proposal=response.proposal, user=user):
        return Decision(False, _("Uw organisatie hoort niet bij de doelgroep van deze consultatie."))
    return ALLOWED


def can_moderate(user) -> bool:
    return is_editor(user)


def can_record_outcome(user, *, proposal) -> bool:
    return acts_for_region(proposal=proposal, user=user)


def can_export(user) -> bool:
    return is_editor(user)


def can_edit_response(*, response, user, now=None) -> Decision:
    models = _models()
    now = now or timezone.now()
    if not user.is_authenticated or response.author_id != user.pk:
        return Decision(False, _("Alleen de auteur kan deze reactie bewerken."))
    if response.state != models.ResponseState.ACTIVE:
        return Decision(False, _("Deze reactie kan niet meer worden bewerkt."))
    if response.proposal.has_closed(now):
        return Decision(False, _("De consultatie is gesloten; bewerken kan niet meer."))
    if now > response.editable_until():
        return Decision(
            False,
            _("Bewerken kan tot %(minutes)s minuten na het plaatsen.") % {"minutes": models.EDIT_WINDOW_MINUTES},
        )
    return ALLOWED


def can_withdraw_response(*, response, user, now=None) -> Decision:
    models = _models()
    now = now or timezone.now()
    if not user.is_authenticated or response.author_id != user.pk:
        return Decision(False, _("Alleen de auteur kan deze reactie intrekken."))
    if response.state == models.ResponseState.WITHDRAWN:
        return Decision(False, _("Deze reactie is al ingetrokken."))
    if response.proposal.has_closed(now):
        return Decision(False, _("De consultatie is gesloten; intrekken kan niet meer."))
    return ALLOWED


# Visibility --------------------------------------------------------------------------------------------------


def _public_visible_to(proposal, user, now) -> bool:
    if proposal.has_closed(now):
        return True
    if not user.is_authenticated or not proposal.public_during_window:
        return False
    return bool(user_audience_organisations(proposal=proposal, user=user))


def visible_responses(*, proposal, user, now=None):
    """The responses this person may see on this proposal (the DESIGN.md table), for every channel."""
    models = _models()
    now = now or timezone.now()
    responses = models.Response.objects.filter(proposal=proposal)
    if acts_for_region(proposal=proposal, user=user):
        return responses.exclude(state=models.ResponseState.WITHDRAWN)
    active = Q(state=models.ResponseState.ACTIVE)
    rule = Q(pk__in=[])
    if _public_visible_to(proposal, user, now):
        rule |= active & Q(visibility=models.Visibility.PUBLIC)
    if user.is_authenticated:
        own_orgs = [org.pk for org in provider_organisations(user)]
        rule |= active & Q(organisation__in=own_orgs)
        rule |= Q(author=user, state=models.ResponseState.HIDDEN)
    return responses.filter(rule)


RESPONSE_ORDER = ("question__sort_order", "created_at", "pk")
RESPONSES_PER_PAGE = 20


def response_listing(*, proposal, user, now=None):
    """Visible responses with everything the page shows, in a fixed number of queries."""
    models = _models()
    return (
        visible_responses(proposal=proposal, user=user, now=now)
        .select_related("author", "organisation", "question", "outcome")
        .prefetch_related(
            Prefetch("replies", queryset=models.Reply.objects.select_related("author", "organisation")),
        )
        .order_by(*RESPONSE_ORDER)
    )


def response_page_number(*, proposal, user, response_id, now=None) -> int | None:
    """The page of the proposal's response list that shows this response to this person; None if not visible."""
    ids = list(
        visible_responses(proposal=proposal, user=user, now=now).order_by(*RESPONSE_ORDER).values_list("pk", flat=True)
    )
    if response_id not in ids:
        return None
    return ids.index(response_id) // RESPONSES_PER_PAGE + 1


def position_counts(responses) -> list[tuple[str, int]]:
    models = _models()
    counts = dict.fromkeys(models.Position.values, 0)
    for response in responses:
        counts[response.position] += 1
    return [(models.Position(value).label, count) for value, count in counts.items()]


def export_responses(*, proposal, user):
    """What the export shows: the same selector, so only people who may see everything get everything."""
    models = _models()
    return response_listing(proposal=proposal, user=user).filter(state=models.ResponseState.ACTIVE)


def responses_by_question(proposal, responses):
    """[(question or None, [responses])] in question order, the general thread last."""
    groups = [(question, []) for question in proposal.questions.all()]
    general = []
    index = {question.pk: items for question, items in groups}
    for response in responses:
        index.get(response.question_id, general).append(response)
    if general or not groups:
        groups.append((None, general))
    return groups
