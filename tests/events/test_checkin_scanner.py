"""The check-in page in Chromium: with a camera and the BarcodeDetector API the editor scans the QR code and the
person is checked in; without the API the page is the plain form and a typed code works."""

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, live_site  # noqa: F401 - live_site is a fixture
from tests.factories.accounts import editor
from tests.factories.events import EventPageFactory, register

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium"),
]

PASSWORD = "geheim-wachtwoord-123"

# Chromium on Linux has no BarcodeDetector of its own; this stand-in "sees" the code only once the camera (Chromium's
# fake camera) plays, as the real one would on a phone. What is tested is our script: camera, detection, submit.
DETECTOR = """
window.BarcodeDetector = class {
  static async getSupportedFormats() { return ["qr_code", "ean_13"]; }
  constructor(options) { this.formats = options.formats; }
  async detect(source) {
    if (!(source instanceof HTMLVideoElement) || source.readyState < 2) { return []; }
    return [{ rawValue: window.localStorage.getItem("kp-code") || "", format: "qr_code" }];
  }
};
"""


@pytest.fixture
def chromium():
    import os

    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    args = [*CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _signed_in_page(chromium, live_site, *, detector: bool):  # noqa: F811
    context = chromium.new_context(locale="nl-NL", base_url=live_site.url, permissions=["camera"])
    if detector:
        context.add_init_script(DETECTOR)
    page = context.new_page()
    page.set_default_timeout(15_000)
    user = editor(username="deur@voorbeeld.example", email="deur@voorbeeld.example")
    page.goto("/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return context, page


def test_scanning_the_qr_code_with_the_camera_checks_the_person_in(chromium, live_site):  # noqa: F811
    from events.tokens import checkin_code

    event = EventPageFactory(capacity=5)
    person = register(event, name="Zoë Gescand", notify=False)
    context, page = _signed_in_page(chromium, live_site, detector=True)
    try:
        page.goto(f"/admin/kennisateliers/{event.pk}/inchecken/")
        page.evaluate("code => window.localStorage.setItem('kp-code', code)", checkin_code(person))
        button = page.get_by_role("button", name="Scan de QR-code met de camera")
        button.click()
        page.wait_for_selector("text=Zoë Gescand is ingecheckt.")
    finally:
        context.close()
    person.refresh_from_db()
    assert person.status == "attended"


def test_without_the_api_the_scan_button_stays_hidden_and_typing_works(chromium, live_site):  # noqa: F811
    from events.tokens import checkin_code

    event = EventPageFactory(capacity=5)
    person = register(event, name="Tim Getypt", notify=False)
    context, page = _signed_in_page(chromium, live_site, detector=False)
    try:
        page.goto(f"/admin/kennisateliers/{event.pk}/inchecken/")
        assert not page.get_by_role("button", name="Scan de QR-code met de camera").is_visible()
        page.fill("input[name=code]", checkin_code(person))
        page.keyboard.press("Enter")
        page.wait_for_selector("text=Tim Getypt is ingecheckt.")
    finally:
        context.close()
    person.refresh_from_db()
    assert person.status == "attended"
