"""Reference data for the knowledge platform (Kennisplatform Jeugd).

Pure-Python data module (no Django imports), so it can be used by migrations,
management commands and tests alike. The facts are taken from the December
2018 VWS report "Overzicht van de 42 Transformatieplannen Jeugd" (action lines,
main themes, sub-themes, pilots/examples per region) and from the FoodValley
transformation plan and mid-term evaluation ("Ons Verhaal"). Descriptions are
written for this platform; they are not quotations.

Region slugs used in ``PILOTS`` refer to ``site/accounts/reference_data.py``
(``REGIONS``).
"""

# ---------------------------------------------------------------------------
# Action lines (actielijnen) of the programme "Zorg voor de Jeugd", with the
# main themes (hoofdthema's, 17 in total) and their sub-themes.
# ---------------------------------------------------------------------------

ACTION_LINES = [
    {
        "number": 1,
        "name": "Betere toegang tot jeugdhulp voor kinderen en gezinnen",
        "slug": "betere-toegang",
        "description": (
            "Gezinnen vinden snel de juiste ingang en krijgen op tijd hulp die "
            "past. Lokale teams, huisartsen, onderwijs en andere verwijzers "
            "werken daarvoor als één toegang samen."
        ),
        "themes": [
            {
                "name": "Doorontwikkeling (visie) lokaal team",
                "slug": "doorontwikkeling-lokaal-team",
                "subthemes": [
                    {"name": "Duidelijkheid over rol van het lokale team", "slug": "rol-lokaal-team"},
                    {"name": "Eenduidige visie", "slug": "eenduidige-visie"},
                    {"name": "Leren/vakmanschap", "slug": "leren-vakmanschap-lokaal-team"},
                    {"name": "Eén gezin, één plan, één regisseur", "slug": "een-gezin-een-plan-een-regisseur"},
                ],
            },
            {
                "name": "Taken toegang",
                "slug": "taken-toegang",
                "subthemes": [
                    # "Taken:"
                    {"name": "Preventie en vroegsignalering", "slug": "preventie-en-vroegsignalering"},
                    {"name": "Eerstelijns hulp", "slug": "eerstelijns-hulp"},
                    {"name": "Verwijzing", "slug": "verwijzing"},
                    {"name": "Monitoring/wachtlijstbeheer", "slug": "monitoring-wachtlijstbeheer"},
                    {"name": "Crisisplaatsingen", "slug": "crisisplaatsingen"},
                    # "Door:"
                    {"name": "Inzet sociale netwerkstrategieën (bv. JIM)", "slug": "inzet-sociale-netwerkstrategieen"},
                    {"name": "Ervaringsdeskundigen", "slug": "ervaringsdeskundigen"},
                    {"name": "Eén plan (domeinoverstijgend)", "slug": "een-plan-domeinoverstijgend"},
                    {"name": "Digitalisering", "slug": "digitalisering"},
                ],
            },
            {
                "name": "Stimuleren samenwerking toegangspoorten",
                "slug": "samenwerking-toegangspoorten",
                "subthemes": [
                    {"name": "(Huis)artsen (bv. POH-GGZ)", "slug": "huisartsen-poh-ggz"},
                    {"name": "Gecertificeerde Instellingen (GI's)", "slug": "gecertificeerde-instellingen"},
                    {"name": "Onderwijs", "slug": "onderwijs-als-toegangspoort"},
                ],
            },
        ],
    },
    {
        "number": 2,
        "name": "Meer kinderen zo thuis mogelijk laten opgroeien",
        "slug": "meer-kinderen-zo-thuis-mogelijk",
        "description": (
            "Uithuisplaatsing wordt zoveel mogelijk voorkomen door hulp in het "
            "gezin te brengen. Is wonen elders toch nodig, dan in een "
            "kleinschalige, gezinsachtige plek met perspectief."
        ),
        "themes": [
            {
                "name": "Voorkomen uithuisplaatsing",
                "slug": "voorkomen-uithuisplaatsing",
                "subthemes": [
                    {"name": "Versterken (intensieve) ambulante jeugdhulp", "slug": "versterken-ambulante-jeugdhulp"},
                    {"name": "Betrekken ouders bij hulp en planvorming", "slug": "betrekken-ouders"},
                    {"name": "Versterken gezinsgerichte jeugdhulp", "slug": "versterken-gezinsgerichte-jeugdhulp"},
                    {"name": "Begeleiding (potentiële) (v)echtscheidingen", "slug": "begeleiding-vechtscheidingen"},
                    {
                        "name": "Inzet sociale netwerkstrategieën (bv. JIM)",
                        "slug": "inzet-sociale-netwerkstrategieen-uithuisplaatsing",
                    },
                    {"name": "Retrospectief leren van casussen", "slug": "retrospectief-leren-van-casussen"},
                    {
                        "name": (
                            "Domeinoverstijgend plan inclusief integrale afweging (triageren en volgordelijk inzetten)"
                        ),
                        "slug": "domeinoverstijgend-plan-integrale-afweging",
                    },
                ],
            },
            {
                "name": "Voorzieningen bij uithuisplaatsing: zo thuis mogelijk",
                "slug": "voorzieningen-zo-thuis-mogelijk",
                "subthemes": [
                    {"name": "Opvang in pleeggezinnen", "slug": "opvang-in-pleeggezinnen"},
                    {
                        "name": "Ontwikkeling kleinschalige woonvoorzieningen",
                        "slug": "ontwikkeling-kleinschalige-woonvoorzieningen",
                    },
                ],
            },
            {
                "name": "Datagedreven inzet",
                "slug": "datagedreven-inzet",
                "subthemes": [
                    {"name": "Analyse van in-, door- en uitstroom", "slug": "analyse-in-door-uitstroom"},
                ],
            },
        ],
    },
    {
        "number": 3,
        "name": "Alle kinderen de kans bieden zich te ontwikkelen",
        "slug": "alle-kinderen-kansen",
        "description": (
            "Onderwijs en jeugdhulp trekken samen op, zodat problemen op school "
            "vroeg worden gezien en geen kind lang thuiszit zonder passend "
            "aanbod van school, zorg of beide."
        ),
        "themes": [
            {
                "name": "Signaleren op school",
                "slug": "signaleren-op-school",
                "subthemes": [
                    {
                        "name": "(Pedagogische) deskundigheid op school versterken",
                        "slug": "pedagogische-deskundigheid-op-school",
                    },
                    {
                        "name": "Deskundigheidsbevordering onderwijsmedewerkers",
                        "slug": "deskundigheidsbevordering-onderwijsmedewerkers",
                    },
                ],
            },
            {
                "name": "Ketenafstemming / samenwerking verbeteren",
                "slug": "ketenafstemming-onderwijs-zorg",
                "subthemes": [
                    {"name": "Preventie-activiteiten inzetten op school", "slug": "preventie-activiteiten-op-school"},
                    {
                        "name": "Afstemming zorgactiviteiten op onderwijsinstelling",
                        "slug": "afstemming-zorg-op-onderwijsinstelling",
                    },
                    {
                        "name": "Flexibele onderwijs-zorgarrangementen primair en voortgezet onderwijs",
                        "slug": "flexibele-onderwijs-zorgarrangementen",
                    },
                    {
                        "name": "Passende ondersteuning voor ouders en/of kinderen met GGZ-problematiek",
                        "slug": "passende-ondersteuning-ggz-problematiek",
                    },
                    {
                        "name": "Onderwijsarrangementen binnen (zware) zorgsettings",
                        "slug": "onderwijsarrangementen-in-zorgsettings",
                    },
                    {
                        "name": "Samenwerking partners verbeteren/afspraken maken",
                        "slug": "samenwerking-partners-afspraken",
                    },
                    {"name": "Ontschotten financiering school/zorg", "slug": "ontschotten-financiering-school-zorg"},
                ],
            },
            {
                "name": "Behalen en inzetten (start)kwalificaties",
                "slug": "startkwalificaties",
                "subthemes": [
                    {"name": "Verminderen thuiszitters", "slug": "verminderen-thuiszitters"},
                    {
                        "name": "Doorgaande schoollijn inzetten / 18-/18+",
                        "slug": "doorgaande-schoollijn-18-min-18-plus",
                    },
                    {"name": "Verbeteren overgang naar werk", "slug": "overgang-naar-werk"},
                ],
            },
        ],
    },
    {
        "number": 4,
        "name": "Kwetsbare kinderen beter op weg helpen zelfstandig te worden",
        "slug": "kwetsbare-kinderen-zelfstandig",
        "description": (
            "Jongeren in een kwetsbare positie krijgen rond hun achttiende "
            "verjaardag een soepele overgang naar volwassenheid, met aandacht "
            "voor wonen, school, werk, geld, netwerk en zorg."
        ),
        "themes": [
            {
                "name": "Begeleiding van jeugdigen 18-/18+",
                "slug": "begeleiding-18-min-18-plus",
                "subthemes": [
                    {"name": "Tijdige afstemming toekomstplannen", "slug": "tijdige-afstemming-toekomstplannen"},
                    {
                        "name": "Integraal aanbod (BIG5: school, werk, financiën, netwerk, zorg)",
                        "slug": "integraal-aanbod-big5",
                    },
                    {"name": "Inzet verlengde jeugdhulp/pleegzorg", "slug": "verlengde-jeugdhulp-pleegzorg"},
                    {"name": "Eenduidige route voor kwetsbare jongeren", "slug": "eenduidige-route-kwetsbare-jongeren"},
                ],
            },
            {
                "name": "Ontwikkelen woonvoorzieningen naar zelfstandigheid",
                "slug": "woonvoorzieningen-naar-zelfstandigheid",
                "subthemes": [
                    {"name": "Als thuis kan, thuis ondersteunen", "slug": "als-thuis-kan-thuis-ondersteunen"},
                    {"name": "Kleinschalige woonvoorzieningen", "slug": "kleinschalige-woonvoorzieningen"},
                    {"name": "Alternatieve tussenvormen voor verblijf", "slug": "alternatieve-tussenvormen-verblijf"},
                ],
            },
            {
                "name": "Inzetten sociale netwerkstrategieën",
                "slug": "sociale-netwerkstrategieen",
                "subthemes": [
                    {"name": "JIM, maatje, coach, (steun)gezin", "slug": "jim-maatje-coach-steungezin"},
                ],
            },
        ],
    },
    {
        "number": 5,
        "name": "Jeugdigen beter beschermen als hun ontwikkeling gevaar loopt",
        "slug": "jeugdigen-beter-beschermen",
        "description": (
            "Onveiligheid wordt eerder herkend en aangepakt, en de keten van "
            "jeugdbescherming werkt sneller en met minder overlap, zodat een "
            "kind niet onnodig lang wacht op bescherming."
        ),
        "themes": [
            {
                "name": "Inzetten op preventie",
                "slug": "inzetten-op-preventie",
                "subthemes": [
                    {"name": "Dwang- en dranghulp", "slug": "dwang-en-dranghulp"},
                    {"name": "Preventie kindermishandeling", "slug": "preventie-kindermishandeling"},
                ],
            },
            {
                "name": "Onveilige situaties eerder en effectief te lijf gaan",
                "slug": "onveilige-situaties-aanpakken",
                "subthemes": [
                    {"name": "(Complexe) echtscheidingen", "slug": "complexe-echtscheidingen"},
                    {"name": "Integrale crisisdienst", "slug": "integrale-crisisdienst"},
                    {"name": "Multidisciplinaire aanpak (MDA++)", "slug": "multidisciplinaire-aanpak-mda"},
                ],
            },
            {
                "name": "Jeugdbeschermingsketen",
                "slug": "jeugdbeschermingsketen",
                "subthemes": [
                    {"name": "Inkorten jeugdbeschermingsketen", "slug": "inkorten-jeugdbeschermingsketen"},
                ],
            },
        ],
    },
    {
        "number": 6,
        "name": "Investeren in vakmanschap",
        "slug": "investeren-in-vakmanschap",
        "description": (
            "Jeugdprofessionals blijven leren van hun eigen praktijk en van "
            "elkaar, en regio's werken aan voldoende goed opgeleide mensen op "
            "een krappe arbeidsmarkt."
        ),
        "themes": [
            {
                "name": "Leren en ontwikkelen",
                "slug": "leren-en-ontwikkelen",
                "subthemes": [
                    {"name": "Leren van casuïstiek", "slug": "leren-van-casuistiek"},
                    {"name": "Vakbekwaamheid (in lokale teams)", "slug": "vakbekwaamheid-lokale-teams"},
                    {"name": "Kwaliteitsverhoging monitoren", "slug": "kwaliteitsverhoging-monitoren"},
                    {
                        "name": "Themagericht leren (pleegzorg, echtscheidingen, wrap-around care)",
                        "slug": "themagericht-leren",
                    },
                    {
                        "name": "Passend en op de praktijk aansluitend curriculum",
                        "slug": "passend-curriculum",
                    },
                ],
            },
            {
                "name": "Versterken van de arbeidsmarkt",
                "slug": "versterken-arbeidsmarkt",
                "subthemes": [
                    {
                        "name": "Wervingscampagne moeilijk vervulbare functies",
                        "slug": "wervingscampagne-moeilijk-vervulbare-functies",
                    },
                    {"name": "Onderzoek arbeidsmarktproblematiek", "slug": "onderzoek-arbeidsmarktproblematiek"},
                    {
                        "name": "Netwerk (aanbieders en kennisinstellingen) t.b.v. arbeidsplaatsen",
                        "slug": "netwerk-aanbieders-kennisinstellingen",
                    },
                    {"name": "Behoud huidige professionals", "slug": "behoud-huidige-professionals"},
                ],
            },
        ],
    },
]

