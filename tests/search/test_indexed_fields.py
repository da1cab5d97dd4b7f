"""Everything an editor writes on a public page can be found by site search (database backend; the engine
indexes the same search_fields, see test_engine_live.py)."""

import datetime
import uuid

import pytest

from knowledge.models import ProjectAmbition, ProjectWorkLine
from search.site_search import site_search
from tests.factories.events import EventPageFactory
from tests.factories.knowledge import project_page

pytestmark = [pytest.mark.django_db, pytest.mark.database_search]


def word(label):
    return f"{label}{uuid.uuid4().hex[:6]}"


@pytest.mark.parametrize(
    "field",
    ["notable_points", "works_well", "attention_points", "next_year_goals", "risks", "status_note"],
)
def test_every_text_field_of_a_project_is_searchable(demo_site, field):
    unique = word("projectveld")
    value = unique if field == "status_note" else f"<p>Wij zagen {unique} in de wijk.</p>"
    page = project_page(**{field: value})
    assert [item.page.pk for item in site_search(unique).items] == [page.pk]


def test_work_lines_and_ambitions_of_a_project_are_searchable(demo_site):
    line_word, ambition_word = word("werklijn"), word("ambitie")
    page = project_page(
        work_lines=[ProjectWorkLine(title="Samen optrekken", description=f"Met {line_word} als basis.")],
        ambitions=[ProjectAmbition(text=f"Twintig {ambition_word} minder.")],
    )
    assert [item.page.pk for item in site_search(line_word).items] == [page.pk]
    assert [item.page.pk for item in site_search(ambition_word).items] == [page.pk]


def test_partners_of_a_project_are_searchable(demo_site):
    from tests.factories.accounts import OrganisationFactory

    partner = OrganisationFactory(name=f"Stichting {word('partner')}")
    page = project_page()
    page.partners.set([partner])
    page.save_revision().publish()
    assert [item.page.pk for item in site_search(partner.name).items] == [page.pk]


def test_programme_and_speakers_of_an_event_are_searchable(demo_site):
    speaker = word("spreker")
    programme = [
        {
            "type": "item",
            "value": {
                "start_time": datetime.time(13, 30),
                "title": "Opening",
                "description": "Welkom",
                "speakers": [{"name": speaker, "affiliation": "Jeugdarts"}],
            },
        }
    ]
    event = EventPageFactory(programme=programme)
    assert [item.page.pk for item in site_search(speaker).items] == [event.pk]


def test_renaming_a_theme_reindexes_the_pages_that_show_it(demo_site, django_capture_on_commit_callbacks):
    from knowledge.models import MainTheme
    from tests.factories.search import make_practice

    theme = MainTheme.objects.order_by("pk").first()
    page = make_practice("Themaproef", main_theme=theme, action_line=theme.action_line)
    new_name = word("themanaam")
    assert site_search(new_name).total == 0
    with django_capture_on_commit_callbacks(execute=True):
        theme.name = new_name
        theme.save()
    assert page.pk in [item.page.pk for item in site_search(new_name).items]
