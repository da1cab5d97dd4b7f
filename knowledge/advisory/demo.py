"""Demo content of the advisory table: providers with logins, one open and one processed proposal.

Facts (segments, themes, the 2022 follow-up lines) come from the FoodValley purchasing strategy and the
interim evaluation of its transformation programme; the wording is ours. Idempotent: a second run finds
everything by slug and changes nothing.
"""

from django.db import transaction
from django.utils import timezone

from accounts import groups
from accounts.demo import DEMO_EDITOR, DEMO_PASSWORD, ensure_user
from accounts.models import MemberRole, Organisation, OrganisationKind, ProviderSegment
from accounts.services import ensure_groups
from home.demo import ensure_child_page, ensure_home_page
from knowledge.taxonomy import MainTheme

from .models import (
    AudienceKind,
    ConsultationQuestion,
    OutcomeKind,
    Position,
    ProposalIndexPage,
    ProposalPage,
    Reply,
    Response,
    ResponseOutcome,
    ResponseVersion,
    Visibility,
)
from .rendering import render_markdown

# The five purchasing segments of Jeugdhulpregio FoodValley.
SEGMENTS = [
    ("segment-1-intramuraal", "Segment 1: intramuraal"),
    ("segment-2-wonen", "Segment 2: wonen"),
    ("segment-3-dagbehandeling-dagbesteding", "Segment 3: dagbehandeling en dagbesteding"),
    ("segment-4-specialistisch-ambulant", "Segment 4: specialistisch ambulant"),
    ("segment-5-crisis", "Segment 5: crisis"),
]

# Invented demo providers (not real organisations), each with its segments and one member.
PROVIDERS = [
    (
        "demo-jeugdhulp-de-vallei",
        "Jeugdhulp De Vallei (demo)",
        ["segment-4-specialistisch-ambulant", "segment-3-dagbehandeling-dagbesteding"],
        "aanbieder@devallei.example",
        "Fatima",
        "Bakker",
    ),
    (
        "demo-stichting-thuisbasis",
        "Stichting Thuisbasis (demo)",
        ["segment-2-wonen", "segment-1-intramuraal"],
        "aanbieder@thuisbasis.example",
        "Joost",
        "van Dijk",
    ),
    (
        "demo-spoedhulp-gelderse-vallei",
        "Spoedhulp Gelderse Vallei (demo)",
        ["segment-5-crisis"],
        "aanbieder@spoedhulp.example",
        "Ilse",
        "Mulder",
    ),
    (
        "demo-ambulant-team-eemland-rijn",
        "Ambulant Team Rijn en Heuvelrug (demo)",
        ["segment-4-specialistisch-ambulant"],
        "aanbieder@ambulantteam.example",
        "Sander",
        "Kok",
    ),
]
REGION_STAFF = {"username": "regio@foodvalley.example", "first_name": "Demo", "last_name": "Regiomedewerker"}


def _ensure_providers():
    segments = {}
    for slug, name in SEGMENTS:
        segments[slug], _ = ProviderSegment.objects.get_or_create(slug=slug, defaults={"name": name})
    region = Organisation.objects.get(slug="food-valley")
    group_map = ensure_groups()
    members = {}
    for slug, name, segment_slugs, username, first, last in PROVIDERS:
        org, _ = Organisation.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "kind": OrganisationKind.PROVIDER, "region": region, "is_contracted": True},
        )
        org.segments.add(*[segments[s] for s in segment_slugs])
        members[slug] = ensure_user(
            username=username,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            group=group_map[groups.PROVIDER_MEMBERS],
            organisation=org,
            role=MemberRole.MEMBER,
        )
    staff = ensure_user(
        **REGION_STAFF,
        password=DEMO_PASSWORD,
        group=group_map[groups.REGION_STAFF],
        organisation=region,
        role=MemberRole.REGION_STAFF,
    )
    return members, staff


def _theme(slug):

    return MainTheme.objects.filter(slug=slug).first()


def _response(proposal, *, question, author, org_slug, position, visibility, text, created_at):
    body = text.strip()
    response = Response.objects.create(
        proposal=proposal,
        question=question,
        author=author,
        organisation=Organisation.objects.get(slug=org_slug),
        position=position,
        visibility=visibility,
        body_markdown=body,
        body_html=render_markdown(body),
        created_at=created_at,
        updated_at=created_at,
    )
    ResponseVersion.objects.create(
        response=response, position=position, visibility=visibility, body_markdown=body, created_at=created_at
    )
    return response


def _reply(response, *, author, organisation, text, official=False, created_at):
    return Reply.objects.create(
        response=response,
        author=author,
        organisation=organisation,
        body_markdown=text,
        body_html=render_markdown(text),
        is_official=official,
        created_at=created_at,
    )


