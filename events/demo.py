"""Demo events: two past studios with outcomes, an open one, a full webinar with a waiting list, one not yet open.

Dates are relative to the moment of loading; an event whose slug exists is left alone (idempotent).
Registrations go through `events.services` like every other registration, without sending e-mail.
"""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from accounts.models import Organisation
from home.demo import ensure_child_page, ensure_home_page
from knowledge.models import BestPracticePage, ProjectPage
from knowledge.taxonomy import MainTheme

from . import services
from .models import EventIndexPage, EventKind, EventPage, RegistrationRole

CONTACT = {"contact_name": "Programmabureau Transformatie", "contact_email": "kennisateliers@foodvalley.example"}

PEOPLE = [
    ("Anouk de Vries", "food-valley", "Gemeente Ede", RegistrationRole.POLICY),
    ("Bram Hendriks", "arnhem", "Jeugdteam Arnhem", RegistrationRole.PROFESSIONAL),
    ("Chantal Bakker", "utrecht-west", "Samenwerkingsverband Utrecht West", RegistrationRole.RESEARCH),
    ("Daan Mulder", "food-valley", "Gemeente Barneveld", RegistrationRole.PURCHASING),
    ("Esra Yilmaz", "nijmegen", "Wijkteam Nijmegen-Oost", RegistrationRole.PROFESSIONAL),
    ("Femke Visser", "achterhoek", "Jeugdzorgaanbieder Achterhoek", RegistrationRole.MANAGEMENT),
    ("Gijs van Dam", "food-valley", "Gemeente Wageningen", RegistrationRole.PROFESSIONAL),
    ("Hanna Smit", "zuidoost-utrecht", "Gemeente Houten", RegistrationRole.POLICY),
    ("Ilse Koster", "food-valley", "Gemeente Veenendaal", RegistrationRole.POLICY),
    ("Jesse Pauw", "arnhem", "Gemeente Renkum", RegistrationRole.PROFESSIONAL),
    ("Karin Boer", "utrecht-stad", "Buurtteam Utrecht", RegistrationRole.PROFESSIONAL),
    ("Lars Wouters", "food-valley", "Gemeente Scherpenzeel", RegistrationRole.MANAGEMENT),
    ("Mila Jansen", "achterhoek", "Gemeente Doetinchem", RegistrationRole.POLICY),
    ("Noah Peters", "nijmegen", "Jeugdzorgaanbieder Rijk van Nijmegen", RegistrationRole.PROFESSIONAL),
    ("Olga Dekker", "food-valley", "Gemeente Rhenen", RegistrationRole.POLICY),
]


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _slides_document():
    Document = get_document_model()
    document = Document.objects.filter(title="Dia's kennisatelier jeugdhulp op school").first()
    if document is None:
        document = Document(title="Dia's kennisatelier jeugdhulp op school")
        text = (
            "Kennisatelier jeugdhulp op school\n\n"
            "1. Waarom schoolpilots\n2. Wat de pilots tot nu toe laten zien\n3. De matrix passende samenwerking\n"
            "4. Vragen voor de volgende ronde\n"
        )
        document.file.save("kennisatelier-jeugdhulp-op-school.txt", ContentFile(text.encode("utf-8")), save=False)
        document.save()
    return document


def _programme(*items):
    return [
        (
            "item",
            {
                "day": None,
                "start_time": start,
                "end_time": end,
                "title": title,
                "description": description,
                "speakers": [{"name": n, "affiliation": a} for n, a in speakers],
            },
        )
        for start, end, title, description, speakers in items
    ]


def _register_people(event, people, *, now):
    regions = {r.slug: r for r in Organisation.objects.regions()}
    registrations = []
    for index, (name, region_slug, organisation, role) in enumerate(people):
        local = name.lower().replace(" ", ".")
        registrations.append(
            services.register(
                event=event,
                name=name,
                email=f"{local}.{event.pk}@voorbeeld.example",
                organisation_name=organisation,
                region=regions[region_slug],
                role=role,
                consent=True,
                needs="Vegetarische lunch" if index == 1 else "",
                now=now,
                notify=False,
            )
        )
    return registrations


def _event(index, slug, **fields):
    if index.get_children().filter(slug=slug).exists():
        return None
    return ensure_child_page(index, EventPage, slug=slug, **CONTACT, **fields)


