"""Region scoping channel by channel, with staff of two regions (FoodValley and Arnhem): every way to a
region-only response or a registration answers for one's own region only. Exports are read back with the csv
module and openpyxl.

Channels: the proposal page, a reply to a response, its attachment, the published report, the public CSV, the
editors' exports (CSV/XLSX), and in the admin the registration list, its CSV/XLSX export and the actions on
registrations.
"""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Organisation
from knowledge.advisory.models import Reply, Visibility
from tests.factories.accounts import OrganisationFactory, editor, region_staff
from tests.factories.advisory import ResponseFactory, make_proposal
from tests.factories.events import EventPageFactory, register

pytestmark = pytest.mark.django_db

SECRET = "Vertrouwelijk voor FoodValley alleen"


@pytest.fixture
def staff(demo_site):
    own = region_staff(Organisation.objects.get(slug="food-valley"), first_name="Fleur", last_name="Foodvalley")
    other = region_staff(Organisation.objects.get(slug="arnhem"), first_name="Arie", last_name="Arnhem")
    return own, other


@pytest.fixture
def closed_proposal(staff):
    now = timezone.now()
    proposal = make_proposal(
        opens_at=now - datetime.timedelta(days=20),
        closes_at=now - datetime.timedelta(days=5),
        report_published_at=now - datetime.timedelta(days=1),
    )
    region_only = ResponseFactory(
        proposal=proposal,
        organisation=OrganisationFactory(name="Aanbieder Vertrouwelijk"),
        visibility=Visibility.REGION_ONLY,
        body_markdown=SECRET,
    )
    region_only.attachment.save("bijlage.pdf", ContentFile(b"%PDF-1.4 vertrouwelijk"), save=True)
    region_only.attachment_name = "bijlage.pdf"
    region_only.save()
    public = ResponseFactory(proposal=proposal, body_markdown="Openbaar voor iedereen")
    return proposal, region_only, public


def test_the_page_and_report_show_region_only_responses_to_the_own_region_only(client, staff, closed_proposal):
    own, other = staff
    proposal, _region_only, _public = closed_proposal
    client.force_login(own)
    assert SECRET in client.get(proposal.url).content.decode()
    client.force_login(other)
    report = client.get(f"{proposal.url}verslag/")
    assert report.status_code == 200 and SECRET not in report.content.decode()
    page = client.get(proposal.url).content.decode()
    assert SECRET not in page and "Openbaar voor iedereen" in page


def test_the_attachment_of_a_region_only_response_is_for_the_own_region(client, staff, closed_proposal):
    own, other = staff
    proposal, region_only, _public = closed_proposal
    url = f"{proposal.url}reactie/{region_only.pk}/bijlage/"
    client.force_login(own)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(other)
    assert client.get(url).status_code == 404


def test_staff_of_another_region_cannot_reply_to_a_region_only_response(client, staff, closed_proposal):
    own, other = staff
    proposal, region_only, _public = closed_proposal
    url = f"{proposal.url}reactie/{region_only.pk}/reageren/"
    client.force_login(other)
    assert client.post(url, {"text": "Vanuit Arnhem"}).status_code == 404
    assert not Reply.objects.filter(response=region_only).exists()
    client.force_login(own)
    assert client.post(url, {"text": "Vanuit FoodValley"}).status_code == 302
    assert Reply.objects.filter(response=region_only, author=own).exists()


def test_the_public_csv_never_holds_a_region_only_response(client, staff, closed_proposal):
    _own, other = staff
    proposal, _region_only, _public = closed_proposal
    client.force_login(other)
    response = client.get(f"{proposal.url}reacties-csv/")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    texts = [cell for row in rows for cell in row]
    assert "Openbaar voor iedereen" in texts and SECRET not in texts


def test_the_exports_with_region_only_responses_are_for_the_own_region_and_editors(client, staff, closed_proposal):
    own, other = staff
    proposal, _region_only, _public = closed_proposal
    client.force_login(other)
    assert client.get(f"{proposal.url}export-csv/").status_code == 403
    assert client.get(f"{proposal.url}export-xlsx/").status_code == 403
    for person in (own, editor()):
        client.force_login(person)
        workbook = openpyxl.load_workbook(io.BytesIO(client.get(f"{proposal.url}export-xlsx/").content))
        cells = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row]
        assert SECRET in cells
        rows = csv.reader(
            io.StringIO(client.get(f"{proposal.url}export-csv/").content.decode("utf-8-sig")), delimiter=";"
        )
        assert SECRET in [cell for row in rows for cell in row]


# Events admin: region staff see and export their own region's registrations, and change nothing.


@pytest.fixture
def registrations(staff):
    event = EventPageFactory(capacity=20)
    ours = register(event, region="food-valley", name="Fenna Foodvalley", notify=False)
    theirs = register(event, region="arnhem", name="Arjen Arnhem", notify=False)
    return event, ours, theirs


def test_region_staff_see_only_their_own_regions_registrations(client, staff, registrations):
    own, other = staff
    event, _ours, _theirs = registrations
    url = f"/admin/kennisateliers/{event.pk}/"
    client.force_login(own)
    html = client.get(url).content.decode()
    assert "Fenna Foodvalley" in html and "Arjen Arnhem" not in html
    client.force_login(other)
    html = client.get(url).content.decode()
    assert "Arjen Arnhem" in html and "Fenna Foodvalley" not in html


def test_region_staff_export_only_their_own_region(client, staff, registrations):
    own, other = staff
    event, _ours, _theirs = registrations
    client.force_login(other)
    response = client.get(f"/admin/kennisateliers/{event.pk}/export.csv")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    names = [row[0] for row in rows[1:]]
    assert names == ["Arjen Arnhem"]
    client.force_login(own)
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(f"/admin/kennisateliers/{event.pk}/export.xlsx").content))
    names = [row[0] for row in workbook.active.iter_rows(min_row=2, values_only=True)]
    assert names == ["Fenna Foodvalley"]


def test_region_staff_change_no_registration(client, staff, registrations):
    _own, other = staff
    event, _ours, theirs = registrations
    client.force_login(other)
    for action in ("annuleren", "aanwezig"):
        # Wagtail answers a refusal in the admin with a redirect to the dashboard and a message.
        assert client.post(f"/admin/kennisateliers/{event.pk}/{action}/{theirs.pk}/").status_code in (302, 403)
    sheet = client.get(f"/admin/kennisateliers/{event.pk}/presentielijst/")
    assert sheet.status_code in (302, 403) and "Arjen Arnhem" not in sheet.content.decode()
    theirs.refresh_from_db()
    assert theirs.status == "confirmed" and theirs.attended_at is None
