"""No personal data in logs (AVG): the filter on every handler masks e-mail addresses, phone numbers, BSNs, tokens."""

import logging

import pytest

from home.log_filters import MaskPersonalDataFilter, mask


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Inschrijving van jan.de-vries+atelier@foodvalley.example.nl bevestigd", "jan.de-vries"),
        ("Bel 06-12345678 terug", "12345678"),
        ("Telefoon +31 6 1234 5678", "1234 5678"),
        ("Vast nummer 0318-123456", "123456"),
        ("BSN 123456782 gevonden", "123456782"),
        ("GET /kennisateliers/x/annuleren/?token=abc.def:ghi", "abc.def"),
    ],
)
def test_personal_data_is_masked(text, secret):
    masked = mask(text)
    assert secret not in masked
    assert "[afgeschermd]" in masked


def test_ordinary_figures_are_kept():
    text = "Kennisatelier 12 op 2026-11-22 14:00 duurde 123 ms, 45 inschrijvingen"
    assert mask(text) == text


def test_the_configured_handlers_mask_messages_arguments_and_tracebacks(caplog):
    logger = logging.getLogger("kennisplatform.test")
    handler_filter = MaskPersonalDataFilter()
    caplog.handler.addFilter(handler_filter)
    try:
        logger.warning("Mail naar %s mislukt", "pleegouder@example.nl")
        try:
            raise ValueError("onbekend adres pleegouder@example.nl")
        except ValueError:
            logger.exception("Fout bij versturen")
    finally:
        caplog.handler.removeFilter(handler_filter)
    assert "pleegouder@example.nl" not in caplog.text
    assert "Mail naar [afgeschermd] mislukt" in caplog.text


def test_settings_attach_the_filter_to_every_handler(settings):
    filters = settings.LOGGING["filters"]
    names = [name for name, spec in filters.items() if spec["()"] == "home.log_filters.MaskPersonalDataFilter"]
    assert names
    for handler in settings.LOGGING["handlers"].values():
        assert set(names) & set(handler.get("filters", [])), handler
