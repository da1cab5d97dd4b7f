"""Leak tests of the visibility rule on the new channels, with two regions and two organisations: the page, the
feeds, the public CSV, the report PDF, the region's exports, "Mijn reacties", co-signing and the search text."""

import io

import pytest
from pypdf import PdfReader

from accounts.models import Organisation
from knowledge.advisory import services
from knowledge.advisory.models import ResponseState, Visibility
from tests.advisory.helpers import close, publish_report
from tests.factories.accounts import OrganisationFactory, editor, provider_member, region_staff
from tests.factories.advisory import ResponseFactory, make_proposal

pytestmark = pytest.mark.django_db

PUBLIC = "OPENBAAR-{}"
REGION_ONLY = "ALLEEN-REGIO-{}"
HIDDEN = "VERBORGEN-{}"
DECLINED = "AFGESLAGEN-REGIO-{}"


@pytest.fixture(scope="module")
def world(module_demo, django_db_blocker):
    """Two regions, each with a consultation; two provider organisations answering both. Built once for the module:
    the tests only read it (what one writes, its own transaction rolls back)."""
    with django_db_blocker.unblock():
        food_valley = Organisation.objects.get(slug="food-valley")
        achterhoek = Organisation.objects.get(slug="achterhoek")
        org_a = OrganisationFactory(name="Aanbieder Een", is_contracted=True)
        org_b = OrganisationFactory(name="Aanbieder Twee", is_contracted=True)
        people = {
            "anonymous": None,
            "member_a": provider_member(org_a, first_name="Anja", last_name="Een"),
            "member_b": provider_member(org_b, first_name="Bert", last_name="Twee"),
            "staff_fv": region_staff(food_valley, first_name="Fien", last_name="Vallei"),
            "staff_ah": region_staff(achterhoek, first_name="Henk", last_name="Hoek"),
            "editor": editor(first_name="Eva", last_name="Redactie"),
        }
        proposals = {}
        for key, region in (("fv", food_valley), ("ah", achterhoek)):
            proposal = make_proposal(region=region, title=f"Voorstel {key}")
            author_a = people["member_a"]
            ResponseFactory(proposal=proposal, organisation=org_a, author=author_a, body_markdown=PUBLIC.format(key))
            ResponseFactory(
                proposal=proposal,
                organisation=org_a,
                author=author_a,
                visibility=Visibility.REGION_ONLY,
                body_markdown=REGION_ONLY.format(key),
            )
            ResponseFactory(
                proposal=proposal,
                organisation=org_b,
                author=people["member_b"],
                state=ResponseState.HIDDEN,
                body_markdown=HIDDEN.format(key),
            )
            declined = ResponseFactory(
                proposal=proposal,
                organisation=org_a,
                author=author_a,
                visibility=Visibility.REGION_ONLY,
                body_markdown=DECLINED.format(key),
            )
            [invitation] = services.cosign_invite(response=declined, user=author_a, organisations=[org_b])
            services.cosign_decide(cosignature=invitation, user=people["member_b"], accept=False)
            proposals[key] = publish_report(close(proposal))
        return proposals, people


def _get(client, people, who, url):
    client.logout()
    if people[who] is not None:
        client.force_login(people[who])
    return client.get(url)


def _text(response):
    if response["Content-Type"] == "application/pdf":
        return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split())
    return response.content.decode("utf-8-sig")


# who may read the region-only texts of each region's proposal on its page
SEES_REGION_ONLY = {
    "anonymous": set(),
    "member_a": {"fv", "ah"},  # its own organisation's
    "member_b": set(),  # declined the co-signing: no more than anyone else
    "staff_fv": {"fv"},
    "staff_ah": {"ah"},
    "editor": {"fv", "ah"},
}


@pytest.mark.parametrize("who", list(SEES_REGION_ONLY))
def test_proposal_page_and_report(client, world, who):
    proposals, people = world
    for key, proposal in proposals.items():
        for url in (proposal.url, f"{proposal.url}verslag/"):
            html = _text(_get(client, people, who, url))
            if url == proposal.url:
                assert PUBLIC.format(key) in html
                assert (REGION_ONLY.format(key) in html) == (key in SEES_REGION_ONLY[who]), (who, key)
                assert (DECLINED.format(key) in html) == (key in SEES_REGION_ONLY[who]), (who, key)
                assert (HIDDEN.format(key) in html) == (who in ("member_b", "editor", f"staff_{key}")), (who, key)
            for other in proposals:
                if other != key:
                    assert REGION_ONLY.format(other) not in html


