"""The public PDF of the report: the content of the public report page, the same visibility rule (read back with
pypdf: region-only, hidden and withdrawn responses are absent, authors' names only by their choice)."""

import io

import pytest
from pypdf import PdfReader

from knowledge.advisory import services
from knowledge.advisory.models import OutcomeKind, ResponseState, Visibility
from tests.advisory.helpers import close, proposal_with_passages, publish_report
from tests.factories.accounts import OrganisationFactory, UserFactory
from tests.factories.advisory import ResponseFactory

pytestmark = pytest.mark.django_db


def _pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())  # lines wrap anywhere


@pytest.fixture
def reported(demo_site, staff):
    proposal = proposal_with_passages(questions=("Steunt u het voorstel?",))
    second = proposal.sections()[1]
    public = ResponseFactory(
        proposal=proposal,
        organisation=OrganisationFactory(name="Openbare Zorg BV"),
        author=UserFactory(first_name="Olga", last_name="Openbaar"),
        show_author_name=True,
        section_key=second.key,
        section_label=second.label,
    )
    ResponseFactory(
        proposal=proposal,
        organisation=OrganisationFactory(name="Naamloze Hulp"),
        author=UserFactory(first_name="Niels", last_name="Naamloos"),
    )
    ResponseFactory(
        proposal=proposal,
        organisation=OrganisationFactory(name="Regio Vertrouwelijk"),
        visibility=Visibility.REGION_ONLY,
    )
    ResponseFactory(
        proposal=proposal, organisation=OrganisationFactory(name="Verborgen Zaak"), state=ResponseState.HIDDEN
    )
    ResponseFactory(
        proposal=proposal,
        organisation=OrganisationFactory(name="Ingetrokken Instelling"),
        state=ResponseState.WITHDRAWN,
    )
    proposal = close(proposal)
    services.outcome_record(response=public, user=staff, outcome=OutcomeKind.PARTLY, reason="Deels in het plan")
    question = proposal.questions.first()
    question.report_summary = "Aanbieders vroegen om kortere wachttijden."
    question.report_action = "Wij verkorten de termijn naar drie weken."
    question.save()
    return publish_report(proposal, report_intro="<p>Dank voor alle reacties — ook de kritische.</p>")


def test_no_pdf_before_the_report_is_published(client, demo_site):
    proposal = close(proposal_with_passages())
    response = client.get(f"{proposal.url}verslag-pdf/")
    assert response.status_code == 404
    assert "nog niet gepubliceerd" in response.content.decode()


def test_the_pdf_has_the_report_and_only_what_the_public_report_page_shows(client, reported):
    page = client.get(f"{reported.url}verslag/").content.decode()
    assert "verslag-pdf/" in page  # linked from the report
    text = _pdf_text(client.get(f"{reported.url}verslag-pdf/"))
    for expected in (
        f"Verslag: {reported.title}",
        "Dank voor alle reacties — ook de kritische.",
        "Aanbieders vroegen om kortere wachttijden.",
        "Wij verkorten de termijn naar drie weken.",
        "Openbare Zorg BV",
        "Naamloze Hulp",
        "Deels overgenomen",
        "Deels in het plan",
        "Reacties per passage",
        "§ 3.1 Crisisopvang",
    ):
        assert expected in text, expected
    for absent in ("Regio Vertrouwelijk", "Verborgen Zaak", "Ingetrokken Instelling"):
        assert absent not in text and absent not in page
    assert "Olga Openbaar" in text  # chose to show her name
    assert "Niels Naamloos" not in text and "Niels Naamloos" not in page


def test_the_pdf_is_the_same_for_region_staff_and_editors(client, reported, staff, editor_user):
    anonymous = _pdf_text(client.get(f"{reported.url}verslag-pdf/"))
    for user in (staff, editor_user):
        client.force_login(user)
        text = _pdf_text(client.get(f"{reported.url}verslag-pdf/"))
        assert "Regio Vertrouwelijk" not in text and "Niels Naamloos" not in text
        assert text == anonymous


def test_the_pdf_counts_agree_with_the_report_page(client, reported):
    page = client.get(f"{reported.url}verslag/").content.decode()
    text = _pdf_text(client.get(f"{reported.url}verslag-pdf/"))
    assert "3 reacties van 3 organisaties" in page  # numbers only: region-only counts, hidden and withdrawn not
    assert "3 reacties van 3 organisaties" in text


def test_a_response_hidden_after_publication_is_gone_from_the_next_pdf(client, reported, editor_user):
    from knowledge.advisory.models import Response

    public = Response.objects.get(organisation__name="Openbare Zorg BV")
    assert "Openbare Zorg BV" in _pdf_text(client.get(f"{reported.url}verslag-pdf/"))
    services.response_hide(response=public, user=editor_user, reason="Persoonsgegevens")
    response = client.get(f"{reported.url}verslag-pdf/")
    assert "no-store" in response["Cache-Control"]
    assert "Openbare Zorg BV" not in _pdf_text(response)