# ---------------------------------------------------------------------------
# Phases in which a development proposal / practice can be.
# ---------------------------------------------------------------------------

PHASES = [
    {"name": "Planvorming", "slug": "planvorming"},
    {"name": "Implementatie", "slug": "implementatie"},
    {"name": "Evaluatie", "slug": "evaluatie"},
    {"name": "Borging/uitrol", "slug": "borging-uitrol"},
]

# ---------------------------------------------------------------------------
# Kinds of practice described on the platform.
# ---------------------------------------------------------------------------

PRACTICE_KINDS = [
    {"name": "Pilot", "slug": "pilot"},
    {"name": "Voorbeeld", "slug": "voorbeeld"},
    {"name": "Werkwijze", "slug": "werkwijze"},
    {"name": "Maatschappelijke business case", "slug": "maatschappelijke-business-case"},
]

# ---------------------------------------------------------------------------
# Local evidence ladder, loosely modelled on the levels used by the NJi and
# Movisie intervention databanks. Ordered from weakest to strongest.
# ---------------------------------------------------------------------------

EVIDENCE_LEVELS = [
    {
        "name": "Beschreven",
        "slug": "beschreven",
        "description": (
            "De aanpak is vastgelegd: doelgroep, doel en werkwijze staan op "
            "papier, maar er is nog niet naar de werking gekeken."
        ),
    },
    {
        "name": "Goed beschreven",
        "slug": "goed-beschreven",
        "description": (
            "Naast een volledige beschrijving is onderbouwd waarom de aanpak "
            "zou moeten werken, en ervaringen van professionals en gezinnen "
            "zijn verzameld."
        ),
    },
    {
        "name": "Eerste aanwijzingen voor effectiviteit",
        "slug": "eerste-aanwijzingen",
        "description": (
            "Metingen in de praktijk, zoals een voor- en nameting of "
            "monitoringsgegevens, laten zien dat de beoogde resultaten "
            "waarschijnlijk worden gehaald."
        ),
    },
    {
        "name": "Goede aanwijzingen voor effectiviteit",
        "slug": "goede-aanwijzingen",
        "description": (
            "Onderzoek met een vergelijkingsgroep of herhaalde metingen wijst "
            "erop dat de resultaten aan de aanpak zelf toe te schrijven zijn."
        ),
    },
    {
        "name": "Sterke aanwijzingen voor effectiviteit",
        "slug": "sterke-aanwijzingen",
        "description": (
            "Meerdere degelijke effectstudies, bij voorkeur gerandomiseerd en "
            "met een follow-up, tonen een blijvend positief effect aan."
        ),
    },
]

