"""Plain-text e-mail parts are not HTML-escaped: names with & and quotes arrive as typed."""

import email
from email import policy

import pytest
from django.core import mail

from tests.factories.events import EventPageFactory, register

pytestmark = pytest.mark.django_db

NAME = 'Jansen & Zn "de Brug"'


def _parts(message) -> dict[str, str]:
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
    return {kind: parsed.get_body(preferencelist=(kind,)).get_content() for kind in ("plain", "html")}


def test_event_confirmation_text_part_shows_names_verbatim(demo_site):
    event = EventPageFactory(title=f"Atelier bij {NAME}", venue_name=NAME)
    mail.outbox.clear()
    register(event, name="Anne O'Brien & co", email="anne@voorbeeld.example")
    [message] = mail.outbox
    parts = _parts(message)
    assert f"Atelier bij {NAME}" in parts["plain"]
    assert "Anne O'Brien & co" in parts["plain"]
    assert "&amp;" not in parts["plain"] and "&quot;" not in parts["plain"] and "&#x27;" not in parts["plain"]
    assert "Jansen &amp; Zn" in parts["html"]  # the HTML part stays escaped
