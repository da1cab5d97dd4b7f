"""Every taxonomy item of seed 004 is present after load_demo (names written out from the seed)."""

import pytest

from accounts.models import Organisation, OrganisationKind
from knowledge.models import ActionLine, MainTheme, Phase, SubTheme

ACTION_LINES = {
    1: "Betere toegang tot jeugdhulp",
    2: "Meer kinderen zo thuis mogelijk laten opgroeien",
    3: "Alle kinderen de kans bieden zich te ontwikkelen",
    4: "Kwetsbare kinderen beter op weg helpen zelfstandig te worden",
    5: "Jeugdigen beter beschermen als hun ontwikkeling gevaar loopt",
    6: "Investeren in vakmanschap",
}

MAIN_THEMES = [
    "Doorontwikkeling (visie) lokaal team",
    "Taken toegang",
    "Stimuleren samenwerking toegangspoorten",
    "Voorkomen uithuisplaatsing",
    "Voorzieningen bij uithuisplaatsing: zo thuis mogelijk",
]

SOME_SUBTHEMES = [
    "Eenduidige visie",
    "Eerstelijns hulp",
    "Crisisplaatsingen",
    "Ervaringsdeskundigen",
    "Onderwijs",
    "Versterken (intensieve) ambulante jeugdhulp",
    "Opvang in pleeggezinnen",
    "Ontwikkeling kleinschalige woonvoorzieningen",
]

SOME_REGIONS = ["Food Valley", "Achterhoek", "Nijmegen", "Twente", "Zeeland", "Drenthe", "Noord-Veluwe", "Arnhem"]


def test_six_action_lines_in_order(demo_site):
    lines = list(ActionLine.objects.order_by("number"))
    assert [line.number for line in lines] == [1, 2, 3, 4, 5, 6]
    for line in lines:
        assert ACTION_LINES[line.number].lower()[:25] in line.name.lower()


def test_seventeen_main_themes_each_with_subthemes(demo_site):
    assert MainTheme.objects.count() == 17
    names = set(MainTheme.objects.values_list("name", flat=True))
    for name in MAIN_THEMES:
        assert name in names
    for theme in MainTheme.objects.all():
        assert theme.subthemes.exists(), theme.name
    assert {line.themes.count() for line in ActionLine.objects.all()} <= {2, 3, 4}


@pytest.mark.parametrize("name", SOME_SUBTHEMES)
def test_subthemes_from_the_seed(demo_site, name):
    assert SubTheme.objects.filter(name__icontains=name).exists()


def test_all_reference_subthemes_are_loaded(demo_site):
    from knowledge.reference_data import ACTION_LINES as DATA

    expected = {sub["slug"] for line in DATA for theme in line["themes"] for sub in theme["subthemes"]}
    assert len(expected) > 50
    assert set(SubTheme.objects.values_list("slug", flat=True)) >= expected


def test_forty_two_regions(demo_site):
    regions = Organisation.objects.regions()
    assert regions.count() == 42
    names = set(regions.values_list("name", flat=True))
    for name in SOME_REGIONS:
        assert name in names
    assert regions.filter(slug="food-valley").exists()


def test_foodvalley_has_its_seven_municipalities(demo_site):
    region = Organisation.objects.get(slug="food-valley")
    names = sorted(m.name for m in region.municipalities)
    assert names == sorted(
        f"Gemeente {n}" for n in ["Barneveld", "Ede", "Nijkerk", "Renswoude", "Rhenen", "Scherpenzeel", "Veenendaal"]
    )
    assert all(m.kind == OrganisationKind.MUNICIPALITY for m in region.municipalities)


def test_phases(demo_site):
    assert list(Phase.objects.values_list("slug", flat=True)) == [
        "planvorming",
        "implementatie",
        "evaluatie",
        "borging-uitrol",
    ]
