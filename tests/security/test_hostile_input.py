"""Hostile input against every POST form of the demo site (found by crawling) and every public query parameter.

Each attack must end in a clean refusal (4xx or the form again with an error, never a 500) and leave the
database as it was; text that is accepted must come back escaped, never as live HTML.
"""

import pytest
from django.test import Client

from tests.security.forms import changed_tables, discover, fill, provider_member, row_counts

pytestmark = pytest.mark.django_db

XSS = '"><script>alert("xss")</script><img src=x onerror=alert(1)><a href="javascript:alert(2)">x</a>'
# Only present when the payload came back as markup (escaped, it reads "&lt;script&gt;...").
XSS_LIVE = ("<script>alert(", "<img src=x onerror", '<a href="javascript:alert(2)')
SQL = "' OR '1'='1'; DROP TABLE auth_user; -- \" UNION SELECT password FROM auth_user --"
OVERLONG = "Pleegzorg " * 2_500  # 25,000 characters
TEXT_KINDS = {"text", "search", "textarea", "email", "tel", "url"}


def _contexts():
    """(label, client) pairs: anonymous, and a provider member where the demo has one."""
    yield "anoniem", Client()
    member = provider_member()
    if member is not None:
        client = Client()
        client.force_login(member)
        yield "aanbieder", client


_DISCOVERED = {}


def _forms():
    """The forms per context; found once per run (the demo content is the same in every test)."""
    for label, client in _contexts():
        if label not in _DISCOVERED:
            _DISCOVERED[label] = discover(client)
        for form in _DISCOVERED[label]:
            yield label, client, form


def _assert_no_live_markup(html, where):
    for marker in XSS_LIVE:
        assert marker not in html, f"unescaped payload {marker!r} in {where}"


def test_discovery_finds_the_public_forms(demo_site):
    actions = {form.action for _label, _client, form in _forms()}
    assert "/account/inloggen/" in actions
    assert "/account/wachtwoord-vergeten/" in actions


def test_every_form_refuses_a_post_without_csrf_token(demo_site):
    failures = []
    for label, _client, form in _forms():
        strict = Client(enforce_csrf_checks=True)
        if label != "anoniem":
            strict.force_login(provider_member())
        before = row_counts()
        response = strict.post(form.action, fill(form, "Gewone tekst"))
        changed = changed_tables(before, row_counts())
        if response.status_code != 403 or changed:
            failures.append(f"{label} {form}: status {response.status_code}, changed {changed}")
    assert failures == []


def test_every_form_refuses_a_forged_csrf_token(demo_site):
    failures = []
    for label, _client, form in _forms():
        strict = Client(enforce_csrf_checks=True)
        if label != "anoniem":
            strict.force_login(provider_member())
        strict.cookies["csrftoken"] = "A" * 32
        data = fill(form, "Gewone tekst") | {"csrfmiddlewaretoken": "B" * 64}
        before = row_counts()
        response = strict.post(form.action, data)
        if response.status_code != 403 or changed_tables(before, row_counts()):
            failures.append(f"{label} {form}: status {response.status_code}")
    assert failures == []


def test_script_payloads_are_refused_or_shown_escaped(demo_site):
    failures = []
    for label, client, form in _forms():
        response = client.post(form.action, fill(form, XSS), follow=True)
        if response.status_code >= 500:
            failures.append(f"{label} {form}: status {response.status_code}")
            continue
        try:
            _assert_no_live_markup(response.content.decode(), f"{label} {form} (answer)")
            _assert_no_live_markup(client.get(form.page).content.decode(), f"{label} {form} (page again)")
        except AssertionError as error:
            failures.append(str(error))
    assert failures == []


def test_overlong_input_is_refused_without_changing_anything(demo_site):
    failures = []
    for label, client, form in _forms():
        if not any(f.kind in TEXT_KINDS and not f.honeypot for f in form.fields):
            continue  # nothing to type in (sign-out, confirm buttons)
        before = row_counts()
        response = client.post(form.action, fill(form, OVERLONG, email=("a" * 300) + "@example.nl"))
        changed = changed_tables(before, row_counts())
        refused = response.status_code in (200, 400, 403, 404, 405, 413, 429) and not changed
        if response.status_code >= 500 or not refused:
            failures.append(f"{label} {form}: status {response.status_code}, changed {changed}")
    assert failures == [], "\n".join(failures)


def test_sql_like_input_is_harmless(demo_site):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.count()
    failures = []
    for label, client, form in _forms():
        response = client.post(form.action, fill(form, SQL, email="o'brien@example.nl"), follow=True)
        if response.status_code >= 500:
            failures.append(f"{label} {form}: status {response.status_code}")
    assert failures == []
    assert get_user_model().objects.count() >= users


def test_sql_like_sign_in_does_not_sign_in(client, demo_site):
    response = client.post("/account/inloggen/", {"username": "' OR '1'='1' --", "password": "' OR '1'='1' --"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "combinatie van e-mailadres en wachtwoord kennen we niet" in response.content.decode()


HOSTILE_VALUES = [XSS, SQL, "a\x00b", "x" * 5_000, "../../../etc/passwd", "%00", "-1", "9999999999999999999999"]
QUERY_URLS = [
    "/zoeken/?q={v}",
    "/zoeken/?q=jeugd&type={v}&page={v}",
    "/zoeken/suggesties/?q={v}",
    "/goede-voorbeelden/?q={v}&actielijn={v}&regio={v}&fase={v}&soort={v}&sort={v}&page={v}",
    "/projecten/?actielijn={v}&status={v}&regio={v}&page={v}",
    "/casusevaluaties/?page={v}",
    "/kennisateliers/?soort={v}&thema={v}&regio={v}",
    "/adviestafel/?status={v}&thema={v}",
    "/nieuws/?page={v}",
    "/taal/en/?next={v}",
    "/account/inloggen/?next={v}",
]


@pytest.mark.parametrize("template", QUERY_URLS)
def test_hostile_query_parameters_never_break_a_page(client, demo_site, template):
    from urllib.parse import quote

    for value in HOSTILE_VALUES:
        url = template.replace("{v}", quote(value, safe=""))
        response = client.get(url)
        assert response.status_code < 500, (url[:120], response.status_code)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            _assert_no_live_markup(response.content.decode(), url[:120])
        if response.status_code in (301, 302):
            location = response["Location"]
            assert not location.startswith(("//", "http://", "https://", "javascript:")), (url, location)


def test_forged_password_reset_links_are_refused(client, demo_site):
    from django.contrib.auth import get_user_model
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = get_user_model().objects.filter(is_active=True).order_by("pk").first()
    password = user.password
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    for token in ("set-password", "abc-0123456789abcdef", "c0ffee-" + "0" * 32):
        url = f"/account/wachtwoord-instellen/{uid}/{token}/"
        response = client.get(url, follow=True)
        assert response.status_code == 200
        assert 'name="new_password1"' not in response.content.decode()
        response = client.post(url, {"new_password1": "Nieuw-wachtwoord-123", "new_password2": "Nieuw-wachtwoord-123"})
        assert response.status_code < 500
    user.refresh_from_db()
    assert user.password == password
