"""The page tree with the contract's Dutch slugs, plus the statements and news."""

import datetime

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from .models import HomePage, NewsIndexPage, NewsPage, StandardPage
from .public_url import sync_after_migrate


def ensure_child_page(parent, model, *, slug, **fields):
    """Return the live child page with this slug, creating and publishing it when missing (idempotent)."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision(clean=False).publish()  # add_child has just validated this very page (the factories do so too)
    return page


@transaction.atomic
def ensure_home_page() -> HomePage:
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
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


def _h(text):
    return ("heading", {"text": text, "level": "h2"})


def _p(html):
    return ("paragraph", html)


# The contact of both statements: a functional mailbox and an office number (the privacy guard refuses a personal
# address in the text; the page's contact fields take these).
STATEMENT_CONTACT = {
    "contact_role": "Programmabureau Jeugd regio FoodValley, t.a.v. de privacycoördinator",
    "contact_phone": "0318-680000",
    "contact_email": "privacy@foodvalley.example",
}

PRIVACY_STATEMENT = {
    "title": "Privacyverklaring",
    "summary": "Welke persoonsgegevens het kennisplatform verwerkt, waarom, op welke grondslag, hoe lang, met wie "
    "en wat uw rechten zijn.",
    "body": [
        _h("Wie is verantwoordelijk"),
        _p(
            "<p>Verwerkingsverantwoordelijke is de <b>gemeente Ede</b>, als centrumgemeente namens de gemeenten van "
            "de jeugdhulpregio FoodValley (Barneveld, Ede, Nijkerk, Renswoude, Scherpenzeel, Veenendaal en "
            "Wageningen). Het Programmabureau Jeugd beheert het kennisplatform. Vragen over deze verklaring of over "
            "uw gegevens stelt u aan het contact onderaan deze pagina.</p>"
        ),
        _h("Functionaris gegevensbescherming"),
        _p(
            "<p>De <b>functionaris gegevensbescherming (FG)</b> van de gemeente Ede houdt onafhankelijk toezicht op "
            "hoe wij met persoonsgegevens omgaan. U bereikt de FG via het contactadres onderaan deze pagina, "
            "t.a.v. de functionaris gegevensbescherming; uw bericht gaat dan ongelezen door naar de FG.</p>"
        ),
        _h("Welke gegevens, waarom, op welke grondslag en hoe lang"),
        _p(
            "<p><b>Inschrijvingen voor kennisateliers</b>: naam, e-mailadres, organisatie, regio, rol en eventuele "
            "opmerkingen, om uw plaats te bevestigen, u te herinneren en te laten weten als er iets verandert. "
            "Grondslag: uw toestemming (artikel 6 lid 1 onder a AVG), die u intrekt door u af te melden. "
            "Bewaartermijn: twaalf maanden na het kennisatelier worden uw gegevens geanonimiseerd; alleen "
            "tellingen per regio en organisatie blijven.</p>"
        ),
        _p(
            "<p><b>Accounts</b> van aanbieders, regiomedewerkers en redacteuren: naam, e-mailadres, organisatie, rol, "
            "functie en e-mailvoorkeuren, en uw aanvraag voor toegang. Grondslag: de publieke taak van de regio om "
            "jeugdhulp in te kopen en aanbieders te raadplegen (artikel 6 lid 1 onder e AVG). Bewaartermijn: zolang "
            "uw account bestaat; verwijdert u uw account (op uw accountpagina), dan worden uw naam en e-mailadres "
            "direct gewist.</p>"
        ),
        _p(
            "<p><b>Reacties op de adviestafel</b>: de tekst, bijlagen, de organisatie en de naam van wie reageerde. "
            "Grondslag: de publieke taak (artikel 6 lid 1 onder e AVG); de regio moet kunnen verantwoorden wat "
            "er met de inbreng is gedaan. Bewaartermijn: zolang het voorstel en het verslag gepubliceerd zijn, "
            "daarna volgens de Archiefwet. Na het verwijderen van uw account blijft de reactie bij uw organisatie, "
            "zonder uw naam.</p>"
        ),
        _p(
            "<p><b>Logboeken</b>: voor de beveiliging registreren wij mislukte inlogpogingen met het IP-adres "
            "(30 dagen bewaard) en houdt de server een logboek van verzoeken, zonder e-mailadressen, telefoonnummers, "
            "zoekvragen of persoonlijke links (14 dagen bewaard). E-mails in de verzendwachtrij worden zeven dagen "
            "na verzending gewist, back-ups na 14 dagen. Grondslag: de publieke taak, waarbij beveiliging van de "
            "verwerking een wettelijke plicht is (artikel 6 lid 1 onder e en artikel 32 AVG).</p>"
        ),
        _h("Verwerkers en derden"),
        _p(
            "<p>Wij schakelen twee <b>verwerkers</b> in, met elk een verwerkersovereenkomst: de hostingleverancier "
            "(servers en back-ups in Nederland) en de e-maildienst die onze berichten aflevert. Wij verkopen of geven "
            "geen gegevens aan derden, doorgifte buiten de Europese Unie vindt niet plaats, en het platform laadt "
            "niets van andere partijen: geen lettertypen, kaarten, video's, profielfoto's of statistiekdiensten. "
            "Er is geen geautomatiseerde besluitvorming.</p>"
        ),
        _h("Uw rechten"),
        _p(
            "<p>U hebt recht op <b>inzage</b>, <b>rectificatie</b> (correctie), <b>verwijdering</b>, "
            "<b>beperking</b> van de verwerking, <b>overdraagbaarheid</b> van uw gegevens en <b>bezwaar</b> tegen de "
            "verwerking; gaven u toestemming, dan mag u die altijd <b>intrekken</b>. Op uw accountpagina ziet u wat "
            "wij van u bewaren, downloadt u het als bestand (ook uw inschrijvingen met uw bevestigde e-mailadres) en "
            "verwijdert u uw account. Voor een ander verzoek schrijft u naar het contact onderaan; wij antwoorden "
            "binnen een maand.</p>"
        ),
        _p(
            "<p>Bent u het niet eens met hoe wij met uw gegevens omgaan, dan kunt u een <b>klacht indienen bij de "
            "Autoriteit Persoonsgegevens</b> (autoriteitpersoonsgegevens.nl). Wij horen het graag eerst zelf, zodat "
            "we het samen kunnen oplossen.</p>"
        ),
        _h("Cookies"),
        _p(
            "<p>Het kennisplatform plaatst alleen <b>functionele cookies</b>, die nodig zijn om de site te laten "
            "werken: <code>sessionid</code> (ingelogd blijven, tot u uitlogt of na twee weken), "
            "<code>csrftoken</code> (beveiliging van formulieren), <code>django_language</code> (uw taalkeuze) en "
            "<code>messages</code> (een melding na een handeling, eenmalig). Er zijn geen analytische, tracking- of "
            "advertentiecookies; daarom vragen wij geen toestemming.</p>"
        ),
    ],
    **STATEMENT_CONTACT,
}

ACCESSIBILITY_STATEMENT = {
    "title": "Toegankelijkheidsverklaring",
    "summary": "Het kennisplatform voldoet gedeeltelijk aan de toegankelijkheidseisen (WCAG 2.1 niveau AA).",
    "body": [
        _p(
            "<p>De gemeente Ede, namens de jeugdhulpregio FoodValley, wil dat iedereen het Kennisplatform Jeugd kan "
            "gebruiken. Deze verklaring volgt het model van de Nederlandse overheid (digitoegankelijk.nl) en geldt "
            "voor de publieke pagina's van het kennisplatform.</p>"
        ),
        _h("Nalevingsstatus"),
        _p(
            "<p><b>Status B: voldoet gedeeltelijk.</b> Het kennisplatform voldoet gedeeltelijk aan de eisen van het "
            "Besluit digitale toegankelijkheid overheid: de Europese norm EN 301 549, gelijk aan WCAG 2.1 niveau "
            "AA. Hieronder staan de bekende afwijkingen en wat wij eraan doen.</p>"
        ),
        _h("Datum en onderzoek"),
        _p(
            "<p>Deze verklaring is opgesteld op 1 december 2026. Elke paginasoort wordt bij elke wijziging "
            "automatisch getest met axe-core en met alleen het toetsenbord bediend. Een volledig onderzoek door "
            "een onafhankelijke, ter zake kundige partij is gepland voor het eerste kwartaal van 2027; daarna "
            "werken wij deze verklaring bij.</p>"
        ),
        _h("Bekende problemen"),
        _p(
            "<ul><li><b>Bijlagen (pdf)</b> bij voorstellen en kennisateliers zijn niet allemaal toegankelijk "
            "gemaakt (geen tags of leesvolgorde). Wij vragen aanbieders een toegankelijke versie en maken nieuwe "
            "documenten toegankelijk; vraag een bijlage in een ander formaat aan via het contact hieronder.</li>"
            "<li><b>Taal van onderdelen</b> (WCAG 3.1.2): kiest u Engels, dan blijft de inhoud die redacteuren "
            "schrijven Nederlands, terwijl de pagina als Engels is gemarkeerd; een voorleesprogramma spreekt die "
            "tekst dan met een Engelse uitspraak uit. Wij onderzoeken hoe we die tekst als Nederlands markeren.</li>"
            "<li>De <b>beheeromgeving</b> (Wagtail) voor redacteuren valt buiten het onderzoek.</li></ul>"
        ),
        _h("Contact"),
        _p(
            "<p>Loopt u tegen een probleem aan, of wilt u informatie in een andere vorm? Meld het aan het contact "
            "hieronder. U krijgt binnen vijf werkdagen een ontvangstbevestiging en binnen drie weken een antwoord. "
            "Bent u niet tevreden over hoe wij uw melding behandelden, dan kunt u terecht bij de Nationale "
            "ombudsman.</p>"
        ),
    ],
    **STATEMENT_CONTACT,
}


# English versions an editor would make with "Vertalen" (home/locales.py serves them under /en/): the home page
# and the two statements, written in English rather than machine-translated. The contact stays the Dutch page's.
ENGLISH_PAGES = {
    "": {
        "title": "Knowledge Platform Youth",
        "summary": "What the region learns about reforming youth care: projects, case reviews, good practices, "
        "knowledge studios and the digital advisory table.",
        "intro": "<p>The knowledge platform of the learning youth-care system of the FoodValley region. "
        "Municipalities, care providers and professionals share what works here, and providers respond to the "
        "region's proposals. Most of the content is in Dutch; pages that have an English version say so.</p>",
    },
    "toegankelijkheid": {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "summary": "The knowledge platform partly meets the accessibility requirements (WCAG 2.1 level AA).",
        "body": [
            _p(
                "<p>The municipality of Ede, on behalf of the FoodValley youth-care region, wants everyone to be "
                "able to use the Knowledge Platform Youth. This statement follows the Dutch government's model "
                "(digitoegankelijk.nl) and covers the platform's public pages.</p>"
            ),
            _h("Compliance status"),
            _p(
                "<p><b>Status B: partly compliant.</b> The platform meets part of the requirements of the Dutch "
                "Digital Accessibility Decree, the European standard EN 301 549, which equals WCAG 2.1 level AA. "
                "The Dutch statement lists what we know does not yet comply and when we expect to fix it.</p>"
            ),
            _h("Tell us"),
            _p(
                "<p>Did you run into a barrier, or would you like information in another form? Please let the "
                "contact below know. You will hear from us within five working days and get an answer within "
                "three weeks.</p>"
            ),
        ],
    },
    "privacy": {
        "slug": "privacy",
        "title": "Privacy statement",
        "summary": "Which personal data the knowledge platform processes, why, for how long and what your rights "
        "are: a summary of the Dutch statement, which is the binding text.",
        "body": [
            _p(
                "<p>The <b>municipality of Ede</b> is the controller, as the central municipality of the FoodValley "
                "youth-care region. The Youth Programme Office runs the platform.</p>"
            ),
            _h("What we process"),
            _p(
                "<p>Only what the platform needs: the account details of people who sign in, the responses "
                "organisations give at the advisory table, and registrations for knowledge studios. Case reviews "
                "are anonymised before they are published. Registrations are anonymised a set period after the "
                "event.</p>"
            ),
            _h("Your rights"),
            _p(
                "<p>You may see, correct and delete your data; signed-in users can download their own data from "
                "their account page. For anything else, please write to the contact below.</p>"
            ),
        ],
    },
}


def ensure_translation(page, locale, **fields):
    """The page's translation in this locale, made with Wagtail's copy (as the admin's "Vertalen" does) and
    published with these fields when it is missing; an existing translation is never touched (idempotent)."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def load_english_pages(home) -> int:
    """The English versions of ENGLISH_PAGES; how many exist afterwards. Off with DEMO_ENGLISH_PAGES = False."""
    if not getattr(settings, "DEMO_ENGLISH_PAGES", True):
        return 0
    # A flushed test database keeps no locale but the one tests/conftest.py restores.
    locale, _created = Locale.objects.get_or_create(language_code="en")
    ensure_translation(home, locale, **ENGLISH_PAGES[""])
    for slug, fields in ENGLISH_PAGES.items():
        if slug:
            ensure_translation(home.get_children().get(slug=slug).specific, locale, **fields)
    return len(ENGLISH_PAGES)


@transaction.atomic
def load(*, stdout):
    home = ensure_home_page()
    news_index = ensure_child_page(
        home, NewsIndexPage, slug="nieuws", title="Nieuws", summary="Berichten van het programmabureau."
    )
    for slug, title, date, summary in NEWS:
        ensure_child_page(news_index, NewsPage, slug=slug, title=title, date=date, summary=summary)
    ensure_child_page(home, StandardPage, slug="privacy", **PRIVACY_STATEMENT)
    ensure_child_page(home, StandardPage, slug="toegankelijkheid", **ACCESSIBILITY_STATEMENT)
    english = load_english_pages(home)
    stdout.write("  paginaboom: startpagina, nieuws, privacy, toegankelijkheid")
    if english:
        stdout.write(f"  Engelse versies: {english} pagina's (/en/)")