# ---------------------------------------------------------------------------
# "Ons Verhaal": the shared vision of Jeugdhulpregio FoodValley.
# ---------------------------------------------------------------------------

ONS_VERHAAL_PRINCIPLES = [
    {"name": "Alle kinderen zijn normaal", "slug": "alle-kinderen-zijn-normaal"},
    {"name": "Een kind hoort thuis", "slug": "een-kind-hoort-thuis"},
    {"name": "Voorkomen is beter dan genezen", "slug": "voorkomen-is-beter-dan-genezen"},
    {"name": "Een kind is een gezin", "slug": "een-kind-is-een-gezin"},
    {"name": "We doen wat echt nodig is", "slug": "we-doen-wat-echt-nodig-is"},
    {
        "name": "We werken met aanbieders die onze visie uitvoeren",
        "slug": "we-werken-met-aanbieders-die-onze-visie-uitvoeren",
    },
    {"name": "Onze jeugdhulpverleners zijn helden!", "slug": "onze-jeugdhulpverleners-zijn-helden"},
    {"name": "Cijfers zeggen niet alles", "slug": "cijfers-zeggen-niet-alles"},
    {"name": "We blijven leren", "slug": "we-blijven-leren"},
]

# ---------------------------------------------------------------------------
# Pilots and named examples from the 42 transformation plans that have a
# region attached. Titles are unique; where the same initiative appears under
# two themes or in two regions, the title carries a distinguishing suffix.
# ---------------------------------------------------------------------------

