import json

import pytest

from accounts.models import EmailPreferences
from knowledge.advisory import services as advisory_services
from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.advisory import make_proposal

pytestmark = pytest.mark.django_db


def test_profile_requires_sign_in(client):
    response = client.get("/account/")
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_profile_shows_data_and_download_holds_everything_about_me(client, demo_site):
    org = OrganisationFactory(name="Mijn Aanbieder")
    user = provider_member(org, first_name="Mila", last_name="Mijn")
    proposal = make_proposal()
    advisory_services.response_submit(
        proposal=proposal,
        user=user,
        question=proposal.questions.first(),
        position="supports",
        text="Mijn eigen reactie",
        visibility="region_only",
    )
    client.force_login(user)
    html = client.get("/account/").content.decode()
    assert "Mijn Aanbieder" in html and "1 reactie op de adviestafel" in html
    download = client.get("/account/mijn-gegevens.json")
    assert download["Content-Disposition"].startswith("attachment;")
    data = json.loads(download.content)
    assert data["account"]["e_mailadres"] == user.email
    assert data["organisaties"][0]["organisatie"] == "Mijn Aanbieder"
    assert data["adviestafel"]["reacties"][0]["tekst"] == "Mijn eigen reactie"
    assert data["e_mailvoorkeuren"]["replies"] is True


def test_download_contains_only_my_own_data(client, demo_site):
    me = provider_member()
    other = provider_member()
    proposal = make_proposal()
    advisory_services.response_submit(
        proposal=proposal,
        user=other,
        question=proposal.questions.first(),
        position="supports",
        text="Tekst van een ander",
        visibility="public",
    )
    client.force_login(me)
    assert "Tekst van een ander" not in client.get("/account/mijn-gegevens.json").content.decode()


def test_email_preferences_are_saved(client, demo_site):
    user = provider_member()
    client.force_login(user)
    response = client.post("/account/e-mailvoorkeuren/", {"proposal_opened": "on", "reports": "on"}, follow=True)
    assert "Uw e-mailvoorkeuren zijn opgeslagen." in response.content.decode()
    prefs = EmailPreferences.objects.get(user=user)
    assert (prefs.proposal_opened, prefs.proposal_reminder, prefs.replies, prefs.reports) == (True, False, False, True)
