from django.db import transaction

from home.demo import ensure_child_page, ensure_home_page

from .models import EventIndexPage


@transaction.atomic
def load(*, stdout):
    ensure_child_page(
        ensure_home_page(),
        EventIndexPage,
        slug="kennisateliers",
        title="Kennisateliers",
        summary="Bijeenkomsten waar regio's en aanbieders delen wat ze geleerd hebben.",
    )
