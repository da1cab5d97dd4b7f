"""Demo content for the knowledge pages, written for this platform from the facts (names, figures) of the seed
documents: FoodValley's transformation plan (2018) and mid-term evaluation (2020), Alkmaar's transformation agenda
(2016) and the national overview of pilots per region. Plain data; `knowledge/demo.py` turns it into pages.
"""

import datetime

D = datetime.date

FOODVALLEY_MUNICIPALITIES = ["barneveld", "ede", "nijkerk", "renswoude", "rhenen", "scherpenzeel", "veenendaal"]

PARTNERS = [
    # (slug, name, kind)
    ("nederlands-jeugdinstituut", "Nederlands Jeugdinstituut", "knowledge_institute"),
    ("hogeschool-utrecht-lectoraat-jeugd", "Hogeschool Utrecht, lectoraat Jeugd", "knowledge_institute"),
    ("swv-rijn-gelderse-vallei", "Samenwerkingsverband passend onderwijs Rijn & Gelderse Vallei", "other"),
    ("raad-voor-de-kinderbescherming", "Raad voor de Kinderbescherming", "other"),
    ("entrea-lindenhout", "Entrea Lindenhout", "provider"),
    ("youke", "Youké", "provider"),
    ("de-rading", "De Rading", "provider"),
    ("karakter", "Karakter", "provider"),
]

FOODVALLEY_ROLES = {
    "administrative_lead": "Wethouder jeugd van een van de FoodValley-gemeenten",
    "official_ambassador": "Lid van het ambtelijk overleg jeugd",
    "project_leader": "Projectleider van het regionale transformatieprogramma",
}

