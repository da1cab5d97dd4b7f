"""The project's message catalogs (site/locale): English translates every message, and Dutch, the source language,
lists every message as its own translation (``make messages`` runs msgen), so a Dutch lookup is found in the
project's catalog instead of missing each of the installed apps' catalogs first."""

import gettext
from pathlib import Path

from django.utils import translation
from django.utils.translation import trans_real

LOCALE = Path(__file__).resolve().parents[2] / "site" / "locale"


def _catalog(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as mo:
        return gettext.GNUTranslations(mo)._catalog  # {msgid: msgstr, (msgid, n): msgstr[n]}


def _msgid(key):
    return key[0] if isinstance(key, tuple) else key


def test_every_english_message_is_in_the_dutch_catalog_as_itself():
    english, dutch = _catalog("en"), _catalog("nl")
    messages = {key for key in english if _msgid(key)}  # without the header
    assert len(messages) > 1000
    missing = sorted(_msgid(key) for key in messages if key not in dutch)
    assert missing == [], f"{len(missing)} messages missing from the Dutch catalog (make messages): {missing[:5]}"
    changed = [
        key for key in messages if (key[1] == 0 if isinstance(key, tuple) else True) and dutch[key] != _msgid(key)
    ]
    assert changed == []


def test_a_dutch_lookup_is_found_in_the_first_catalog_it_reads():
    """Django keeps one catalog per plural formula (24 for Dutch with Wagtail's apps) and reads them in turn; a
    message missing from all of them cost twice the lookup (5.4 µs instead of 2.6 µs, some 5,000 calls a page)."""
    catalogs = trans_real.translation("nl")._catalog._catalogs
    assert len(catalogs) > 1
    with translation.override("nl"):
        for message in ("Reacties", "Kennisateliers", "Goede voorbeelden"):
            assert message in catalogs[0]
            assert translation.gettext(message) == message


def test_the_dutch_catalog_never_changes_what_an_installed_app_says_in_dutch():
    """The project's catalog is read before the apps' ones: a message of ours that is also Wagtail's or Django's
    (such as "Home" or "Log in") would replace their Dutch in the admin with ours. Our messages are Dutch."""
    catalogs = trans_real.translation("nl")._catalog._catalogs
    ours, apps = catalogs[0], catalogs[1:]
    clashes = {
        message: (translated, catalog[message])
        for message, translated in ours.items()
        if message
        for catalog in apps
        if message in catalog and catalog[message] != translated
    }
    assert clashes == {}
