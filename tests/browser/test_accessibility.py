"""WCAG 2.1 A/AA in a real browser: axe-core (npm, package.json) on every page type of the demo, in Dutch and English.

Page types are discovered from the database when the test runs, so a new page type is covered without editing
this file. Also: search results, the sign-in page, forms with errors, a provider's view of an open proposal.
Skipped with the reason when axe-core is not installed (`npm install`).
"""

from collections import Counter
from pathlib import Path

import pytest

from tests.browser.conftest import sign_in

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.skipif(
    not AXE.exists(), reason="axe-core is not installed: run `npm install` (package.json) first"
)

EXTRA_URLS = [
    "/zoeken/?q=pleegzorg",
    "/zoeken/?q=zzqxyonbekendwoord",
    "/account/inloggen/",
    "/account/wachtwoord-vergeten/",
    "/account/toegang-aanvragen/",
    "/bestaat-niet/",
]


def page_type_urls(per_type=1):
    """One live page of every page type (plus an upcoming event with its form, when there is one)."""
    from wagtail.models import Page

    seen, urls = Counter(), []
    for page in Page.objects.live().filter(depth__gt=1).order_by("path").specific():
        if seen[type(page)] >= per_type:
            continue
        seen[type(page)] += 1
        urls.append(page.get_url())
    try:
        from events.selectors import upcoming_events

        upcoming = list(upcoming_events())
        if upcoming:
            urls.append(upcoming[0].get_url())
    except ImportError:
        pass
    return list(dict.fromkeys(u for u in urls if u))


@pytest.fixture
def axe_page(browser, live_site):
    # The strict CSP (script-src 'self') blocks the injected axe script; bypass it for the audit only.
    context = browser.new_context(
        locale="nl-NL", timezone_id="Europe/Amsterdam", base_url=live_site.url, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def audit(page, label):
    """The WCAG A/AA violations on the current page, as readable lines."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    lines = []
    for violation in result["violations"]:
        targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        lines.append(f"{label}: {violation['id']} ({violation['impact']}) {violation['help']} — {targets}")
    return lines


def audit_urls(page, urls, language):
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status < 500, url
        assert page.locator("html").get_attribute("lang") == language, url
        problems += audit(page, f"{url} [{language}]")
    return problems


def submit_empty_forms(page, language):
    """Forms with errors: the error summary and the invalid fields must be accessible too."""
    problems = []
    page.goto("/account/inloggen/")
    page.locator("main form[method=post] [type=submit]").last.click()
    page.wait_for_load_state()
    problems += audit(page, f"/account/inloggen/ met fouten [{language}]")
    upcoming = [u for u in page_type_urls() if u.startswith("/kennisateliers/") and u != "/kennisateliers/"]
    for url in upcoming[-1:]:
        page.goto(url)
        form = page.locator("main form[method=post]").first
        if form.count():
            form.locator("[type=submit]").last.click()
            page.wait_for_load_state()
            problems += audit(page, f"{url} met fouten [{language}]")
    return problems


def test_every_page_type_meets_wcag_21_aa_in_dutch_and_english(axe_page):
    urls = page_type_urls() + EXTRA_URLS
    assert len(urls) >= 10
    problems = audit_urls(axe_page, urls, "nl")
    problems += submit_empty_forms(axe_page, "nl")

    axe_page.goto("/taal/en/?next=/")
    problems += audit_urls(axe_page, urls, "en")
    problems += submit_empty_forms(axe_page, "en")
    assert problems == [], "\n".join(problems)


def test_signed_in_provider_pages_meet_wcag_21_aa(axe_page):
    from accounts.demo import DEMO_PASSWORD
    from tests.security.forms import provider_member

    member = provider_member()
    if member is None:
        pytest.skip("the demo content has no provider member")
    sign_in(axe_page, username=member.username, password=DEMO_PASSWORD)
    axe_page.wait_for_url("**/account/**")
    urls = ["/account/"] + [u for u in page_type_urls(per_type=3) if u.startswith("/adviestafel/")]
    problems = audit_urls(axe_page, urls, "nl")
    assert problems == [], "\n".join(problems)
