"""Printing for council and board meetings: a project page with its KPIs and the advisory report on A4, through
Chromium's print engine (`page.pdf()`, which applies the print stylesheet), read back with pypdf."""

import io

import pytest

A4_POINTS = (595, 842)  # 210 × 297 mm
NAVIGATION_TEXTS = ["Naar de inhoud", "Zoek op het kennisplatform", "Hoofdmenu", "Privacyverklaring", "Inloggen"]


def pdf_of(page, url):
    from pypdf import PdfReader

    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("load")
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    return reader, " ".join(text.split())


def assert_clean_a4(reader, text):
    for pdf_page in reader.pages:
        width, height = float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)
        assert (round(width), round(height)) == A4_POINTS
    for navigation in NAVIGATION_TEXTS:
        assert navigation not in text, navigation


def test_project_page_prints_on_a4_with_its_kpis_and_charts(page):
    from knowledge.models import ProjectPage

    project = ProjectPage.objects.live().get(title="Van 18- naar 18+")
    kpis = list(project.kpis.all())
    assert kpis
    reader, text = pdf_of(page, project.url)
    assert_clean_a4(reader, text)
    assert "Van 18- naar 18+" in text and "Indicatoren" in text
    for kpi in kpis:
        assert " ".join(kpi.name.split()) in text
    # The SVG chart prints as vector text (its axis labels and target line label), not as an empty box.
    assert "streefwaarde" in text
    assert "Nulmeting" in text or "nulmeting" in text
    assert len(reader.pages) <= 6


def test_advisory_report_prints_on_a4(page):
    from knowledge.advisory.models import ProposalPage

    proposal = next((p for p in ProposalPage.objects.live().specific() if p.report_is_published), None)
    if proposal is None:
        pytest.skip("the demo content has no proposal with a published report")
    reader, text = pdf_of(page, proposal.url + "verslag/")
    assert_clean_a4(reader, text)
    assert "Verslag" in text and " ".join(proposal.title.split()) in text
    assert "Standpunten" in text
