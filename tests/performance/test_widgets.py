"""The registration form's selects (42 regions, the roles) without a template render per option."""

import pytest
from django import forms
from django.test import Client

from events.forms import RegistrationForm
from home.widgets import PlainSelect
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
