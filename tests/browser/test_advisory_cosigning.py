"""Co-signing in the browser: a provider invites another audience organisation; a member of that organisation
finds the invitation under "Mijn reacties", reads the response and signs; the page shows both signatories."""

from tests.browser.conftest import sign_in
from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.advisory import ResponseFactory, make_proposal

PASSWORD = "geheim-wachtwoord-123"


def test_invite_and_cosign(page, browser, live_site):
    proposal = make_proposal(title="Browservoorstel over samen reageren", questions=("Steunt u dit?",))
    inviter_org = OrganisationFactory(name="Browser Eerste Zorg")
    invited_org = OrganisationFactory(name="Browser Tweede Zorg")
    inviter = provider_member(inviter_org, username="eerste@aanbieder.example")
    provider_member(invited_org, username="tweede@aanbieder.example")
    response = ResponseFactory(
        proposal=proposal, organisation=inviter_org, author=inviter, body_markdown="Samen vragen wij meer bedden."
    )

    sign_in(page, username="eerste@aanbieder.example", password=PASSWORD)
    page.goto(proposal.url)
    card = page.locator(f"#reactie-{response.pk}")
    card.get_by_text("Andere organisaties uitnodigen om mede te ondertekenen").click()
    card.get_by_label("Browser Tweede Zorg").check()
    card.get_by_role("button", name="Uitnodigen").click()
    page.wait_for_selector("text=Uitgenodigd om mede te ondertekenen: Browser Tweede Zorg")
    assert "Browser Tweede Zorg" in page.locator(f"#reactie-{response.pk} .kp-cosign-pending").inner_text()

    other = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", base_url=live_site.url)
    try:
        second = other.new_page()
        second.set_default_timeout(10_000)
        sign_in(second, username="tweede@aanbieder.example", password=PASSWORD)
        second.goto("/adviestafel/mijn-reacties/")
        invitation = second.locator(".kp-cosign-invitation").filter(has_text=proposal.title)
        invitation.get_by_role("link", name="Eerst de reactie lezen").click()
        assert "Samen vragen wij meer bedden." in second.locator("article.kp-response").inner_text()
        second.get_by_role("button", name="Mede ondertekenen namens Browser Tweede Zorg").click()
        second.wait_for_selector("text=Browser Tweede Zorg ondertekent deze reactie mede.")
        signed = second.locator(f"#reactie-{response.pk} .kp-signatories").inner_text()
        assert "Mede ondertekend door" in signed and "Browser Tweede Zorg" in signed
    finally:
        other.close()

    page.reload()
    assert "Browser Tweede Zorg" in page.locator(f"#reactie-{response.pk} .kp-signatories").inner_text()
    assert page.locator(f"#reactie-{response.pk} .kp-cosign-pending").count() == 0
