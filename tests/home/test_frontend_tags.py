"""The finder's facet checkboxes and the cards' summaries, written without a template render per option or a
walk over every character (home/templatetags/frontend_tags.py)."""

from html.parser import HTMLParser

import pytest
from django.template.defaultfilters import truncatechars

from home.templatetags.frontend_tags import SUMMARY_LIMIT, card_summary, facet_checkboxes
from search.contract import Facet, FacetOption


def test_facet_checkboxes_tie_each_label_to_its_box_and_escape_the_term():
    options = [FacetOption("noord", 'Noord <b>"&"</b>', 3, True), FacetOption("zuid", "Zuid", 12, False)]
    html = facet_checkboxes(Facet("regio", "Regio", options), options)

    class Boxes(HTMLParser):
        inputs, labels, text = {}, {}, []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "input":
                self.inputs[attrs["id"]] = attrs
            elif tag == "label":
                self.labels[attrs["for"]] = len(self.text)
                self.text.append("")
            elif tag not in ("div", "span"):
                raise AssertionError(f"unexpected <{tag}>")

        def handle_data(self, data):
            if self.text:
                self.text[-1] += data

    boxes = Boxes()
    boxes.feed(html)
    assert set(boxes.inputs) == set(boxes.labels) == {"f-regio-noord", "f-regio-zuid"}
    noord, zuid = boxes.inputs["f-regio-noord"], boxes.inputs["f-regio-zuid"]
    assert (noord["name"], noord["value"], noord["type"]) == ("regio", "noord", "checkbox")
    assert "checked" in noord and "checked" not in zuid
    assert [" ".join(text.split()) for text in boxes.text] == ['Noord <b>"&"</b> (3)', "Zuid (12)"]


@pytest.mark.parametrize(
    "text",
    ["Kort.", "x" * 240, "x" * 241, "é" * 239 + "e\u0301", "e\u0301" * 200, "Lang " * 80, "<b>&</b> " * 30],
)
def test_card_summaries_are_cut_as_django_cuts_them(text):
    assert card_summary(text) == truncatechars(text, SUMMARY_LIMIT)
