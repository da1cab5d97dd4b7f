"""Request body limits in the application, and Dutch 400, 403 and CSRF pages that say what to do."""

import pytest
from django.test import Client

from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db


def _in_layout(html: str) -> bool:
    """The site's header navigation and footer are around the message."""
    return "kp-footer" in html and 'href="/kennisateliers/"' in html


def test_too_many_fields_get_the_dutch_400_page_in_the_layout(client, demo_site, settings):
    event = EventPageFactory(capacity=5)
    fields = {f"veld{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post(event.url, fields, REMOTE_ADDR="10.5.5.1")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Verzoek niet verwerkt" in html
    assert "maak de bijlage kleiner" in html
    assert _in_layout(html)
    assert event.registrations.count() == 0


def test_a_form_larger_than_the_field_limit_gets_400(client, demo_site, settings):
    event = EventPageFactory(capacity=5)
    body = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(event.url, {"name": body}, REMOTE_ADDR="10.5.5.2")
    assert response.status_code == 400
    assert "Verzoek niet verwerkt" in response.content.decode()


def test_a_body_above_the_application_limit_is_refused_with_413_unread(client, demo_site, settings):
    event = EventPageFactory(capacity=5)
    payload = b"0" * (settings.MAX_REQUEST_BODY_SIZE + 1)
    response = client.generic("POST", event.url, payload, content_type="application/octet-stream")
    assert response.status_code == 413
    assert "Verzoek niet verwerkt" in response.content.decode()


def test_limits_are_set_in_the_application(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 5 * 1024 * 1024
    assert int(2.5 * 1024 * 1024) == settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 10_000
    assert settings.MAX_REQUEST_BODY_SIZE == 12 * 1024 * 1024


def test_forbidden_page_tells_a_signed_in_user_whom_to_ask(client, demo_site):
    client.force_login(provider_member(OrganisationFactory(name="Aanbieder Zonder Rechten", is_contracted=True)))
    response = client.get("/account/aanvragen/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Geen toegang" in html
    assert "Vraag het de beheerder van uw organisatie" in html
    assert _in_layout(html)


def test_an_expired_form_gets_the_csrf_page_with_a_way_back(demo_site):
    event = EventPageFactory(capacity=5)
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(event.url, {"name": "Anouk"}, HTTP_REFERER=f"http://testserver{event.url}")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Formulier verlopen" in html
    assert "Sta cookies toe" in html
    assert f'href="http://testserver{event.url}"' in html  # back to the form
    assert _in_layout(html)
    assert event.registrations.count() == 0


def test_the_csrf_page_never_links_back_off_site(demo_site):
    event = EventPageFactory(capacity=5)
    response = Client(enforce_csrf_checks=True).post(event.url, {}, HTTP_REFERER="https://kwaadwillend.example/")
    assert "kwaadwillend.example" not in response.content.decode()


def test_error_pages_follow_the_chosen_language(demo_site):
    browser = Client(enforce_csrf_checks=True)
    browser.cookies["django_language"] = "en"
    event = EventPageFactory(capacity=5)
    html = browser.post(event.url, {}).content.decode()
    assert 'lang="en"' in html
    assert "Form expired" in html and "Allow cookies for this site" in html


def test_refused_requests_are_logged_without_the_token_of_a_signed_link(client, demo_site, settings):
    """Django logs every 4xx with its path; a registration link's token must not reach the log."""
    import logging

    from home.log_filters import MaskPersonalDataFilter

    records = []
    handler = logging.Handler()
    handler.addFilter(MaskPersonalDataFilter())
    handler.emit = lambda record: records.append(handler.format(record))
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        event = EventPageFactory(capacity=5)
        path = f"{event.url}inschrijving/GeheimToken-42:xyz/"
        payload = b"0" * (settings.MAX_REQUEST_BODY_SIZE + 1)
        assert client.generic("POST", path, payload, content_type="application/octet-stream").status_code == 413
    finally:
        logger.removeHandler(handler)
    assert records and all("GeheimToken" not in line for line in records)
    assert any("inschrijving/[afgeschermd]/" in line for line in records)
