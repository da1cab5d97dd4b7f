"""The check-in page in Chromium: with a camera and the BarcodeDetector API the editor scans the QR code and the
person is checked in; without the API the page is the plain form and a typed code works."""

import pytest

from tests.factories.accounts import editor
from tests.factories.events import EventPageFactory, register

pytestmark = pytest.mark.browser

PASSWORD = "geheim-wachtwoord-123"

# Headless Chromium on Linux has neither a camera nor a BarcodeDetector of its own. The stand-ins: a camera that
# films a canvas (a real MediaStream the <video> plays) and a detector that "sees" the code once the video plays, as
# the real one does on a phone. What is tested is our script: the button, camera, detection, filling and submitting.
DETECTOR = """
navigator.mediaDevices.getUserMedia = async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 320; canvas.height = 240;
  const context = canvas.getContext("2d");
  window.setInterval(() => { context.fillStyle = "#" + Math.floor(Math.random() * 4096).toString(16).padStart(3, "0");
    context.fillRect(0, 0, 320, 240); }, 50);
  return canvas.captureStream(20);
};
window.BarcodeDetector = class {
  static async getSupportedFormats() { return ["qr_code", "ean_13"]; }
  constructor(options) { this.formats = options.formats; }
  async detect(source) {
    if (!(source instanceof HTMLVideoElement) || source.readyState < 2) { return []; }
    return [{ rawValue: window.localStorage.getItem("kp-code") || "", format: "qr_code" }];
  }
};
"""


def _signed_in_page(browser, live_site, *, detector: bool):
    context = browser.new_context(locale="nl-NL", base_url=live_site.url)
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


def test_scanning_the_qr_code_with_the_camera_checks_the_person_in(browser, live_site):
    from events.tokens import checkin_code

    event = EventPageFactory(capacity=5)
    person = register(event, name="Zoë Gescand", notify=False)
    context, page = _signed_in_page(browser, live_site, detector=True)
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


def test_without_the_api_the_scan_button_stays_hidden_and_typing_works(browser, live_site):
    from events.tokens import checkin_code

    event = EventPageFactory(capacity=5)
    person = register(event, name="Tim Getypt", notify=False)
    context, page = _signed_in_page(browser, live_site, detector=False)
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
