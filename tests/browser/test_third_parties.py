"""No page, public or admin, makes a request to another host (AVG: no data to third parties).

Chromium's own request log is the witness: every request any page type makes (documents, styles, scripts,
images, fonts, XHR), in Dutch and English, signed out and signed in as an editor in the admin.
"""

from urllib.parse import urlsplit

from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import EXTRA_URLS, page_type_urls

ADMIN_URLS = ["/admin/", "/admin/pages/", "/admin/snippets/search/synonym/", "/admin/reports/site-history/"]


def foreign_requests(page, urls, own_host):
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    return sorted(
        {
            url
            for url in seen
            if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).hostname != own_host
        }
    ), len(seen)


def test_no_public_or_admin_page_requests_another_host(page, live_site):
    from wagtail.models import Page

    from accounts.demo import DEMO_PASSWORD
    from home.models import HomePage

    own_host = urlsplit(live_site.url).hostname
    urls = page_type_urls() + EXTRA_URLS
    foreign, total = foreign_requests(page, urls, own_host)
    page.goto("/taal/en/?next=/")
    foreign_en, _total_en = foreign_requests(page, urls, own_host)
    page.goto("/taal/nl/?next=/")

    sign_in(page, username="redacteur@foodvalley.example", password=DEMO_PASSWORD)
    page.wait_for_url("**/account/**")
    editable = Page.objects.live().filter(depth__gt=2).first()
    admin_urls = ADMIN_URLS + [f"/admin/pages/{editable.pk}/edit/", f"/admin/pages/{HomePage.objects.get().pk}/"]
    foreign_admin, total_admin = foreign_requests(page, admin_urls, own_host)

    assert total > len(urls) and total_admin > len(admin_urls)  # the log saw the pages' own assets too
    assert foreign == [] and foreign_en == [] and foreign_admin == []
