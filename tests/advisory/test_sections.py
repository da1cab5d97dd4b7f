"""Responding to a passage of the proposal text: the form offers the whole proposal or a passage, the page shows
the responses per passage, the report groups them by passage."""

import pytest

from knowledge.advisory.models import Response
from tests.advisory.helpers import close, proposal_with_passages, publish_report
from tests.factories.advisory import ResponseFactory, make_proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(demo_site):
    return proposal_with_passages(questions=("Steunt u het voorstel?",))


def _form(proposal, **extra):
    data = {
        "question": proposal.questions.first().pk,
        "position": "conditions",
        "text": "Vier weken is te lang voor crisis.",
        "visibility": "public",
    }
    data.update(extra)
    return data


def test_the_form_offers_the_whole_proposal_or_a_numbered_passage(client, proposal, provider):
    client.force_login(provider)
    html = client.get(proposal.url).content.decode()
    select = html.split('name="section"')[1].split("</select>")[0]
    first, second = proposal.sections()
    assert '<option value="" selected>Het hele voorstel</option>' in select
    assert f'<option value="{first.key}">§ 1 Wachttijden</option>' in select  # numbered by counting
    assert f'<option value="{second.key}">§ 3.1 Crisisopvang</option>' in select  # the editor's number
    assert f'id="{second.anchor}"' in html and "§ 3.1</span> Crisisopvang" in html  # the passage in the text


def test_reageer_op_deze_passage_preselects_it(client, proposal, provider):
    client.force_login(provider)
    second = proposal.sections()[1]
    html = client.get(f"{proposal.url}?passage={second.key}").content.decode()
    assert f'href="?passage={second.key}#reageren"' in html
    assert f'<option value="{second.key}" selected>§ 3.1 Crisisopvang</option>' in html


def test_a_response_on_a_passage_is_shown_under_it_and_counted_there(client, proposal, provider, other_provider):
    second = proposal.sections()[1]
    client.force_login(provider)
    page = client.post(f"{proposal.url}reageren/", _form(proposal, section=second.key), follow=True)
    assert "Uw reactie is geplaatst" in page.content.decode()
    response = Response.objects.get(proposal=proposal)
    assert (response.section_key, response.section_label) == (second.key, "§ 3.1 Crisisopvang")
    client.force_login(other_provider)
    client.post(f"{proposal.url}reageren/", _form(proposal, text="Over het geheel: goed plan."))
    proposal = close(proposal)
    client.logout()
    html = client.get(proposal.url).content.decode()
    on_passage = html.split(f'id="reacties-{second.anchor}"')[1].split('class="kp-passage-responses"')[0]
    assert "Over § 3.1 Crisisopvang" in on_passage and "Vier weken is te lang" in on_passage
    assert "Over het geheel" not in on_passage
    whole = html.split('id="reacties-geheel-')[1].split('class="kp-passage-responses"')[0]
    assert "Over het hele voorstel" in whole and "Over het geheel: goed plan." in whole
    text_passage = html.split(f'id="{second.anchor}"')[1].split("</section>")[0]
    assert "1 reactie op deze passage" in text_passage
    first_passage = html.split(f'id="{proposal.sections()[0].anchor}"')[1].split("</section>")[0]
    assert "0 reacties op deze passage" in first_passage


def test_an_unknown_passage_is_a_dutch_error_that_keeps_the_text(client, proposal, provider):
    client.force_login(provider)
    page = client.post(f"{proposal.url}reageren/", _form(proposal, section="bestaat-niet"))
    assert page.status_code == 400
    html = page.content.decode()
    assert "Vier weken is te lang voor crisis." in html
    assert not Response.objects.filter(proposal=proposal).exists()


def test_the_service_refuses_a_passage_of_another_proposal(proposal, provider):
    from knowledge.advisory import services

    other = proposal_with_passages()
    with pytest.raises(services.AdvisoryError, match="passage hoort niet"):
        services.response_submit(
            proposal=proposal,
            user=provider,
            question=proposal.questions.first(),
            position="supports",
            text="Tekst",
            visibility="public",
            section_key=other.sections()[0].key,
        )


def test_the_report_groups_responses_by_passage(client, proposal, audience_org, other_audience_org):
    first, second = proposal.sections()
    ResponseFactory(proposal=proposal, organisation=audience_org, section_key=second.key, section_label=second.label)
    ResponseFactory(proposal=proposal, organisation=other_audience_org)
    proposal = publish_report(close(proposal))
    html = client.get(f"{proposal.url}verslag/").content.decode()
    per_passage = html.split('id="per-passage"')[1].split("</section>")[0]
    assert per_passage.index("Het hele voorstel") < per_passage.index("Andere Aanbieder")
    assert per_passage.index("§ 3.1 Crisisopvang") < per_passage.index("Jeugdzorg Doelgroep")
    assert per_passage.index("Andere Aanbieder") < per_passage.index("§ 3.1 Crisisopvang")
    assert "§ 1 Wachttijden" not in per_passage  # no responses: no empty heading


def test_a_response_keeps_its_passage_when_the_editor_renumbers_or_removes_it(
    client, proposal, audience_org, other_audience_org
):
    first, second = proposal.sections()
    ResponseFactory(proposal=proposal, organisation=audience_org, section_key=second.key, section_label=second.label)
    page = type(proposal).objects.get(pk=proposal.pk)
    body = list(page.body.raw_data)
    body[2]["value"]["number"] = "4"  # renumbered: the id stays
    page.body = body
    page.save_revision().publish()
    proposal = close(page)
    html = client.get(proposal.url).content.decode()
    assert "Over § 4 Crisisopvang" in html
    page = type(proposal).objects.get(pk=proposal.pk)
    page.body = [b for b in page.body.raw_data if b["type"] != "section" or b["id"] != second.key]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Over § 3.1 Crisisopvang" in html  # removed: the label it had when the response was placed


def test_a_proposal_without_passages_has_no_passage_choice(client, demo_site, provider):
    proposal = make_proposal()
    client.force_login(provider)
    html = client.get(proposal.url).content.decode()
    assert 'name="section"' not in html and "kp-passage" not in html


def test_the_draft_keeps_the_passage(client, proposal, provider):
    second = proposal.sections()[1]
    client.force_login(provider)
    client.post(f"{proposal.url}reageren/", _form(proposal, section=second.key, save_draft="1"))
    html = client.get(proposal.url).content.decode()
    assert f'<option value="{second.key}" selected>§ 3.1 Crisisopvang</option>' in html