PILOTS = [
    # Actielijn 1 - Betere toegang
    {
        "title": "Aanvullende zorg in buurtgerichte integrale teams",
        "theme": "doorontwikkeling-lokaal-team",
        "action_line": "betere-toegang",
        "regions": ["utrecht-stad"],
        "kind": "pilot",
    },
    {
        "title": "Buurtgezinnen Roermond en Roerdalen",
        "theme": "taken-toegang",
        "action_line": "betere-toegang",
        "regions": ["midden-limburg-oost"],
        "kind": "pilot",
    },
    {
        "title": "CJG positioneren in de huisartsenpraktijk",
        "theme": "samenwerking-toegangspoorten",
        "action_line": "betere-toegang",
        "regions": ["midden-limburg-west"],
        "kind": "pilot",
    },
    {
        "title": "Verbinding CJG met huisartsenpraktijk",
        "theme": "samenwerking-toegangspoorten",
        "action_line": "betere-toegang",
        "regions": ["noord-veluwe"],
        "kind": "pilot",
    },
    {
        "title": "Specialistische ondersteuner jeugdarts",
        "theme": "samenwerking-toegangspoorten",
        "action_line": "betere-toegang",
        "regions": ["nijmegen"],
        "kind": "pilot",
    },
    {
        "title": "POH-GGZ jeugd",
        "theme": "samenwerking-toegangspoorten",
        "action_line": "betere-toegang",
        "regions": ["midden-brabant", "noordoost-brabant"],
        "kind": "pilot",
    },
    {
        "title": "Samenwerking huisartsen en medisch domein Tilburg Noord",
        "theme": "samenwerking-toegangspoorten",
        "action_line": "betere-toegang",
        "regions": ["midden-brabant"],
        "kind": "pilot",
    },
    # Actielijn 2 - Meer kinderen zo thuis mogelijk
    {
        "title": "JIM / InVerbinding",
        "theme": "voorkomen-uithuisplaatsing",
        "action_line": "meer-kinderen-zo-thuis-mogelijk",
        "regions": [
            "nijmegen",
            "midden-limburg-oost",
            "midden-limburg-west",
            "midden-holland",
            "alkmaar-noord-kennemerland",
            "utrecht-west",
        ],
        "kind": "pilot",
    },
    {
        "title": "Time-out bed voor jeugdigen",
        "theme": "voorkomen-uithuisplaatsing",
        "action_line": "meer-kinderen-zo-thuis-mogelijk",
        "regions": ["achterhoek"],
        "kind": "pilot",
    },
    {
        "title": "Back on track",
        "theme": "voorkomen-uithuisplaatsing",
        "action_line": "meer-kinderen-zo-thuis-mogelijk",
        "regions": ["midden-limburg-oost", "midden-limburg-west"],
        "kind": "pilot",
    },
    {
        "title": "Niet de kinderen, maar de ouders uit huis",
        "theme": "voorkomen-uithuisplaatsing",
        "action_line": "meer-kinderen-zo-thuis-mogelijk",
        "regions": ["nijmegen"],
        "kind": "pilot",
    },
    {
        "title": "Buurtgezinnen IJmond",
        "theme": "voorzieningen-zo-thuis-mogelijk",
        "action_line": "meer-kinderen-zo-thuis-mogelijk",
        "regions": ["ijmond-midden-kennemerland"],
        "kind": "pilot",
    },
    {
        "title": "Verblijf in gezinsvormen",
        "theme": "voorzieningen-zo-thuis-mogelijk",
        "action_line": "meer-kinderen-zo-thuis-mogelijk",
        "regions": ["noord-limburg"],
        "kind": "pilot",
    },
    {
        "title": "Verder Thuis",
        "theme": "voorzieningen-zo-thuis-mogelijk",
        "action_line": "meer-kinderen-zo-thuis-mogelijk",
        "regions": ["noord-veluwe"],
        "kind": "pilot",
    },
    {
        "title": "Leefhuizen / Verblijf in de wijk",
        "theme": "voorzieningen-zo-thuis-mogelijk",
        "action_line": "meer-kinderen-zo-thuis-mogelijk",
        "regions": ["zuid-limburg"],
        "kind": "pilot",
    },
    {
        "title": "Aanbodanalyse met in- en uitsluitingscriteria",
        "theme": "datagedreven-inzet",
        "action_line": "meer-kinderen-zo-thuis-mogelijk",
        "regions": ["flevoland"],
        "kind": "voorbeeld",
    },
    {
        "title": "Analyse uitplaatsing na behandeling",
        "theme": "datagedreven-inzet",
        "action_line": "meer-kinderen-zo-thuis-mogelijk",
        "regions": ["haaglanden"],
        "kind": "voorbeeld",
    },
    {
        "title": "Analyse stagnatie (hoog)specialistische jeugdhulp",
        "theme": "datagedreven-inzet",
        "action_line": "meer-kinderen-zo-thuis-mogelijk",
        "regions": ["haaglanden"],
        "kind": "voorbeeld",
    },
    {
        "title": "Zicht op uitval in de jeugdhulp",
        "theme": "datagedreven-inzet",
        "action_line": "meer-kinderen-zo-thuis-mogelijk",
        "regions": ["noord-limburg"],
        "kind": "voorbeeld",
    },
    {
        "title": "Regionale vraag en aanbod jeugdhulp met verblijf",
        "theme": "datagedreven-inzet",
        "action_line": "meer-kinderen-zo-thuis-mogelijk",
        "regions": ["noord-limburg"],
        "kind": "voorbeeld",
    },
    # Actielijn 3 - Alle kinderen kansen
    {
        "title": "Jeugdexperts in de school",
        "theme": "signaleren-op-school",
        "action_line": "alle-kinderen-kansen",
        "regions": ["friesland-fryslan"],
        "kind": "pilot",
    },
    {
        "title": "Vroegsignalering in het primair onderwijs",
        "theme": "signaleren-op-school",
        "action_line": "alle-kinderen-kansen",
        "regions": ["holland-rijnland"],
        "kind": "pilot",
    },
    {
        "title": "School als vindplaats",
        "theme": "signaleren-op-school",
        "action_line": "alle-kinderen-kansen",
        "regions": ["nijmegen"],
        "kind": "maatschappelijke-business-case",
    },
    {
        "title": "Rebound (onderwijszorgarrangement)",
        "theme": "ketenafstemming-onderwijs-zorg",
        "action_line": "alle-kinderen-kansen",
        "regions": ["gooi-en-vechtstreek"],
        "kind": "pilot",
    },
    {
        "title": "Maatwerktrajecten in het primair onderwijs",
        "theme": "ketenafstemming-onderwijs-zorg",
        "action_line": "alle-kinderen-kansen",
        "regions": ["holland-rijnland", "ijsselland"],
        "kind": "pilot",
    },
    {
        "title": "Onderwijs Jeugd arrangement",
        "theme": "ketenafstemming-onderwijs-zorg",
        "action_line": "alle-kinderen-kansen",
        "regions": ["twente", "west-friesland"],
        "kind": "pilot",
    },
    {
        "title": "GGZ op het MBO",
        "theme": "startkwalificaties",
        "action_line": "alle-kinderen-kansen",
        "regions": ["holland-rijnland"],
        "kind": "pilot",
    },
    {
        "title": "Actieplan thuiszitters met autisme",
        "theme": "startkwalificaties",
        "action_line": "alle-kinderen-kansen",
        "regions": ["ijmond-midden-kennemerland"],
        "kind": "voorbeeld",
    },
    # Actielijn 4 - Kwetsbare kinderen zelfstandig
    {
        "title": "Toekomstplannen",
        "theme": "begeleiding-18-min-18-plus",
        "action_line": "kwetsbare-kinderen-zelfstandig",
        "regions": ["ijmond-midden-kennemerland"],
        "kind": "pilot",
    },
    {
        "title": "Schakeloverleg 18-/18+",
        "theme": "begeleiding-18-min-18-plus",
        "action_line": "kwetsbare-kinderen-zelfstandig",
        "regions": ["midden-limburg-oost"],
        "kind": "pilot",
    },
    {
        "title": "Kwetsbare Jongeren",
        "theme": "begeleiding-18-min-18-plus",
        "action_line": "kwetsbare-kinderen-zelfstandig",
        "regions": ["midden-limburg-oost"],
        "kind": "pilot",
    },
    {
        "title": "Verder Thuis 18-/18+",
        "theme": "begeleiding-18-min-18-plus",
        "action_line": "kwetsbare-kinderen-zelfstandig",
        "regions": ["noord-veluwe"],
        "kind": "pilot",
    },
    {
        "title": "Mobiele kleine woningen bij gezinshuizen",
        "theme": "woonvoorzieningen-naar-zelfstandigheid",
        "action_line": "kwetsbare-kinderen-zelfstandig",
        "regions": ["achterhoek"],
        "kind": "pilot",
    },
    # Actielijn 5 - Jeugdigen beter beschermen
    {
        "title": "Samenwerken aan veiligheid",
        "theme": "inzetten-op-preventie",
        "action_line": "jeugdigen-beter-beschermen",
        "regions": ["haarlemmermeer"],
        "kind": "pilot",
    },
    {
        "title": "Gezinscoaches in een systeemgerichte aanpak",
        "theme": "inzetten-op-preventie",
        "action_line": "jeugdigen-beter-beschermen",
        "regions": ["kop-van-noord-holland"],
        "kind": "pilot",
    },
    {
        "title": "Scheiden zonder schade",
        "theme": "onveilige-situaties-aanpakken",
        "action_line": "jeugdigen-beter-beschermen",
        "regions": ["arnhem"],
        "kind": "pilot",
    },
    {
        "title": "Integrale crisisdienst",
        "theme": "onveilige-situaties-aanpakken",
        "action_line": "jeugdigen-beter-beschermen",
        "regions": ["ijmond-midden-kennemerland"],
        "kind": "pilot",
    },
    {
        "title": "Verkorten doorlooptijd jeugdbeschermingsketen",
        "theme": "jeugdbeschermingsketen",
        "action_line": "jeugdigen-beter-beschermen",
        "regions": ["amsterdam-amstelland"],
        "kind": "pilot",
    },
    {
        "title": "Drentse jeugdacademie",
        "theme": "jeugdbeschermingsketen",
        "action_line": "jeugdigen-beter-beschermen",
        "regions": ["drenthe"],
        "kind": "pilot",
    },
    # Actielijn 6 - Investeren in vakmanschap
    {
        "title": "Leer- en reflectiepilot jeugdprofessionals",
        "theme": "leren-en-ontwikkelen",
        "action_line": "investeren-in-vakmanschap",
        "regions": ["amsterdam-amstelland"],
        "kind": "pilot",
    },
    {
        "title": "Traineeprogramma De jeugdprofessional van de toekomst",
        "theme": "leren-en-ontwikkelen",
        "action_line": "investeren-in-vakmanschap",
        "regions": ["midden-brabant"],
        "kind": "pilot",
    },
]

