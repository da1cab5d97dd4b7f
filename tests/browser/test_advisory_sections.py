"""Responding to a passage in the browser: "Reageer op § 3.1" next to the passage chooses it in the form, and the
response appears under that passage."""

from tests.advisory.helpers import proposal_with_passages
from tests.browser.conftest import sign_in
from tests.factories.accounts import OrganisationFactory, provider_member


def test_respond_to_a_passage(page):
    proposal = proposal_with_passages(title="Browservoorstel met passages", questions=("Steunt u dit?",))
    provider_member(OrganisationFactory(name="Browser Passage Zorg"), username="passage@aanbieder.example")

    sign_in(page, username="passage@aanbieder.example", password="geheim-wachtwoord-123")
    page.goto(proposal.url)
    passage = page.locator(f"#{proposal.sections()[1].anchor}")
    assert "Twee crisisbedden per gemeente." in passage.inner_text()
    passage.get_by_role("link", name="Reageer op § 3.1").click()

    chosen = page.get_by_label("Waarop reageert u?")
    assert chosen.evaluate("select => select.selectedOptions[0].textContent") == "§ 3.1 Crisisopvang"
    page.get_by_label("Vraag").select_option(label="Steunt u dit?")
    page.get_by_label("Heeft bezwaren").check()
    page.get_by_label("Uw reactie").fill("Twee bedden is te weinig voor de grote gemeenten.")
    page.get_by_role("button", name="Reactie plaatsen").click()

    page.wait_for_selector("text=Uw reactie is geplaatst")
    group = page.locator(f"#reacties-{proposal.sections()[1].anchor}")
    assert "Over § 3.1 Crisisopvang" in group.inner_text()
    assert "Twee bedden is te weinig" in group.inner_text()
    assert "1 reactie op deze passage" in page.locator(f"#{proposal.sections()[1].anchor}").inner_text()
