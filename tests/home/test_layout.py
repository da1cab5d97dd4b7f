def test_base_template_is_accessible_and_local(client, demo_site):
    response = client.get("/")
    html = response.content.decode()
    assert 'class="utrecht-skip-link' in html and 'href="#main"' in html
    assert "<header" in html and "<nav" in html and "<main" in html and "<footer" in html
    assert 'role="search"' in html
    # Everything is served locally: no external stylesheets or scripts.
    assert "https://" not in "".join(line for line in html.splitlines() if "<script" in line or "stylesheet" in line)
    assert "/static/vendor/utrecht/component-library.css" in html


def test_public_pages_send_a_strict_content_security_policy(client, demo_site):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_english_is_available_through_the_language_switch(client, demo_site):
    response = client.post("/taal/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en"' in html


def test_unknown_page_gives_404(client, demo_site):
    assert client.get("/bestaat-niet/").status_code == 404


def test_api_lists_only_published_pages(client, demo_site):
    from home.models import NewsPage

    news = NewsPage.objects.first()
    news.unpublish()
    data = client.get("/api/v2/pages/?limit=50").json()
    titles = {item["title"] for item in data["items"]}
    assert news.title not in titles
    assert "Nieuws" in titles


def test_browser_language_does_not_switch_the_site_to_english(client, demo_site):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl"' in html


def test_client_address_is_always_a_valid_ip():
    from django.test import RequestFactory

    from home.security import client_ip

    factory = RequestFactory()
    assert client_ip(factory.get("/", REMOTE_ADDR="192.0.2.7")) == "192.0.2.7"
    request = factory.get("/")
    request.META.pop("REMOTE_ADDR", None)
    assert client_ip(request) == "0.0.0.0"
    assert client_ip(factory.get("/", REMOTE_ADDR="not-an-address")) == "0.0.0.0"


def test_nul_bytes_in_the_query_string_are_refused_cleanly(client, demo_site):
    for url in ("/zoeken/?q=a%00b", "/zoeken/suggesties/?q=%00", "/goede-voorbeelden/?regio=%00"):
        response = client.get(url)
        assert response.status_code == 400
        assert "Ongeldige tekens" in response.content.decode()
    assert client.get("/zoeken/?q=pleegzorg").status_code == 200
