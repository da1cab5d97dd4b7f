"""A proposal with many responses shows them 20 to a page, and every link to a response finds its page."""

import re

import pytest

from knowledge.advisory.models import Response
from knowledge.advisory.selectors import RESPONSES_PER_PAGE
from tests.factories.accounts import OrganisationFactory
from tests.factories.advisory import ResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_proposal(proposal, audience_org):
    """25 public responses from other providers, then one from the provider's own organisation (the last)."""
    for n in range(RESPONSES_PER_PAGE + 5):
        ResponseFactory(proposal=proposal, organisation=OrganisationFactory(name=f"Aanbieder {n:02d}"))
    ResponseFactory(proposal=proposal, organisation=audience_org, body_markdown="Onze eigen reactie")
    return proposal


def _shown(html):
    return re.findall(r'<article class="kp-card kp-response[^"]*" id="reactie-(\d+)"', html)


def test_responses_are_shown_twenty_to_a_page(client, staff, busy_proposal):
    client.force_login(staff)
    first = client.get(busy_proposal.url).content.decode()
    second = client.get(busy_proposal.url, {"page": 2}).content.decode()

    assert len(_shown(first)) == RESPONSES_PER_PAGE
    assert len(_shown(second)) == 6
    assert not set(_shown(first)) & set(_shown(second))
    assert "Pagina 1 van 2" in first and 'href="?page=2#reacties"' in first
    assert "Pagina 2 van 2" in second and "Onze eigen reactie" in second


def test_a_reply_on_the_second_page_returns_to_that_page(client, provider, busy_proposal):
    own = Response.objects.get(proposal=busy_proposal, body_markdown="Onze eigen reactie")
    client.force_login(provider)

    answer = client.post(f"{busy_proposal.url}reactie/{own.pk}/reageren/", {"text": "Aanvulling van ons"})

    reply = own.replies.get()
    # A provider sees only their own organisation's responses during the window: one page.
    assert answer["Location"] == f"{busy_proposal.url}#antwoord-{reply.pk}"


def test_a_reply_by_the_region_returns_to_the_page_of_the_response(client, staff, busy_proposal):
    own = Response.objects.get(proposal=busy_proposal, body_markdown="Onze eigen reactie")
    client.force_login(staff)

    answer = client.post(f"{busy_proposal.url}reactie/{own.pk}/reageren/", {"text": "Dank, wij nemen dit mee"})

    reply = own.replies.get()
    assert answer["Location"] == f"{busy_proposal.url}?page=2#antwoord-{reply.pk}"
    assert "Dank, wij nemen dit mee" in client.get(answer["Location"]).content.decode()


def test_a_refused_reply_shows_the_error_on_the_page_of_its_response(client, staff, busy_proposal):
    own = Response.objects.get(proposal=busy_proposal, body_markdown="Onze eigen reactie")
    client.force_login(staff)

    answer = client.post(f"{busy_proposal.url}reactie/{own.pk}/reageren/", {"text": ""})

    html = answer.content.decode()
    assert answer.status_code == 400
    assert str(own.pk) in _shown(html) and "Pagina 2 van 2" in html
    assert not own.replies.exists()


def test_the_permanent_link_of_a_response_finds_its_page(client, staff, busy_proposal):
    own = Response.objects.get(proposal=busy_proposal, body_markdown="Onze eigen reactie")
    first = Response.objects.filter(proposal=busy_proposal).order_by("created_at", "pk").first()
    client.force_login(staff)

    assert client.get(own.get_absolute_url())["Location"] == f"{busy_proposal.url}?page=2#reactie-{own.pk}"
    assert client.get(first.get_absolute_url())["Location"] == f"{busy_proposal.url}#reactie-{first.pk}"


def test_the_permanent_link_of_a_response_someone_may_not_see_reveals_nothing(client, provider, busy_proposal):
    hidden = Response.objects.filter(proposal=busy_proposal).exclude(organisation__name="Jeugdzorg Doelgroep").first()
    client.force_login(provider)

    assert client.get(hidden.get_absolute_url())["Location"] == busy_proposal.url


def test_the_permanent_link_asks_someone_signed_out_to_sign_in_first(client, provider, busy_proposal):
    own = Response.objects.get(proposal=busy_proposal, body_markdown="Onze eigen reactie")

    answer = client.get(own.get_absolute_url())

    assert answer.status_code == 302
    assert answer["Location"].startswith("/account/inloggen/?next=")
    client.force_login(provider)
    assert client.get(own.get_absolute_url())["Location"] == f"{busy_proposal.url}#reactie-{own.pk}"
