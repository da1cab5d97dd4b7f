"""The front end as the server renders it: main images (alt text required, WebP with a fallback), og:image on every
page, favicon, cards, the finder's disclosure and long facets, and lang="nl" on Dutch content on the English site.
(Django's test client, no browser: they run where Chromium is not installed; browser tests are in tests/browser/.)"""

import io
import re

import pytest
from django.core.exceptions import ValidationError


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def make_image(title="Testbeeld"):
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    from home.demo_images import draw_abstract

    image = get_image_model()(title=title)
    image.file = ImageFile(io.BytesIO(draw_abstract(title)), name="testbeeld.jpg")
    image.save()
    return image


@pytest.fixture
def english(client):
    client.get("/taal/en/?next=/")
    return client


@pytest.mark.parametrize(
    "label", ["knowledge.ProjectPage", "knowledge.BestPracticePage", "events.EventPage", "home.NewsPage"]
)
def test_a_main_image_needs_alternative_text(demo_site, label):
    from django.apps import apps

    page = apps.get_model(label).objects.live().first()
    page.main_image, page.main_image_alt = make_image(), "  "
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "main_image_alt" in error.value.message_dict
    page.main_image_alt = "Twee mensen aan een tafel"
    page.clean()
    page.main_image, page.main_image_alt = None, ""
    page.clean()  # no image, no alt text needed


def test_page_image_is_webp_with_jpeg_fallback_srcset_and_size_and_is_the_og_image(client, demo_site):
    from knowledge.models import BestPracticePage

    practice = BestPracticePage.objects.live().first()
    practice.main_image, practice.main_image_alt = make_image("Praktijkbeeld"), "Abstracte cirkels in blauw"
    practice.save_revision().publish()
    html = html_of(client.get(practice.url))
    picture = re.search(r'<figure class="kp-hero"><picture>(.*?)</picture>', html, re.S).group(1)
    assert re.search(r'<source[^>]+srcset="[^"]+\.webp 704w, [^"]+\.webp 1056w, [^"]+\.webp 1408w"', picture)
    assert 'type="image/webp"' in picture
    img = re.search(r"<img [^>]+>", picture).group(0)
    assert 'width="704"' in img and 'height="440"' in img and ".jpg" in img and "srcset=" in img
    assert 'alt="Abstracte cirkels in blauw"' in img
    og = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert og.startswith("http") and "fill-1200x630" in og and og.endswith(".jpg")
    assert '<meta property="og:image:alt" content="Abstracte cirkels in blauw">' in html


def test_every_page_has_an_og_image_the_logo_when_it_has_none(client, demo_site):
    from wagtail.models import Page

    seen = set()
    urls = ["/zoeken/?q=pleegzorg", "/account/inloggen/"]
    for page in Page.objects.live().filter(depth__gt=1).specific():
        if type(page) not in seen and not getattr(page, "main_image_id", None):
            seen.add(type(page))
            urls.append(page.url)
    assert len(urls) >= 10
    for url in urls:
        html = html_of(client.get(url))
        assert re.search(r'<meta property="og:image" content="http[^"]+/static/img/og-default\.png">', html), url
        assert '<meta property="og:image:width" content="1200">' in html


def test_favicon_in_svg_with_ico_and_png_fallbacks(client, demo_site):
    from django.contrib.staticfiles import finders

    html = html_of(client.get("/"))
    assert '<link rel="icon" href="/static/favicon.ico" sizes="16x16 32x32 48x48">' in html
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in html
    for name in ("favicon.ico", "favicon.svg", "img/apple-touch-icon.png", "img/logo.svg", "img/og-default.png"):
        assert finders.find(name), name
    assert '<img class="kp-logo__mark" src="/static/img/logo.svg" alt=""' in html
    assert client.get("/favicon.ico")["Location"].endswith("favicon.svg")


