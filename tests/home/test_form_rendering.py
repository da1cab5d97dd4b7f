"""An unbound form's fields are rendered once per process (home.form_rendering) and never shown stale: what the
form holds (questions, organisations, language, custom questions) is its key, and a form with input, errors or
someone's details is rendered afresh."""

import contextlib
import re

import pytest
from django import forms
from django.test.signals import template_rendered
from django.utils import translation

from home.form_rendering import form_fields_html
from knowledge.advisory.models import ConsultationQuestion
from tests.factories.accounts import OrganisationFactory, provider_member
from tests.factories.advisory import make_proposal
from tests.factories.events import EventPageFactory, question

pytestmark = pytest.mark.django_db

FIELD_TEMPLATE = "includes/form_field.html"


@contextlib.contextmanager
def rendered_templates():
    names = []

    def record(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    try:
        yield names
    finally:
        template_rendered.disconnect(record)


def _select(html, name):
    match = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert match, f"no {name} select on the page"
    return re.findall(r"<option[^>]*>([^<]*)</option>", match.group(0))


@pytest.fixture
def two_organisation_provider(demo_site):
    first = OrganisationFactory(name="Jeugdzorg Eerste", is_contracted=True)
    second = OrganisationFactory(name="Jeugdzorg Tweede", is_contracted=True)
    user = provider_member(first, first_name="Anna", last_name="Aanbieder")
    user.memberships.create(organisation=second, role="member")
    return user, first, second


def test_the_response_form_is_rendered_once_and_follows_a_published_question_and_a_renamed_organisation(
    client, two_organisation_provider
):
    user, first, _second = two_organisation_provider
    proposal = make_proposal(questions=("Steunt u het voorstel?",))
    client.force_login(user)
    first_visit = client.get(proposal.url).content.decode()
    assert _select(first_visit, "question")[1:] == ["Steunt u het voorstel?"]
    assert "Jeugdzorg Eerste" in _select(first_visit, "organisation")

    with rendered_templates() as names:
        again = client.get(proposal.url).content.decode()
    assert FIELD_TEMPLATE not in names  # the fields came from the first render
    assert _select(again, "question") == _select(first_visit, "question")

    ConsultationQuestion.objects.create(page=proposal, text="Wat heeft u nodig?", sort_order=1)
    proposal.save_revision().publish()
    first.name = "Jeugdzorg Eerste Hernoemd"
    first.save()
    after = client.get(proposal.url).content.decode()
    assert _select(after, "question")[1:] == ["Steunt u het voorstel?", "Wat heeft u nodig?"]
    assert "Jeugdzorg Eerste Hernoemd" in _select(after, "organisation")


def test_each_language_gets_its_own_labels(client, two_organisation_provider):
    user, _first, _second = two_organisation_provider
    proposal = make_proposal()
    client.force_login(user)
    dutch = client.get(proposal.url).content.decode()
    assert "Toon mijn naam bij de reactie" in dutch and "(optioneel)" in dutch
    client.get("/taal/en/?next=/")
    english = client.get(proposal.url).content.decode()
    assert "Toon mijn naam bij de reactie" not in english and "(optioneel)" not in english
    assert "Show my name with the response" in english and "(optional)" in english


def test_a_form_with_errors_keeps_the_text_and_shows_the_errors(client, two_organisation_provider):
    user, first, _second = two_organisation_provider
    proposal = make_proposal()
    client.force_login(user)
    client.get(proposal.url)  # the empty form, kept
    typed = "Dit is mijn tekst, die niet verloren mag gaan."
    refused = client.post(proposal.url + "reageren/", {"text": typed, "organisation": first.pk})
    html = refused.content.decode()
    assert refused.status_code == 400
    assert typed in html
    assert "Kies uw standpunt." in html


def test_the_registration_form_follows_a_new_custom_question(client, demo_site):
    event = EventPageFactory()
    first = client.get(event.url).content.decode()
    assert 'name="consent"' in first
    with rendered_templates() as names:
        client.get(event.url)
    assert FIELD_TEMPLATE not in names

    question(event, "Welk dieet volgt u?")
    event.save_revision().publish()
    assert "Welk dieet volgt u?" in client.get(event.url).content.decode()


class _Details(forms.Form):
    name = forms.CharField(label="Naam")
    region = forms.ChoiceField(label="Regio", choices=[("a", "Regio A")])
    when = forms.SplitDateTimeField(label="Wanneer", required=False)  # a MultiWidget: state not listed


def _count_field_renders(form, template="includes/visible_fields.html"):
    with rendered_templates() as names:
        html = form_fields_html(form, template)
    return html, names.count(FIELD_TEMPLATE)


def test_only_an_unbound_form_without_initial_values_and_with_known_widgets_is_kept():
    class Known(forms.Form):
        name = forms.CharField(label="Naam")
        region = forms.ChoiceField(label="Regio", choices=[("a", "Regio A")])

    _html, renders = _count_field_renders(Known())
    assert renders == 2
    html, renders = _count_field_renders(Known())
    assert renders == 0 and "Regio A" in html

    # Other choices, another entry.
    other = Known()
    other.fields["region"].choices = [("b", "Regio B")]
    html, renders = _count_field_renders(other)
    assert renders == 2 and "Regio B" in html and "Regio A" not in html

    # Someone's details, input with errors, or a widget whose state is not in the key: rendered every time.
    for _ in range(2):
        html, renders = _count_field_renders(Known(initial={"name": "Anouk de Vries"}))
        assert renders == 2 and "Anouk de Vries" in html
        html, renders = _count_field_renders(Known(data={"name": "Bram", "region": "zz"}))
        assert renders == 2 and "Bram" in html
        _html, renders = _count_field_renders(_Details())
        assert renders == 3


def test_each_language_is_its_own_entry_even_where_the_fields_read_the_same():
    """The field template translates words of its own ("optioneel"): a label that reads the same in both languages
    must not bring the Dutch render to an English page."""

    class Plain(forms.Form):
        code = forms.CharField(label="Code", required=False)

    with translation.override("nl"):
        dutch, _ = _count_field_renders(Plain())
    with translation.override("en"):
        english, renders = _count_field_renders(Plain())
    assert renders == 1
    assert "(optioneel)" in dutch and "(optional)" in english and "(optioneel)" not in english
