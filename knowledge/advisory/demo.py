from django.db import transaction

from home.demo import ensure_child_page, ensure_home_page

from .models import ProposalIndexPage


@transaction.atomic
def load(*, stdout):
    ensure_child_page(
        ensure_home_page(),
        ProposalIndexPage,
        slug="adviestafel",
        title="Digitale adviestafel",
        summary="Voorstellen van de regio waarop gecontracteerde aanbieders in hun eigen tijd reageren.",
    )
