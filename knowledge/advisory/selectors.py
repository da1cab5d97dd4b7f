"""Who may see and do what on the advisory table: every channel (page, search, API, exports, e-mail) asks here."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, CharField, Count, IntegerField, Prefetch, Q, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import groups
from accounts.models import MemberRole, Membership, Organisation, OrganisationKind
from accounts.permissions import (
    is_editor,
    is_region_staff,
    organisations,
    provider_member_organisation_ids,
    provider_organisations,
    staff_regions,
)
from home.pagination import PAGE_SIZE
from home.request_scope import once, public
from home.statements import fetch
from knowledge.taxonomy import MainTheme

from . import models


@dataclass(frozen=True)
class Decision:
    """Whether something is allowed, and if not, the Dutch reason shown to the person."""

    allowed: bool
    reason: str = ""

    def __bool__(self):
        return self.allowed


ALLOWED = Decision(True)


def _models():

    return models


# Proposals ---------------------------------------------------------------------------------------------------


def open_proposals(*, user):
    """Live proposals whose window is open now, closing soonest first (the home page uses this)."""
    ProposalPage = _models().ProposalPage
    now = timezone.now()
    return (
        public(ProposalPage.objects.live())
        .with_status(now)
        .filter(current_status=_models().ProposalStatus.OPEN)
        .order_by("closes_at")
    )


def proposal_filter_themes() -> list[tuple]:
    """(pk, slug, name) of the themes of published proposals: the options of the index's theme filter."""
    themes = MainTheme.objects.filter(proposals__live=True).distinct().order_by("name")
    return list(themes.values_list("pk", "slug", "name"))