# Each project: slug, number, title, summary, status(+note), action lines, themes, principles, ambitions,
# work lines, text sections (HTML) and KPIs with measurements.
FOODVALLEY_PROJECTS = [
    {
        "slug": "afbouw-verblijf",
        "number": 1,
        "title": "Afbouw verblijf: een passende plek zo thuis mogelijk",
        "summary": "Minder jeugdigen in residentiële jeugdhulp: wie kan, gaat met een duurzaam perspectief naar "
        "huis of een pleeggezin, en minder pleegplaatsingen lopen uit op residentieel verblijf.",
        "status": "uitvoering",
        "action_lines": ["meer-kinderen-zo-thuis-mogelijk"],
        "themes": ["voorkomen-uithuisplaatsing", "voorzieningen-zo-thuis-mogelijk"],
        "principles": ["een-kind-hoort-thuis", "we-doen-wat-echt-nodig-is"],
        "partners": ["entrea-lindenhout", "de-rading", "nederlands-jeugdinstituut"],
        "ambitions": [
            ("A", "50 jeugdigen met een duurzaam perspectief gaan van residentieel verblijf naar thuis of pleegzorg."),
            ("B", "Bij 15 jeugdigen voorkomen we dat een pleegplaatsing overgaat in residentieel verblijf."),
        ],
        "work_lines": [
            (
                "A",
                "In de casus stappen",
                "Een klussenploeg zoekt per jeugdige samen met gezin en aanbieders naar een alternatief.",
            ),
            ("B", "Aanbod van een aanvullende module", ""),
            ("C", "Een gezond alternatief voor verblijf ontwikkelen", ""),
            (
                "D",
                "De pleegzorg versterken",
                "Eén gezamenlijke voordeur voor pleegzorg en een gezamenlijke ontwikkelagenda.",
            ),
            ("E", "Het leren ontwikkelen en verstevigen", "Casusevaluaties en een knooppuntanalyse."),
        ],
        "results": "<p>In 2020 gingen 60 jeugdigen méér naar huis dan er nieuw uit huis werden geplaatst: tien meer "
        "dan het doel. Het aantal keer dat een vastgelopen pleegplaatsing eindigde in residentieel verblijf daalde "
        "van 20 naar 12.</p><ul><li>Eén voordeur voor pleegzorg is gerealiseerd.</li><li>FoodValley is de eerste "
        "pilotregio in Nederland voor het Mockingbird-familiemodel.</li><li>Met aanbieders wordt gewerkt aan "
        "kleinschalige woonvormen voor een zwaardere doelgroep, zodat kinderen in de regio kunnen blijven.</li></ul>",
        "notable_points": "<ul><li>Het aantal jeugdigen in pleegzorg neemt nog steeds af, maar dat leidt in de regio "
        "niet tot meer residentieel verblijf.</li><li>Waar pleegzorg daalt, is het de vraag of er minder vraag is of "
        "dat er passender alternatieven worden ingezet, zoals het eigen netwerk. Elke gemeente kan dat lokaal "
        "uitzoeken.</li></ul>",
        "works_well": "<ul><li>Focus en werken in klussenploegen: praktisch en het geeft energie.</li><li>Vaste "
        "inbreng van ervaringsdeskundigen.</li><li>Buurtgezinnen als lokaal initiatief.</li><li>Ambulante hulp die "
        "24 uur per dag inzetbaar is.</li><li>Leren van casusevaluaties.</li></ul>",
        "attention_points": "<ul><li>Formele en informele zorg aan de voorkant beter combineren.</li><li>De "
        "consultfunctie van specialistische aanbieders versterken.</li><li>Het onderwijs betrekken bij pleegzorg en "
        "residentiële zorg.</li></ul>",
        "next_year_goals": "<ul><li>De beweging naar nul vasthouden, met 24-uurs ambulante hulp en plekken waar "
        "ouders of gezinnen tijdelijk uit huis kunnen.</li><li>Geen kinderen jonger dan 12 in verblijf: dat aantal "
        "steeg met 30% naar 28.</li><li>Het Mockingbird-familiemodel voorbereiden op invoering.</li></ul>",
        "risks": "<ul><li>Een cultuuromslag is nodig: van ‘waar plaatsen we het kind’ naar ‘hoe houden we het kind "
        "thuis’.</li><li>Risicomijdend gedrag van professionals.</li><li>Gegevens worden uit angst voor de AVG niet "
        "gedeeld.</li></ul>",
        "kpis": [
            {
                "name": "Jeugdigen terug naar huis (saldo ten opzichte van nieuwe uithuisplaatsingen)",
                "unit": "jeugdigen",
                "direction": "higher",
                "baseline": (0, D(2018, 10, 1)),
                "target": (50, D(2021, 12, 31)),
                "target_note": "ambitie A: 50 jeugdigen",
                "headline": True,
                "measurements": [(D(2020, 10, 1), 60, "stand tussenevaluatie")],
            },
            {
                "name": "Pleegplaatsingen die overgaan in residentieel verblijf",
                "unit": "jeugdigen per jaar",
                "direction": "lower",
                "baseline": (20, D(2018, 12, 31)),
                "target": (5, D(2021, 12, 31)),
                "target_note": "doorzetten tot 5",
                "headline": False,
                "measurements": [(D(2020, 10, 1), 12, "")],
            },
        ],
    },
    {
        "slug": "onderwijs-en-jeugdhulp",
        "number": 2,
        "title": "Onderwijs en jeugdhulp",
        "summary": "Samen met scholen en samenwerkingsverbanden kinderen sneller en anders ondersteunen, zodat minder "
        "kinderen een verwijzing naar de GGZ nodig hebben.",
        "status": "uitvoering",
        "action_lines": ["alle-kinderen-kansen"],
        "themes": ["signaleren-op-school", "ketenafstemming-onderwijs-zorg"],
        "principles": ["alle-kinderen-zijn-normaal"],
        "partners": ["swv-rijn-gelderse-vallei"],
        "ambitions": [
            (
                "",
                "Oorspronkelijk: 150 jeugdigen krijgen dankzij samenwerking passende hulp op school in plaats van "
                "een GGZ-verwijzing.",
            ),
            (
                "",
                "Bijgesteld: de instroom in de jeugdhulp verminderen door kinderen samen met scholen en "
                "samenwerkingsverbanden eerder en anders te ondersteunen.",
            ),
        ],
        "work_lines": [
            ("A", "Lokale schoolpilots, met regionale bewaking van de voortgang", ""),
            ("B", "Een matrix passende samenwerking: wie is wanneer verantwoordelijk", ""),
            ("C", "Knelpunten tussen onderwijs en jeugdhulp ophalen, oplossen of agenderen bij het Rijk", ""),
            ("D", "Leeropbrengsten delen met de rest van het land", "Als inspiratieregio van ‘Mét Andere Ogen’."),
        ],
        "results": "<ul><li>In bijna alle gemeenten en samenwerkingsverbanden lopen schoolpilots, ook tijdens de "
        "coronaperiode.</li><li>De matrix passende samenwerking is met de samenwerkingsverbanden gemaakt en via een "
        "webinar en de website verspreid.</li><li>Gemeenten en samenwerkingsverbanden pakken samen een leemte aan "
        "in het aanbod voor extreem prikkelgevoelige kinderen; er komt een businesscase.</li></ul>",
        "notable_points": "<ul><li>Op vier scholen zijn effecten in de cijfers zichtbaar, maar het is te vroeg voor "
        "harde conclusies.</li><li>Op de werkvloer is het enthousiasme groot.</li></ul>",
        "works_well": "<ul><li>Alleen al het gesprek met de scholen leverde veel op.</li><li>Cijfers over jeugdhulp "
        "per school: andere regio's zijn nieuwsgierig.</li></ul>",
        "attention_points": "<ul><li>Omdat elke schoolpilot anders begon, zijn algemene effecten lastig te meten; "
        "dat vraagt een langere looptijd.</li><li>Een gezamenlijke focusagenda jeugd en onderwijs voorkomt dat "
        "alles tegelijk wordt opgepakt.</li></ul>",
        "kpis": [
            {
                "name": "Jeugdigen met passende hulp op school in plaats van een GGZ-verwijzing",
                "unit": "jeugdigen",
                "direction": "higher",
                "baseline": (0, D(2018, 10, 1)),
                "target": (150, D(2021, 12, 31)),
                "target_note": "oorspronkelijke ambitie",
                "headline": True,
                "measurements": [],
            },
        ],
    },
    {
        "slug": "crisis-als-kans",
        "number": 3,
        "title": "Crisis als kans",
        "summary": "Crises voorkomen, tijdens een crisis de best passende hulp inzetten en daarna samen met Afbouw "
        "verblijf voorkomen dat een jeugdige alsnog uit huis wordt geplaatst.",
        "status": "uitvoering",
        "status_note": "In uitvoering sinds oktober 2020",
        "action_lines": ["betere-toegang", "jeugdigen-beter-beschermen"],
        "themes": ["voorkomen-uithuisplaatsing"],
        "principles": ["een-kind-hoort-thuis", "we-doen-wat-echt-nodig-is"],
        "partners": ["karakter"],
        "ambitions": [
            ("1", "Crises voorkomen."),
            ("2", "Tijdens een crisis de best passende hulp inzetten."),
            ("3", "Na de crisis samenwerken met Afbouw verblijf."),
            ("", "Uithuisplaatsingen na een crisis halveren: van ongeveer 50% naar 25%."),
        ],
        "work_lines": [
            ("A", "Minder jongeren in crisisverblijf dan in 2019", ""),
            ("B", "Meer inzet van ambulante spoedhulp in 2021, minstens op het niveau van 2018", ""),
            ("C", "70% van de jeugdigen korter dan 28 dagen in crisisverblijf", ""),
        ],
        "results": "<p>De resultaten zijn nog te jong voor cijfers. Wel zijn er routekaarten crisis gemaakt voor het "
        "Utrechtse en het Gelderse deel van FoodValley, is er een webinar gehouden en zijn de lokale teams sterk "
        "betrokken.</p>",
        "notable_points": "<ul><li>Het project wordt in enquêtes en interviews vaak genoemd als herkenbaar en "
        "resultaatgericht.</li><li>Gemeenten hebben nu beter zicht op het landschap van de crisishulp.</li></ul>",
        "attention_points": "<ul><li>Het ambitieniveau scherper maken met de data en elk kwartaal "
        "rapporteren.</li></ul>",
        "kpis": [
            {
                "name": "Uithuisplaatsing na een crisis",
                "unit": "%",
                "direction": "lower",
                "baseline": (50, D(2018, 6, 30)),
                "target": (25, D(2021, 12, 31)),
                "target_note": "halveren",
                "headline": True,
                "measurements": [],
            },
        ],
    },
    {
        "slug": "van-18-min-naar-18-plus",
        "number": 4,
        "title": "Van 18- naar 18+",
        "summary": "Jongeren die 18 worden op weg helpen naar zelfstandigheid, zodat verlengde jeugdhulp alleen "
        "wordt ingezet als dat inhoudelijk nodig is.",
        "status": "uitvoering",
        "action_lines": ["kwetsbare-kinderen-zelfstandig"],
        "themes": ["begeleiding-18-min-18-plus"],
        "principles": ["we-doen-wat-echt-nodig-is", "we-werken-met-aanbieders-die-onze-visie-uitvoeren"],
        "partners": [],
        "ambitions": [
            ("A", "100 jeugdigen rond hun achttiende ondersteunen en volgen."),
            ("B", "De verlengde jeugdhulp met 50% laten dalen."),
        ],
        "work_lines": [
            ("", "In de casus stappen", "Lokale uitvoering en regie, niet regionaal aangestuurd."),
        ],
        "results": "<ul><li>Voor elke jeugdige van 16,5 jaar wordt een plan voor na de 18e verjaardag gemaakt.</li>"
        "<li>Het aantal jongeren van 18 jaar en ouder met jeugdhulp daalde met 42%: van 98 in oktober 2018 naar 57 "
        "in oktober 2020, met een laagste stand van 38 in juli 2020.</li><li>De kosten voor 18+ (zonder pleegzorg "
        "en jeugdreclassering) daalden tussen 2018 en 2020 van 3,4 naar 2,2 miljoen euro; een deel verschoof naar "
        "Wmo en beschermd wonen.</li></ul>",
        "notable_points": "<p>Sinds 2020 mogen jongeren tot hun 21e in een gezinshuis wonen. Dat beïnvloedt de "
        "verlengde jeugdhulp.</p>",
        "works_well": "<p>De lokale energie van de drie grote gemeenten.</p>",
        "attention_points": "<p>Intensieve samenwerking met wonen en Wmo is onmisbaar om verder te komen.</p>",
        "kpis": [
            {
                "name": "Jongeren van 18 jaar en ouder nog in de jeugdhulp",
                "unit": "jongeren",
                "direction": "lower",
                "baseline": (98, D(2018, 10, 1)),
                "target": (49, D(2021, 12, 31)),
                "target_note": "min 50%",
                "headline": True,
                "measurements": [
                    (D(2020, 7, 1), 38, "laagste stand"),
                    (D(2020, 10, 1), 57, ""),
                ],
            },
        ],
    },
    {
        "slug": "van-exclusieve-opvang-naar-inclusieve-voorzieningen",
        "number": 5,
        "title": "Van exclusieve opvang naar inclusieve voorzieningen",
        "summary": "Minder kinderen in groepsbegeleiding en -behandeling; waar het kan, gaan ze naar een gewone "
        "buitenschoolse opvang met extra ondersteuning.",
        "status": "on-hold",
        "status_note": "Deel A en B afgerond; deel C (dagbehandeling) staat on hold vanwege de inkoopstrategie",
        "action_lines": ["alle-kinderen-kansen"],
        "themes": ["ketenafstemming-onderwijs-zorg"],
        "principles": ["alle-kinderen-zijn-normaal"],
        "partners": ["youke"],
        "ambitions": [
            (
                "",
                "50% minder jeugdigen met (enkelvoudige) groepsgerichte hulp dan in 2018: van gemiddeld 400 naar "
                "200 per maand.",
            ),
        ],
        "work_lines": [
            ("A", "BSO+ normaliseren bij reguliere buitenschoolse opvang", ""),
            ("B", "Kaders voor respijtzorg vaststellen", ""),
            ("C", "Dagbehandeling transformeren", ""),
        ],
        "results": "<ul><li>13% minder kosten voor begeleiding en behandeling in groepen: ongeveer een miljoen euro "
        "per jaar.</li><li>60 kinderen maken gebruik van BSO+.</li><li>De pilot respijtzorg loopt een jaar langer, "
        "tot in 2021.</li></ul>",
        "attention_points": "<ul><li>In 70% van de gevallen gaat het om jongens.</li><li>Ruim 100 jongeren zitten "
        "langer dan twee jaar in een behandelgroep.</li><li>Nog weinig reguliere kinderopvang neemt ‘pluskinderen’ "
        "op.</li></ul>",
        "kpis": [
            {
                "name": "Jeugdigen in groepsbegeleiding of -behandeling (gemiddeld per maand)",
                "unit": "jeugdigen",
                "direction": "lower",
                "baseline": (400, D(2018, 10, 1)),
                "target": (200, D(2021, 12, 31)),
                "target_note": "min 50%",
                "headline": True,
                "measurements": [],
            },
        ],
    },
    {
        "slug": "versterken-actieve-regie",
        "number": 6,
        "title": "Versterken van actieve regie",
        "summary": "Gemeenten voeren actieve regie op de ingezette jeugdhulp, zodat jeugdigen en ouders de best "
        "passende hulp krijgen en de regio grip houdt op wat, hoe lang en wanneer.",
        "status": "uitvoering",
        "action_lines": ["betere-toegang"],
        "themes": ["doorontwikkeling-lokaal-team"],
        "principles": ["we-doen-wat-echt-nodig-is", "we-blijven-leren"],
        "partners": [],
        "ambitions": [
            ("", "Actieve regie op 30% van de cliënten, die samen 70% van de declaratiewaarde vertegenwoordigen."),
        ],
        "work_lines": [
            ("", "Regiedashboards per gemeente", "Medewerkers van lokale teams gekoppeld aan casussen."),
            ("", "Lokale methodieken voor actieve regie uitwisselen", ""),
            ("", "Samenwerkingsafspraken met GI's, aanbieders en lokale teams", ""),
        ],
        "results": "<p>Lokale teams en uitvoerende teams van GI's en aanbieders werken volgens de nieuwe "
        "samenwerkingsafspraken; de lokale dashboards hebben de aandacht.</p>",
        "notable_points": "<p>De scope is bijgesteld: van regionale sturing op cijfers naar samenwerkingsafspraken "
        "met lokale teams, GI's en jeugdhulporganisaties.</p>",
        "kpis": [],
    },
    {
        "slug": "jeugdbescherming-dichterbij",
        "number": 7,
        "title": "Jeugdbescherming dichterbij",
        "summary": "Een van de zes landelijke pilots: de jeugdbeschermingsketen zo inrichten dat kinderen veilig "
        "kunnen opgroeien en hulp na een melding niet te laat op gang komt.",
        "status": "uitvoering",
        "action_lines": ["jeugdigen-beter-beschermen"],
        "themes": ["jeugdbeschermingsketen"],
        "principles": ["we-doen-wat-echt-nodig-is", "een-kind-is-een-gezin"],
        "partners": ["raad-voor-de-kinderbescherming"],
        "municipalities": ["barneveld", "ede", "nijkerk", "scherpenzeel"],
        "ambitions": [
            (
                "",
                "De pilot Jeugdbescherming Dichterbij uitvoeren in de vier Gelderse gemeenten; de drie Utrechtse "
                "gemeenten delen in de leeropbrengsten.",
            ),
        ],
        "work_lines": [
            ("", "Team Jeugdlink", "Een vast team dat informatie en veiligheidsdoelen samenbrengt."),
            ("", "Incident als kans", "Een werkwijze die in Scherpenzeel wordt beproefd."),
        ],
        "results": "<ul><li>Team Jeugdlink is drie dagen per week actief in Ede en behandelde 22 casussen.</li>"
        "<li>Doorlooptijden nemen sterk af doordat er minder dubbel werk in de keten is.</li><li>Het gezin heeft één "
        "vast aanspreekpunt.</li></ul>",
        "works_well": "<ul><li>Van een estafette naar een teamaanpak.</li><li>Eerder en beter afstemmen.</li></ul>",
        "next_year_goals": "<p>De werkwijze in 2021 verbreden naar Scherpenzeel, Barneveld en Nijkerk.</p>",
        "kpis": [],
    },
]

