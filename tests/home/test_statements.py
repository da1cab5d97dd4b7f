"""The privacy and accessibility statements as a visitor reads them (the demo's pages, rendered)."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _section(text: str, start: str, end: str | None = None) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin) if end else None]


def test_the_privacy_statement_names_controller_contact_and_dpo(client, demo_site):
    response = client.get("/privacy/")
    assert response.status_code == 200
    text = _text(response)
    assert "Verwerkingsverantwoordelijke is de gemeente Ede" in text
    assert "functionaris gegevensbescherming (FG)" in text
    html = response.content.decode()
    # The contact is shown as a working link and number, not hidden in the text.
    assert 'href="mailto:privacy@foodvalley.example"' in html
    assert 'href="tel:0318680000"' in html


@pytest.mark.parametrize(
    "kind, basis, retention",
    [
        ("Inschrijvingen voor kennisateliers", "artikel 6 lid 1 onder a AVG", "twaalf maanden na het kennisatelier"),
        ("Accounts", "artikel 6 lid 1 onder e AVG", "zolang uw account bestaat"),
        ("Reacties op de adviestafel", "artikel 6 lid 1 onder e AVG", "zolang het voorstel en het verslag"),
        ("Logboeken", "artikel 32 AVG", "30 dagen bewaard"),
    ],
)
def test_each_kind_of_data_has_its_legal_basis_and_retention_period(client, demo_site, kind, basis, retention):
    html = client.get("/privacy/").content.decode()
    start = html.index(f"<b>{kind}</b>")
    paragraph = re.sub(r"\s+", " ", html[start : html.index("</p>", start)])
    assert "Grondslag" in paragraph and basis in paragraph, kind
    assert retention in paragraph, kind


def test_the_retention_periods_in_the_statement_are_the_ones_the_code_applies(client, demo_site):
    text = _text(client.get("/privacy/"))
    assert settings.REGISTRATION_RETENTION_MONTHS == 12 and "twaalf maanden" in text
    assert settings.EMAIL_OUTBOX_KEEP_DAYS == 7 and "zeven dagen na verzending" in text


def test_the_privacy_statement_lists_processors_and_every_right(client, demo_site):
    text = _text(client.get("/privacy/"))
    assert "verwerkers" in text and "hostingleverancier" in text and "e-maildienst" in text
    for right in (
        "inzage",
        "rectificatie",
        "verwijdering",
        "beperking",
        "overdraagbaarheid",
        "bezwaar",
        "intrekken",
    ):
        assert right in text, right
    assert "klacht indienen bij de Autoriteit Persoonsgegevens" in text


def test_the_privacy_statement_names_every_cookie_the_site_sets(client, demo_site):
    text = _text(client.get("/privacy/"))
    section = _section(text, "Cookies")
    for name in (
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
        "messages",
    ):
        assert name in section, name
    assert "geen analytische" in section


def test_the_accessibility_statement_follows_the_government_model(client, demo_site):
    response = client.get("/toegankelijkheid/")
    assert response.status_code == 200
    text = _text(response)
    assert "Nalevingsstatus" in text and "Status B: voldoet gedeeltelijk" in text
    assert "WCAG 2.1 niveau AA" in text and "EN 301 549" in text
    assert "opgesteld op 1 december 2026" in text
    known = _section(text, "Bekende problemen", "Contact")
    assert "Bijlagen (pdf)" in known and "Taal van onderdelen" in known
    assert "Nationale ombudsman" in text
    assert 'href="mailto:privacy@foodvalley.example"' in response.content.decode()


def test_both_statements_are_linked_from_every_page(client, demo_site):
    html = client.get("/").content.decode()
    assert 'href="/privacy/"' in html and 'href="/toegankelijkheid/"' in html
