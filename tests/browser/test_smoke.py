def test_home_page_renders_in_chromium_with_working_search_box(page):
    page.goto("/")
    assert page.locator("h1").first.inner_text() == "Kennisplatform Jeugd"
    page.get_by_label("Zoek op het kennisplatform").fill("nieuws")
    page.get_by_role("button", name="Zoeken").first.click()
    page.wait_for_url("**/zoeken/?q=nieuws")
    assert page.locator("h1").first.inner_text() == "Zoeken"
