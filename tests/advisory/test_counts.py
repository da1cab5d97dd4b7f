"""The response counts come from one selector: the index, the proposal page, the report and the printable report
say the same numbers to every viewer (numbers only: region-only responses count, hidden and withdrawn ones do not)."""

import datetime
import re

import pytest
from django.utils import timezone

from knowledge.advisory.models import Position, ResponseState, Visibility
from tests.factories.accounts import OrganisationFactory, editor, provider_member
from tests.factories.advisory import ResponseFactory, make_proposal

pytestmark = pytest.mark.django_db

COUNTS = re.compile(r'<span class="kp-response-counts">([^<]+)</span>')


@pytest.fixture
def setting(demo_site):
    now = timezone.now()
    proposal = make_proposal(
        title="Telvoorstel",
        opens_at=now - datetime.timedelta(days=20),
        closes_at=now - datetime.timedelta(days=5),
        report_published_at=now - datetime.timedelta(days=1),
    )
    org_a, org_b = OrganisationFactory(name="Aanbieder A"), OrganisationFactory(name="Aanbieder B")
    viewer_a, viewer_b = provider_member(org_a), provider_member(org_b)
    ResponseFactory(proposal=proposal, organisation=org_a, author=viewer_a, position=Position.SUPPORTS)
    ResponseFactory(proposal=proposal, organisation=org_a, author=viewer_a, position=Position.CONCERNS)
    ResponseFactory(
        proposal=proposal,
        organisation=org_b,
        author=viewer_b,
        visibility=Visibility.REGION_ONLY,
        position=Position.SUPPORTS,
    )
    ResponseFactory(proposal=proposal, organisation=OrganisationFactory(), state=ResponseState.HIDDEN)
    ResponseFactory(proposal=proposal, organisation=OrganisationFactory(), state=ResponseState.WITHDRAWN)
    viewers = {"anonymous": None, "provider A": viewer_a, "provider B": viewer_b, "editor": editor()}
    return proposal, viewers


def _counts(html):
    return [" ".join(found.split()) for found in COUNTS.findall(html)]


def _index_counts(html, proposal):
    card = html[html.index(f'href="{proposal.url}"') :]
    return _counts(card)[0]


def test_every_page_says_the_same_numbers_to_every_viewer(client, setting):
    proposal, viewers = setting
    seen = {}
    for role, user in viewers.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        pages = {
            "index": _index_counts(client.get("/adviestafel/").content.decode(), proposal),
            "proposal": _counts(client.get(proposal.url).content.decode())[0],
            "report": _counts(client.get(f"{proposal.url}verslag/").content.decode())[0],
        }
        if role == "editor":
            pages["print"] = _counts(client.get(f"{proposal.url}verslag-print/").content.decode())[0]
        seen[role] = pages
    assert {text for pages in seen.values() for text in pages.values()} == {"3 reacties van 2 organisaties"}
    assert len(seen["editor"]) == 4


def test_position_counts_on_the_report_and_the_print_agree(client, setting):
    proposal, viewers = setting
    client.force_login(viewers["editor"])
    report = client.get(f"{proposal.url}verslag/").content.decode()
    printed = client.get(f"{proposal.url}verslag-print/").content.decode()
    assert "Steunt het voorstel: 2" in report and "Heeft bezwaren: 1" in report
    assert re.search(r"Steunt het voorstel</td><td[^>]*>2<", printed)
    assert re.search(r"Heeft bezwaren</td><td[^>]*>1<", printed)
    client.logout()
    assert "Steunt het voorstel: 2" in client.get(f"{proposal.url}verslag/").content.decode()


def test_counts_follow_a_withdrawal_on_every_page(client, setting):
    proposal, viewers = setting
    proposal.responses.filter(visibility=Visibility.REGION_ONLY).update(state=ResponseState.WITHDRAWN)
    assert _index_counts(client.get("/adviestafel/").content.decode(), proposal) == "2 reacties van 1 organisatie"
    assert _counts(client.get(proposal.url).content.decode())[0] == "2 reacties van 1 organisatie"


def test_index_counts_cost_a_fixed_number_of_queries(client, demo_site, django_assert_max_num_queries):
    for _ in range(2):
        ResponseFactory(proposal=make_proposal())
    with django_assert_max_num_queries(30) as before:
        client.get("/adviestafel/")
    for _ in range(5):
        ResponseFactory(proposal=make_proposal())
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get("/adviestafel/")
