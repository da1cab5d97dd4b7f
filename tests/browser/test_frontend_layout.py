"""The front end in a real browser: every page type at a phone's and a desktop's width, the finder on a phone, and
WCAG 2.2 A/AA (target size included) with axe-core, in Dutch and English.

Screenshots, for people to look at (no test reads them), are written only when asked: `KP_SCREENSHOTS=1` puts them
in var/screenshots/frontend/ (kept after the run). The live server serves the demo's images from MEDIA_ROOT and
axe-core at AXE_URL (tests/browser/conftest.py), with no Playwright route: routing would turn the browser's HTTP
cache off.

The page-type pass also records every request each page makes, so test_third_parties.py checks the public pages
for requests to another host without visiting them a second time.
"""

import os
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import AXE, AXE_URL
from tests.browser.test_accessibility import EXTRA_URLS as ACCESSIBILITY_URLS
from tests.browser.test_accessibility import audit, page_type_urls, submit_empty_forms
from tests.browser.test_third_parties import foreign

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "var" / "screenshots" / "frontend"
# A full-page screenshot cost some 5 s per pass (92 pages); no assertion reads them.
SCREENSHOTS = os.environ.get("KP_SCREENSHOTS") == "1"
PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}
WCAG22_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
EXTRA_URLS = ["/zoeken/?q=pleegzorg", "/account/inloggen/", "/goede-voorbeelden/?regio=food-valley"]
NOT_FOUND = "/bestaat-niet/"
# Resolves once the browser has laid out and painted the page at its new size.
NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def report_url():
    """The advisory report: a page type of its own (a route of the proposal), missing from page_type_urls()."""
    from knowledge.advisory.models import ProposalPage

    proposal = next(p for p in ProposalPage.objects.live().specific() if p.report_is_published)
    return proposal.url + "verslag/"


def new_page(browser, server, viewport, *, javascript=True, bypass_csp=False, language="nl"):
    context = browser.new_context(
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        base_url=server.url,
        viewport=viewport,
        java_script_enabled=javascript,
        bypass_csp=bypass_csp,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    if language != "nl":
        page.goto(f"/taal/{language}/?next=/")
    return context, page


def lang_and_overflow(page):
    """The document's lang, how many CSS pixels it is wider than the viewport and the widest offending elements: one
    round trip to the browser instead of two (a locator read cost some 27 ms a page)."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const extra = document.documentElement.scrollWidth - width;
          const culprits = extra > 0 ? [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > width + 1)
            .slice(0, 3).map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.')) : [];
          return [document.documentElement.getAttribute('lang'), extra, culprits];
        }"""
    )


def shot_name(url, width, language):
    name = url.strip("/").replace("/", "_").replace("?", "_").replace("=", "-").replace("&", "_") or "home"
    return SHOTS / f"{name}_{language}_{width}.png"


def page_type_list():
    """Every page type, the extra pages of this module and of test_accessibility (the 404 page included), the report."""
    return list(dict.fromkeys(page_type_urls() + EXTRA_URLS + ACCESSIBILITY_URLS + [report_url()]))


class PageTypeVisits:
    """One pass per language over every page type, read by the layout, WCAG 2.2 and third-party tests at both widths:
    each page loads once per language at a phone's width, is measured, then widened to a desktop's and measured
    again (test_a_widened_or_narrowed_page_is_laid_out_as_a_fresh_load). One load per page and language instead of
    one per test (the tests cost some 170 s of summed test time when each made its own pass) or per width (about
    0.25 s a page: the load and axe-core's injection)."""

    VIEWPORTS = (PHONE, DESKTOP)

    def __init__(self, browser, live_server, django_db_blocker):
        self.browser, self.live_server, self.blocker = browser, live_server, django_db_blocker
        self.passes = None

    def __call__(self, viewport):
        if self.passes is None:
            with self.blocker.unblock():  # the page lists, and the live server's own queries
                self.passes = self._visit()
        return self.passes[viewport["width"]]

    def _visit(self):
        urls = page_type_list()
        # Every request a page makes, from its navigation until the next one, at either width (read by
        # test_no_public_page_requests_another_host).
        requests = {}
        passes = {
            viewport["width"]: {"urls": urls, "statuses": {}, "overflow": [], "wcag": [], "requests": requests}
            for viewport in self.VIEWPORTS
        }
        for language in ("nl", "en"):
            context, page = new_page(self.browser, self.live_server, PHONE, language=language)
            current = [requests.setdefault(("/taal/", language), [])]
            page.on("request", lambda request, current=current: current[0].append(request.url))
            for url in urls:
                current[0] = requests.setdefault((url, language), [])
                for viewport in self.VIEWPORTS:
                    result = passes[viewport["width"]]
                    page.set_viewport_size(viewport)
                    if viewport is PHONE:
                        response = page.goto(url)
                        page.wait_for_load_state("load")
                    else:  # the new width's layout, before it is read
                        page.evaluate(NEXT_FRAMES)
                    result["statuses"][(url, language)] = response.status if response is not None else None
                    self._measure(page, result, f"{url} [{language}, {viewport['width']}px]", language)
                    if SCREENSHOTS:
                        page.screenshot(path=str(shot_name(url, viewport["width"], language)), full_page=True)
            if AXE.exists():
                self._forms_and_open_filters(page, passes, language)
            context.close()
        return passes

    @staticmethod
    def _measure(page, result, label, language):
        lang, extra, culprits = lang_and_overflow(page)
        if lang != language:
            result["wcag"].append(f"{label}: lang is not {language}")
        if extra > 0:
            result["overflow"].append(f"{label}: {extra}px too wide ({culprits})")
        if AXE.exists():
            result["wcag"] += axe_audit(page, label)

    def _forms_and_open_filters(self, page, passes, language):
        for viewport in self.VIEWPORTS:
            page.set_viewport_size(viewport)
            result = passes[viewport["width"]]
            if viewport is PHONE:  # the finder's disclosures open, so their checkboxes are measured too
                page.goto("/goede-voorbeelden/")
                page.locator("summary.kp-filters__summary").click()
                for summary in page.locator(".kp-facet-more > summary").all():
                    summary.click()
                result["wcag"] += axe_audit(page, f"/goede-voorbeelden/ filters open [{language}]")
            # Forms with errors: the error summary and the invalid fields must be accessible too.
            result["wcag"] += submit_empty_forms(page, f"{language}, {viewport['width']}px", audit=axe_audit)