ALKMAAR_PROJECTS = [
    # slug, number, title, summary, action line slugs
    (
        "bovenregionale-samenwerking",
        1,
        "Bovenregionale samenwerking",
        "Met West-Friesland en de Kop van Noord-Holland specialistische jeugdhulp in de eigen omgeving houden, te "
        "beginnen met een integrale crisisdienst per 2017 en vernieuwing van de jeugdzorg-plus.",
        ["meer-kinderen-zo-thuis-mogelijk"],
    ),
    (
        "vernieuwde-bekostiging",
        2,
        "Vernieuwde bekostiging",
        "Eén bekostigingssystematiek die eenvoud, zicht op kosten en resultaat en gezonde prikkels combineert, op "
        "tijd klaar voor de inkoop vanaf 2018.",
        [],
    ),
    (
        "sturen-op-resultaat",
        3,
        "Sturen op resultaat",
        "Gemeenten, aanbieders en cliënten krijgen zicht op effect en kwaliteit van jeugdhulp, met indicatoren als "
        "uitval, tevredenheid en doelrealisatie.",
        [],
    ),
    (
        "vernieuwing-drang-en-dwanghulp",
        4,
        "Vernieuwing van drang- en dwanghulp",
        "Gezinnen zo veel mogelijk in het vrijwillig kader helpen, met een naadloze aansluiting tussen vrijwillige "
        "en gedwongen hulp.",
        ["jeugdigen-beter-beschermen"],
    ),
    (
        "client-in-positie",
        5,
        "Cliënt in positie: uitgaan van keuzevrijheid",
        "Jeugdigen en ouders maken op de beslismomenten een geïnformeerde keuze, met begrijpelijke informatie over "
        "aanbieders.",
        ["betere-toegang"],
    ),
    (
        "aansluiting-18-min-18-plus",
        6,
        "Aansluiting van hulp op de grens van 18-/18+",
        "Geen jongere tussen wal en schip: praktische oplossingen op elk leefgebied bij de overgang naar "
        "volwassenheid.",
        ["kwetsbare-kinderen-zelfstandig"],
    ),
    (
        "onderwijs-zorgarrangementen",
        7,
        "Onderwijs-zorgarrangementen",
        "School, gemeente en zorgkantoor stemmen hun ondersteuning af in arrangementen voor onder meer thuiszitters "
        "en kinderen in residentiële zorg.",
        ["alle-kinderen-kansen"],
    ),
    (
        "vernieuwing-residentiele-zorg-en-pleegzorg",
        8,
        "Vernieuwing van residentiële zorg en pleegzorg",
        "Van zwaar naar licht: minder intramurale zorg, meer pleegzorg en waar het veilig kan netwerkpleegzorg bij "
        "bekenden van het kind.",
        ["meer-kinderen-zo-thuis-mogelijk"],
    ),
    (
        "slimme-en-effectieve-preventie",
        9,
        "Slimme en effectieve preventie",
        "Eenvoudige vragen vroeg en licht oplossen, met snelle doorverwijzing naar de best passende hulp als dat "
        "nodig is.",
        ["betere-toegang"],
    ),
]

