"""Logging without personal data (AVG): e-mail addresses, phone numbers and citizen service numbers are masked."""

import logging
import re

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@([\w-]+\.)+[\w-]{2,}", re.UNICODE)
# Dutch phone numbers (06-12345678, +31 6 1234 5678, 0318-123456) and 9-digit numbers (BSN).
PHONE = re.compile(r"(?<!\w)(?:\+31[\s-]?|0)(?:[1-9][\s-]?){1}(?:\d[\s-]?){7,8}(?!\w)")
NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")
# Signed tokens in paths and query strings (password reset, cancellation links).
TOKEN_PARAM = re.compile(r"(?i)((?:token|key|signature|code)=)[^&\s\"']+")

MASK = "[afgeschermd]"
# The same signed links inside a log message ("Bad Request: /kennisateliers/x/inschrijving/<token>/"): the one or
# two path segments after the marker, nothing beyond them.
TOKEN_IN_TEXT = re.compile(r"(/(?:inschrijving|wachtwoord-instellen|uitnodiging)/)[^\s/?#\"']+(?:/[^\s/?#\"']+)?")


def mask(text: str) -> str:
    text = EMAIL.sub(MASK, text)
    text = TOKEN_PARAM.sub(lambda m: m.group(1) + MASK, text)
    text = TOKEN_IN_TEXT.sub(lambda m: m.group(1) + MASK, text)
    text = PHONE.sub(MASK, text)
    return NINE_DIGITS.sub(MASK, text)


class MaskPersonalDataFilter(logging.Filter):
    """Rewrites each record's message (arguments included) with personal data masked; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave the record to the handler's own error path
            return True
        masked = mask(message)
        if masked != message or record.args:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        return True


# Path segments after these carry a signed token (registration links, password reset, invitations).
TOKEN_PATH = re.compile(r"(/(?:inschrijving|wachtwoord-instellen|uitnodiging)/)[^?#]*")


def mask_path(path: str) -> str:
    """A request path fit for an access log: tokens in signed links replaced."""
    return TOKEN_PATH.sub(lambda m: m.group(1) + MASK + "/", path)