def _relate(event, *, themes=(), projects=(), practices=(), produced=()):
    """Link the event to taxonomy and knowledge pages by slug (missing ones are skipped), then publish."""

    event.themes.set(MainTheme.objects.filter(slug__in=themes))
    event.related_projects.set(ProjectPage.objects.filter(slug__in=projects))
    event.related_practices.set(BestPracticePage.objects.filter(slug__in=practices))
    event.produced_items = [("page", page) for page in BestPracticePage.objects.filter(slug__in=produced)]
    event.save_revision().publish()


def _school_atelier(index, food_valley) -> bool:
    """A past atelier with programme, outcomes and slides; four of five registrants attended."""
    event = _event(
        index,
        "kennisatelier-jeugdhulp-op-school",
        title="Kennisatelier: jeugdhulp op school",
        kind=EventKind.KENNISATELIER,
        summary="Gemeenten en samenwerkingsverbanden vertellen wat de schoolpilots opleveren en waar het nog wringt.",
        start=_at(-70, 13, 30),
        end=_at(-70, 17, 0),
        registration_opens_at=_at(-110, 9),
        venue_name="Gemeentehuis Ede",
        venue_address="Bergstraat 4\n6711 DA Ede",
        audience_roles="Beleidsmedewerkers, jeugdprofessionals en onderwijs",
        capacity=40,
        organiser=food_valley,
        programme=_programme(
            (datetime.time(13, 30), datetime.time(14, 0), "Ontvangst", "", []),
            (
                datetime.time(14, 0),
                datetime.time(15, 0),
                "Wat de schoolpilots laten zien",
                "Drie gemeenten delen hun aanpak en de eerste cijfers op schoolniveau.",
                [("Projectleider onderwijs-jeugdhulp", "Regio Food Valley")],
            ),
            (
                datetime.time(15, 15),
                datetime.time(16, 30),
                "Werkgroepen: de matrix passende samenwerking",
                "Wie doet wat, en wanneer? Oefenen met casussen uit de praktijk.",
                [],
            ),
        ),
        outcomes=(
            "<ul><li>Het gesprek met scholen levert al veel op, nog voordat er een aanbod ligt.</li>"
            "<li>Cijfers over jeugdhulp per school maken het gesprek concreet; andere regio's willen meekijken.</li>"
            "<li>Omdat elke pilot anders begon, zijn effecten pas op langere termijn goed te meten.</li></ul>"
        ),
        materials=[("document", {"document": _slides_document(), "title": "Dia's van de middag"})],
    )
    if event:
        _relate(
            event,
            themes=["signaleren-op-school", "ketenafstemming-onderwijs-zorg"],
            projects=["onderwijs-en-jeugdhulp"],
            practices=["jeugdexperts-in-de-school", "school-als-vindplaats"],
            produced=["matrix-passende-samenwerking"],
        )
        for registration in _register_people(event, PEOPLE[:5], now=_at(-90, 10))[:4]:
            services.set_attendance(registration=registration, attended=True, now=_at(-70, 13, 40))
    return event is not None


def _crisis_atelier(index, food_valley) -> bool:
    """A past atelier with its outcomes and a link to the report; no registrations."""
    event = _event(
        index,
        "kennisatelier-crisis-als-kans",
        title="Kennisatelier: crisis als kans",
        kind=EventKind.KENNISATELIER,
        summary="Hoe bied je bij een crisis snel hulp thuis, zodat een uithuisplaatsing niet nodig is?",
        start=_at(-200, 9, 30),
        end=_at(-200, 12, 30),
        venue_name="Theater De Lampegiet",
        venue_address="Markt 1\n3901 BR Veenendaal",
        audience_roles="Jeugdteams, crisisdienst en aanbieders",
        capacity=60,
        organiser=food_valley,
        outcomes=(
            "<p>De deelnemers kozen voor één aanpak voor, tijdens en na een crisis, samen met het gezin en zijn "
            "netwerk. Alternatieven voor een plaatsing worden eerst verkend.</p>"
        ),
        materials=[("link", {"title": "Verslag op de website van de jeugdregio", "url": "https://www.jeugdfv.nl/"})],
    )
    if event:
        _relate(
            event,
            themes=["voorkomen-uithuisplaatsing"],
            projects=["crisis-als-kans"],
            practices=["time-out-bed-voor-jeugdigen"],
            produced=["routekaarten-crisis"],
        )
    return event is not None


