import datetime
import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from search.backends import DatabaseBackend
from search.contract import parse_finder_query
from search.finder import run_finder
from tests.factories.search import make_finder_page, make_practice

pytestmark = [pytest.mark.django_db, pytest.mark.database_search]


def find(finder_page, query=""):
    return run_finder(parse_finder_query(QueryDict(query)), index_page=finder_page)


def titles(result):
    return {p.title for p in result.items}


def counts(result, param):
    facet = next(f for f in result.facets if f.param == param)
    return {o.slug: o.count for o in facet.options}


def test_without_filters_lists_every_practice_newest_first(finder_page, practices):
    result = find(finder_page)
    assert result.total == 6
    assert [p.pk for p in result.items] == [p.pk for p in sorted(practices, key=lambda p: p.date, reverse=True)]


def test_or_within_a_facet_and_across_facets(finder_page, practices, taxonomy):
    r0, r1, _r2 = (r.slug for r in taxonomy["regions"])
    phase1 = taxonomy["phases"][1].slug
    assert find(finder_page, f"regio={r0}").total == 2
    assert find(finder_page, f"regio={r0}&regio={r1}").total == 4
    both = find(finder_page, f"regio={r0}&regio={r1}&fase={phase1}")
    assert titles(both) == {"Eigen mentor voor jongeren", "Thuis wonen na je 18e"}


def test_facet_counts_are_computed_given_the_other_facets(finder_page, practices, taxonomy):
    r0, r1, r2 = (r.slug for r in taxonomy["regions"])
    phase0, phase1 = (p.slug for p in taxonomy["phases"])
    result = find(finder_page, f"regio={r0}&fase={phase1}")
    # Regions are counted with only the phase filter: the other regions keep their numbers.
    assert counts(result, "regio") == {r0: 1, r1: 1, r2: 1}
    # Phases are counted with only the region filter.
    assert counts(result, "fase") == {phase0: 1, phase1: 1}
    # Other facets count the fully filtered set (one practice).
    assert sum(counts(result, "soort").values()) == 1
    selected = [o.slug for f in result.facets for o in f.options if o.selected]
    assert sorted(selected) == sorted([r0, phase1])


def test_subtheme_and_evidence_filters(finder_page, practices, taxonomy):
    sub0 = taxonomy["subthemes"][0].slug
    level1 = taxonomy["levels"][1].slug
    assert find(finder_page, f"subthema={sub0}").total == 3
    assert titles(find(finder_page, f"subthema={sub0}&bewijs={level1}")) == {"Coördinatie met de GGZ"}


def test_invalid_slugs_are_ignored(finder_page, practices, taxonomy):
    r0 = taxonomy["regions"][0].slug
    assert find(finder_page, "regio=bestaat-niet&fase=<script>").total == 6
    assert find(finder_page, f"regio={r0}&regio=bestaat-niet").total == 2


def test_full_text_with_facets_and_relevance(finder_page, practices, taxonomy):
    result = find(finder_page, "q=pleeggezin")
    assert titles(result) == {"Meer pleeggezinnen werven"}
    assert "<mark>pleeggezinnen</mark>" in result.highlights[result.items[0].pk]
    r1 = taxonomy["regions"][1].slug
    assert find(finder_page, f"q=pleeggezin&regio={r1}").total == 0


def test_page_renders_checkbox_form_with_counts_that_works_without_javascript(client, finder_page, practices, taxonomy):
    r0 = taxonomy["regions"][0]
    response = client.get(f"{finder_page.url}?regio={r0.slug}")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'method="get"' in html
    assert re.search(rf'<input[^>]+type="checkbox"[^>]+name="regio" value="{r0.slug}" checked>', html)
    assert f'{r0.name} <span class="kp-count">(2)</span>' in html
    assert "2 goede voorbeelden" in html
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert f'href="/zoektest/feed/?regio={r0.slug}"' in html