@pytest.fixture(scope="module")
def page_type_visits(browser, module_live_site, django_db_blocker):
    if SCREENSHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
    return PageTypeVisits(browser, module_live_site, django_db_blocker)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_every_page_type_fits_the_screen_without_horizontal_scrolling(page_type_visits, viewport):
    visits = page_type_visits(viewport)
    assert len(visits["urls"]) >= 12
    for (url, language), status in visits["statuses"].items():
        expected = 404 if url == NOT_FOUND else 200
        assert status == expected, (url, language, status)
    assert visits["overflow"] == [], "\n".join(visits["overflow"])


def test_no_public_page_requests_another_host(page_type_visits):
    """AVG: no data to third parties. Every request of every page type (and of the forms with errors and the open
    filters) in Dutch and English, at both widths, recorded by the page-type pass; the admin pages:
    test_third_parties.py."""
    visits = page_type_visits(DESKTOP)
    own_host = urlsplit(page_type_visits.live_server.url).hostname
    requested = {key: urls for key, urls in visits["requests"].items() if urls}
    assert set(visits["statuses"]) <= set(requested)  # every page type in both languages was logged
    assert sum(map(len, requested.values())) > 2 * len(visits["urls"])  # the log saw the pages' own assets too
    found = {key: foreign(urls, own_host) for key, urls in requested.items()}
    assert {key: hosts for key, hosts in found.items() if hosts} == {}


@pytest.mark.parametrize("query", ["", "?actielijn=meer-kinderen-zo-thuis-mogelijk&fase=implementatie"])
def test_first_finder_result_is_in_the_first_screen_on_a_phone(browser, reading_site, query):
    context, page = new_page(browser, reading_site, PHONE)
    page.goto("/goede-voorbeelden/" + query)
    first = page.locator(".kp-results .kp-card__title").first
    box = first.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= PHONE["height"], f"first result ends at {box['y'] + box['height']:.0f}px"
    # The 80-odd filter checkboxes are behind one closed disclosure that says how many filters are on.
    summary = page.locator("summary.kp-filters__summary")
    assert summary.inner_text().strip() == f"Filters ({query.count('=')})"
    assert not page.locator("#f-regio-food-valley").is_visible()
    context.close()


def events_index_url():
    from events.models import EventIndexPage

    return EventIndexPage.objects.live().get().url


def test_first_event_is_in_the_first_screen_on_a_phone(browser, reading_site):
    from events.selectors import upcoming_events

    assert list(upcoming_events()), "the demo has upcoming events"
    context, page = new_page(browser, reading_site, PHONE)
    page.goto(events_index_url())
    if SCREENSHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "events_first_screen_nl_375.png"))
    first = page.locator(".kp-card[data-kind=event] .kp-card__title").first
    box = first.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= PHONE["height"], f"first event ends at {box['y'] + box['height']:.0f}px"
    # The filters are behind one closed disclosure above the events, as in the finder.
    assert page.locator("summary.kp-filters__summary").inner_text().strip() == "Filters (0)"
    assert not page.locator("#id_soort").is_visible()
    context.close()