# One sentence per pilot from the national overview, in our own words.
PILOT_SUMMARIES = {
    "Aanvullende zorg in buurtgerichte integrale teams": "Buurtteams krijgen specialistische kennis in huis, zodat "
    "gezinnen minder vaak doorverwezen hoeven te worden.",
    "Buurtgezinnen Roermond en Roerdalen": "Gezinnen uit de buurt steunen een gezin dat het even zwaar heeft, als "
    "aanvulling op professionele hulp.",
    "CJG positioneren in de huisartsenpraktijk": "Een medewerker van het Centrum voor Jeugd en Gezin houdt spreekuur "
    "in de huisartsenpraktijk.",
    "Verbinding CJG met huisartsenpraktijk": "Huisarts en CJG spreken af hoe zij samen kijken naar wat een gezin "
    "nodig heeft voordat er wordt verwezen.",
    "Specialistische ondersteuner jeugdarts": "Een specialistische ondersteuner helpt de jeugdarts om vragen eerder "
    "en lichter op te lossen.",
    "POH-GGZ jeugd": "Een praktijkondersteuner voor jeugd-GGZ bij de huisarts biedt kortdurende hulp dicht bij huis.",
    "Samenwerking huisartsen en medisch domein Tilburg Noord": "Huisartsen en het sociaal domein in een wijk werken "
    "samen rond kinderen met psychosociale klachten.",
    "JIM / InVerbinding": "Jongeren kiezen zelf een mentor uit hun eigen netwerk die meepraat over de hulp en "
    "uithuisplaatsing helpt voorkomen.",
    "Time-out bed voor jeugdigen": "Een korte, geplande time-out buiten huis om een escalatie te doorbreken zonder "
    "langdurige uithuisplaatsing.",
    "Back on track": "Intensieve ambulante hulp aan huis om een dreigende uithuisplaatsing te voorkomen.",
    "Niet de kinderen, maar de ouders uit huis": "Bij een scheiding blijven de kinderen in huis wonen en wisselen de "
    "ouders elkaar af.",
    "Buurtgezinnen IJmond": "Steungezinnen uit de buurt vangen kinderen tijdelijk op, zodat ze niet ver weg geplaatst "
    "worden.",
    "Verblijf in gezinsvormen": "Kleinschalige gezinsvormen als alternatief voor een leefgroep.",
    "Verder Thuis": "Jeugdigen die niet thuis kunnen wonen, krijgen een plek die zo veel mogelijk op thuis lijkt.",
    "Leefhuizen / Verblijf in de wijk": "Kleine woonvoorzieningen midden in de wijk in plaats van op een "
    "instellingsterrein.",
    "Aanbodanalyse met in- en uitsluitingscriteria": "Een analyse van het aanbod laat zien welke hulp voor welke "
    "jeugdigen bedoeld is.",
    "Analyse uitplaatsing na behandeling": "Data-analyse van waar jeugdigen na een behandeling met verblijf "
    "terechtkomen.",
    "Analyse stagnatie (hoog)specialistische jeugdhulp": "Onderzoek naar waarom trajecten in de zwaarste jeugdhulp "
    "vastlopen.",
    "Zicht op uitval in de jeugdhulp": "Monitoring van jeugdigen die voortijdig met hulp stoppen en wat daarachter "
    "zit.",
    "Regionale vraag en aanbod jeugdhulp met verblijf": "Vraag en aanbod van verblijfsplekken in de regio naast "
    "elkaar gelegd.",
    "Jeugdexperts in de school": "Jeugdprofessionals werken op school, zodat leerkrachten snel kunnen overleggen.",
    "Vroegsignalering in het primair onderwijs": "Basisscholen en jeugdhulp spreken af hoe zorgen over een kind "
    "vroeg worden opgepakt.",
    "School als vindplaats": "Een maatschappelijke businesscase voor hulp die op school begint.",
    "Rebound (onderwijszorgarrangement)": "Een tijdelijke plek met onderwijs en zorg voor leerlingen die in de klas "
    "vastlopen.",
    "Maatwerktrajecten in het primair onderwijs": "Arrangementen op maat voor kinderen die met gewone ondersteuning "
    "niet verder komen.",
    "Onderwijs Jeugd arrangement": "Onderwijs en jeugdhulp financieren en organiseren samen één arrangement.",
    "GGZ op het MBO": "Laagdrempelige GGZ-ondersteuning op de mbo-school om schooluitval te voorkomen.",
    "Actieplan thuiszitters met autisme": "Een gezamenlijk plan om leerlingen met autisme die thuiszitten terug naar "
    "school te helpen.",
    "Toekomstplannen": "Vanaf 16 jaar een toekomstplan voor alle leefgebieden, zodat de overgang naar 18 soepel "
    "verloopt.",
    "Schakeloverleg 18-/18+": "Een vast overleg waarin jeugdhulp, Wmo en werk en inkomen jongeren rond hun 18e "
    "samen bespreken.",
    "Kwetsbare Jongeren": "Een aanpak voor jongeren zonder vangnet die dreigen tussen wal en schip te vallen.",
    "Verder Thuis 18-/18+": "Begeleiding naar zelfstandig wonen voor jongeren die uit een verblijfsvoorziening komen.",
    "Mobiele kleine woningen bij gezinshuizen": "Kleine woningen bij een gezinshuis als tussenstap naar zelfstandig "
    "wonen.",
    "Samenwerken aan veiligheid": "Partners in het veiligheidsdomein werken samen aan preventie van huiselijk geweld.",
    "Gezinscoaches in een systeemgerichte aanpak": "Gezinscoaches kijken naar het hele gezin in plaats van alleen "
    "naar het kind.",
    "Scheiden zonder schade": "Ouders in een scheiding krijgen vroeg hulp, zodat kinderen er zo min mogelijk last "
    "van hebben.",
    "Integrale crisisdienst": "Eén crisisdienst voor opvoedproblemen en psychiatrie, zodat gezinnen niet van loket "
    "naar loket gaan.",
    "Verkorten doorlooptijd jeugdbeschermingsketen": "Minder schakels en dubbel werk, zodat beschermingsmaatregelen "
    "sneller tot hulp leiden.",
    "Drentse jeugdacademie": "Een leeromgeving voor professionals in de jeugdbescherming.",
    "Leer- en reflectiepilot jeugdprofessionals": "Professionals reflecteren samen op casussen en leren daarvan.",
    "Traineeprogramma De jeugdprofessional van de toekomst": "Een traineeship dat nieuwe jeugdprofessionals opleidt "
    "voor werken in de wijk en op school.",
}