def test_pagination_keeps_the_whole_state_in_the_url(client, finder_page, taxonomy):
    region = taxonomy["regions"][0]
    for i in range(23):
        make_practice(f"Praktijk {i}", summary="Huiselijk geweld aanpakken", region=region, index=finder_page)
    response = client.get(f"{finder_page.url}?q=huiselijk&regio={region.slug}")
    html = response.content.decode()
    assert "23 goede voorbeelden" in html
    assert f"?q=huiselijk&amp;regio={region.slug}&amp;page=2" in html
    page2 = client.get(f"{finder_page.url}?q=huiselijk&regio={region.slug}&page=2")
    assert page2.content.decode().count('class="kp-card"') == 3
    out_of_range = client.get(f"{finder_page.url}?q=huiselijk&regio={region.slug}&page=99")
    assert out_of_range.status_code == 200 and "Pagina 2 van 2" in out_of_range.content.decode()


def test_sorting_by_date_or_relevance(finder_page, practices):
    old = make_practice(
        "Jeugd en gezinsrechtspraak",
        summary="gezinsrechtspraak gezinsrechtspraak gezinsrechtspraak",
        date=datetime.date(2020, 1, 1),
        index=finder_page,
    )
    new = make_practice(
        "Nieuw", summary="ook over gezinsrechtspraak", date=datetime.date(2025, 1, 1), index=finder_page
    )
    assert [p.pk for p in find(finder_page, "q=gezinsrechtspraak&sort=datum").items] == [new.pk, old.pk]
    relevance = find(finder_page, "q=gezinsrechtspraak").items
    assert relevance[0].pk == old.pk


def test_fixed_number_of_queries_whatever_the_number_of_practices(
    client, finder_page, taxonomy, django_assert_max_num_queries
):
    def measure():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(
                f"{finder_page.url}?q=zorg&regio={taxonomy['regions'][0].slug}&fase={taxonomy['phases'][0].slug}"
            )
        assert response.status_code == 200
        return len(ctx.captured_queries)

    def add(count):
        for i in range(count):
            make_practice(
                f"Zorg {i}",
                summary="zorg dichtbij",
                region=taxonomy["regions"][0],
                phase=taxonomy["phases"][0],
                subthemes=taxonomy["subthemes"][:2],
                index=finder_page,
            )

    add(3)
    measure()  # warm the caches (synonyms, content types, site root)
    few = measure()
    add(25)
    many = measure()
    assert few == many
    with django_assert_max_num_queries(22):
        client.get(f"{finder_page.url}?q=zorg&regio={taxonomy['regions'][0].slug}")


@pytest.mark.parametrize("sort", ["relevantie", "datum"])
def test_the_database_counts_facets_in_sql_and_loads_only_the_shown_page(finder_page, taxonomy, sort):
    """Two words and three facets: a fixed handful of queries whatever the size, the facet counts as aggregates
    (one statement of GROUP BYs) and full rows only for the practices on the page."""
    region, phase, line = taxonomy["regions"][0], taxonomy["phases"][0], taxonomy["lines"][0]
    query = QueryDict(f"q=zorg+dichtbij&actielijn={line.slug}&regio={region.slug}&fase={phase.slug}&sort={sort}")

    def add(count):
        for i in range(count):
            make_practice(
                f"Zorg {i}",
                summary="zorg dichtbij",
                region=region,
                phase=phase,
                action_line=line,
                main_theme=taxonomy["themes"][0],
                subthemes=taxonomy["subthemes"][:1],
                index=finder_page,
            )

    def measure():
        fq = parse_finder_query(query)
        with CaptureQueriesContext(connection) as ctx:
            result = DatabaseBackend().finder(fq, index_page=finder_page, per_page=5)
        return result, [q["sql"] for q in ctx.captured_queries]

    add(3)
    measure()  # warm the caches (synonyms, regions, content types)
    few, few_sql = measure()
    add(22)
    many, many_sql = measure()
    assert few.total == 3 and many.total == 25 and len(many.items) == 5
    assert len(few_sql) == len(many_sql) <= 6
    grouped = [sql for sql in many_sql if "GROUP BY" in sql]
    assert len(grouped) == 1 and grouped[0].count("UNION ALL") == 6 and grouped[0].count("COUNT(") == 7
    full_rows = [sql for sql in many_sql if '"knowledge_bestpracticepage"."summary"' in sql]
    assert len(full_rows) == 1  # the shown page only
    counts = {f.param: {o.slug: o.count for o in f.options} for f in many.facets}
    assert counts["regio"][region.slug] == 25 and counts["fase"][phase.slug] == 25
    assert counts["subthema"] == {taxonomy["subthemes"][0].slug: 25}


