"""Card lists read every card's image and renditions at once (frontend_tags.with_card_images), not per card."""

import io

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.factories.knowledge import practice_page

pytestmark = pytest.mark.django_db


def _image(n):
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 520), (20 * n % 255, 66, 115)).save(buffer, "JPEG")
    image = get_image_model()(title=f"Kaartbeeld {n}")
    image.file = ImageFile(io.BytesIO(buffer.getvalue()), name=f"kaartbeeld-{n}.jpg")
    image.save()
    return image


def _practices_with_images(n, start):
    for i in range(start, start + n):
        practice_page(title=f"Beeldvoorbeeld {i}", main_image=_image(i), main_image_alt="Abstract vlak in blauw")


def _count(url):
    client = Client()
    assert client.get(url).status_code == 200  # renditions are made on the first visit
    with CaptureQueriesContext(connection) as context:
        html = client.get(url).content.decode()
    return len(context.captured_queries), html


@pytest.mark.parametrize("url", ["/", "/goede-voorbeelden/"])
def test_more_cards_with_images_cost_no_more_queries(demo_site, url):
    _practices_with_images(2, 0)
    few, html = _count(url)
    assert html.count("<picture") >= 2
    _practices_with_images(4, 2)
    more, html = _count(url)
    assert html.count("<picture") >= 4
    assert more <= few, (few, more)