def test_event_filters_work_without_javascript_and_count_the_chosen_ones(browser, reading_site):
    from events.selectors import upcoming_events

    kind = next(iter(upcoming_events())).kind
    context, page = new_page(browser, reading_site, PHONE, javascript=False)
    page.goto(events_index_url())
    page.get_by_text("Filters (0)").click()
    page.locator("#id_soort").select_option(kind)
    page.get_by_role("button", name="Toon bijeenkomsten").click()
    page.wait_for_load_state()
    assert f"soort={kind}" in page.url
    assert page.locator("summary.kp-filters__summary").inner_text().strip() == "Filters (1)"
    assert not page.locator("#id_soort").is_visible()  # closed again: the events come first
    assert page.locator(".kp-card[data-kind=event]").count() >= 1
    page.get_by_role("link", name="Alle filters wissen").click()
    page.wait_for_load_state()
    assert page.locator("summary.kp-filters__summary").inner_text().strip() == "Filters (0)"
    context.close()


def test_filters_chips_and_toon_alle_work_without_javascript(browser, reading_site):
    context, page = new_page(browser, reading_site, PHONE, javascript=False)
    page.goto("/goede-voorbeelden/")
    region = page.locator("input[name=regio]").last  # beyond the top items: behind "toon alle"
    page.get_by_text("Filters (0)").click()
    assert page.locator("input[name=actielijn]").first.is_visible()
    assert not region.is_visible()
    page.locator("fieldset:has(input[name=regio]) summary").click()
    assert region.is_visible()
    region.check()
    page.locator("input[name=fase]").first.check()
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_load_state()
    assert "regio=" in page.url and "fase=" in page.url
    assert page.locator("summary.kp-filters__summary").inner_text().strip() == "Filters (2)"

    chips = page.locator(".kp-active-filters a.kp-chip:not(.kp-chip--clear)")
    assert chips.count() == 2
    chips.first.click()  # drops one parameter, keeps the other
    page.wait_for_load_state()
    assert page.locator(".kp-active-filters a.kp-chip:not(.kp-chip--clear)").count() == 1
    assert page.locator("summary.kp-filters__summary").inner_text().strip() == "Filters (1)"
    context.close()


def test_filters_stand_open_beside_the_results_on_a_desktop(browser, reading_site):
    for javascript in (True, False):
        context, page = new_page(browser, reading_site, DESKTOP, javascript=javascript)
        for url, first_filter, results in (
            ("/goede-voorbeelden/", "input[name=actielijn]", ".kp-results"),
            (events_index_url(), "#id_soort", "#upcoming-heading"),
        ):
            page.goto(url)
            assert page.locator(first_filter).first.is_visible(), f"{url} javascript={javascript}"
            filters, listing = page.locator(".kp-filters").bounding_box(), page.locator(results).bounding_box()
            assert filters["x"] + filters["width"] <= listing["x"], url  # beside, not above
        context.close()


LAYOUT = """() => ({
  open: [...document.querySelectorAll('details')].map(d => d.open),
  openWide: [...document.querySelectorAll('details[data-open-wide]')].map(d => d.open),
  visible: [...document.querySelectorAll('main input, main select, main a, main button')]
    .map(e => e.getClientRects().length > 0),
  boxes: [...document.querySelectorAll('header, nav, main, main h1, main h2, .kp-filters, .kp-results, footer')]
    .map(e => { const r = e.getBoundingClientRect(); return [e.tagName, Math.round(r.x), Math.round(r.width)]; }),
  width: document.documentElement.scrollWidth,
})"""


def test_a_widened_or_narrowed_page_is_laid_out_as_a_fresh_load(browser, reading_site):
    """The page-type pass loads each page at a phone's width and widens it for the desktop's measurements: that is
    only sound if a resized page is what a fresh load at the new width shows (site.js opens the finder's filters on
    a wide screen and closes them again on a narrow one). Read for what differs most: the finder's disclosures."""
    urls = ("/goede-voorbeelden/", events_index_url(), "/", "/zoeken/?q=pleegzorg")
    fresh = {}
    for viewport in (PHONE, DESKTOP):
        context, page = new_page(browser, reading_site, viewport)
        for url in urls:
            page.goto(url)
            page.wait_for_load_state("load")
            fresh[(url, viewport["width"])] = page.evaluate(LAYOUT)
        context.close()
    # The control: the finder's filters are closed on a fresh phone page and open on a fresh desktop page.
    assert fresh[(urls[0], PHONE["width"])]["openWide"] == [False]
    assert fresh[(urls[0], DESKTOP["width"])]["openWide"] == [True]
    context, page = new_page(browser, reading_site, PHONE)
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("load")
        for viewport in (DESKTOP, PHONE):  # widened, then narrowed again
            page.set_viewport_size(viewport)
            page.evaluate(NEXT_FRAMES)
            assert page.evaluate(LAYOUT) == fresh[(url, viewport["width"])], (url, viewport["width"])
    context.close()