def test_cards_show_action_line_region_phase_and_badges(client, demo_site):
    from events.selectors import upcoming_events

    finder = html_of(client.get("/goede-voorbeelden/"))
    card = finder.split('<article class="kp-card" data-kind="practice">')[1].split("</article>")[0]
    assert "Actielijn:" in card and "Regio:" in card and "Fase:" in card
    projects = html_of(client.get("/projecten/"))
    card = projects.split('<article class="kp-card" data-kind="project">')[1].split("</article>")[0]
    assert 'class="utrecht-badge-status kp-badge' in card and "Regio:" in card
    if list(upcoming_events()):
        events = html_of(client.get("/kennisateliers/"))
        card = events.split('<article class="kp-card" data-kind="event">')[1].split("</article>")[0]
        assert "utrecht-badge-status kp-badge" in card  # places left, full or enough


def test_finder_filters_sit_in_one_disclosure_with_the_number_chosen(client, demo_site):
    html = html_of(client.get("/goede-voorbeelden/?regio=food-valley&fase=implementatie"))
    assert '<details class="kp-filters" data-open-wide>' in html
    assert '<summary class="kp-filters__summary">Filters (2)</summary>' in html
    # Results come before the filters' end in reading order only through the disclosure: one line above them.
    assert html.index("kp-filters__summary") < html.index("finder-results-heading")
    chips = re.findall(r'<a class="utrecht-link kp-chip" href="\?([^"]*)">', html)
    assert sorted(chips) == ["fase=implementatie", "regio=food-valley"]  # each chip drops one parameter


def test_long_facets_show_the_top_items_and_toon_alle(client, demo_site):
    html = html_of(client.get("/goede-voorbeelden/"))
    regions = html.split('<legend class="utrecht-form-fieldset__legend">Regio</legend>')[1].split("</fieldset>")[0]
    top, rest = regions.split('<details class="kp-facet-more">')
    assert top.count('name="regio"') == 6
    assert "toon alle" in rest and rest.count('name="regio"') > 2
    last = re.findall(r'name="regio" value="([^"]+)"', rest)[-1]
    # A chosen option is always among the items shown at once.
    html = html_of(client.get(f"/goede-voorbeelden/?regio={last}"))
    regions = html.split('<legend class="utrecht-form-fieldset__legend">Regio</legend>')[1].split("</fieldset>")[0]
    top = regions.split("<details")[0]
    assert f'value="{last}" checked' in top


def test_english_site_marks_dutch_content_as_dutch(english, demo_site):
    from knowledge.models import ProjectPage

    project = ProjectPage.objects.live().get(title="Van 18- naar 18+")
    html = html_of(english.get(project.url))
    assert '<html lang="en"' in html
    assert f'<h1 class="utrecht-heading-1" lang="nl">{project.display_title}</h1>' in html
    assert re.search(r'kp-lead" lang="nl">', html)
    assert 'class="utrecht-rich-text" lang="nl">' in html  # results and other rich text
    assert '<a class="utrecht-nav-list__link utrecht-link' in html and 'lang="nl">Projects' not in html
    finder = html_of(english.get("/goede-voorbeelden/"))
    title = r'<h3 class="utrecht-heading-3 kp-card__title"><a class="utrecht-link" href="[^"]+" lang="nl">'
    assert re.search(title, finder)


def test_dutch_site_needs_no_lang_attributes_on_content(client, demo_site):
    from knowledge.models import ProjectPage

    project = ProjectPage.objects.live().get(title="Van 18- naar 18+")
    html = html_of(client.get(project.url))
    assert f'<h1 class="utrecht-heading-1">{project.display_title}</h1>' in html
    assert 'lang="nl">' not in html.split("<main", 1)[1]


def test_facet_split_keeps_display_order_and_chosen_options():
    from home.templatetags.frontend_tags import facet_rest, facet_top
    from search.contract import FacetOption

    options = [FacetOption(f"r{i}", f"Regio {i}", count=i, selected=(i == 0)) for i in range(12)]
    top, rest = facet_top(options, 4), facet_rest(options, 4)
    assert [o.slug for o in top] == ["r0", "r9", "r10", "r11"]  # chosen first-in-order, then the most results
    assert len(top) + len(rest) == 12 and [o.slug for o in rest] == [f"r{i}" for i in range(1, 9)]
    assert facet_rest(options[:6], 4) == []  # hiding one or two options helps nobody
