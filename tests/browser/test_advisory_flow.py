"""A provider signs in, responds to an open proposal, sees the response appear and edits it."""

from tests.browser.conftest import sign_in
from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.advisory import make_proposal


def test_provider_responds_and_edits(page):
    proposal = make_proposal(title="Browservoorstel over crisisopvang", questions=("Steunt u dit?",))
    provider_member(OrganisationFactory(name="Browser Jeugdhulp"), username="browser@aanbieder.example")

    sign_in(page, username="browser@aanbieder.example", password="geheim-wachtwoord-123")
    page.goto(proposal.url)
    page.get_by_label("Vraag").select_option(label="Steunt u dit?")
    page.get_by_label("Steunt onder voorwaarden").check()
    page.get_by_label("Uw reactie").fill("Wij steunen dit **als** er genoeg plekken blijven.")
    page.get_by_role("button", name="Reactie plaatsen").click()

    page.wait_for_selector("text=Uw reactie is geplaatst")
    article = page.locator("article.kp-response").filter(has_text="Browser Jeugdhulp")
    assert article.locator("strong").inner_text() == "als"
    assert "Steunt onder voorwaarden" in article.inner_text()

    article.get_by_role("link", name="Bewerken").click()
    page.get_by_label("Uw reactie").fill("Aangepast: wij steunen dit volledig.")
    page.get_by_label("Steunt het voorstel").check()
    page.get_by_role("button", name="Wijzigingen opslaan").click()

    page.wait_for_selector("text=Uw reactie is bijgewerkt")
    article = page.locator("article.kp-response").filter(has_text="Browser Jeugdhulp")
    assert "Aangepast: wij steunen dit volledig." in article.inner_text()
    assert "Steunt het voorstel" in article.inner_text()
