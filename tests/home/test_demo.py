import pytest
from django.apps import apps
from django.core.management import call_command

from tests.conftest import _Silent

# The contract's index URLs; each later issue adds its own pages to the same tree.
INDEX_URLS = [
    "/",
    "/projecten/",
    "/casusevaluaties/",
    "/goede-voorbeelden/",
    "/kennisateliers/",
    "/adviestafel/",
    "/nieuws/",
    "/privacy/",
    "/toegankelijkheid/",
    "/account/inloggen/",
]


@pytest.mark.parametrize("url", INDEX_URLS)
def test_contract_urls_serve_dutch_pages(client, demo_site, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Naar de inhoud" in html  # the skip link, in Dutch
    assert 'id="main"' in html


def test_home_page_shows_the_platform_sections(client, demo_site):
    html = client.get("/").content.decode()
    for heading in (
        "Open consultaties op de adviestafel",
        "Komende kennisateliers",
        "Nieuwste goede voorbeelden",
        "Nieuws",
    ):
        assert heading in html


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "home", "knowledge", "advisory", "events", "wagtailcore", "auth"}
        and not model._meta.label.startswith("wagtailcore.ModelLogEntry")
        and model._meta.label not in {"wagtailcore.PageLogEntry"}
    }


def test_load_demo_twice_changes_nothing(demo_site):
    before = _counts()
    call_command("load_demo", stdout=_Silent())
    assert _counts() == before
    assert before["wagtailcore.Page"] > 10


def test_load_demo_prints_the_editor_login(db, demo_site, capsys):
    from io import StringIO

    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "redacteur@foodvalley.example / kennisplatform-demo" in out.getvalue()


def test_demo_editor_can_sign_in_to_the_admin(client, demo_site):
    response = client.post(
        "/admin/login/", {"username": "redacteur@foodvalley.example", "password": "kennisplatform-demo"}
    )
    assert response.status_code == 302
    response = client.get("/admin/pages/")
    assert response.status_code == 200
    response = client.get("/admin/snippets/knowledge/actionline/")
    assert response.status_code == 200
    assert "Investeren in vakmanschap" in response.content.decode()


def test_anonymous_visitor_cannot_open_the_admin(client, demo_site):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
