import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from freezegun import freeze_time

from accounts.models import ProviderSegment
from knowledge.advisory import selectors
from knowledge.advisory.models import AudienceKind, ProposalStatus, ResponseState, Visibility
from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.advisory import ResponseFactory, make_proposal

pytestmark = pytest.mark.django_db


def _ids(qs):
    return set(qs.values_list("pk", flat=True))


# Window boundaries and status ------------------------------------------------------------------------------


def test_window_boundaries_to_the_minute(demo_site, provider):
    opens = timezone.make_aware(datetime.datetime(2030, 3, 1, 9, 0))
    closes = timezone.make_aware(datetime.datetime(2030, 3, 15, 17, 0))
    proposal = make_proposal(opens_at=opens, closes_at=closes)
    with freeze_time(opens - datetime.timedelta(minutes=1)):
        decision = selectors.can_respond(proposal=proposal, user=provider)
        assert not decision and "nog niet geopend" in decision.reason
        assert "1 maart 2030 09:00" in decision.reason
        assert proposal.status == ProposalStatus.CONCEPT
    with freeze_time(opens):
        assert selectors.can_respond(proposal=proposal, user=provider)
        assert proposal.status == ProposalStatus.OPEN
    with freeze_time(closes - datetime.timedelta(minutes=1)):
        assert selectors.can_respond(proposal=proposal, user=provider)
    with freeze_time(closes):
        decision = selectors.can_respond(proposal=proposal, user=provider)
        assert not decision and "gesloten" in decision.reason
        assert proposal.status == ProposalStatus.CLOSED


def test_status_follows_editors_actions(demo_site):
    now = timezone.now()
    proposal = make_proposal(opens_at=now - datetime.timedelta(days=20), closes_at=now - datetime.timedelta(days=5))
    assert proposal.status == ProposalStatus.CLOSED
    proposal.report_published_at = now - datetime.timedelta(hours=1)
    assert proposal.status == ProposalStatus.PROCESSED
    proposal.adopted_at = now - datetime.timedelta(minutes=1)
    assert proposal.status == ProposalStatus.ADOPTED


def test_can_respond_gives_the_reason_per_role(proposal, provider, outsider, staff, editor_user):
    assert "Log in" in selectors.can_respond(proposal=proposal, user=AnonymousUser()).reason
    assert "doelgroep" in selectors.can_respond(proposal=proposal, user=outsider).reason
    assert "regio reageren niet als aanbieder" in selectors.can_respond(proposal=proposal, user=staff).reason
    assert not selectors.can_respond(proposal=proposal, user=editor_user)
    assert selectors.can_respond(proposal=proposal, user=provider)


def test_audience_of_chosen_organisations_and_segments(demo_site):
    segment = ProviderSegment.objects.create(name="Crisis test", slug="crisis-test")
    in_segment = OrganisationFactory(is_contracted=True)
    in_segment.segments.add(segment)
    chosen = OrganisationFactory(is_contracted=False)
    elsewhere = OrganisationFactory(is_contracted=True)
    proposal = make_proposal(audience_kind=AudienceKind.SELECTED)
    proposal.audience_segments.add(segment)
    proposal.audience_organisations.add(chosen)
    proposal.save()
    audience = set(selectors.audience_organisations(proposal))
    assert audience == {in_segment, chosen}
    assert not selectors.can_respond(proposal=proposal, user=provider_member(elsewhere))
    assert selectors.can_respond(proposal=proposal, user=provider_member(chosen))


def test_open_proposals_lists_only_open_ones(demo_site):
    now = timezone.now()
    open_one = make_proposal(closes_at=now + datetime.timedelta(days=2))
    make_proposal(opens_at=now + datetime.timedelta(days=2), closes_at=now + datetime.timedelta(days=9))
    make_proposal(opens_at=now - datetime.timedelta(days=9), closes_at=now - datetime.timedelta(days=2))
    listed = list(selectors.open_proposals(user=AnonymousUser()))
    assert open_one in listed
    assert all(p.status == ProposalStatus.OPEN for p in listed)


# Visibility: the DESIGN.md table --------------------------------------------------------------------------


@pytest.fixture
def responses(proposal, provider, audience_org, other_provider, other_audience_org):
    return {
        "public": ResponseFactory(proposal=proposal, author=provider, organisation=audience_org),
        "region_only": ResponseFactory(
            proposal=proposal, author=provider, organisation=audience_org, visibility=Visibility.REGION_ONLY
        ),
        "other_public": ResponseFactory(proposal=proposal, author=other_provider, organisation=other_audience_org),
        "other_region_only": ResponseFactory(
            proposal=proposal,
            author=other_provider,
            organisation=other_audience_org,
            visibility=Visibility.REGION_ONLY,
        ),
        "hidden": ResponseFactory(
            proposal=proposal,
            author=other_provider,
            organisation=other_audience_org,
            state=ResponseState.HIDDEN,
            moderation_reason="Bevat persoonsgegevens",
        ),
        "withdrawn": ResponseFactory(
            proposal=proposal, author=other_provider, organisation=other_audience_org, state=ResponseState.WITHDRAWN
        ),
    }


def _visible(proposal, user, now=None):
    return _ids(selectors.visible_responses(proposal=proposal, user=user, now=now))


def test_during_window_public_hidden_from_others_when_proposal_says_so(proposal, responses, provider, outsider):
    r = responses
    assert _visible(proposal, AnonymousUser()) == set()
    assert _visible(proposal, outsider) == set()
    # Own organisation's responses (public and region-only) only.
    assert _visible(proposal, provider) == {r["public"].pk, r["region_only"].pk}


def test_during_window_public_visible_to_audience_when_allowed(proposal, responses, provider, outsider):
    proposal.public_during_window = True
    proposal.save()
    r = responses
    assert _visible(proposal, provider) == {r["public"].pk, r["region_only"].pk, r["other_public"].pk}
    assert _visible(proposal, outsider) == set()
    assert _visible(proposal, AnonymousUser()) == set()


def test_after_closing_public_visible_to_everyone_region_only_never(proposal, responses, provider, outsider):
    r = responses
    later = proposal.closes_at + datetime.timedelta(minutes=1)
    public = {r["public"].pk, r["other_public"].pk}
    assert _visible(proposal, AnonymousUser(), later) == public
    assert _visible(proposal, outsider, later) == public
    assert _visible(proposal, provider, later) == public | {r["region_only"].pk}


def test_region_staff_and_editors_see_everything_but_withdrawn(proposal, responses, staff, editor_user):
    everything = {pk for key, resp in responses.items() if key != "withdrawn" for pk in [resp.pk]}
    assert _visible(proposal, staff) == everything
    assert _visible(proposal, editor_user) == everything


def test_hidden_response_only_visible_to_its_author(proposal, responses, other_provider, provider):
    assert responses["hidden"].pk in _visible(proposal, other_provider)
    assert responses["hidden"].pk not in _visible(proposal, provider)
    later = proposal.closes_at + datetime.timedelta(days=1)
    assert responses["hidden"].pk not in _visible(proposal, AnonymousUser(), later)
