"""No enumeration: the site answers alike for known and unknown addresses; only the owner's mailbox differs."""

import re

import pytest
from django.core import mail

from accounts.models import AccessRequest
from tests.factories.accounts import OrganisationFactory, provider_member

pytestmark = pytest.mark.django_db


def _visible(client, response) -> tuple:
    """What a visitor can observe: status, where it sends them and the text of the page they land on."""
    location = response.get("Location", "")
    landing = client.get(location) if location else response
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", landing.content.decode())
    return response.status_code, location, landing.status_code, text


def _access_request(client, email, organisation):
    data = {"first_name": "Kim", "last_name": "Vries", "email": email, "organisation": organisation.pk, "website": ""}
    return client.post("/account/toegang-aanvragen/", data)


def test_access_request_answers_alike_for_new_pending_and_member_addresses(client, demo_site):
    org = OrganisationFactory(name="Jeugdhulp Oost")
    provider_member(org, username="lid@oost.example", email="lid@oost.example")
    _access_request(client, "wacht@oost.example", org)
    mail.outbox.clear()

    answers = {
        email: _visible(client, _access_request(client, email, org))
        for email in ("nieuw@oost.example", "wacht@oost.example", "lid@oost.example")
    }
    assert len(set(answers.values())) == 1
    status, location, landing_status, _text = answers["nieuw@oost.example"]
    assert (status, location, landing_status) == (302, "/account/toegang-aanvragen/verstuurd/", 200)

    # The owner of each address gets the answer by e-mail instead.
    by_address = {message.to[0]: message.body for message in mail.outbox}
    assert sorted(by_address) == ["lid@oost.example", "nieuw@oost.example", "wacht@oost.example"]
    assert "ontvangen" in by_address["nieuw@oost.example"]
    assert "Er ligt al een aanvraag" in by_address["wacht@oost.example"]
    assert "al medewerker" in by_address["lid@oost.example"]
    assert "http://testserver/account/inloggen/" in by_address["lid@oost.example"]
    assert AccessRequest.objects.filter(organisation=org).count() == 2  # none for the existing member


def test_access_request_mails_per_address_are_limited(client, demo_site):
    org = OrganisationFactory()
    mail.outbox.clear()
    for _ in range(5):
        _access_request(client, "doelwit@voorbeeld.example", org)
    assert len(mail.outbox) == 3


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client, demo_site):
    provider_member(username="bekend@voorbeeld.example", email="bekend@voorbeeld.example")
    mail.outbox.clear()
    known = _visible(client, client.post("/account/wachtwoord-vergeten/", {"email": "bekend@voorbeeld.example"}))
    unknown = _visible(client, client.post("/account/wachtwoord-vergeten/", {"email": "onbekend@voorbeeld.example"}))
    assert known == unknown
    assert known[0] == 302
    [message] = mail.outbox
    assert message.to == ["bekend@voorbeeld.example"]


def test_event_registration_answers_alike_for_a_new_and_an_already_registered_address(client, demo_site):
    from accounts.models import Organisation
    from tests.factories.events import EventPageFactory, register

    event = EventPageFactory(capacity=10)
    region = Organisation.objects.get(slug="food-valley")
    owner = register(event, email="bekend@voorbeeld.example", notify=False)
    mail.outbox.clear()

    def submit(address):
        data = {
            "name": "Iemand",
            "email": address,
            "organisation_name": "Gemeente Ede",
            "region": str(region.pk),
            "role": "policy",
            "needs": "",
            "consent": "on",
            "website": "",
        }
        status, location, landing, text = _visible(client, client.post(event.url, data))
        return status, location, landing, text.replace(address, "ADRES")

    # (The new one goes first, so both pages show the same number of places left.)
    assert submit("nieuw@voorbeeld.example") == submit("bekend@voorbeeld.example")
    assert event.registrations.count() == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "al ingeschreven" in by_address["bekend@voorbeeld.example"].subject
    assert "Inschrijving bevestigd" in by_address["nieuw@voorbeeld.example"].subject
    owner.refresh_from_db()
    assert owner.name != "Iemand"  # the existing registration is untouched


def test_password_reset_mail_is_sent_by_the_worker_with_no_token_in_the_queue(client, demo_site, settings):
    """Known and unknown addresses take the same path in the request: the mail is built by the task worker."""
    from django_tasks import default_task_backend

    from accounts.tasks import send_password_reset

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.BASE_URL = "https://kennisplatform.example.nl"
    user = provider_member(username="wachtrij@voorbeeld.example", email="wachtrij@voorbeeld.example")
    default_task_backend.clear()
    mail.outbox.clear()
    client.post("/account/wachtwoord-vergeten/", {"email": "wachtrij@voorbeeld.example"})
    assert mail.outbox == []  # nothing sent inside the request
    [queued] = [r for r in default_task_backend.results if r.task.name == send_password_reset.name]
    assert queued.kwargs == {"user_id": user.pk}  # no reset token waits in the queue

    send_password_reset.call(**queued.kwargs)
    [message] = mail.outbox
    # the link is on the site's own address, not on whatever Host header the request carried
    assert re.search(r"^https://kennisplatform\.example\.nl/account/wachtwoord-instellen/\S+/$", message.body, re.M)
