"""The page tree with the contract's Dutch slugs, plus the statements and news."""

import datetime

from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage, NewsIndexPage, NewsPage, StandardPage
from .public_url import sync_after_migrate


def ensure_child_page(parent, model, *, slug, **fields):
    """Return the live child page with this slug, creating and publishing it when missing (idempotent)."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def ensure_home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="Kennisplatform Jeugd",
            slug="kennisplatform-jeugd",
            summary="Wat de regio leert over de transformatie van de jeugdhulp: projecten, casusevaluaties, "
            "goede voorbeelden, kennisateliers en de digitale adviestafel.",
            intro="<p>Het kennisplatform van het lerend jeugdhulpstelsel van regio FoodValley: hier delen "
            "gemeenten, aanbieders en professionals wat werkt, en reageren aanbieders op voorstellen van de regio.</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Kennisplatform Jeugd"
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Kennisplatform Jeugd"
        site.save()
        # Wagtail's "Welcome" page of a fresh install has no place in the tree.
        if old_root.content_type.model == "page" and old_root.depth == 2:
            old_root.delete()
    sync_after_migrate()  # hostname and port from BASE_URL when it is set (home/public_url.py)
    return home


NEWS = [
    (
        "nieuws-transformatieplan-vastgesteld",
        "Transformatieplan FoodValley besproken aan de adviestafel",
        datetime.date(2026, 9, 15),
        "Aanbieders gaven via de fysieke en de digitale adviestafel hun reactie op het transformatieplan, "
        "voordat het naar het bestuurlijk overleg ging.",
    ),
    (
        "nieuws-resultaten-2020",
        "Minder jongvolwassenen langer in jeugdhulp",
        datetime.date(2026, 10, 1),
        "Het aantal jongeren van 18 jaar en ouder met verlengde jeugdhulp daalde van 98 naar 57.",
    ),
]


@transaction.atomic
def load(*, stdout):
    home = ensure_home_page()
    news_index = ensure_child_page(
        home, NewsIndexPage, slug="nieuws", title="Nieuws", summary="Berichten van het programmabureau."
    )
    for slug, title, date, summary in NEWS:
        ensure_child_page(news_index, NewsPage, slug=slug, title=title, date=date, summary=summary)
    ensure_child_page(
        home,
        StandardPage,
        slug="privacy",
        title="Privacyverklaring",
        summary="Welke persoonsgegevens het kennisplatform verwerkt, waarom, hoe lang en wat uw rechten zijn.",
        body=[
            ("heading", {"text": "Welke gegevens", "level": "h2"}),
            (
                "paragraph",
                "<p>Voor inschrijvingen op kennisateliers vragen we naam, e-mailadres, organisatie, regio en "
                "rol. Voor de adviestafel bewaren we uw account, organisatie en reacties.</p>",
            ),
            ("heading", {"text": "Bewaartermijn", "level": "h2"}),
            (
                "paragraph",
                "<p>Persoonsgegevens van deelnemers worden twaalf maanden na het kennisatelier "
                "geanonimiseerd. Alleen tellingen per regio en organisatie blijven bewaard.</p>",
            ),
            ("heading", {"text": "Uw rechten", "level": "h2"}),
            ("paragraph", "<p>Op de pagina Mijn gegevens kunt u inzien en downloaden wat we van u bewaren.</p>"),
        ],
    )
    ensure_child_page(
        home,
        StandardPage,
        slug="toegankelijkheid",
        title="Toegankelijkheidsverklaring",
        summary="Het kennisplatform streeft naar WCAG 2.1 niveau AA.",
        body=[
            (
                "paragraph",
                "<p>We testen elke paginasoort automatisch met axe-core en met alleen het toetsenbord. "
                "Loopt u toch tegen een probleem aan? Meld het bij het programmabureau.</p>",
            ),
        ],
    )
    stdout.write("  paginaboom: startpagina, nieuws, privacy, toegankelijkheid")
