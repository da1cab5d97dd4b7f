"""Region staff act for their own region only: staff of another region are outsiders on this region's proposals."""

import pytest

from accounts.models import Organisation
from knowledge.advisory import selectors, services
from knowledge.advisory.models import OutcomeKind, ResponseOutcome, Visibility
from tests.factories.accounts import OrganisationFactory, editor, region_staff
from tests.factories.advisory import ResponseFactory, make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(demo_site):
    proposal = make_proposal()  # held by FoodValley
    response = ResponseFactory(
        proposal=proposal,
        organisation=OrganisationFactory(name="Aanbieder Vertrouwelijk"),
        visibility=Visibility.REGION_ONLY,
        body_markdown="Alleen de regio FoodValley mag dit lezen",
    )
    own = region_staff(first_name="Fleur", last_name="Foodvalley")
    other = region_staff(Organisation.objects.get(slug="arnhem"), first_name="Arie", last_name="Arnhem")
    return proposal, response, own, other


def test_staff_of_another_region_do_not_read_region_only_responses(client, setting):
    proposal, response, own, other = setting
    client.force_login(own)
    assert "Alleen de regio FoodValley mag dit lezen" in client.get(proposal.url).content.decode()
    client.force_login(other)
    html = client.get(proposal.url).content.decode()
    assert "Alleen de regio FoodValley mag dit lezen" not in html
    assert "Uitkomst vastleggen" not in html and "Officieel antwoord van de regio" not in html
    assert not selectors.visible_responses(proposal=proposal, user=other).filter(pk=response.pk).exists()


def test_staff_of_another_region_record_no_outcome_and_give_no_official_answer(client, setting):
    proposal, response, own, other = setting
    with pytest.raises(services.AdvisoryError):
        services.outcome_record(response=response, user=other, outcome=OutcomeKind.ADOPTED, reason="Mooi")
    with pytest.raises(services.AdvisoryError):
        services.reply_submit(response=response, user=other, text="Namens de regio", is_official=True)
    client.force_login(other)
    url = f"{proposal.url}reactie/{response.pk}/uitkomst/"
    assert client.post(url, {"outcome": OutcomeKind.ADOPTED, "reason": "Mooi"}).status_code == 403
    assert not ResponseOutcome.objects.filter(response=response).exists()

    # The proposal's own region may.
    services.outcome_record(response=response, user=own, outcome=OutcomeKind.ADOPTED, reason="Overgenomen")
    reply = services.reply_submit(response=response, user=own, text="Namens de regio", is_official=True)
    assert reply.is_official and response.outcome.reason == "Overgenomen"


def test_without_a_region_field_the_creators_region_holds_the_proposal(setting):
    _proposal, _response, own, other = setting
    created_by_foodvalley = make_proposal(region=None, owner=editor())
    assert selectors.acts_for_region(proposal=created_by_foodvalley, user=own)
    assert not selectors.acts_for_region(proposal=created_by_foodvalley, user=other)
    nobody = make_proposal(region=None)
    assert not selectors.acts_for_region(proposal=nobody, user=own)  # unknown region: editors only
    assert selectors.acts_for_region(proposal=nobody, user=editor())
