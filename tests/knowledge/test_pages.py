import datetime

import pytest
from wagtail.models import PageViewRestriction

from knowledge.models import CaseEvaluationPage, Kpi, ProjectPage
from tests.factories.knowledge import evaluation_page, kpi, practice_page, project_page

D = datetime.date
pytestmark = pytest.mark.django_db


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- Projects -----------------------------------------------------------------------------------------------------


def test_demo_project_shows_ambitions_kpi_bar_chart_and_table(anonymous, demo_site):
    html = html_of(anonymous.get("/projecten/van-18-min-naar-18-plus/"))
    assert "100 jeugdigen rond hun achttiende" in html  # ambition A
    assert "84% van het doel bereikt" in html  # 98 → 57, target 49
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert "Nulmeting oktober 2018: 98 jongeren" in html  # the chart's text alternative
    assert '<table class="utrecht-table">' in html and "1 oktober 2020" in html
    assert "‘We doen wat echt nodig is’" in html  # Ons Verhaal principle
    assert "Bestuurlijk trekker" in html
    assert 'style="' not in html  # strict CSP: no inline styles


def test_project_without_measurements_says_so(anonymous, demo_site):
    html = html_of(anonymous.get("/projecten/crisis-als-kans/"))
    assert "Nog geen metingen" in html
    assert "In uitvoering sinds oktober 2020" in html


def test_project_with_target_reached(anonymous, demo_site):
    html = html_of(anonymous.get("/projecten/afbouw-verblijf/"))
    assert "Streefwaarde gehaald." in html


def test_project_index_lists_both_regions_with_headline_kpi(anonymous, demo_site):
    html = html_of(anonymous.get("/projecten/"))
    assert "Van 18- naar 18+" in html and "Slimme en effectieve preventie" in html
    assert "Jongeren van 18 jaar en ouder nog in de jeugdhulp" in html
    assert "16 projecten" in html


@pytest.mark.parametrize(
    "query, present, absent",
    [
        ("?regio=alkmaar-noord-kennemerland", "Slimme en effectieve preventie", "Crisis als kans"),
        ("?status=on-hold", "Van exclusieve opvang", "Crisis als kans"),
        ("?actielijn=jeugdigen-beter-beschermen", "Jeugdbescherming dichterbij", "Onderwijs en jeugdhulp"),
        (
            "?actielijn=kwetsbare-kinderen-zelfstandig&status=afgerond&regio=alkmaar-noord-kennemerland",
            "Aansluiting van hulp op de grens",
            "Van 18- naar 18+",
        ),
    ],
)
def test_project_index_filters_combine(anonymous, demo_site, query, present, absent):
    html = html_of(anonymous.get("/projecten/" + query))
    assert present in html and absent not in html.split('role="status"')[1]


def test_project_index_ignores_unknown_filter_values(anonymous, demo_site):
    html = html_of(anonymous.get("/projecten/?actielijn=bestaat-niet&status=x"))
    assert "16 projecten" in html


