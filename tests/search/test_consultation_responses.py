"""Public responses of a closed consultation are found through site search; nothing the advisory table's
visibility rule hides is (region-only, hidden, or any response while the window is open)."""

import datetime
import uuid

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from knowledge.advisory.models import ResponseState, Visibility
from search.site_search import site_search
from tests.factories.advisory import ResponseFactory, make_proposal

pytestmark = [pytest.mark.django_db, pytest.mark.database_search]


def word(label):
    return f"{label}{uuid.uuid4().hex[:6]}"


def found(term):
    return [item.page.pk for item in site_search(term).items]


def test_public_responses_become_searchable_when_the_consultation_closes(demo_site, django_capture_on_commit_callbacks):
    public, region_only, hidden = word("openbaar"), word("regio"), word("verborgen")
    with django_capture_on_commit_callbacks(execute=True):
        proposal = make_proposal(closes_at=timezone.now() + datetime.timedelta(hours=2))
        ResponseFactory(proposal=proposal, body_markdown=f"Wij steunen {public}.")
        ResponseFactory(proposal=proposal, body_markdown=f"Intern: {region_only}.", visibility=Visibility.REGION_ONLY)
        ResponseFactory(proposal=proposal, body_markdown=f"Weg: {hidden}.", state=ResponseState.HIDDEN)
    assert found(public) == []  # the window is open: responses are not public yet

    with freeze_time(timezone.now() + datetime.timedelta(hours=3)):
        call_command("update_consultation_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert found(public) == [proposal.pk]
        assert found(region_only) == []
        assert found(hidden) == []


def test_hiding_a_response_after_close_takes_it_out_of_search(demo_site, django_capture_on_commit_callbacks):
    text = word("gemeld")
    with django_capture_on_commit_callbacks(execute=True):
        proposal = make_proposal(
            opens_at=timezone.now() - datetime.timedelta(days=5), closes_at=timezone.now() - datetime.timedelta(days=1)
        )
        response = ResponseFactory(proposal=proposal, body_markdown=f"Reactie met {text}.")
    assert found(text) == [proposal.pk]
    with django_capture_on_commit_callbacks(execute=True):
        response.state = ResponseState.HIDDEN
        response.save()
    assert found(text) == []