@pytest.mark.parametrize("who", list(SEES_REGION_ONLY))
@pytest.mark.parametrize("channel", ["reacties-csv/", "verslag-pdf/"])
def test_public_csv_and_pdf_are_the_same_for_everyone(client, world, who, channel):
    proposals, people = world
    for key, proposal in proposals.items():
        response = _get(client, people, who, f"{proposal.url}{channel}")
        assert response.status_code == 200
        text = _text(response)
        assert "Aanbieder Een" in text
        for secret in (REGION_ONLY, HIDDEN, DECLINED):
            assert secret.format(key) not in text
        assert "Aanbieder Twee" not in text  # its only response is hidden
        assert "Anja Een" not in text  # no name chosen


@pytest.mark.parametrize("who", list(SEES_REGION_ONLY))
@pytest.mark.parametrize("channel", ["feed/", "agenda.ics"])
def test_feeds_carry_no_response_at_all(client, world, who, channel):
    _proposals, people = world
    text = _text(_get(client, people, who, f"/adviestafel/{channel}"))
    assert "Voorstel fv" in text and "Voorstel ah" in text
    for secret in (PUBLIC, REGION_ONLY, HIDDEN, DECLINED):
        for key in ("fv", "ah"):
            assert secret.format(key) not in text


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", set()),
        ("member_a", set()),
        ("member_b", set()),
        ("staff_fv", {"fv"}),
        ("staff_ah", {"ah"}),
        ("editor", {"fv", "ah"}),
    ],
)
@pytest.mark.parametrize("channel", ["export-csv/", "export-xlsx/", "verslag-print/"])
def test_region_exports_only_for_the_own_region(client, world, who, allowed, channel):
    proposals, people = world
    for key, proposal in proposals.items():
        response = _get(client, people, who, f"{proposal.url}{channel}")
        if key in allowed:
            assert response.status_code == 200
            if channel != "export-xlsx/":
                assert REGION_ONLY.format(key) in _text(response)
        else:
            assert response.status_code in (302, 403)
            assert REGION_ONLY.format(key) not in response.content.decode("utf-8", "replace")


def test_my_responses(client, world):
    _proposals, people = world
    mine = _text(_get(client, people, "member_a", "/adviestafel/mijn-reacties/"))
    for key in ("fv", "ah"):
        assert REGION_ONLY.format(key) in mine and DECLINED.format(key) in mine
        assert HIDDEN.format(key) not in mine
    theirs = _text(_get(client, people, "member_b", "/adviestafel/mijn-reacties/"))
    for key in ("fv", "ah"):
        assert HIDDEN.format(key) in theirs  # its own hidden one, with the reason
        for secret in (PUBLIC, REGION_ONLY, DECLINED):
            assert secret.format(key) not in theirs
    for who in ("staff_fv", "staff_ah", "editor"):
        text = _text(_get(client, people, who, "/adviestafel/mijn-reacties/"))
        assert not any(s.format(k) in text for s in (PUBLIC, REGION_ONLY, HIDDEN, DECLINED) for k in ("fv", "ah"))


def test_cosigning_shows_a_region_only_text_to_the_invited_organisation_only(client, world):
    proposals, people = world
    org_a = people["member_a"].memberships.get().organisation
    org_b = people["member_b"].memberships.get().organisation
    open_one = make_proposal(title="Open voorstel")
    secret = ResponseFactory(
        proposal=open_one,
        organisation=org_a,
        author=people["member_a"],
        visibility=Visibility.REGION_ONLY,
        body_markdown="UITNODIGING-GEHEIM",
    )
    url = f"{open_one.url}reactie/{secret.pk}/medeondertekenen/"
    assert "UITNODIGING-GEHEIM" not in _text(_get(client, people, "member_b", open_one.url))
    services.cosign_invite(response=secret, user=people["member_a"], organisations=[org_b])
    assert "UITNODIGING-GEHEIM" in _text(_get(client, people, "member_b", url))  # to decide what it signs
    outsider = provider_member(OrganisationFactory(name="Aanbieder Drie", is_contracted=True))
    client.force_login(outsider)
    refused = client.get(url)
    assert refused.status_code == 404 and "UITNODIGING-GEHEIM" not in refused.content.decode()
    assert "UITNODIGING-GEHEIM" not in client.get(open_one.url).content.decode()
    assert "UITNODIGING-GEHEIM" not in _text(_get(client, people, "staff_ah", open_one.url))
    assert "UITNODIGING-GEHEIM" in _text(_get(client, people, "staff_fv", open_one.url))


def test_search_text_has_public_responses_only(world):
    proposals, _people = world
    for key, proposal in proposals.items():
        text = proposal.public_response_texts()
        assert PUBLIC.format(key) in text
        assert not any(s.format(key) in text for s in (REGION_ONLY, HIDDEN, DECLINED))
        assert "Anja Een" not in text
