"""Region staff of the region holding a consultation see who has not responded yet and export its responses; staff
of another region, providers and visitors do not."""

import csv
import io

import pytest

from tests.factories.accounts import OrganisationFactory, region_staff
from tests.factories.advisory import ResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(proposal, audience_org, other_audience_org, provider):
    ResponseFactory(proposal=proposal, organisation=audience_org, author=provider, body_markdown="Wij doen mee.")
    return proposal


def test_own_region_staff_see_non_responders_and_export_links(client, answered, staff, other_audience_org):
    client.force_login(staff)
    html = client.get(answered.url).content.decode()
    waiting = html.split('class="utrecht-unordered-list kp-non-responding"')[1].split("</ul>")[0]
    assert other_audience_org.name in waiting and "Jeugdzorg Doelgroep" not in waiting
    tools = html.split('class="kp-section kp-staff-tools"')[1].split("</section>")[0]
    assert "export-csv/" in tools and "export-xlsx/" in tools and "verslag-print/" in tools
    rows = list(
        csv.DictReader(io.StringIO(client.get(f"{answered.url}export-csv/").content.decode("utf-8-sig")), delimiter=";")
    )
    assert [r["Tekst"] for r in rows] == ["Wij doen mee."]
    printed = client.get(f"{answered.url}verslag-print/").content.decode()
    assert other_audience_org.name in printed.split("zonder reactie")[-1]


def test_staff_of_another_region_providers_and_visitors_see_no_non_responders(client, answered, provider):
    elsewhere = region_staff(OrganisationFactory(name="Regio Elders", slug="regio-elders-test", kind="region"))
    for user in (elsewhere, provider, None):
        client.logout()
        if user is not None:
            client.force_login(user)
        html = client.get(answered.url).content.decode()
        assert "kp-non-responding" not in html and "kp-staff-tools" not in html
    client.force_login(elsewhere)
    refused = client.get(f"{answered.url}export-csv/")
    assert refused.status_code == 403
    assert "medewerkers van de regio die deze consultatie houdt" in refused.content.decode()
