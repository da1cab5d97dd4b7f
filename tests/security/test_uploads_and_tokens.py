"""Uploads are judged by content and stored under names we choose; signed links cannot be forged or moved."""

import os
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.security.forms import changed_tables, discover, fill, forms_in, provider_member, row_counts

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _is_upload(form):
    return form.multipart and any(x.kind == "file" for x in form.fields)


_UPLOAD_PAGE = {}


def _response_form(client):
    """The first upload form a provider member sees, read fresh from its page. Which page holds it is found once
    per run, as in test_hostile_input: the demo content is the same in every test, and the crawl of every demo
    page type (discover) was nearly all of each test's time (34-45 s of a call under load 20; the upload: 0.5 s)."""
    if "page" not in _UPLOAD_PAGE:
        forms = [f for f in discover(client) if _is_upload(f)]
        _UPLOAD_PAGE["page"] = forms[0].page if forms else None
    page = _UPLOAD_PAGE["page"]
    if page is None:
        pytest.skip("no upload form in the demo content for a provider member")
    response = client.get(page)
    assert response.status_code == 200, page
    forms = [f for f in forms_in(response.content.decode(), page) if _is_upload(f)]
    assert forms, f"the upload form on {page} is gone"
    return forms[0]


@pytest.fixture
def member_client(demo_site):
    member = provider_member()
    if member is None:
        pytest.skip("the demo content has no provider member")
    client = Client()
    client.force_login(member)
    return client


def test_path_traversal_in_an_upload_name_never_leaves_the_media_folder(member_client):
    from knowledge.advisory.models import Response

    form = _response_form(member_client)
    name = "../../../../etc/cron.d/evil.pdf"
    data = fill(form, "Een reactie met een bijlage.") | {
        next(f.name for f in form.fields if f.kind == "file"): SimpleUploadedFile(name, PDF, "application/pdf")
    }
    before = Response.objects.count()
    response = member_client.post(form.action, data, follow=True)
    assert response.status_code == 200
    assert Response.objects.count() == before + 1
    stored = Response.objects.order_by("-pk").first().attachment
    assert ".." not in stored.name and not stored.name.startswith("/")
    assert os.path.realpath(stored.path).startswith(os.path.realpath(settings.MEDIA_ROOT) + os.sep)
    assert not os.path.exists("/etc/cron.d/evil.pdf")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", b"<script>alert(1)</script>"),  # a PDF by name only
        ("rapport.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 64),
        ("rapport.pdf.exe", b"MZ\x90\x00" + b"0" * 64),
        ("leeg.pdf", b""),
    ],
)
def test_uploads_that_are_not_pdf_by_content_are_refused(member_client, name, content):
    form = _response_form(member_client)
    text = "Mijn reactie blijft staan."
    data = fill(form, text) | {next(f.name for f in form.fields if f.kind == "file"): SimpleUploadedFile(name, content)}
    before = row_counts()
    response = member_client.post(form.action, data)
    assert response.status_code in (200, 400)
    assert changed_tables(before, row_counts()) == {}
    html = response.content.decode()
    assert "pdf" in html.lower()
    assert text in html  # the typed text is kept


def test_forged_and_moved_registration_links_are_refused(client, demo_site):
    from events.models import Registration
    from events.tokens import make_token

    registrations = list(Registration.objects.filter(anonymised=False).select_related("event").order_by("pk")[:50])
    if not registrations:
        pytest.skip("the demo content has no registrations")
    own = registrations[0]
    other = next((r for r in registrations if r.event_id != own.event_id), None)
    token = make_token(own)
    pk, _, signature = token.partition("-")
    forged = [
        f"{pk}-{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}",
        f"{pk}-",
        f"{int(pk) + 100000}-{signature}",
        "abc-def",
        "../../admin",
    ]
    if other is not None:
        forged.append(make_token(other))  # a valid link, but for another event
    base = own.event.url
    status = own.status

    def link(value):
        return base + own.event.reverse_subpage("registration", kwargs={"token": "TOKEN"}).lstrip("/").replace(
            "TOKEN", quote(value, safe="")
        )

    for bad in forged:
        url = link(bad)
        response = client.get(url)
        assert response.status_code in (400, 404), (bad, response.status_code)
        assert own.email not in response.content.decode()
        response = client.post(url, {"action": "cancel"})
        assert response.status_code in (400, 403, 404), (bad, response.status_code)
    own.refresh_from_db()
    assert own.status == status
    # The genuine link works.
    assert client.get(link(token)).status_code == 200