def proposal_listing(*, parent=None, status=None, theme=None, now=None):
    """Open proposals first (closing soonest), then announced, closed and processed ones; a fixed query count."""
    models = _models()
    now = now or timezone.now()
    proposals = public(models.ProposalPage.objects.live())
    if parent is not None:
        proposals = proposals.child_of(parent)
    proposals = proposals.with_status(now)
    if status:
        proposals = proposals.filter(current_status=status)
    if theme is not None:
        proposals = proposals.filter(theme=theme)
    status = models.ProposalStatus
    return (
        proposals.annotate(
            sort_group=Case(
                When(current_status=status.OPEN, then=Value(0)),
                When(current_status=status.CONCEPT, then=Value(1)),
                When(current_status=status.CLOSED, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
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

    org_ids = audience_organisations(proposal).values("pk")
    user_ids = Membership.objects.filter(organisation__in=org_ids).values("user")
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email="")


def user_audience_organisations(*, proposal, user) -> list:
    """The user's provider organisations that belong to the proposal's audience."""
    mine = provider_organisations(user)
    if not mine:
        return []

    def compute():
        if proposal.audience_kind == _models().AudienceKind.ALL_CONTRACTED:
            # audience_organisations' rule for this kind (contracted providers), on the memberships already read
            return {o.pk for o in mine if o.is_contracted}
        pks = [o.pk for o in mine]
        return set(audience_organisations(proposal).filter(pk__in=pks).values_list("pk", flat=True))

    # Asked four times while one proposal page is rendered (may respond, the form, the list): once per request.
    allowed = once(f"audience-organisations:{proposal.pk}:{user.pk}", compute)
    return [org for org in mine if org.pk in allowed]


def non_responding_organisations(proposal):
    """Audience organisations without an active response (for editors and the reminder)."""
    models = _models()
    active = models.Response.objects.filter(proposal=proposal, state=models.ResponseState.ACTIVE)
    cosigned = models.CoSignature.objects.filter(
        response__in=active.values("pk"), state=models.CoSignatureState.ACCEPTED
    ).values("organisation")
    return (
        audience_organisations(proposal)
        .exclude(pk__in=active.values("organisation"))
        .exclude(pk__in=cosigned)  # an organisation that co-signed a response has responded
        .order_by("name")
    )


@dataclass(frozen=True)
class ResponseCounts:
    """How many active responses a proposal has, from how many organisations, per position and per passage.

    The same numbers for every viewer and on every page (index, proposal, report, printable report): numbers
    only, so region-only responses count too, hidden and withdrawn ones do not. A co-signed response counts
    once; its co-signing organisations count among the responding organisations (each organisation once).
    """

    responses: int = 0
    organisations: int = 0
    positions: tuple = ()  # ((label, count), ...) in the order of Position
    sections: tuple = ()  # ((section key, count), ...); "" is the whole proposal

    def for_section(self, key) -> int:
        return dict(self.sections).get(key or "", 0)


def _response_count_rows(pks):
    """The counts of ``response_counts`` as rows of one statement: the counts per position and passage (GROUP BY)
    and the responding organisations (the responses' own and their accepted co-signers, each organisation once:
    UNION drops the repeats), told apart by which of `n` and `organisation` is set."""
    models = _models()
    active = models.Response.objects.filter(proposal__in=pks, state=models.ResponseState.ACTIVE)
    none_text, none_number = Value(None, output_field=CharField()), Value(None, output_field=IntegerField())
    grouped = (
        active.values("proposal", "position", "section_key")
        .annotate(n=Count("pk"), signer=none_number)
        .values_list("proposal", "position", "section_key", "n", "signer")
        .order_by()
    )
    own = (
        active.annotate(no_position=none_text, no_section=none_text, no_count=none_number)
        .values_list("proposal", "no_position", "no_section", "no_count", "organisation")
        .order_by()
    )
    cosigned = (
        models.CoSignature.objects.filter(response__in=active, state=models.CoSignatureState.ACCEPTED)
        .annotate(no_position=none_text, no_section=none_text, no_count=none_number)
        .values_list("response__proposal", "no_position", "no_section", "no_count", "organisation")
        .order_by()
    )
    return grouped.union(own, cosigned)


def _response_counts_from(pks, rows) -> dict:
    models = _models()
    per_position: dict[int, dict[str, int]] = {}
    per_section: dict[int, dict[str, int]] = {}
    totals: dict[int, int] = {}
    organisations: dict[int, int] = {}
    for pk, position, section_key, n, organisation in rows:
        if organisation is not None:
            organisations[pk] = organisations.get(pk, 0) + 1
            continue
        per_position.setdefault(pk, {}).setdefault(position, 0)
        per_position[pk][position] += n
        per_section.setdefault(pk, {}).setdefault(section_key, 0)
        per_section[pk][section_key] += n
        totals[pk] = totals.get(pk, 0) + n
    result = {}
    for pk in pks:
        positions = per_position.get(pk, {})
        result[pk] = ResponseCounts(
            responses=totals.get(pk, 0),
            organisations=organisations.get(pk, 0),
            positions=tuple((models.Position(v).label, positions.get(v, 0)) for v in models.Position.values),
            sections=tuple(sorted(per_section.get(pk, {}).items())),
        )
    return result


def response_counts(proposals) -> dict:
    """{proposal pk: ResponseCounts} for these proposals (pages or pks), in one query. Two queries before, on every
    proposal page and listing."""
    pks = [getattr(p, "pk", p) for p in proposals]
    return _response_counts_from(pks, _response_count_rows(pks))


_PROPOSAL_PLACEHOLDER = -618_204_773  # no proposal has this id: compiled in, replaced on each run


def proposal_response_counts(proposal) -> ResponseCounts:
    """One proposal's counts, on every proposal page: the statement is compiled once per process (home.statements;
    the UNION of three parts cost more to compile than to run)."""
    rows = fetch(
        "advisory-proposal-response-counts",
        lambda: _response_count_rows([_PROPOSAL_PLACEHOLDER]),
        values={_PROPOSAL_PLACEHOLDER: proposal.pk},
    )
    return _response_counts_from([proposal.pk], rows)[proposal.pk]


# Permissions -------------------------------------------------------------------------------------------------


def _window_decision(proposal, now):
    status = proposal.status_at(now)
    if status == models.ProposalStatus.CONCEPT:
        if proposal.opens_at:
            when = date_format(timezone.localtime(proposal.opens_at), "j F Y H:i")
            return Decision(
                False, _("De consultatie is nog niet geopend. U kunt reageren vanaf %(when)s.") % {"when": when}
            )
        return Decision(False, _("De consultatie is nog niet geopend."))
    if status != models.ProposalStatus.OPEN:
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


def can_export(user, *, proposal=None) -> bool:
    """Editors export every proposal; region staff the proposals of their own region (names, region-only
    responses, non-responders)."""
    if proposal is None:
        return is_editor(user)
    return acts_for_region(proposal=proposal, user=user)


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
        # A co-signer's response is its own too; an invited organisation reads what it is asked to sign.
        signing = models.CoSignature.objects.filter(
            organisation__in=own_orgs,
            state__in=[models.CoSignatureState.INVITED, models.CoSignatureState.ACCEPTED],
        ).values("response")
        rule |= active & Q(pk__in=signing)
        rule |= Q(author=user, state=models.ResponseState.HIDDEN)
    return responses.filter(rule)


RESPONSE_ORDER = ("question__sort_order", "created_at", "pk")
RESPONSES_PER_PAGE = PAGE_SIZE


def response_listing(*, proposal, user, now=None):
    """Visible responses with everything the page shows, in a fixed number of queries."""
    models = _models()
    return (
        visible_responses(proposal=proposal, user=user, now=now)
        .select_related("author", "organisation", "question", "outcome")
        .prefetch_related(
            Prefetch("replies", queryset=models.Reply.objects.select_related("author", "organisation")),
            _cosignatures_prefetch(),
        )
        .order_by(*RESPONSE_ORDER)
    )


def _cosignatures_prefetch():
    models = _models()
    return Prefetch(
        "cosignatures",
        queryset=models.CoSignature.objects.select_related("organisation").order_by("organisation__name"),
    )


def signatories(response) -> list:
    """The organisations that signed a response: its own first, then the co-signers who accepted."""
    models = _models()
    return [response.organisation] + [
        c.organisation for c in response.cosignatures.all() if c.state == models.CoSignatureState.ACCEPTED
    ]


def shows_author_name(*, response, user, acts_for_region_=None, own_organisation_ids=None) -> bool:
    """The author's personal name is public only if they chose it; the region and their own organisation
    always see who wrote it. (Pass the viewer's facts when calling it per response in a list.)"""
    if response.show_author_name:
        return True
    if not user.is_authenticated:
        return False
    if response.author_id == user.pk:
        return True
    if acts_for_region_ is None:
        acts_for_region_ = acts_for_region(proposal=response.proposal, user=user)
    if own_organisation_ids is None:
        own_organisation_ids = {org.pk for org in provider_organisations(user)}
    return acts_for_region_ or response.organisation_id in own_organisation_ids


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


def responses_by_section(sections, responses):
    """[(section or None, [responses])]: the whole proposal first, then the passages in document order; a
    response on a passage that was since removed keeps its label (from when it was placed)."""
    models = _models()
    by_key: dict[str, tuple] = {section.key: (section, []) for section in sections}
    whole: list = []
    gone: dict[str, tuple] = {}
    for response in responses:
        if not response.section_key:
            whole.append(response)
        elif response.section_key in by_key:
            by_key[response.section_key][1].append(response)
        else:
            label = response.section_label or response.section_key
            gone.setdefault(response.section_key, (models.Section(response.section_key, "", label), []))[1].append(
                response
            )
    groups = [(None, whole)] if whole else []
    groups += [group for group in by_key.values() if group[1]]
    groups += list(gone.values())
    return groups


def responses_by_question(proposal, responses):
    """[(question or None, [responses])] in question order, the general thread last."""
    groups: list[tuple] = [(question, []) for question in proposal.questions.all()]
    general: list = []
    index = {question.pk: items for question, items in groups}
    for response in responses:
        index.get(response.question_id, general).append(response)
    if general or not groups:
        groups.append((None, general))
    return groups


# Moderation --------------------------------------------------------------------------------------------------


def _own_organisation_ids(user) -> set:

    return {org.pk for org in organisations(user)}


def reporting_organisation(user):
    """The organisation a report counts for: the reporter's provider organisation, else their first one."""

    mine = provider_organisations(user) or organisations(user)
    return mine[0] if mine else None


def can_report(*, response, user, now=None) -> Decision:
    """May this person report this response? Never their own, nor one of their own organisation."""
    models = _models()
    if not user.is_authenticated:
        return Decision(False, _("Log in om een reactie te melden."))
    if response.state != models.ResponseState.ACTIVE or not can_view_response(response=response, user=user, now=now):
        return Decision(False, _("Deze reactie kan niet worden gemeld."))
    own = _own_organisation_ids(user)
    signed = models.CoSignature.objects.filter(
        response=response, organisation__in=own, state=models.CoSignatureState.ACCEPTED
    ).exists()
    if response.author_id == user.pk or response.organisation_id in own or signed:
        return Decision(
            False,
            _(
                "U kunt geen reactie van uzelf of van uw eigen organisatie melden. Wilt u haar aanpassen, "
                "bewerk of trek haar dan in."
            ),
        )
    return ALLOWED


def report_weight(response) -> int:
    """How many organisations reported this response since its last moderation decision: colleagues count once
    (a reporter without an organisation counts on their own)."""
    reports = response.reports.all()
    if response.moderated_at:
        reports = reports.filter(created_at__gt=response.moderated_at)
    return len({(r.organisation_id and f"o{r.organisation_id}") or f"u{r.reporter_id}" for r in reports})


def can_request_review(*, response, user) -> Decision:
    models = _models()
    if not user.is_authenticated or response.author_id != user.pk:
        return Decision(False, _("Alleen de auteur kan om een nieuwe beoordeling vragen."))
    if response.state != models.ResponseState.HIDDEN:
        return Decision(False, _("Deze reactie is niet verborgen."))
    if response.review_requested_at:
        return Decision(
            False, _("U heeft al om een nieuwe beoordeling gevraagd; dat kan één keer. De redactie beslist.")
        )
    return ALLOWED


def moderation_queue():
    """For editors: responses that were reported, hidden or restored, with their reports; newest activity first."""
    models = _models()
    return (
        models.Response.objects.exclude(state=models.ResponseState.WITHDRAWN)
        .filter(Q(reports__isnull=False) | Q(state=models.ResponseState.HIDDEN) | Q(moderated_at__isnull=False))
        .distinct()
        .select_related("proposal", "organisation", "author")
        .prefetch_related(Prefetch("reports", queryset=models.Report.objects.select_related("organisation")))
        .order_by("-review_requested_at", "-moderated_at", "-created_at")
    )


def editor_recipients():
    """Editors who receive moderation e-mails (active, with an address)."""

    editors = Q(is_superuser=True) | Q(groups__name=groups.EDITORS) | Q(memberships__role=MemberRole.EDITOR)
    return get_user_model().objects.filter(editors, is_active=True).exclude(email="").distinct().order_by("pk")


# Respondents -------------------------------------------------------------------------------------------------


def my_responses(*, user):
    """The responses of the user's organisations on every proposal (and their own hidden ones, with the reason),
    with the replies (the region's answers among them): what the proposal pages show this person, in one list."""
    models = _models()
    if not user.is_authenticated:
        return models.Response.objects.none()
    own_orgs = [org.pk for org in provider_organisations(user)]
    cosigned = models.CoSignature.objects.filter(
        organisation__in=own_orgs, state=models.CoSignatureState.ACCEPTED
    ).values("response")
    rule = (
        Q(organisation__in=own_orgs, state=models.ResponseState.ACTIVE)
        | Q(pk__in=cosigned, state=models.ResponseState.ACTIVE)
        | Q(author=user, state=models.ResponseState.HIDDEN)
    )
    return (
        models.Response.objects.filter(rule, proposal__live=True)
        .select_related("proposal", "organisation", "author", "question", "outcome")
        .prefetch_related(
            Prefetch("replies", queryset=models.Reply.objects.select_related("author", "organisation")),
            _cosignatures_prefetch(),
        )
        .order_by("-created_at", "-pk")
    )


# Co-signing --------------------------------------------------------------------------------------------------


def _provider_member_org_ids(user) -> set:
    """Organisations in which this person acts as a provider member (the role that signs for it)."""

    if not user.is_authenticated or is_region_staff(user):
        return set()
    # From the memberships the page has already read for the user's roles: no query of its own.
    return provider_member_organisation_ids(user)


def can_invite_cosigners(*, response, user, now=None) -> Decision:
    """A member of the responding organisation may invite other audience organisations while it is open."""
    models = _models()
    now = now or timezone.now()
    if not user.is_authenticated or response.organisation_id not in _provider_member_org_ids(user):
        return Decision(False, _("Alleen medewerkers van de organisatie die reageerde nodigen medeondertekenaars uit."))
    if response.state != models.ResponseState.ACTIVE:
        return Decision(False, _("Voor deze reactie kunt u niemand uitnodigen om mede te ondertekenen."))
    window = _window_decision(response.proposal, now)
    if not window:
        return Decision(False, _("De consultatie is gesloten; medeondertekenaars uitnodigen kan niet meer."))
    return ALLOWED


def cosign_candidates(*, response, audience=None):
    """Audience organisations that may still be invited to co-sign this response. With ``audience`` (the
    proposal's audience, ordered by name) and the response's prefetched co-signatures: no query."""
    models = _models()
    if audience is not None:
        taken = {response.organisation_id} | {c.organisation_id for c in response.cosignatures.all()}
        return [org for org in audience if org.pk not in taken]
    invited = models.CoSignature.objects.filter(response=response).values("organisation")
    return (
        audience_organisations(response.proposal)
        .exclude(pk=response.organisation_id)
        .exclude(pk__in=invited)
        .order_by("name")
    )


def can_decide_cosignature(*, cosignature, user, now=None) -> Decision:
    """A provider member of the invited organisation accepts or declines, once, until the consultation closes."""
    models = _models()
    now = now or timezone.now()
    if not user.is_authenticated or cosignature.organisation_id not in _provider_member_org_ids(user):
        return Decision(
            False,
            _("Alleen medewerkers van %(organisation)s kunnen deze uitnodiging aannemen of afslaan.")
            % {"organisation": cosignature.organisation.name},
        )
    if cosignature.state != models.CoSignatureState.INVITED:
        return Decision(False, _("Over deze uitnodiging is al beslist."))
    if cosignature.response.state != models.ResponseState.ACTIVE:
        return Decision(False, _("Deze reactie is ingetrokken of verborgen; ondertekenen kan niet."))
    if not _window_decision(cosignature.response.proposal, now):
        return Decision(False, _("De consultatie is gesloten; ondertekenen kan niet meer."))
    return ALLOWED


def cosign_deciders(cosignature):
    """Who is told of an invitation: the active provider members of the invited organisation, with an address."""

    ids = Membership.objects.filter(organisation=cosignature.organisation, role=MemberRole.MEMBER).values("user")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).exclude(email="").order_by("pk")


def my_cosign_invitations(*, user):
    """Open invitations to the user's organisations to co-sign a response (for "Mijn reacties")."""
    models = _models()
    orgs = _provider_member_org_ids(user)
    if not orgs:
        return models.CoSignature.objects.none()
    return (
        models.CoSignature.objects.filter(
            organisation__in=orgs,
            state=models.CoSignatureState.INVITED,
            response__state=models.ResponseState.ACTIVE,
            response__proposal__live=True,
        )
        .select_related("response__proposal", "response__organisation", "organisation")
        .order_by("-invited_at")
    )


def my_drafts(*, user):
    models = _models()
    if not user.is_authenticated:
        return models.ResponseDraft.objects.none()
    return (
        models.ResponseDraft.objects.filter(author=user, proposal__live=True)
        .select_related("proposal", "question")
        .order_by("-updated_at")
    )


_USER_PLACEHOLDER = -618_204_779


def _own_row_pk(name, model, person_field, *, proposal, user):
    """The pk of this person's row of ``model`` on this proposal (at most one), or None: a statement compiled once
    per process (home.statements), for what every proposal page asks of a signed-in visitor."""
    rows = fetch(
        name,
        lambda: (
            model.objects.filter(proposal=_PROPOSAL_PLACEHOLDER, **{person_field: _USER_PLACEHOLDER})
            .values_list("pk")
            .order_by()[:1]
        ),
        values={_PROPOSAL_PLACEHOLDER: proposal.pk, _USER_PLACEHOLDER: user.pk},
    )
    return rows[0][0] if rows else None


def draft_for(*, proposal, user):
    """This person's draft on this proposal (at most one), or None; only a draft found is read whole."""
    models = _models()
    if not user.is_authenticated:
        return None
    pk = _own_row_pk("advisory-draft-for", models.ResponseDraft, "author", proposal=proposal, user=user)
    return models.ResponseDraft.objects.filter(pk=pk).first() if pk is not None else None


def is_following(*, proposal, user) -> bool:
    models = _models()
    if not user.is_authenticated:
        return False
    return _own_row_pk("advisory-is-following", models.ProposalFollow, "user", proposal=proposal, user=user) is not None


def followers_who_may_see(*, response, exclude=()):
    """Followers of the response's proposal who may see this response (the same visibility selector)."""
    models = _models()
    follows = models.ProposalFollow.objects.filter(proposal=response.proposal, user__is_active=True).select_related(
        "user"
    )
    return [
        f.user
        for f in follows.exclude(user__in=list(exclude))
        if f.user.email and can_view_response(response=response, user=f.user)
    ]


# Public channels ---------------------------------------------------------------------------------------------


def consultation_feed():
    """Live, public proposals with a consultation window, newest opening first (RSS and iCalendar)."""
    return (
        public(_models().ProposalPage.objects.live())
        .exclude(opens_at=None)
        .exclude(closes_at=None)
        .order_by("-opens_at", "pk")
    )


def public_responses(*, proposal, now=None):
    """What anyone may download after closing: exactly what an anonymous visitor sees."""

    models = _models()
    now = now or timezone.now()
    if not proposal.has_closed(now):
        return models.Response.objects.none()
    return (
        visible_responses(proposal=proposal, user=AnonymousUser(), now=now)
        .filter(state=models.ResponseState.ACTIVE, visibility=models.Visibility.PUBLIC)
        .select_related("organisation", "question", "author", "outcome")
        .prefetch_related(_cosignatures_prefetch())
        .order_by(*RESPONSE_ORDER)
    )