# ---------------------------------------------------------------------------
# Dutch youth-care jargon: (term, [equivalents]) for search/query expansion.
# ---------------------------------------------------------------------------

SYNONYMS = [
    ("GGZ", ["geestelijke gezondheidszorg", "jeugd-GGZ", "ggz"]),
    ("SGGZ", ["specialistische GGZ", "specialistische geestelijke gezondheidszorg"]),
    ("BGGZ", ["basis-GGZ", "generalistische basis-GGZ", "basis geestelijke gezondheidszorg"]),
    ("JIM", ["Jouw Ingebrachte Mentor", "JIM-aanpak", "natuurlijk mentor"]),
    ("OTS", ["ondertoezichtstelling", "ondertoezichtstellingen"]),
    ("pleegzorg", ["pleeggezin", "pleegouders", "netwerkpleegzorg"]),
    ("18-/18+", ["jongvolwassenen", "overgang 18-/18+", "18-min 18-plus", "overgang naar volwassenheid"]),
    ("GI", ["gecertificeerde instelling", "gecertificeerde instellingen", "GI's"]),
    ("CJG", ["Centrum voor Jeugd en Gezin", "Centra voor Jeugd en Gezin"]),
    ("POH", ["praktijkondersteuner huisarts", "POH-GGZ", "praktijkondersteuner GGZ", "POH-jeugd"]),
    ("LVB", ["licht verstandelijke beperking", "licht verstandelijk beperkt"]),
    ("JGZ", ["jeugdgezondheidszorg", "jeugdarts", "jeugdverpleegkundige"]),
    (
        "Veilig Thuis",
        ["AMHK", "Advies- en Meldpunt Huiselijk geweld en Kindermishandeling", "meldpunt kindermishandeling"],
    ),
    ("MDA++", ["multidisciplinaire aanpak", "multidisciplinaire aanpak huiselijk geweld en kindermishandeling"]),
    ("JZ+", ["Jeugdzorg Plus", "JeugdzorgPlus", "gesloten jeugdzorg"]),
    ("lokaal team", ["wijkteam", "sociaal team", "buurtteam", "toegangsteam", "jeugdteam"]),
    ("ASH", ["ambulante spoedhulp"]),
    ("PO", ["primair onderwijs", "basisonderwijs"]),
    ("VO", ["voortgezet onderwijs"]),
    ("MBO", ["middelbaar beroepsonderwijs", "mbo"]),
    ("SWV", ["samenwerkingsverband passend onderwijs", "samenwerkingsverbanden passend onderwijs"]),
]


