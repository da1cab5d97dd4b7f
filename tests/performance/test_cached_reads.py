"""Values the pages read once and keep (issue 18) are forgotten when what they hold changes: change it, and the
next visit shows the change."""

import re

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from accounts.models import Organisation
from knowledge.advisory.models import ConsultationQuestion, ProposalPage
from knowledge.models import Phase, ProjectPage
from knowledge.taxonomy import MainTheme
from tests.factories.advisory import make_proposal
from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db

FINDER = "/goede-voorbeelden/"


def _facet_label(html, param, slug):
    """The text of the finder's filter option (the result cards show term names too, read with the practices)."""
    marker = f'for="f-{param}-{slug}">'
    assert marker in html, marker
    return html.split(marker, 1)[1].split(" <span", 1)[0]


def test_the_finder_filters_show_a_renamed_region_and_phase_at_once(demo_site):
    client = Client()
    html = client.get(FINDER).content.decode()  # the terms are now kept
    region = Organisation.objects.get(slug="food-valley")
    assert _facet_label(html, "regio", "food-valley") == region.name
    region.name = "Regio Food Valley Hernoemd"
    region.save()
    phase = Phase.objects.get(slug="implementatie")
    phase.name = "Invoering (hernoemd)"
    phase.save()
    html = client.get(FINDER).content.decode()
    assert _facet_label(html, "regio", "food-valley") == "Regio Food Valley Hernoemd"
    assert _facet_label(html, "fase", "implementatie") == "Invoering (hernoemd)"


def test_a_new_region_slug_filters_the_finder_at_once(demo_site):
    client = Client()
    assert client.get(FINDER + "?regio=food-valley").status_code == 200  # the terms are now kept
    region = Organisation.objects.get(slug="food-valley")
    region.slug = "food-valley-nieuw"
    region.save()
    html = client.get(FINDER + "?regio=food-valley-nieuw").content.decode()
    assert _facet_label(html, "regio", "food-valley-nieuw") == region.name
    assert 'value="food-valley-nieuw" checked' in html  # the new slug is a filter that is applied


def test_a_section_restricted_and_freed_between_visits_is_honoured_at_once(demo_site):
    client = Client()
    url = "/projecten/jeugdbescherming-dichterbij/"
    assert client.get(url).status_code == 200  # a first, public visit
    index = ProjectPage.objects.get(slug="jeugdbescherming-dichterbij").get_parent()
    restriction = PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(url).status_code == 302
    restriction.delete()
    assert client.get(url).status_code == 200


def test_a_proposal_shows_its_questions_as_last_published(demo_site):
    proposal = make_proposal(questions=("Steunt u het voorstel?", "Wat mist u?"))
    client = Client()
    html = client.get(proposal.url).content.decode()  # the questions are now kept
    assert "Wat mist u?" in html
    page = ProposalPage.objects.get(pk=proposal.pk)
    page.questions.remove(page.questions.get(text="Wat mist u?"))
    page.questions.add(ConsultationQuestion(text="Welke regio doet al mee?", sort_order=5))
    page.save_revision().publish()
    html = client.get(proposal.url).content.decode()
    assert "Welke regio doet al mee?" in html
    assert "Wat mist u?" not in html
    page.questions.add(ConsultationQuestion(text="Nog niet gepubliceerd?", sort_order=6))
    page.save_revision()  # a draft: the public page keeps the published questions
    assert "Nog niet gepubliceerd?" not in client.get(proposal.url).content.decode()


def _options(html, name):
    """{value: label} of the select `name` of a listing's filters."""
    select = html.split(f'<select name="{name}"', 1)[1].split("</select>", 1)[0]
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select))


def test_the_index_filters_offer_what_was_last_published_and_named(demo_site):
    """The options of the project, event and proposal filters are kept with the page cache's purge (issue 18): a
    renamed region, a theme on a newly published event or proposal, and a withdrawn proposal show on the next
    visit, and a renamed slug filters at once."""
    client = Client()
    theme = MainTheme.objects.exclude(events__live=True).exclude(proposals__live=True).order_by("pk").first()
    assert theme.slug not in _options(client.get("/kennisateliers/").content.decode(), "thema")
    assert theme.slug not in _options(client.get("/adviestafel/").content.decode(), "theme")
    assert "food-valley" in _options(client.get("/projecten/").content.decode(), "regio")  # all three now kept

    event = EventPageFactory.create(themes=[theme])
    proposal = make_proposal(theme=theme)
    events = client.get(f"/kennisateliers/?thema={theme.slug}").content.decode()
    assert _options(events, "thema")[theme.slug] == theme.name
    assert event.title in events
    proposals = client.get(f"/adviestafel/?theme={theme.slug}").content.decode()
    assert _options(proposals, "theme")[theme.slug] == theme.name
    assert proposal.title in proposals
    assert "food-valley" in _options(client.get("/projecten/").content.decode(), "regio")  # kept again

    region = Organisation.objects.get(slug="food-valley")
    region.name, region.slug = "Regio Food Valley Hernoemd", "food-valley-nieuw"
    region.save()
    projects = client.get("/projecten/?regio=food-valley-nieuw").content.decode()
    assert _options(projects, "regio")["food-valley-nieuw"] == "Regio Food Valley Hernoemd"
    assert "food-valley" not in _options(projects, "regio")
    assert 'value="food-valley-nieuw" selected' in projects  # the new slug is a filter that is applied
    assert _options(client.get("/kennisateliers/").content.decode(), "regio")["food-valley-nieuw"] == region.name

    proposal.unpublish()
    assert theme.slug not in _options(client.get("/adviestafel/").content.decode(), "theme")
