"""The registration form's selects (42 regions, the roles) without a template render per option, and its text
fields without a template render per field."""

import pytest
from django import forms
from django.test import Client

from events.forms import RegistrationForm
from home.widgets import PlainEmailInput, PlainSelect, PlainTextarea, PlainTextInput
from tests.factories.events import EventPageFactory

pytestmark = pytest.mark.django_db


def test_event_page_renders_no_template_per_option(demo_site):
    event = EventPageFactory.create()
    response = Client().get(event.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="" selected>Kies uw regio</option>' in html and ">Achterhoek</option>" in html
    names = [template.name for template in response.templates]
    assert "django/forms/widgets/select_option.html" not in names


@pytest.mark.parametrize("data", [None, {"region": "", "role": "policy"}, {"role": "<script>"}])
def test_plain_select_writes_the_same_html_as_djangos(demo_site, data):
    form = RegistrationForm(data)
    if data is not None:
        form.is_valid()
    for name in ("region", "role"):
        ours = str(form[name])
        form.fields[name].widget.__class__ = forms.Select
        assert str(form[name]) == ours
        form.fields[name].widget.__class__ = PlainSelect


def test_plain_select_escapes_labels_values_and_groups():
    widget = PlainSelect(choices=[("Groep <b>", [('"x"', "<i>label</i>")]), ("y", "Y & Z")])
    html = widget.render("name", '"x"', attrs={"id": "id_name"})
    assert html == forms.Select(choices=widget.choices).render("name", '"x"', attrs={"id": "id_name"})
    assert "<i>" not in html and "&lt;b&gt;" in html and "Y &amp; Z" in html


DJANGOS = {PlainTextInput: forms.TextInput, PlainEmailInput: forms.EmailInput, PlainTextarea: forms.Textarea}
HOSTILE = {"name": '<b>"Jo" & Co</b>', "email": "not-an-email'<", "organisation_name": "", "needs": "a\n<i>b</i> & c"}


@pytest.mark.parametrize("data", [None, HOSTILE, {"name": "Jo", "email": "jo@example.nl", "website": "x>"}])
def test_plain_inputs_write_the_same_html_as_djangos(demo_site, data):
    form = RegistrationForm(data)
    if data is not None:
        form.is_valid()  # errors add aria-invalid and aria-describedby
    for name in ("name", "email", "organisation_name", "needs", "website"):
        widget = form.fields[name].widget
        ours, plain = str(form[name]), type(widget)
        widget.__class__ = DJANGOS[plain]
        assert str(form[name]) == ours, name
        widget.__class__ = plain
    if data == HOSTILE:
        assert "&lt;b&gt;&quot;Jo&quot; &amp; Co&lt;/b&gt;" in str(form["name"])
        assert "<i>" not in str(form["needs"])


def test_event_page_renders_no_template_per_text_field(demo_site):
    response = Client().get(EventPageFactory.create().url)
    assert 'name="email"' in response.content.decode() and 'name="needs"' in response.content.decode()
    names = {template.name for template in response.templates}
    widgets = {f"django/forms/widgets/{name}.html" for name in ("text", "email", "textarea")}
    assert not names & widgets


def test_region_options_are_kept_until_a_region_changes(demo_site):
    from accounts.models import Organisation

    event = EventPageFactory.create()
    assert ">Achterhoek</option>" in Client().get(event.url).content.decode()
    region = Organisation.objects.regions().get(name="Achterhoek")
    region.name = "Achterhoek (nieuw)"
    region.save()  # a snippet: saving it purges the page cache, and with it the kept options
    html = Client().get(event.url).content.decode()
    assert f'<option value="{region.pk}">Achterhoek (nieuw)</option>' in html
    assert ">Achterhoek</option>" not in html


DJANGOS_BY_PLAIN = {PlainSelect: forms.Select, PlainTextarea: forms.Textarea}


@pytest.mark.parametrize(
    "data",
    [None, {"question": "<b>", "organisation": "x", "text": "a\n<i>b</i> & c"}, {"text": "x" * 20_001}],
)
def test_the_response_form_writes_the_same_html_as_djangos_widgets(demo_site, data):
    """The response form on every proposal page a provider may answer: its question, passage and organisation
    selects and its text area, unbound, with errors and with hostile values, byte for byte Django's HTML."""
    from accounts.models import Organisation
    from knowledge.advisory.forms import ResponseForm
    from tests.factories.advisory import make_proposal

    proposal = make_proposal(questions=('Steunt u "dit" <voorstel>?', "Wat mist er?"))
    organisations = list(Organisation.objects.order_by("pk")[:2])
    form = ResponseForm(data, proposal=proposal, organisations=organisations)
    if data is not None:
        assert not form.is_valid()  # errors add aria-invalid and aria-describedby
    names = [name for name in ("question", "section", "organisation", "text") if name in form.fields]
    assert {"question", "organisation", "text"} <= set(names)
    for name in names:
        widget = form.fields[name].widget
        ours, plain = str(form[name]), type(widget)
        assert plain in DJANGOS_BY_PLAIN, name
        widget.__class__ = DJANGOS_BY_PLAIN[plain]
        assert str(form[name]) == ours, name
        widget.__class__ = plain
    assert "Steunt u &quot;dit&quot; &lt;voorstel&gt;?" in str(form["question"])