def _open_proposal(index, members, staff, now):
    proposal = ensure_child_page(
        index,
        ProposalPage,
        slug="heldere-kaders-specialistisch-ambulant",
        title="Heldere kaders voor specialistisch ambulante hulp en dagbehandeling",
        summary="Hoe geven we de inkoopstrategie handen en voeten in segment 3 en 4, waar het aanbod het meest "
        "divers is en de kosten per cliënt het hardst stijgen?",
        theme=_theme("voorkomen-uithuisplaatsing"),
        opens_at=now - timezone.timedelta(days=4),
        closes_at=now + timezone.timedelta(days=10),
        audience_kind=AudienceKind.ALL_CONTRACTED,
        public_during_window=True,
        region=Organisation.objects.get(slug="food-valley"),
        contact_name="Programmabureau Jeugdhulpregio FoodValley",
        contact_email="adviestafel@foodvalley.example",
        body=[
            ("heading", {"text": "Waarom dit voorstel", "level": "h2"}),
            # Passages (section blocks): providers can respond to one of them or to the whole proposal.
            (
                "section",
                {
                    "number": "",
                    "title": "Heldere kaders per zorgvorm",
                    "text": "<p>Specialistisch ambulante hulp is het grootste segment: bijna 7.900 jeugdigen en rond "
                    "de 40 miljoen euro per jaar. Het aanbod is zeer verschillend en de kosten nemen fors toe. De "
                    "regio wil strakker sturen met heldere kaders per zorgvorm, eenduidige productdefinities en een "
                    "duidelijke opdracht met begin en einde.</p>",
                },
            ),
            (
                "section",
                {
                    "number": "",
                    "title": "Dagbehandeling en dagbesteding",
                    "text": "<p>Ook in dagbehandeling en dagbesteding stijgen cliëntaantallen en kosten. Daar is de "
                    "samenwerking tussen lokale teams, scholen en aanbieders doorslaggevend.</p>",
                },
            ),
        ],
    )
    if not ConsultationQuestion.objects.filter(page=proposal).exists():
        proposal.questions.create(
            sort_order=0,
            text="Helpen eenduidige productdefinities u om hulp tijdig af te schalen?",
            explanation="Denk aan een vaste behandelduur voor lichte hulp zonder veiligheidsrisico.",
        )
        proposal.questions.create(
            sort_order=1,
            text="Wat heeft u nodig van de lokale teams om samen met scholen dagbehandeling te voorkomen?",
        )
        proposal.save_revision().publish()
        proposal = ProposalPage.objects.get(pk=proposal.pk)
    if not Response.objects.filter(proposal=proposal).exists():
        _open_proposal_responses(proposal, members, staff, now)
    return proposal


def _open_proposal_responses(proposal, members, staff, now):
    """Three providers' responses (one only for the region) and two replies, the region's official."""
    q1, q2 = list(proposal.questions.all())
    vallei = members["demo-jeugdhulp-de-vallei"]
    first = _response(
        proposal,
        question=q1,
        author=vallei,
        org_slug="demo-jeugdhulp-de-vallei",
        position=Position.CONDITIONS,
        visibility=Visibility.PUBLIC,
        text="We steunen eenduidige definities, **mits** er ruimte blijft voor maatwerk bij gezinnen met "
        "meervoudige problematiek.\n\n- Leg de behandelduur vast per zorgvorm\n- Laat verlenging toe na "
        "een gezamenlijke evaluatie met het lokale team",
        created_at=now - timezone.timedelta(days=3),
    )
    _response(
        proposal,
        question=q1,
        author=members["demo-stichting-thuisbasis"],
        org_slug="demo-stichting-thuisbasis",
        position=Position.CONCERNS,
        visibility=Visibility.REGION_ONLY,
        text="Wij maken ons zorgen over de administratieve last als elke gemeente de definities anders "
        "toepast. Deze reactie delen we liever alleen met de regio.",
        created_at=now - timezone.timedelta(days=2),
    )
    _response(
        proposal,
        question=q2,
        author=members["demo-spoedhulp-gelderse-vallei"],
        org_slug="demo-spoedhulp-gelderse-vallei",
        position=Position.SUPPORTS,
        visibility=Visibility.PUBLIC,
        text="Een vaste contactpersoon per school en lokaal team zou veel schelen. Dan kunnen we eerder "
        "meedenken, voordat een kind uitvalt.",
        created_at=now - timezone.timedelta(days=2),
    )
    _reply(
        first,
        author=members["demo-ambulant-team-eemland-rijn"],
        organisation=Organisation.objects.get(slug="demo-ambulant-team-eemland-rijn"),
        text="Herkenbaar. Wij zouden de evaluatie ook graag samen met ouders doen.",
        created_at=now - timezone.timedelta(days=1, hours=5),
    )
    _reply(
        first,
        author=staff,
        organisation=Organisation.objects.get(slug="food-valley"),
        text="Dank voor deze reactie. Maatwerk blijft mogelijk: verlenging kan na evaluatie met het lokale team.",
        official=True,
        created_at=now - timezone.timedelta(days=1),
    )


