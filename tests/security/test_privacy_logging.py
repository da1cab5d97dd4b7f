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


def test_signed_link_tokens_are_masked_in_paths():
    from home.log_filters import mask_path

    assert mask_path("/kennisateliers/x/inschrijving/12-AbCdEf/") == "/kennisateliers/x/inschrijving/[afgeschermd]/"
    assert mask_path("/account/wachtwoord-instellen/MQ/c0ffee-123/") == "/account/wachtwoord-instellen/[afgeschermd]/"
    assert mask_path("/goede-voorbeelden/pleegzorg/") == "/goede-voorbeelden/pleegzorg/"


def test_gunicorn_access_log_has_no_query_strings_addresses_or_tokens():
    import runpy
    from datetime import timedelta
    from pathlib import Path
    from types import SimpleNamespace

    config = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    assert config["worker_class"] == "gthread"
    assert config["timeout"] <= 60 and config["workers"] >= 2
    fmt = config["access_log_format"]
    for atom in ("%(r)s", "%(q)s", "%(h)s", "%(f)s", "%(a)s"):
        assert atom not in fmt
    logger = config["_Logger"].__new__(config["_Logger"])
    logger.cfg = SimpleNamespace(env_orig={})
    request = SimpleNamespace(headers=[], method="GET", path="/kennisateliers/x/inschrijving/12-AbC/", query="e=a@b.nl")
    response = SimpleNamespace(status="200 OK", headers=[], sent=10, response_length=10)
    environ = {
        "REMOTE_ADDR": "203.0.113.9",
        "REQUEST_METHOD": "GET",
        "RAW_URI": request.path + "?" + request.query,
        "PATH_INFO": request.path,
        "QUERY_STRING": request.query,
        "SERVER_PROTOCOL": "HTTP/1.1",
    }
    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=12))
    line = fmt % atoms
    assert "12-AbC" not in line and "a@b.nl" not in line and "203.0.113.9" not in line
    assert '"GET /kennisateliers/x/inschrijving/[afgeschermd]/" 200' in line