PHASE_CYCLE = ["implementatie", "evaluatie", "borging-uitrol", "planvorming", "implementatie"]
EVIDENCE_CYCLE = ["beschreven", "goed-beschreven", "eerste-aanwijzingen", "goede-aanwijzingen", None]

# FoodValley's own examples from the mid-term evaluation, linked to their projects.
FOODVALLEY_PRACTICES = [
    {
        "slug": "mockingbird-familiemodel",
        "title": "Mockingbird-familiemodel",
        "summary": "Een constellatie van pleeggezinnen rond een ervaren steungezin, zodat pleegouders elkaar helpen "
        "en plaatsingen minder vaak vastlopen.",
        "theme": "voorzieningen-zo-thuis-mogelijk",
        "subthemes": ["opvang-in-pleeggezinnen"],
        "phase": "planvorming",
        "kind": "pilot",
        "evidence": "beschreven",
        "project": "afbouw-verblijf",
    },
    {
        "slug": "matrix-passende-samenwerking",
        "title": "Matrix passende samenwerking onderwijs en jeugdhulp",
        "summary": "Een overzicht dat per situatie laat zien wie verantwoordelijk is: school, samenwerkingsverband, "
        "lokaal team of jeugdhulp.",
        "theme": "ketenafstemming-onderwijs-zorg",
        "subthemes": ["samenwerking-partners-afspraken"],
        "phase": "borging-uitrol",
        "kind": "werkwijze",
        "evidence": "goed-beschreven",
        "project": "onderwijs-en-jeugdhulp",
    },
    {
        "slug": "bso-plus-in-reguliere-opvang",
        "title": "BSO+ in de reguliere buitenschoolse opvang",
        "summary": "Kinderen die extra ondersteuning nodig hebben, gaan naar een gewone BSO met extra begeleiding in "
        "plaats van naar een aparte groep.",
        "theme": "ketenafstemming-onderwijs-zorg",
        "subthemes": [],
        "phase": "implementatie",
        "kind": "voorbeeld",
        "evidence": "eerste-aanwijzingen",
        "project": "van-exclusieve-opvang-naar-inclusieve-voorzieningen",
    },
    {
        "slug": "routekaarten-crisis",
        "title": "Routekaarten crisis",
        "summary": "Per deel van de regio één routekaart voor wat te doen vóór, tijdens en na een crisis.",
        "theme": "voorkomen-uithuisplaatsing",
        "subthemes": ["versterken-ambulante-jeugdhulp"],
        "phase": "implementatie",
        "kind": "werkwijze",
        "evidence": "beschreven",
        "project": "crisis-als-kans",
    },
    {
        "slug": "team-jeugdlink",
        "title": "Team Jeugdlink: van estafette naar teamaanpak",
        "summary": "Lokaal team, Veilig Thuis, Raad en gecertificeerde instelling werken vanaf de melding met één "
        "gezamenlijk plan van aanpak.",
        "theme": "jeugdbeschermingsketen",
        "subthemes": [],
        "phase": "implementatie",
        "kind": "werkwijze",
        "evidence": "eerste-aanwijzingen",
        "project": "jeugdbescherming-dichterbij",
        "evaluation": "ondertoezichtstelling-in-vier-weken",
    },
]

