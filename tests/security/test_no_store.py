"""Every response with personal data is sent with Cache-Control: no-store (no browser or proxy keeps a copy)."""

import pytest

from tests.factories.accounts import editor
from tests.factories.events import EventPageFactory, register

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in {part.strip() for part in response.get("Cache-Control", "").lower().split(",")}


@pytest.mark.parametrize(
    "path",
    [
        "/account/",
        "/account/mijn-gegevens.json",
        "/account/verwijderen/",
        "/account/uitnodigen/",
        "/account/aanvragen/",
    ],
)
def test_account_pages_are_not_stored(client, demo_site, path):
    client.force_login(editor())
    response = client.get(path)
    assert response.status_code == 200
    assert _no_store(response)


def test_access_request_form_is_not_stored(client, demo_site):
    assert _no_store(client.get("/account/toegang-aanvragen/"))


def test_own_registration_through_the_signed_link_is_not_stored(client, demo_site):
    from events.emails import registration_url

    registration = register(EventPageFactory(), notify=False)
    path = "/" + registration_url(registration).split("/", 3)[3]
    response = client.get(path)
    assert response.status_code == 200 and registration.name in response.content.decode()
    assert _no_store(response)


@pytest.mark.parametrize("suffix", ["", "export.csv", "export.xlsx"])
def test_admin_registration_list_and_exports_are_not_stored(client, demo_site, suffix):
    event = EventPageFactory()
    registration = register(event, notify=False)
    client.force_login(editor())
    response = client.get(f"/admin/kennisateliers/{event.pk}/{suffix}")
    assert response.status_code == 200
    if not suffix:
        assert registration.name in response.content.decode()
    assert _no_store(response)


def test_a_public_page_may_be_stored(client, demo_site):
    """The check is not vacuous: a page without personal data is not marked no-store."""
    assert not _no_store(client.get("/"))