def _processed_proposal(index, members, staff, now):
    proposal = ensure_child_page(
        index,
        ProposalPage,
        slug="vervolg-inhoudelijke-lijnen-vanaf-2022",
        title="Vervolg van de inhoudelijke lijnen vanaf 2022",
        summary="Het transformatieprogramma sluit eind 2021 af. Welke lijnen zetten we voort en hoe koppelen we "
        "ze aan de inkoopstrategie?",
        theme=_theme("voorzieningen-zo-thuis-mogelijk"),
        opens_at=now - timezone.timedelta(days=60),
        closes_at=now - timezone.timedelta(days=30),
        audience_kind=AudienceKind.ALL_CONTRACTED,
        public_during_window=False,
        region=Organisation.objects.get(slug="food-valley"),
        contact_name="Programmabureau Jeugdhulpregio FoodValley",
        contact_email="adviestafel@foodvalley.example",
        body=[
            (
                "paragraph",
                "<p>Na het programma blijven vier lijnen lopen: de afbouw van verblijf (beweging naar nul), "
                "de stap van exclusieve naar inclusieve opvang, onderwijs en jeugd, en het veiligheidsdomein "
                "met een bredere inzet van de Jeugdlink-werkwijze. De eerste twee koppelen we aan de "
                "uitwerking van de inkoopstrategie.</p>",
            ),
        ],
        report_intro="<p>Zes weken lang konden gecontracteerde aanbieders reageren. Hieronder leest u per vraag "
        "wat u zei en wat de regio ermee deed.</p>",
        general_summary="Aanbieders vroegen om één aanspreekpunt per lijn.",
        general_action="Elke lijn krijgt een vaste trekker bij het programmabureau.",
        decision="<p>Het bestuurlijk overleg heeft de vier lijnen vastgesteld, met de koppeling aan de "
        "inkoopstrategie voor afbouw verblijf en inclusieve opvang.</p>",
        report_published_at=now - timezone.timedelta(days=10),
        adopted_at=None,
    )
    if not ConsultationQuestion.objects.filter(page=proposal).exists():
        proposal.questions.create(
            sort_order=0,
            text="Steunt u het voortzetten van de afbouw van verblijf als onderdeel van de inkoop?",
            report_summary="De meeste aanbieders steunen de beweging naar nul, maar vragen om tijd om "
            "ambulante alternatieven op te bouwen.",
            report_action="We nemen een overgangsperiode op in de inkoop en investeren eerst in pleegzorg.",
        )
        proposal.save_revision().publish()
        proposal = ProposalPage.objects.get(pk=proposal.pk)
    if not Response.objects.filter(proposal=proposal).exists():
        _processed_proposal_responses(proposal, members, staff, now)
    return proposal


def _processed_proposal_responses(proposal, members, staff, now):
    """Two responses with what the region did with them (adopted, partly)."""
    question = proposal.questions.first()
    response = _response(
        proposal,
        question=question,
        author=members["demo-stichting-thuisbasis"],
        org_slug="demo-stichting-thuisbasis",
        position=Position.CONDITIONS,
        visibility=Visibility.PUBLIC,
        text="Ja, als we de tijd krijgen om woonplekken om te bouwen naar gezinsvormen en pleegzorg.",
        created_at=now - timezone.timedelta(days=50),
    )
    ResponseOutcome.objects.create(
        response=response,
        outcome=OutcomeKind.ADOPTED,
        reason="De overgangsperiode staat nu in de inkoopstrategie.",
        recorded_by=staff,
        recorded_at=now - timezone.timedelta(days=12),
    )
    other = _response(
        proposal,
        question=question,
        author=members["demo-jeugdhulp-de-vallei"],
        org_slug="demo-jeugdhulp-de-vallei",
        position=Position.SUPPORTS,
        visibility=Visibility.PUBLIC,
        text="Wij steunen het voorstel en willen meedoen met de inclusieve opvang.",
        created_at=now - timezone.timedelta(days=45),
    )
    ResponseOutcome.objects.create(
        response=other,
        outcome=OutcomeKind.PARTLY,
        reason="Deelname aan inclusieve opvang loopt via de nieuwe inkoopronde.",
        recorded_by=staff,
        recorded_at=now - timezone.timedelta(days=12),
    )


@transaction.atomic
def load(*, stdout):
    index = ensure_child_page(
        ensure_home_page(),
        ProposalIndexPage,
        slug="adviestafel",
        title="Digitale adviestafel",
        summary="Voorstellen van de regio waarop gecontracteerde aanbieders in hun eigen tijd reageren.",
    )
    members, staff = _ensure_providers()
    now = timezone.now().replace(second=0, microsecond=0)
    _open_proposal(index, members, staff, now)
    _processed_proposal(index, members, staff, now)
    stdout.write(f"  adviestafel: 1 open en 1 verwerkt voorstel; logins (wachtwoord {DEMO_PASSWORD}):")
    for _slug, name, _segments, username, _first, _last in PROVIDERS:
        stdout.write(f"    aanbieder  {username}  ({name})")
    stdout.write(f"    regio      {REGION_STAFF['username']}")
    stdout.write(f"    redacteur  {DEMO_EDITOR['username']}")