# ---------------------------------------------------------------------------
# Self-check: python3 knowledge/reference_data.py (from the project root).
# ---------------------------------------------------------------------------

if __name__ == "__main__":
    import importlib.util
    import re
    from pathlib import Path

    accounts_path = Path(__file__).resolve().parent.parent / "site" / "accounts" / "reference_data.py"
    spec = importlib.util.spec_from_file_location("accounts_reference_data", accounts_path)
    accounts_ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(accounts_ref)

    slug_re = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

    def check_slugs(items, label):
        slugs = [item["slug"] for item in items]
        bad = [s for s in slugs if not slug_re.match(s)]
        assert not bad, f"invalid {label} slugs: {bad}"
        dupes = sorted({s for s in slugs if slugs.count(s) > 1})
        assert not dupes, f"duplicate {label} slugs: {dupes}"
        return set(slugs)

    assert len(ACTION_LINES) == 6
    assert [a["number"] for a in ACTION_LINES] == [1, 2, 3, 4, 5, 6]
    assert [a["slug"] for a in ACTION_LINES] == [
        "betere-toegang",
        "meer-kinderen-zo-thuis-mogelijk",
        "alle-kinderen-kansen",
        "kwetsbare-kinderen-zelfstandig",
        "jeugdigen-beter-beschermen",
        "investeren-in-vakmanschap",
    ]
    check_slugs(ACTION_LINES, "action line")

    themes = [t for a in ACTION_LINES for t in a["themes"]]
    subthemes = [s for t in themes for s in t["subthemes"]]
    theme_slugs = check_slugs(themes, "theme")
    check_slugs(subthemes, "subtheme")
    assert len(themes) == 17, len(themes)
    assert all(t["subthemes"] for t in themes)
    theme_to_line = {t["slug"]: a["slug"] for a in ACTION_LINES for t in a["themes"]}

    for items, label in (
        (PHASES, "phase"),
        (PRACTICE_KINDS, "practice kind"),
        (EVIDENCE_LEVELS, "evidence level"),
        (ONS_VERHAAL_PRINCIPLES, "principle"),
    ):
        check_slugs(items, label)
    assert all(e["description"] for e in EVIDENCE_LEVELS)

    region_slugs = {r["slug"] for r in accounts_ref.REGIONS}
    assert len(accounts_ref.REGIONS) == 42 and len(region_slugs) == 42
    assert "food-valley" in region_slugs
    assert set(accounts_ref.REGION_MUNICIPALITIES) <= region_slugs
    assert set(accounts_ref.REGION_ALIASES.values()) <= region_slugs

    kind_slugs = {k["slug"] for k in PRACTICE_KINDS}
    titles = [p["title"] for p in PILOTS]
    assert len(titles) == len(set(titles)), "pilot titles must be unique"
    for pilot in PILOTS:
        assert pilot["theme"] in theme_slugs, pilot
        assert theme_to_line[pilot["theme"]] == pilot["action_line"], pilot
        assert pilot["kind"] in kind_slugs, pilot
        assert pilot["regions"], pilot
        missing = [r for r in pilot["regions"] if r not in region_slugs]
        assert not missing, (pilot["title"], missing)
        assert len(pilot["regions"]) == len(set(pilot["regions"])), pilot

    assert 10 <= len(SYNONYMS) <= 20
    assert all(isinstance(t, str) and isinstance(eq, list) and eq for t, eq in SYNONYMS)

    print(
        f"OK: {len(ACTION_LINES)} action lines, {len(themes)} themes, "
        f"{len(subthemes)} subthemes, {len(accounts_ref.REGIONS)} regions, "
        f"{len(PILOTS)} pilots/examples, {len(ONS_VERHAAL_PRINCIPLES)} principles, "
        f"{len(SYNONYMS)} synonyms"
    )
