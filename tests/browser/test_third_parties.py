"""No page, public or admin, makes a request to another host (AVG: no data to third parties).

Chromium's own request log is the witness: every request a page makes (documents, styles, scripts, images, fonts,
XHR). The public pages (every page type, in Dutch and English, at both widths) are checked on the requests that
test_frontend_layout.py's page-type pass records anyway
(test_no_public_page_requests_another_host there); the admin pages, signed in as an editor, here.
"""

from urllib.parse import urlsplit

from tests.browser.conftest import sign_in

ADMIN_URLS = ["/admin/", "/admin/pages/", "/admin/snippets/search/synonym/", "/admin/reports/site-history/"]


def foreign(urls, own_host):
    """The requested addresses (of any protocol that leaves the browser) whose host is not the site's own."""
    return sorted(
        {
            url
            for url in urls
            if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).hostname != own_host
        }
    )


def foreign_requests(page, urls, own_host):
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    return foreign(seen, own_host), len(seen)


def test_no_admin_page_requests_another_host(page, live_site):
    from wagtail.models import Page

    from accounts.demo import DEMO_PASSWORD
    from home.models import HomePage

    own_host = urlsplit(live_site.url).hostname
    sign_in(page, username="redacteur@foodvalley.example", password=DEMO_PASSWORD)
    page.wait_for_url("**/account/**")
    editable = Page.objects.live().filter(depth__gt=2).first()
    admin_urls = ADMIN_URLS + [f"/admin/pages/{editable.pk}/edit/", f"/admin/pages/{HomePage.objects.get().pk}/"]
    foreign_admin, total_admin = foreign_requests(page, admin_urls, own_host)

    assert total_admin > len(admin_urls)  # the log saw the pages' own assets too
    assert foreign_admin == []
