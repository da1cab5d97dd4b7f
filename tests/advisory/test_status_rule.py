"""The proposal status is one rule in two forms, side by side on the model: `status_at` (Python) and
`ProposalPage.objects.with_status` (SQL). They must agree for every state and on every boundary."""

import datetime

import pytest
from django.utils import timezone

from knowledge.advisory import selectors
from knowledge.advisory.models import ProposalPage, ProposalStatus
from tests.factories.advisory import make_proposal

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
HOUR = datetime.timedelta(hours=1)

# name: (opens_at, closes_at, report_published_at, adopted_at, expected status at NOW)
CASES = {
    "no dates": (None, None, None, None, ProposalStatus.CONCEPT),
    "announced": (NOW + HOUR, NOW + 10 * HOUR, None, None, ProposalStatus.CONCEPT),
    "opens now": (NOW, NOW + HOUR, None, None, ProposalStatus.OPEN),
    "open": (NOW - HOUR, NOW + HOUR, None, None, ProposalStatus.OPEN),
    "closes now": (NOW - HOUR, NOW, None, None, ProposalStatus.CLOSED),
    "closed": (NOW - 10 * HOUR, NOW - HOUR, None, None, ProposalStatus.CLOSED),
    "report later": (NOW - 10 * HOUR, NOW - HOUR, NOW + HOUR, None, ProposalStatus.CLOSED),
    "processed": (NOW - 10 * HOUR, NOW - HOUR, NOW, None, ProposalStatus.PROCESSED),
    "adopted": (NOW - 10 * HOUR, NOW - HOUR, NOW - HOUR, NOW, ProposalStatus.ADOPTED),
    "adopted while open": (NOW - HOUR, NOW + HOUR, None, NOW - HOUR, ProposalStatus.ADOPTED),
    "adoption planned": (NOW - 10 * HOUR, NOW - HOUR, NOW - HOUR, NOW + HOUR, ProposalStatus.PROCESSED),
}


@pytest.fixture
def proposals(demo_site):
    made = {}
    for name, (opens, closes, report, adopted, _expected) in CASES.items():
        page = make_proposal(title=f"Status {name}")
        # straight to the row: the dates are the point here, not the publish notifications
        ProposalPage.objects.filter(pk=page.pk).update(
            opens_at=opens, closes_at=closes, report_published_at=report, adopted_at=adopted
        )
        made[name] = page.pk
    return made


def test_python_and_sql_forms_of_the_status_agree_on_every_state_and_boundary(proposals):
    rows = ProposalPage.objects.filter(pk__in=proposals.values()).with_status(NOW)
    in_sql = {page.pk: page.current_status for page in rows}
    in_python = {page.pk: page.status_at(NOW) for page in rows}
    expected = {pk: CASES[name][4] for name, pk in proposals.items()}
    assert in_python == expected
    assert in_sql == expected


def test_the_listing_filter_and_the_home_teaser_use_the_same_rule(proposals):
    listed = {
        status: {
            page.pk for page in selectors.proposal_listing(status=status, now=NOW).filter(pk__in=proposals.values())
        }
        for status in ProposalStatus.values
    }
    for name, pk in proposals.items():
        assert pk in listed[CASES[name][4]], name
    # an adopted proposal is not "open" on the home page, whatever its dates say
    open_now = {page.pk for page in selectors.open_proposals(user=None).filter(pk__in=proposals.values())}
    assert proposals["adopted while open"] not in open_now
    assert proposals["open"] in open_now
