import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from knowledge.importer import to_html
from knowledge.models import BestPracticePage, CaseEvaluationPage

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
PRACTICE = (EXAMPLES / "goed-voorbeeld-buurtgezinnen.md").read_text(encoding="utf-8")
EVALUATION = (EXAMPLES / "casusevaluatie-jeugdlink.md").read_text(encoding="utf-8")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_markdown", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fail(*args):
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_markdown", *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue(), str(error.value)


def test_the_example_files_import(demo_site, anonymous):
    out, _ = run(str(EXAMPLES / "goed-voorbeeld-buurtgezinnen.md"), str(EXAMPLES / "casusevaluatie-jeugdlink.md"))
    assert "aangemaakt: goed-voorbeeld ‘Buurtgezinnen in FoodValley’" in out
    practice = BestPracticePage.objects.get(slug="buurtgezinnen-foodvalley")
    assert practice.live and practice.region.slug == "food-valley"
    assert practice.main_theme.slug == "voorkomen-uithuisplaatsing"
    assert practice.action_line.slug == "meer-kinderen-zo-thuis-mogelijk"  # derived from the theme
    assert [p.slug for p in practice.related_projects.all()] == ["afbouw-verblijf"]
    assert "<em>goed werkt</em>" in practice.results
    html = anonymous.get("/goede-voorbeelden/buurtgezinnen-foodvalley/").content.decode()
    assert "steungezin" in html and "Goed beschreven" in html
    # A case evaluation is not published directly: it waits for a second editor.
    evaluation = CaseEvaluationPage.objects.get(slug="een-plan-van-aanpak-voor-drie-organisaties")
    assert not evaluation.live and evaluation.current_workflow_state is not None
    latest = evaluation.get_latest_revision_as_object()
    assert latest.time_to_result_value == 4 and latest.norm_unit == "maanden"
    assert [p.role for p in latest.participants.all()][:2] == ["Medewerker sociaal team", "Team Jeugdlink"]
    assert "vier weken" in latest.outcome


def test_dry_run_reports_and_writes_nothing(demo_site, tmp_path):
    before = BestPracticePage.objects.count()
    out, _ = run(write(tmp_path, "a.md", PRACTICE), "--dry-run")
    assert "zou aanmaken: goed-voorbeeld ‘Buurtgezinnen in FoodValley’" in out
    assert BestPracticePage.objects.count() == before


def test_importing_again_updates_instead_of_duplicating(demo_site, tmp_path):
    run(write(tmp_path, "a.md", PRACTICE))
    out, _ = run(write(tmp_path, "b.md", PRACTICE.replace("Buurtgezinnen in FoodValley", "Buurtgezinnen")), "--dry-run")
    assert "zou bijwerken" in out
    run(str(tmp_path / "b.md"))
    assert BestPracticePage.objects.filter(slug="buurtgezinnen-foodvalley").count() == 1
    assert BestPracticePage.objects.get(slug="buurtgezinnen-foodvalley").title == "Buurtgezinnen"


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            ("thema: voorkomen-uithuisplaatsing", "thema: bestaat-niet"),
            ":8: thema: Geen hoofdthema met slug ‘bestaat-niet’",
        ),
        (("regio: food-valley", "regio: atlantis"), ":7: regio: Geen regio met slug ‘atlantis’"),
        (("title: Buurtgezinnen in FoodValley\n", ""), ":1: title: Een titel is verplicht."),
        (("doelgroep: Gezinnen", "bijzonder: x\ndoelgroep: Gezinnen"), ":12: bijzonder: Onbekend veld"),
        (("fase: implementatie", "fase: ergens"), ":10: fase: Geen fase met slug ‘ergens’"),
        (("herbeoordelen_op: 2027-10-01", "herbeoordelen_op: volgend jaar"), "herbeoordelen_op: Geen geldige datum"),
        (("## Resultaten en onderbouwing", "## Iets anders"), ":27: ## Iets anders: Onbekende sectie"),
        (("---\ntype", "type"), ":1: ---: Het bestand begint niet met een kop"),
        (("type: goed-voorbeeld", "type: recept"), ":2: type: Kies ‘casusevaluatie’ of ‘goed-voorbeeld’"),
    ],
)
def test_each_bad_practice_file_gets_an_error_with_file_line_and_field(demo_site, tmp_path, change, expected):
    path = write(tmp_path, "fout.md", PRACTICE.replace(*change, 1))
    errors, summary = fail(path)
    assert f"{path}{expected}" in errors or (
        expected.startswith("herbeoordelen_op") and f"{path}:" in errors and expected in errors
    ), errors
    assert "er is niets geïmporteerd" in summary


def test_personal_data_is_reported_on_its_own_line(demo_site, tmp_path):
    text = EVALUATION.replace("Vrijwillige hulp had onvoldoende effect.", "Bel moeder op 06-12345678.")
    path = write(tmp_path, "casus.md", text)
    errors, _ = fail(path)
    line = next(n for n, line in enumerate(text.splitlines(), 1) if "06-12345678" in line)
    assert f"{path}:{line}: ## De situatie: " in errors
    assert "telefoonnummer" in errors and "‘06-12345678’" in errors


def test_a_case_evaluation_needs_the_anonymisation_confirmed(demo_site, tmp_path):
    errors, _ = fail(write(tmp_path, "casus.md", EVALUATION.replace("geanonimiseerd: ja", "geanonimiseerd: nee")))
    assert "geanonimiseerd: Bevestig" in errors


def test_missing_required_section_of_a_case_evaluation(demo_site, tmp_path):
    text = EVALUATION.replace(
        "## Het resultaat\n\nBinnen vier weken waren er een ondertoezichtstelling en passende hulp.\n", ""
    )
    errors, _ = fail(write(tmp_path, "casus.md", text))
    assert "## het resultaat: Deze sectie is verplicht." in errors


def test_one_bad_file_means_nothing_is_imported(demo_site, tmp_path):
    good = write(tmp_path, "goed.md", PRACTICE)
    bad = write(tmp_path, "slecht.md", EVALUATION.replace("themas: jeugdbeschermingsketen", "themas: onzin"))
    before = (BestPracticePage.objects.count(), CaseEvaluationPage.objects.count())
    errors, _ = fail(good, bad)
    assert "slecht.md:" in errors and "goed.md" not in errors
    assert (BestPracticePage.objects.count(), CaseEvaluationPage.objects.count()) == before


def test_duplicate_slugs_in_one_run_are_refused(demo_site, tmp_path):
    errors, _ = fail(write(tmp_path, "a.md", PRACTICE), write(tmp_path, "b.md", PRACTICE))
    assert "b.md:4: slug: Dezelfde slug als in" in errors


def test_many_files_show_a_progress_bar(demo_site, tmp_path):
    paths = [
        write(tmp_path, f"{n}.md", PRACTICE.replace("slug: buurtgezinnen-foodvalley", f"slug: buurtgezinnen-{n}"))
        for n in range(6)
    ]
    out, err = run(*paths, "--dry-run")
    assert "controleren" in err and "6/6" in err
    assert out.count("zou aanmaken") == 6


def test_markdown_is_sanitised_before_it_becomes_rich_text():
    html = to_html(
        "Hallo <script>alert(1)</script> **vet** [link](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n"
        '<p style="color:red" onclick="x()">tekst</p>\n\n# Kop'
    )
    assert "<script" not in html and "alert(1)</" not in html and "onerror" not in html
    assert "javascript:" not in html and "style=" not in html and "onclick" not in html
    assert "<strong>vet</strong>" in html and "<h3>Kop</h3>" in html