def test_feed_honours_the_filters(client, finder_page, practices, taxonomy):
    r2 = taxonomy["regions"][2].slug
    response = client.get(f"{finder_page.url}feed/?regio={r2}")
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert body.count("<item>") == 2
    assert "Snelle ondertoezichtstelling" in body and "Meer pleeggezinnen" not in body
    assert "<title>Zoektest" in body


def test_empty_result_suggests_a_spelling_and_related_terms(client, finder_page, practices, taxonomy):
    region = taxonomy["regions"][1]
    html = client.get(finder_page.url, {"q": "pleegezinnen", "regio": region.slug}).content.decode()
    assert "0 goede voorbeelden" in html
    assert "Bedoelde u" in html and "q=pleeggezinnen" in html
    assert "Zoek zonder filters" in html
    theme = taxonomy["themes"][0]
    html = client.get(finder_page.url, {"q": theme.name.split()[-1] + "xq"}).content.decode()
    assert "Verwant onderwerp" in html or "Bedoelde u" in html


def test_did_you_mean_keeps_the_filters_only_when_the_correction_finds_something_with_them(
    client, finder_page, practices, taxonomy
):
    """'Meer pleeggezinnen werven' is in the first region: the correction keeps that filter; in the second region it
    would find nothing, so the proposed link drops the filter (and finds the practice)."""
    first, second = taxonomy["regions"][0].slug, taxonomy["regions"][1].slug

    def proposed(region):
        html = client.get(finder_page.url, {"q": "pleegezinnen", "regio": region}).content.decode()
        assert "0 goede voorbeelden" in html
        return re.findall(r'Bedoelde u <a class="utrecht-link" href="\?([^"]*)"', html)

    assert proposed(first) == [f"q=pleeggezinnen&amp;regio={first}"]
    assert proposed(second) == ["q=pleeggezinnen"]
    assert [p.title for p in find(finder_page, "q=pleeggezinnen").items] == ["Meer pleeggezinnen werven"]
    assert find(finder_page, f"q=pleeggezinnen&regio={second}").total == 0


def test_unfiltered_counts_are_counted_once_and_follow_every_change(finder_page, practices, taxonomy):
    """Without text or filters the counts are the same for everyone: counted once, then read from the cache until a
    practice is added, unpublished, restricted, reclassified or moved away."""
    region = taxonomy["regions"][0]

    def unfiltered():
        with CaptureQueriesContext(connection) as ctx:
            result = DatabaseBackend().finder(parse_finder_query(QueryDict("")), index_page=finder_page)
        grouped = [q["sql"] for q in ctx.captured_queries if "GROUP BY" in q["sql"]]
        return result.total, counts(result, "regio").get(region.slug, 0), len(grouped)

    assert unfiltered() == (6, 2, 1)
    assert unfiltered() == (6, 2, 0)  # the second time from the cache

    added = make_practice("Nieuw in de regio", region=region, index=finder_page)
    assert unfiltered() == (7, 3, 1)

    added.unpublish()
    assert unfiltered()[:2] == (6, 2)

    in_region = [p for p in practices if p.region_id == region.pk]
    PageViewRestriction.objects.create(page=in_region[0], restriction_type=PageViewRestriction.LOGIN)
    assert unfiltered()[:2] == (5, 1)

    moved = in_region[1]
    moved.region = taxonomy["regions"][1]
    moved.save_revision().publish()
    assert unfiltered()[:2] == (5, 0)

    other = make_finder_page(slug="andere-zoektest")
    moved.refresh_from_db()
    moved.move(other, pos="last-child")
    assert unfiltered()[:2] == (4, 0)
