"""Moderation and the rate limit under real concurrency (threads with their own connections; PostgreSQL only)."""

import pytest
from wagtail.models import PageLogEntry

from knowledge.advisory import services
from knowledge.advisory.models import Report, Response, ResponseState
from tests.concurrency import needs_postgres, run_simultaneously
from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.advisory import ResponseFactory, make_proposal

pytestmark = needs_postgres


@pytest.mark.django_db(transaction=True)
def test_one_person_reporting_ten_times_at_once_counts_once(demo_site):
    proposal = make_proposal(public_during_window=True)
    response = ResponseFactory(proposal=proposal)
    reporter = provider_member(OrganisationFactory(is_contracted=True))  # never the author's own organisation

    results, errors = run_simultaneously(
        10, lambda i: services.response_report(response=response, user=reporter, reason="spam")
    )

    assert Report.objects.filter(response=response).count() == 1
    assert sum(r is not None for r in results) == 1
    assert all(isinstance(e, services.AdvisoryError) for e in errors if e is not None)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_reports_hide_the_response_exactly_once(demo_site):
    proposal = make_proposal(public_during_window=True)
    response = ResponseFactory(proposal=proposal)
    # Six organisations: colleagues of one would count once.
    reporters = [provider_member(OrganisationFactory(is_contracted=True)) for _ in range(6)]

    _results, errors = run_simultaneously(
        6, lambda i: services.response_report(response=response, user=reporters[i], reason="offensive")
    )

    # The first three hide it; a hidden response can no longer be reported.
    assert Report.objects.filter(response=response).count() == 3
    assert [str(e) for e in errors if e is not None] == ["Deze reactie kan niet worden gemeld."] * 3
    response.refresh_from_db()
    assert response.state == ResponseState.HIDDEN
    assert PageLogEntry.objects.filter(page=proposal, action="advisory.response_hidden").count() == 1


@pytest.mark.django_db(transaction=True)
def test_rate_limit_holds_for_simultaneous_submissions(demo_site):
    proposal = make_proposal()
    author = provider_member(OrganisationFactory(is_contracted=True))
    question = proposal.questions.first()

    _results, errors = run_simultaneously(
        10,
        lambda i: services.response_submit(
            proposal=proposal,
            user=author,
            question=question,
            position="supports",
            text=f"Reactie {i}",
            visibility="public",
        ),
    )

    assert Response.objects.filter(author=author).count() == 5
    assert sum(isinstance(e, services.AdvisoryError) for e in errors) == 5