def queries(client, url):
    """Queries for one request after a warm-up request (which fills the site-root cache)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    html_of(client.get(url))
    with CaptureQueriesContext(connection) as context:
        html_of(client.get(url))
    return len(context.captured_queries)


# The maximum number of queries per page type; the tests also check it is the same for one and for many items.
MAX_QUERIES = {"project_index": 16, "project": 30, "evaluation_index": 12, "evaluation": 24, "practice": 26}


def test_project_index_query_count_does_not_grow_with_projects(anonymous, demo_site):
    before = queries(anonymous, "/projecten/")
    for n in range(10):
        project_page(kpis=[kpi(values=[(D(2020, 1, 1), 60 + n), (D(2020, 6, 1), 55)])])
    after = queries(anonymous, "/projecten/")
    assert "26 projecten" in html_of(anonymous.get("/projecten/"))
    assert before == after <= MAX_QUERIES["project_index"]


def test_project_detail_query_count_does_not_grow_with_kpis(anonymous, demo_site):
    one = project_page(kpis=[kpi(values=[(D(2020, 1, 1), 60)])])
    many = project_page(
        kpis=[
            kpi(name=f"Indicator {i}", values=[(D(2019 + i % 3, 1, 1 + i), 60 + i) for i in range(8)]) for i in range(6)
        ],
        related_projects=[one],
    )
    for _ in range(5):
        practice_page(related_projects=[many])
    assert queries(anonymous, one.url) == queries(anonymous, many.url) <= MAX_QUERIES["project"]


# --- Case evaluations ---------------------------------------------------------------------------------------------


def test_case_evaluation_shows_time_against_norm_and_roles(anonymous, demo_site):
    html = html_of(anonymous.get("/casusevaluaties/ondertoezichtstelling-in-vier-weken/"))
    assert "Resultaat in 4 weken, tegen een normtijd van 8 maanden" in html
    assert "Raadsonderzoeker (Raad voor de Kinderbescherming)" in html
    assert "Wat moet anders" in html
    assert "Jeugdbescherming dichterbij" in html  # linked project


def test_evaluation_index_and_detail_query_counts(anonymous, demo_site):
    first = evaluation_page()
    index_before = queries(anonymous, "/casusevaluaties/")
    detail_before = queries(anonymous, first.url)
    pages = [evaluation_page(main_themes=list(first.main_themes.all())) for _ in range(8)]
    assert queries(anonymous, "/casusevaluaties/") == index_before <= MAX_QUERIES["evaluation_index"]
    assert pages[-1].title in html_of(anonymous.get("/casusevaluaties/"))
    assert queries(anonymous, pages[0].url) == detail_before <= MAX_QUERIES["evaluation"]


# --- Best practices -----------------------------------------------------------------------------------------------


def test_best_practice_shows_taxonomy_evidence_contact_and_related(anonymous, demo_site):
    html = html_of(anonymous.get("/goede-voorbeelden/team-jeugdlink/"))
    assert "Jeugdigen beter beschermen" in html  # action line
    assert "Eerste aanwijzingen voor effectiviteit" in html
    assert "Bel de andere regio" in html and "Projectleider van het transformatieprogramma" in html
    assert "Ondertoezichtstelling in vier weken" in html  # explicit related evaluation
    assert "Jeugdbescherming dichterbij" in html  # explicit related project
    assert '<nav class="utrecht-breadcrumb-nav' in html and "Goede voorbeelden</a>" in html


def test_overdue_evidence_level_is_flagged_on_the_page(anonymous, demo_site):
    page = practice_page(evidence_reassess_on=D(2020, 1, 1))
    assert "De herbeoordeling van dit bewijsniveau is verlopen" in html_of(anonymous.get(page.url))


def test_related_practices_fall_back_to_the_same_main_theme(anonymous, demo_site):
    page = practice_page(theme="begeleiding-18-min-18-plus")
    html = html_of(anonymous.get(page.url))
    assert "Toekomstplannen" in html  # a demo pilot with the same main theme


def test_practice_detail_query_count_is_fixed(anonymous, demo_site):
    page = practice_page(theme="jeugdbeschermingsketen")
    before = queries(anonymous, page.url)
    for _ in range(6):
        practice_page(theme="jeugdbeschermingsketen")
    assert queries(anonymous, page.url) == before <= MAX_QUERIES["practice"]


# --- Visibility ---------------------------------------------------------------------------------------------------


def test_drafts_are_not_shown_to_anonymous_visitors(anonymous, demo_site):
    draft = project_page(live=False, title="Geheim conceptproject")
    assert anonymous.get("/projecten/" + draft.slug + "/").status_code == 404
    assert "Geheim conceptproject" not in html_of(anonymous.get("/projecten/"))
    draft_eval = evaluation_page(live=False, title="Conceptcasus")
    assert anonymous.get(draft_eval.url or "/casusevaluaties/" + draft_eval.slug + "/").status_code == 404
    assert "Conceptcasus" not in html_of(anonymous.get("/casusevaluaties/"))


def test_private_pages_are_neither_served_nor_listed_nor_related(anonymous, demo_site):
    project = ProjectPage.objects.get(slug="jeugdbescherming-dichterbij")
    PageViewRestriction.objects.create(page=project, restriction_type=PageViewRestriction.LOGIN)
    evaluation = CaseEvaluationPage.objects.get(slug="ondertoezichtstelling-in-vier-weken")
    PageViewRestriction.objects.create(page=evaluation, restriction_type=PageViewRestriction.LOGIN)
    assert anonymous.get(project.url).status_code == 302  # to the login page
    assert "Jeugdbescherming dichterbij" not in html_of(anonymous.get("/projecten/"))
    assert "Ondertoezichtstelling in vier weken" not in html_of(anonymous.get("/casusevaluaties/"))
    related = html_of(anonymous.get("/goede-voorbeelden/team-jeugdlink/"))
    assert "Jeugdbescherming dichterbij" not in related and "Ondertoezichtstelling" not in related


def test_sitemap_and_api_list_published_knowledge_pages(anonymous, demo_site):
    draft = project_page(live=False, title="Onzichtbaar")
    sitemap = anonymous.get("/sitemap.xml").content.decode()
    assert "/projecten/van-18-min-naar-18-plus/" in sitemap
    assert "/casusevaluaties/ondertoezichtstelling-in-vier-weken/" in sitemap
    assert "/goede-voorbeelden/team-jeugdlink/" in sitemap
    assert draft.slug not in sitemap
    api = anonymous.get("/api/v2/pages/?type=knowledge.ProjectPage&limit=50").json()
    titles = {item["title"] for item in api["items"]}
    assert "Van 18- naar 18+" in titles and "Onzichtbaar" not in titles


def test_open_graph_metadata_on_detail_pages(anonymous, demo_site):
    html = html_of(anonymous.get("/projecten/van-18-min-naar-18-plus/"))
    assert '<meta property="og:title" content="Van 18- naar 18+">' in html


def test_kpis_are_stored_with_their_page(demo_site):
    assert Kpi.objects.filter(page__slug="van-18-min-naar-18-plus", is_headline=True).count() == 1


def test_municipal_measurements_appear_in_the_table_but_not_in_the_progress(anonymous, demo_site):
    from accounts.models import Organisation

    ede = Organisation.objects.get(slug="gemeente-ede")
    page = project_page(kpis=[kpi(values=[(D(2020, 10, 1), 57), (D(2020, 11, 1), 12, ede)])])
    html = html_of(anonymous.get(page.url))
    assert "Gemeente Ede" in html and "84% van het doel bereikt" in html
