"""Public accountability: RSS and iCalendar of consultations with their closing dates, a CSV of the public
responses after closing, and none of these channels ever carries a region-only, hidden or withdrawn response."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from icalendar import Calendar

from knowledge.advisory.models import ResponseState, Visibility
from tests.factories.accounts import OrganisationFactory
from tests.factories.advisory import ResponseFactory, make_proposal

pytestmark = pytest.mark.django_db

PUBLIC = "Openbare inbreng voor iedereen"
SECRETS = ("Alleen-voor-de-regio-geheim", "Verborgen-na-meldingen", "Ingetrokken-tekst")


@pytest.fixture
def consultations(demo_site):
    now = timezone.now()
    closed = make_proposal(
        title="Gesloten consultatie",
        opens_at=now - datetime.timedelta(days=20),
        closes_at=now - datetime.timedelta(days=2),
    )
    open_one = make_proposal(title="Open consultatie", closes_at=now + datetime.timedelta(days=4))
    for proposal in (closed, open_one):
        ResponseFactory(proposal=proposal, organisation=OrganisationFactory(name="Jansen & Zn"), body_markdown=PUBLIC)
        ResponseFactory(proposal=proposal, visibility=Visibility.REGION_ONLY, body_markdown=SECRETS[0])
        ResponseFactory(proposal=proposal, state=ResponseState.HIDDEN, body_markdown=SECRETS[1])
        ResponseFactory(proposal=proposal, state=ResponseState.WITHDRAWN, body_markdown=SECRETS[2])
    return closed, open_one


def _no_secrets(text):
    assert not any(secret in text for secret in SECRETS)


def test_rss_lists_consultations_with_closing_dates(client, consultations):
    closed, open_one = consultations
    response = client.get("/adviestafel/feed/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    items = {item.findtext("title"): item for item in ET.fromstring(body).iter("item")}
    assert {"Gesloten consultatie", "Open consultatie"} <= set(items)
    closes = timezone.localtime(open_one.closes_at)
    assert f"{closes.day} " in items["Open consultatie"].findtext("description")
    assert items["Open consultatie"].findtext("link").endswith(open_one.url)
    _no_secrets(body)
    assert PUBLIC not in body  # a feed of consultations, not of responses


def test_icalendar_has_one_entry_per_consultation_at_its_closing_time(client, consultations):
    closed, open_one = consultations
    response = client.get("/adviestafel/agenda.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    entry = events["Consultatie sluit: Open consultatie"]
    assert entry.decoded("dtstart") == open_one.closes_at.replace(microsecond=0)
    assert str(entry["uid"]).startswith(f"adviestafel-{open_one.pk}@")
    assert "Consultatie sluit: Gesloten consultatie" in events
    _no_secrets(response.content.decode())


def test_public_csv_after_closing_has_only_public_responses_verbatim(client, consultations):
    closed, open_one = consultations
    response = client.get(f"{closed.url}reacties-csv/")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:5] == ["Vraag", "Organisatie", "Standpunt", "Reactie", "Geplaatst op"]  # new columns after
    assert rows[0][5:] == ["Passage", "Mede ondertekend door", "Auteur"]
    assert [row[1:4] for row in rows[1:]] == [["Jansen & Zn", "Steunt het voorstel", PUBLIC]]
    _no_secrets(text)
    assert "Openbare reacties downloaden (CSV)" in client.get(closed.url).content.decode()


def test_no_public_csv_while_the_consultation_is_open(client, consultations, editor_user):
    closed, open_one = consultations
    for user in (None, editor_user):
        if user is not None:
            client.force_login(user)
        response = client.get(f"{open_one.url}reacties-csv/")
        assert response.status_code == 404
        assert "zodra de consultatie is gesloten" in response.content.decode()


def test_the_csv_is_the_same_for_an_editor_as_for_anyone(client, consultations, editor_user):
    closed, _open = consultations
    anonymous = client.get(f"{closed.url}reacties-csv/").content
    client.force_login(editor_user)
    assert client.get(f"{closed.url}reacties-csv/").content == anonymous


def test_unpublished_or_private_proposals_are_in_no_feed(client, consultations):
    closed, open_one = consultations
    open_one.unpublish()
    assert "Open consultatie" not in client.get("/adviestafel/feed/").content.decode()
    assert "Open consultatie" not in client.get("/adviestafel/agenda.ics").content.decode()


def test_a_response_hidden_after_download_is_gone_from_the_next_csv(client, consultations, editor_user):
    closed, _open = consultations
    first = client.get(f"{closed.url}reacties-csv/")
    assert PUBLIC in first.content.decode("utf-8-sig") and "no-store" in first["Cache-Control"]
    client.force_login(editor_user)
    public = closed.responses.get(body_markdown=PUBLIC)
    client.post(f"{closed.url}reactie/{public.pk}/verbergen/", {"reason": "Persoonsgegevens"})
    client.logout()
    assert PUBLIC not in client.get(f"{closed.url}reacties-csv/").content.decode("utf-8-sig")
