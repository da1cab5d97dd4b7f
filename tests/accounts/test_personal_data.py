"""AVG inzage: the download holds the event registrations made with the account's verified address, no others."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts import services
from tests.factories.accounts import OrganisationFactory, editor, provider_member
from tests.factories.events import EventPageFactory, register

pytestmark = pytest.mark.django_db

PASSWORD = "Lange-zin-voor-de-adviestafel"


@pytest.fixture
def event(demo_site):
    return EventPageFactory(title="Kennisatelier Wachtlijsten")


def _download(client, user):
    user.refresh_from_db()  # the password may have changed since: sign in with the current record
    client.force_login(user)
    response = client.get("/account/mijn-gegevens.json")
    assert response.status_code == 200
    return json.loads(response.content)


def _invited_and_accepted(client, address):
    organisation = OrganisationFactory()
    services.invitation_create(
        email=address, first_name="Ilse", last_name="Uitgenodigd", organisation=organisation, invited_by=editor()
    )
    link = re.search(r"http://testserver(/account/uitnodiging/\S+/)", mail.outbox[-1].body).group(1)
    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    client.post(set_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    client.logout()
    return get_user_model().objects.get(email=address)


def test_download_holds_registrations_of_the_verified_address(client, event):
    register(event, email="Ilse@Voorbeeld.example", name="Ilse U.", needs="Vegetarisch", notify=False)
    register(event, email="iemand.anders@voorbeeld.example", name="Iemand Anders", notify=False)
    user = _invited_and_accepted(client, "ilse@voorbeeld.example")

    data = _download(client, user)
    assert data["account"]["e_mailadres_geverifieerd"] is True
    [mine] = data["kennisateliers"]
    assert (mine["bijeenkomst"], mine["naam"], mine["toegankelijkheid_of_dieetwensen"]) == (
        "Kennisatelier Wachtlijsten",
        "Ilse U.",
        "Vegetarisch",
    )
    assert mine["status"] == "Bevestigd"
    assert "1 inschrijving voor een kennisatelier" in client.get("/account/").content.decode()


def test_an_unverified_address_shows_no_registrations(client, event):
    user = provider_member(username="nooit@voorbeeld.example", email="nooit@voorbeeld.example")
    register(event, email="nooit@voorbeeld.example", notify=False)
    data = _download(client, user)
    assert data["account"]["e_mailadres_geverifieerd"] is False
    assert data["kennisateliers"] == []


def test_an_address_changed_after_verification_is_not_trusted(client, event):
    user = _invited_and_accepted(client, "eerst@voorbeeld.example")
    register(event, email="slachtoffer@voorbeeld.example", notify=False)
    user.email = "slachtoffer@voorbeeld.example"  # e.g. edited in the admin; never proven by the person
    user.save()
    assert _download(client, user)["kennisateliers"] == []


def test_a_password_reset_through_the_e_mailed_link_verifies_the_address(client, event):
    user = provider_member(username="reset@voorbeeld.example", email="reset@voorbeeld.example")
    register(event, email="reset@voorbeeld.example", notify=False)
    mail.outbox.clear()
    client.post("/account/wachtwoord-vergeten/", {"email": "reset@voorbeeld.example"})
    link = re.search(r"https?://[^/\s]+(/account/wachtwoord-instellen/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(set_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302
    assert len(_download(client, user)["kennisateliers"]) == 1
