"""Printing for council and board meetings: a project page with its KPIs and the advisory report on A4, through
Chromium's print engine (`page.pdf()`, which applies the print stylesheet), read back with pypdf."""

import io

import pytest

A4_POINTS = (595, 842)  # 210 × 297 mm
NAVIGATION_TEXTS = ["Naar de inhoud", "Zoek op het kennisplatform", "Privacyverklaring", "Inloggen"]
A4_PRINTABLE_WIDTH_PX = (210 - 2 * 16) / 25.4 * 96  # @page margins of print.css, in CSS pixels


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
    assert "nulmeting" in text.lower() and len(reader.pages) <= 8
    # On paper the charts are there, whole and within the page; the navigation is not.
    page.emulate_media(media="print")
    charts = page.locator("svg.kp-chart")
    assert charts.count() >= 1
    for chart in charts.all():
        box = chart.bounding_box()
        assert box is not None and box["height"] > 50 and box["width"] <= A4_PRINTABLE_WIDTH_PX + 1
    for selector in (".kp-header", ".kp-nav", ".kp-footer", ".kp-breadcrumbs"):
        assert not page.locator(selector).is_visible(), selector


def test_advisory_report_prints_on_a4(page):
    from knowledge.advisory.models import ProposalPage

    proposal = next((p for p in ProposalPage.objects.live().specific() if p.report_is_published), None)
    if proposal is None:
        pytest.skip("the demo content has no proposal with a published report")
    reader, text = pdf_of(page, proposal.url + "verslag/")
    assert_clean_a4(reader, text)
    assert "Verslag" in text and " ".join(proposal.title.split()) in text
    assert "Standpunten" in text
