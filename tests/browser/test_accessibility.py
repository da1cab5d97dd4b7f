"""WCAG 2.1 A/AA in a real browser with axe-core (npm, package.json): a signed-in provider's pages, and the forms
with the keyboard alone. Every page type, in Dutch and English, is audited (WCAG 2.2) by test_frontend_layout.py,
with page_type_urls(), EXTRA_URLS and submit_empty_forms() from here.

Page types are discovered from the database when the test runs, so a new page type is covered without editing
this file. Skipped with the reason when axe-core is not installed (`npm install`).
"""

from collections import Counter

import pytest

from tests.browser.conftest import AXE, sign_in
from tests.services import services_required

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = pytest.mark.skipif(
    not AXE.exists() and not services_required(),
    reason="axe-core is not installed: run `npm install` (package.json) first",
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


def audit(page, label, tags=WCAG_TAGS, *, axe_url=None):
    """The WCAG A/AA violations on the current page, as readable lines. With `axe_url` (a same-origin address
    that the context's router answers with axe-core) the script loads under the page's own CSP; without it the
    context must bypass the CSP."""
    already_loaded = page.evaluate("() => typeof window.axe !== 'undefined'")  # the same document, another width
    if not already_loaded:
        page.add_script_tag(**({"url": axe_url} if axe_url else {"path": str(AXE)}))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        tags,
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


def submit_empty_forms(page, language, audit=audit):
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


# Every page type, these EXTRA_URLS and the forms with errors, in Dutch and English, are audited in
# tests/browser/test_frontend_layout.py (test_every_page_type_meets_wcag_22_aa_including_target_size): WCAG 2.2 A/AA,
# which includes every 2.1 rule, at a phone's and a desktop's width, under the site's own CSP.


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


# --- Keyboard only -----------------------------------------------------------------------------------------------


def tab_through(page, form, first_field):
    """Focus the form's first field, then press Tab until focus leaves the form; the names/roles visited."""
    form.locator(f"[name={first_field}]").first.focus()
    visited = []
    for _ in range(40):
        info = page.evaluate(
            "(form) => { const el = document.activeElement; if (!form.contains(el)) return null;"
            " return el.name || el.type || el.tagName.toLowerCase(); }",
            form.element_handle(),
        )
        if info is None:
            break
        visited.append(info)
        page.keyboard.press("Tab")
    return visited


def assert_errors_announced(page):
    """After a failed submit the error summary (role=alert) has the focus, so screen readers read it out."""
    page.wait_for_selector("#form-errors")
    page.wait_for_load_state("load")  # site.js (deferred) moves the focus
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.id === 'form-errors'", polling=100, timeout=5_000
    )
    focused = page.evaluate("() => [document.activeElement.id, document.activeElement.getAttribute('role')]")
    assert focused == ["form-errors", "alert"]


def test_registration_form_works_with_the_keyboard_alone(page):
    from events.models import EventKind, RegistrationState
    from events.selectors import upcoming_events

    event = next(
        (
            e
            for e in upcoming_events()
            if e.kind == EventKind.KENNISATELIER and e.registration_state() == RegistrationState.OPEN
        ),
        None,
    )
    if event is None:
        pytest.skip("the demo content has no upcoming kennisatelier with open registration")
    page.goto(event.url)
    form = page.locator("#inschrijven form")
    visited = tab_through(page, form, "name")
    for field in ("name", "email", "organisation_name", "region", "role", "needs", "consent"):
        assert field in visited, (field, visited)
    assert visited[-1] == "submit", visited
    assert "website" not in visited  # the honeypot is out of the tab order

    # Submitting the empty form with Enter on the button: the errors are announced.
    form.locator("[type=submit]").focus()
    page.keyboard.press("Enter")
    assert_errors_announced(page)


def test_response_form_works_with_the_keyboard_alone(page):
    from accounts.demo import DEMO_PASSWORD
    from knowledge.advisory.models import ProposalPage
    from tests.security.forms import provider_member

    member = provider_member()
    proposal = next((p for p in ProposalPage.objects.live().specific() if p.status == "open"), None)
    if member is None or proposal is None:
        pytest.skip("the demo content has no provider member or open proposal")
    sign_in(page, username=member.username, password=DEMO_PASSWORD)
    page.wait_for_url("**/account/**")
    page.goto(proposal.url)
    form = page.locator("form.kp-response-form")
    first = "question" if form.locator("[name=question]").count() else "position"
    visited = tab_through(page, form, first)
    for field in ("position", "text", "visibility", "attachment"):
        assert field in visited, (field, visited)
    assert visited[-2:] == ["submit", "save_draft"], visited  # send, then "Concept bewaren"

    form.locator("[type=submit]:not([name=save_draft])").focus()
    page.keyboard.press("Enter")
    assert_errors_announced(page)