CASE_EVALUATIONS = [
    {
        "slug": "ondertoezichtstelling-in-vier-weken",
        "title": "Ondertoezichtstelling in vier weken in plaats van acht maanden",
        "summary": "Door vanaf het begin met één plan van aanpak te werken, kreeg een gezin binnen vier weken een "
        "ondertoezichtstelling en passende hulp.",
        "date": D(2020, 11, 1),
        "project": "jeugdbescherming-dichterbij",
        "themes": ["jeugdbeschermingsketen"],
        "situation": "<p>Een sociaal team maakte zich zorgen over de veiligheid van de kinderen in een gezin. Eerdere "
        "vrijwillige hulp had niet genoeg opgeleverd.</p>",
        "approach": "<p>Het sociaal team begon met een gezamenlijk plan van aanpak en bracht de casus in bij de "
        "zorgtafel. Team Jeugdlink voegde de al bekende informatie samen met de veiligheidsdoelen. Na een evaluatie "
        "van die doelen met het gezin werd duidelijk dat een ondertoezichtstelling nodig was. De Raad voor de "
        "Kinderbescherming toetste het bestaande plan, en de rechtbank sprak de maatregel uit op basis van dat "
        "plan.</p>",
        "outcome": "<p>Binnen vier weken was er een ondertoezichtstelling en was de juiste hulp toegewezen. Drie "
        "organisaties hoefden niet na elkaar elk een eigen plan te maken.</p>",
        "lessons_worked": "<ul><li>Eén plan van aanpak dat alle partijen gebruiken.</li><li>De Raad toetst in plaats "
        "van opnieuw te onderzoeken.</li><li>Eén vast aanspreekpunt voor het gezin.</li></ul>",
        "lessons_to_change": "<ul><li>De voorbereiding (randvoorwaarden, ruimte voor medewerkers) kostte veel tijd; "
        "start daar eerder mee.</li><li>Andere gemeenten moeten zelf ambtelijk trekkerschap organiseren om de "
        "werkwijze over te nemen.</li></ul>",
        "time": (4, "weken"),
        "norm": (8, "maanden"),
        "norm_description": "van zorgen over veiligheid tot ondertoezichtstelling en passende hulp",
        "participants": [
            ("Medewerker sociaal team", None),
            ("Team Jeugdlink", None),
            ("Raadsonderzoeker", "raad-voor-de-kinderbescherming"),
            ("Ouders", None),
        ],
        "consent": "samengesteld",
        "consent_note": "Gebaseerd op het voorbeeld uit de tussenevaluatie; details zijn weggelaten.",
        "review_date": D(2027, 11, 1),
    },
    {
        "slug": "terug-naar-huis-met-24-uurs-ambulante-hulp",
        "title": "Terug naar huis met ambulante hulp die dag en nacht beschikbaar is",
        "summary": "Een tiener woonde al lang in een leefgroep. Een klussenploeg zocht met het gezin naar een weg "
        "terug naar huis, met hulp die ook ’s nachts kon worden ingezet.",
        "date": D(2020, 9, 1),
        "project": "afbouw-verblijf",
        "themes": ["voorkomen-uithuisplaatsing", "voorzieningen-zo-thuis-mogelijk"],
        "situation": "<p>Een tiener verbleef al geruime tijd in een residentiële groep. Professionals dachten dat er "
        "geen alternatief was; de ouders wilden hun kind graag weer thuis hebben.</p>",
        "approach": "<p>Een klussenploeg van aanbieder, lokaal team en beleidsmedewerker stapte in de casus. Samen "
        "met het gezin en een ervaringsdeskundige werd een plan gemaakt met ambulante hulp die 24 uur per dag "
        "inzetbaar is en steun van een buurtgezin.</p>",
        "outcome": "<p>De jongere woont weer thuis. De hulp wordt stap voor stap afgeschaald.</p>",
        "lessons_worked": "<ul><li>Direct ‘in de casus stappen’ met mandaat van de betrokken organisaties.</li>"
        "<li>Ambulante hulp die ook buiten kantoortijd komt.</li><li>De inbreng van een ervaringsdeskundige.</li></ul>",
        "lessons_to_change": "<ul><li>Formele en informele steun eerder combineren.</li><li>De school eerder "
        "betrekken.</li></ul>",
        "time": (3, "maanden"),
        "norm": None,
        "norm_description": "",
        "participants": [
            ("Jeugdige en ouders", None),
            ("Ambulant hulpverlener", "entrea-lindenhout"),
            ("Medewerker lokaal team", None),
            ("Ervaringsdeskundige", None),
        ],
        "consent": "samengesteld",
        "consent_note": "Samengesteld uit ervaringen in de klussenploegen van Afbouw verblijf.",
        "review_date": D(2025, 9, 1),
    },
]