def _evaluations_atelier(index, food_valley) -> bool:
    """An upcoming atelier with a per-region maximum and a few registrations."""
    event = _event(
        index,
        "kennisatelier-leren-van-casusevaluaties",
        title="Kennisatelier: leren van casusevaluaties",
        kind=EventKind.KENNISATELIER,
        summary="Samen casussen nalopen: wat ging goed, wat kan beter, en wat nemen we mee in het regionale beleid?",
        start=_at(21, 13, 0),
        end=_at(21, 16, 30),
        registration_opens_at=_at(-7, 9),
        registration_closes_at=_at(19, 17),
        venue_name="Het Cultuurhuis",
        venue_address="Stationsweg 8\n3771 VE Barneveld",
        audience_roles="Voor de eigen aanbieders en de omliggende jeugdzorgregio's",
        capacity=30,
        max_per_region=10,
        organiser=food_valley,
        programme=_programme(
            (datetime.time(13, 0), datetime.time(13, 20), "Welkom en doel van de middag", "", []),
            (
                datetime.time(13, 20),
                datetime.time(15, 0),
                "Casustafels",
                "In kleine groepen lopen we een geanonimiseerde casus na.",
                [("Gespreksleider", "Programmabureau Transformatie")],
            ),
            (datetime.time(15, 15), datetime.time(16, 30), "Oogst en vervolgafspraken", "", []),
        ),
    )
    if event:
        _relate(event, themes=["leren-en-ontwikkelen"], practices=["leer-en-reflectiepilot-jeugdprofessionals"])
        _register_people(event, PEOPLE[:3], now=timezone.now())
    return event is not None


def _matrix_webinar(index, food_valley) -> bool:
    """An upcoming webinar, fuller than its capacity: a waiting list."""
    event = _event(
        index,
        "webinar-matrix-passende-samenwerking",
        title="Webinar: de matrix passende samenwerking",
        kind=EventKind.WEBINAR,
        summary="Een uur over de afspraken tussen onderwijs en jeugdhulp: wie is wanneer aan zet?",
        start=_at(9, 15, 30),
        end=_at(9, 16, 30),
        registration_opens_at=_at(-14, 9),
        online_url="https://webinar.voorbeeld.example/matrix-passende-samenwerking",
        audience_roles="Intern begeleiders, jeugdprofessionals en beleidsmedewerkers",
        capacity=12,
        organiser=food_valley,
    )
    if event:
        _relate(
            event,
            themes=["ketenafstemming-onderwijs-zorg"],
            projects=["onderwijs-en-jeugdhulp"],
            practices=["matrix-passende-samenwerking"],
        )
        _register_people(event, PEOPLE[:15], now=timezone.now())
    return event is not None


def _home_visit(index, food_valley) -> bool:
    """A working visit whose registration opens in two weeks."""
    event = _event(
        index,
        "werkbezoek-zo-thuis-mogelijk",
        title="Werkbezoek: zo thuis mogelijk wonen",
        kind=EventKind.WERKBEZOEK,
        summary="Een bezoek aan een gezinshuis en een woonvoorziening die jongeren naar zelfstandigheid begeleidt.",
        start=_at(60, 10, 0),
        end=_at(60, 15, 0),
        registration_opens_at=_at(14, 9),
        venue_name="Gezinshuis De Linde",
        venue_address="Lindelaan 12\n6711 AB Ede",
        capacity=15,
        max_per_region=5,
        organiser=food_valley,
    )
    if event:
        _relate(
            event,
            themes=["voorzieningen-zo-thuis-mogelijk", "woonvoorzieningen-naar-zelfstandigheid"],
            projects=["afbouw-verblijf"],
        )
    return event is not None


# Each step makes one event (and its registrations) unless it exists; True when it made it.
EVENTS = (_school_atelier, _crisis_atelier, _evaluations_atelier, _matrix_webinar, _home_visit)


def _index_page():
    return ensure_child_page(
        ensure_home_page(),
        EventIndexPage,
        slug="kennisateliers",
        title="Kennisateliers",
        summary="Bijeenkomsten waar regio's en aanbieders delen wat ze geleerd hebben.",
    )


@transaction.atomic
def load(*, stdout):
    index = _index_page()
    food_valley = Organisation.objects.filter(slug="food-valley").first()
    created = sum(make(index, food_valley) for make in EVENTS)
    stdout.write(f"  kennisateliers: {created} nieuw, {EventPage.objects.count()} in totaal")