def badge_colours(page, selector):
    """{badge text: background colour} of the badges matching selector."""
    return page.evaluate(
        "(sel) => Object.fromEntries([...document.querySelectorAll(sel)]"
        ".map(el => [el.textContent.trim(), getComputedStyle(el).backgroundColor]))",
        selector,
    )


def test_status_and_places_badges_show_their_state_in_colour(browser, reading_site):
    from knowledge.advisory.models import ProposalPage

    context, page = new_page(browser, reading_site, DESKTOP)
    page.goto(ProposalPage.objects.live().first().get_parent().url)
    statuses = badge_colours(page, ".kp-card .utrecht-badge-status")
    assert "Open" in statuses and len(set(statuses.values())) >= 2, statuses  # open stands out from the others
    page.goto(events_index_url())
    places = badge_colours(page, "#upcoming-heading ~ ul .utrecht-badge-status")
    left = {text: colour for text, colour in places.items() if text.startswith(("nog ", "Plaatsen genoeg"))}
    full = {text: colour for text, colour in places.items() if text.startswith("vol")}
    assert left and set(left.values()) == {statuses["Open"]}, places  # places left: green, like an open consultation
    assert set(full.values()).isdisjoint(left.values()), places
    context.close()


def test_page_images_are_webp_with_a_fallback_and_do_not_shift_the_layout(browser, reading_site):
    from knowledge.models import BestPracticePage

    practice = BestPracticePage.objects.live().exclude(main_image=None).first()
    if practice is None:
        pytest.skip("the demo content has no best practice with an image")
    context, page = new_page(browser, reading_site, PHONE)
    page.goto(practice.url)
    img = page.locator(".kp-hero picture img")
    assert page.locator(".kp-hero picture source[type='image/webp']").count() == 1
    assert img.get_attribute("width") and img.get_attribute("height") and img.get_attribute("srcset")
    page.wait_for_function("() => document.querySelector('.kp-hero img').complete")
    assert page.evaluate("() => document.querySelector('.kp-hero img').currentSrc").endswith(".webp")
    assert page.evaluate("() => document.querySelector('.kp-hero img').naturalWidth") > 0
    context.close()


def axe_audit(page, label):
    return audit(page, label, WCAG22_TAGS, axe_url=AXE_URL)


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed: run `npm install` (package.json) first")
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_every_page_type_meets_wcag_22_aa_including_target_size(page_type_visits, viewport):
    """WCAG 2.2 A/AA (every 2.1 rule included) on every page type, the search results, the sign-in and 404 pages and
    the forms with errors, in Dutch and English, under the site's CSP."""
    visits = page_type_visits(viewport)
    assert len(visits["urls"]) >= 12
    assert visits["wcag"] == [], "\n".join(visits["wcag"])


def test_spacing_room_above_headings_no_band_under_the_breadcrumb_even_footer_links(browser, reading_site):
    from events.models import EventPage

    event = EventPage.objects.live().exclude(programme=[]).first() or EventPage.objects.live().first()
    context, page = new_page(browser, reading_site, DESKTOP)
    page.goto(event.url)
    gap = page.evaluate(
        "() => document.querySelector('main h1').getBoundingClientRect().top"
        " - document.querySelector('.kp-breadcrumbs').getBoundingClientRect().bottom"
    )
    assert 0 < gap <= 64, f"{gap}px between the breadcrumb and the title"
    # Room above every heading: the distance to whatever ends above it (text, list, form, section).
    rooms = page.evaluate(
        """() => {
          const all = [...document.querySelectorAll('main *')];
          return [...document.querySelectorAll('main h2, main h3')].map(h => {
            const top = h.getBoundingClientRect().top;
            let above = -Infinity;
            for (const el of all) {
              if (el === h || h.contains(el) || el.contains(h)) continue;
              const r = el.getBoundingClientRect();
              if (r.height > 0 && r.bottom <= top + 0.5 && r.bottom > above) above = r.bottom;
            }
            return [h.textContent.trim(), Math.round(top - above)];
          });
        }"""
    )
    assert rooms and all(room >= 16 for _text, room in rooms), rooms
    boxes = page.evaluate(
        "() => [...document.querySelectorAll('.kp-footer .utrecht-link-list__item')].map(li => {"
        " const r = li.getBoundingClientRect(); return [r.left, r.right, r.height]; })"
    )
    gaps = [round(b[0] - a[1]) for a, b in pairwise(boxes)]
    assert len(set(gaps)) == 1 and gaps[0] > 0, gaps  # evenly spaced in one row
    assert all(height >= 24 for _l, _r, height in boxes)  # WCAG 2.2 target size
    context.close()
