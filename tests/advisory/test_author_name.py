"""The author's choice (issue 12): after closing a response shows its organisation; the author's personal name only
if they chose it when submitting (default: not), on the page, the report, the CSV and the search text."""

import csv
import io

import pytest

from knowledge.advisory.models import Response
from tests.advisory.helpers import close, publish_report
from tests.factories.accounts import OrganisationFactory, provider_member

pytestmark = pytest.mark.django_db


def _form(proposal, **extra):
    data = {
        "question": proposal.questions.first().pk,
        "position": "supports",
        "text": "Wij steunen dit plan.",
        "visibility": "public",
    }
    data.update(extra)
    return data


def test_the_choice_is_offered_and_off_by_default(client, proposal, provider):
    client.force_login(provider)
    html = client.get(proposal.url).content.decode()
    before, after = html.split('name="show_author_name"', 1)
    checkbox = before.rsplit("<input", 1)[1] + after.split(">", 1)[0]
    assert 'type="checkbox"' in checkbox and "checked" not in checkbox
    assert "Toon mijn naam bij de reactie" in html


@pytest.fixture
def two_responses(client, proposal, provider, other_provider):
    client.force_login(provider)  # Anna Aanbieder: no choice made
    client.post(f"{proposal.url}reageren/", _form(proposal, text="Zonder naam geplaatst."))
    client.force_login(other_provider)  # Bram Anders: chooses to show his name
    client.post(f"{proposal.url}reageren/", _form(proposal, text="Met naam geplaatst.", show_author_name="on"))
    assert list(
        Response.objects.filter(proposal=proposal).order_by("pk").values_list("show_author_name", flat=True)
    ) == [False, True]
    client.logout()
    return publish_report(close(proposal))


def test_after_closing_the_public_sees_organisations_and_only_chosen_names(client, two_responses):
    html = client.get(two_responses.url).content.decode()
    assert "Jeugdzorg Doelgroep" in html and "Zonder naam geplaatst." in html
    assert "Anna Aanbieder" not in html
    assert "Bram Anders" in html
    report = client.get(f"{two_responses.url}verslag/").content.decode()
    assert "Anna Aanbieder" not in report and "Bram Anders" in report
    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"{two_responses.url}reacties-csv/").content.decode("utf-8-sig")), delimiter=";"
        )
    )
    assert [(r["Organisatie"], r["Auteur"]) for r in rows] == [
        ("Jeugdzorg Doelgroep", ""),
        ("Andere Aanbieder", "Bram Anders"),
    ]
    search_text = two_responses.public_response_texts()
    assert "Anna" not in search_text and "Bram Anders" in search_text and "Jeugdzorg Doelgroep" in search_text


def test_another_provider_does_not_see_the_name_either(client, two_responses):
    stranger = provider_member(OrganisationFactory(name="Derde Partij"), first_name="Dora", last_name="Derde")
    client.force_login(stranger)
    html = client.get(two_responses.url).content.decode()
    assert "Zonder naam geplaatst." in html and "Anna Aanbieder" not in html


def test_the_region_and_the_own_organisation_always_see_who_wrote_it(client, two_responses, staff, audience_org):
    colleague = provider_member(audience_org, first_name="Cees", last_name="Collega")
    for user in (staff, colleague):
        client.force_login(user)
        assert "Anna Aanbieder" in client.get(two_responses.url).content.decode()
    client.force_login(staff)
    export = client.get(f"{two_responses.url}export-csv/").content.decode("utf-8-sig")
    assert "Anna Aanbieder" in export  # the region's own administration keeps the author


def test_the_choice_is_kept_in_a_draft(client, proposal, provider):
    client.force_login(provider)
    client.post(f"{proposal.url}reageren/", _form(proposal, show_author_name="on", save_draft="1"))
    html = client.get(proposal.url).content.decode()
    checkbox = html.split('name="show_author_name"')[1].split(">")[0]
    assert "checked" in checkbox


def test_a_cosigning_organisation_sees_the_name_only_if_chosen(
    client, proposal, provider, audience_org, other_provider, other_audience_org
):
    from knowledge.advisory import services
    from tests.factories.advisory import ResponseFactory

    response = ResponseFactory(proposal=proposal, author=provider, organisation=audience_org)
    [invitation] = services.cosign_invite(response=response, user=provider, organisations=[other_audience_org])
    services.cosign_decide(cosignature=invitation, user=other_provider, accept=True)
    client.force_login(other_provider)
    assert "Anna Aanbieder" not in client.get("/adviestafel/mijn-reacties/").content.decode()
    assert "Anna Aanbieder" not in client.get(proposal.url).content.decode()
    client.force_login(provider)
    assert "Anna Aanbieder" in client.get("/adviestafel/mijn-reacties/").content.decode()
