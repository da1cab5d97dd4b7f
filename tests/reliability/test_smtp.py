"""The mail server down, then refusing, then back: the confirmation stays queued, is retried, arrives once.

Real processes only: the site under gunicorn and the task worker (``manage.py db_worker``) with production
settings on their own PostgreSQL database, and a real SMTP server (aiosmtpd) on a port of the test's own, which the
test leaves closed (down), starts answering 451 (refusing) and then lets accept. The message that arrives is read
back with Python's ``email`` parser: headers, encodings, the plain-text and HTML parts and the .ics attachment.
"""

import email
import email.policy
import html as html_lib
import re
import time

import pytest
import requests

from .conftest import free_port, gunicorn, pg_query, production_env, worker

# Its processes run on a database of their own, whatever the suite's DATABASE_URL (.ci/run runs it once).
pytestmark = pytest.mark.own_database

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd is not installed (requirements.txt)")

NAME = "Anouk de Vriës-Ørsted"
ADDRESS = "anouk.smtp-test@voorbeeld.example"


class Handler:
    """Refuses every message with 451 until ``accepting`` is set; records what it accepted."""

    def __init__(self):
        self.accepting = False
        self.refused = 0
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        if not self.accepting:
            self.refused += 1
            return "451 4.3.0 Tijdelijk niet beschikbaar, probeer het later"
        self.received.append(envelope)
        return "250 OK"


def _wait(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, message()
        time.sleep(0.2)


def _open_event(url):
    """An event of the demo whose registration form is open, its HTML, and a session that has the CSRF cookie."""
    session = requests.Session()
    index = session.get(f"{url}/kennisateliers/", timeout=10).text
    for path in dict.fromkeys(re.findall(r'href="(/kennisateliers/[\w-]+/)"', index)):
        page = session.get(url + path, timeout=10).text
        if 'name="consent"' in page and "vol: wachtlijst" not in page:
            return session, path, page
    raise AssertionError("no event with open registration and places left in the demo")


def _option(page, field):
    select = re.search(rf'<select name="{field}".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="([^"]+)"', select)[0]


def _outbox(database):
    return pg_query(
        database, "SELECT id, attempts, sent_at, failed_at, last_error, recipients FROM home_outgoingemail ORDER BY id"
    )


def test_a_confirmation_survives_a_mail_server_that_is_down_then_refusing_and_arrives_once(demo_database, tmp_path):
    smtp_port = free_port()
    env = production_env(
        f"postgres://postgres@127.0.0.1:5432/{demo_database}",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}/",
        EMAIL_RETRY_DELAYS="1",
        DEFAULT_FROM_EMAIL="Kennisplatform Jeugd <noreply@kennisplatform.example.nl>",
    )
    site = gunicorn(free_port(), env, tmp_path / "gunicorn.log")
    url = f"http://127.0.0.1:{site.env['GUNICORN_BIND'].rsplit(':', 1)[1]}"
    site.start()
    task_worker = worker(env, tmp_path / "worker.log").start()
    controller = None
    before = {row[0] for row in _outbox(demo_database)}
    try:
        session, path, page = _open_event(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        response = session.post(
            url + path,
            data={
                "csrfmiddlewaretoken": token,
                "name": NAME,
                "email": ADDRESS,
                "organisation_name": "Gemeente Ede & Partners",
                "region": _option(page, "region"),
                "role": _option(page, "role"),
                "consent": "on",
                "website": "",
            },
            allow_redirects=False,
            timeout=10,
        )
        assert response.status_code == 302, response.text[:1000]
        own_page = session.get(url + response.headers["Location"], timeout=10).text
        assert "We hebben een e-mail gestuurd" in own_page  # the visitor is told at once; the e-mail follows

        def queued():
            return [row for row in _outbox(demo_database) if row[0] not in before]

        def mine():
            return [row for row in queued() if row[5] == [ADDRESS]]

        # 1. Down: nothing listens on the port. The message is stored and tried again and again.
        _wait(lambda: mine() and mine()[0][1] >= 2, 60, lambda: (mine(), task_worker.output()[-3000:]))
        # The worker is restarted while the server is still down (a deploy): the queued message stays.
        task_worker.kill()
        task_worker = worker(env, tmp_path / "worker.log").start()
        (row,) = mine()
        assert row[2] is None and row[3] is None and "ConnectionRefusedError" in row[4]

        # 2. Refusing: a real SMTP server answers 451 to every message.
        handler = Handler()
        controller = aiosmtpd_controller.Controller(handler, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        attempts_before = mine()[0][1]
        _wait(lambda: mine()[0][1] >= attempts_before + 2, 60, lambda: mine())
        (row,) = mine()
        assert row[2] is None and row[4] == "SMTPDataError 451"
        assert handler.refused >= 2 and not handler.received

        # 3. Back: it accepts. The message arrives, once.
        handler.accepting = True
        _wait(lambda: mine()[0][2] is not None, 60, lambda: (mine(), task_worker.output()[-3000:]))
        _wait(lambda: all(row[2] for row in queued()), 60, lambda: queued())  # the editors' notice too, if any
        time.sleep(3)  # three more retry periods: nothing is sent again
        assert len([e for e in handler.received if ADDRESS in e.rcpt_tos]) == 1
        assert len(handler.received) == len(queued())
        (row,) = mine()
        assert row[3] is None and row[4] == ""
    finally:
        if controller:
            controller.stop()
        task_worker.kill()
        site.kill()

    (envelope,) = [e for e in handler.received if ADDRESS in e.rcpt_tos]
    assert envelope.rcpt_tos == [ADDRESS]
    assert envelope.mail_from == "noreply@kennisplatform.example.nl"
    message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
    assert message["To"] == ADDRESS
    assert message["From"] == "Kennisplatform Jeugd <noreply@kennisplatform.example.nl>"
    assert message["Subject"].startswith("Inschrijving bevestigd: ")
    assert message["Message-ID"] and message["Date"]
    assert message.get_content_type() == "multipart/mixed"

    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text.get_content_charset() == "utf-8" and html.get_content_charset() == "utf-8"
    body = text.get_content()
    assert NAME in body  # non-ASCII survives the transfer encoding
    links = re.findall(r"https?://\S+", body)
    assert links and all(link.startswith("https://kennisplatform.example.nl/") for link in links)
    assert NAME in html_lib.unescape(html.get_content())

    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "PUBLISH"
    assert attachment.get_filename().endswith(".ics")
    calendar = attachment.get_content()
    if isinstance(calendar, bytes):
        calendar = calendar.decode()
    assert calendar.startswith("BEGIN:VCALENDAR") and "METHOD:PUBLISH" in calendar and "BEGIN:VEVENT" in calendar

    # No address, name, content or signed link in any log line of the site or the worker (AVG).
    registration_token = re.search(r"/inschrijving/([^/\s]+)/", body)
    logs = site.output() + task_worker.output()
    assert "afgeleverd" in logs and "niet afgeleverd" in logs  # the worker did log what happened
    for secret in (ADDRESS, NAME, "Vriës", message["Subject"], registration_token and registration_token.group(1)):
        if secret:
            assert secret not in logs, secret
