"""The data-capacity self-assessment: pages, printable, and the summary of answer files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import REPO
from pypdf import PdfReader

from ctkb.assessment import Area
from ctkb.build import BuiltSite
from ctkb.catalog import Catalog, load_catalog
from ctkb.cli import main
from ctkb.pages import render_sources
from ctkb.project import Project

SEVEN_AREAS = [
    "reporting-sharing",
    "systems-databases",
    "do-no-harm",
    "data-protection",
    "classifications",
    "collection-tools",
    "data-gaps",
]


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog(Project.load(REPO)).public()


def test_area_page_shows_every_level_with_its_next_step_and_resources(tiny_project: Project) -> None:
    sources = render_sources(load_catalog(tiny_project).public())
    page = sources["es/assessment/data-protection.md"]
    assert "<strong>0 · No existe.</strong> P1 nivel 0 en la práctica." in page
    assert "<em>Próximo paso:</em> P1 paso desde 0." in page
    assert "<em>Para mantenerlo:</em> P1 paso desde 3." in page  # level 3 has no level above
    assert '<a href="../glossary/screening.html">' in page  # a resource, titled by its record
    index = sources["en/assessment/index.md"]
    assert "Your answers never leave this device" in index
    assert '<a href="../assessment/data-protection.html">Data protection</a>' not in index  # same folder
    assert '<a href="data-protection.html">Data protection</a>' in index


def test_interactive_page_embeds_the_same_questions_and_sends_nothing(tiny_project: Project) -> None:
    sources = render_sources(load_catalog(tiny_project).public())
    page = sources["es/assessment/self-assessment.md"]
    data = page.split('<script type="application/json" id="ctkb-assessment-data">')[1].split("</script>")[0]
    parsed = json.loads(data)
    question = parsed["areas"][0]["questions"][0]
    assert question["id"] == "data-protection/q1" and question["text"] == "¿Pregunta 1?"
    assert question["levels"][1]["resources"] == [{"href": "forms/referral", "title": "Formulario de derivación"}]
    assert parsed["root"] == "../"
    assert page.count('type="radio"') == 5 * 4
    assert '<button type="reset" class="md-button">Borrar todas las respuestas</button>' in page
    assert "<form" in page and " action=" not in page  # a form that is never submitted anywhere
    assert "nombre" not in page.split("<form")[1].split("</form>")[0].lower()  # no field for a person's name


def test_questionnaire_prints_with_tick_boxes_and_no_name_field(tiny_project: Project) -> None:
    sources = render_sources(load_catalog(tiny_project).public())
    printable = sources["en/assessment/questionnaire.md"]
    assert printable.count('class="ctkb-box"') == 5 * 4
    assert "Do not write any person&#39;s name on this sheet." in printable


def _answers(path: Path, levels: dict[str, int | None], **meta: str) -> Path:
    data = {"format": "ctkb-self-assessment", "version": 1, "date": "2026-11-30", "answers": levels, **meta}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _run(args: list[str]) -> tuple[int, str]:
    from click.testing import CliRunner

    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def test_summary_counts_levels_per_question_and_hides_names_unless_asked(tiny_project: Project, tmp_path: Path) -> None:
    one = _answers(tmp_path / "a.json", {"data-protection/q1": 0, "data-protection/q2": 3}, organisation="Casa A")
    two = tmp_path / "b.csv"
    two.write_text(
        "date,organisation,country,question,level\n"
        "2026-11-30,,GT,data-protection/q1,2\n2026-11-30,,GT,data-protection/q2,3\n2026-11-30,,GT,data-protection/q3,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, output = _run(
        ["assessment", "summarise", "--root", str(tiny_project.root), str(one), str(two), "--out", str(out)]
    )
    assert code == 0, output
    with (out / "questions.csv").open(encoding="utf-8") as rows:
        by_question = {row["question"]: row for row in csv.DictReader(rows)}
    assert [by_question["data-protection/q1"][f"level_{n}"] for n in range(4)] == ["1", "0", "1", "0"]
    assert by_question["data-protection/q2"]["level_3"] == "2"
    assert by_question["data-protection/q3"]["unanswered"] == "2"
    with (out / "areas.csv").open(encoding="utf-8") as rows:
        area = next(csv.DictReader(rows))
    # a: (0 + 3) / 6 = 50; b: (2 + 3) / 6 = 83; median of 50 and 83
    assert area["organisations_scored"] == "2" and area["median_score"] == "66.5"
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "Countries: GT." in summary and "Casa A" not in summary
    assert "<svg" in (out / "summary.html").read_text(encoding="utf-8")
    code, _ = _run(
        ["assessment", "summarise", "--root", str(tiny_project.root), str(one), "--out", str(out), "--names"]
    )
    assert "Casa A" in (out / "summary.md").read_text(encoding="utf-8")


def test_summary_refuses_bad_files_and_writes_nothing(tiny_project: Project, tmp_path: Path) -> None:
    bad = _answers(tmp_path / "bad.json", {"data-protection/q9": 1, "data-protection/q1": 5})
    other = tmp_path / "other.csv"
    other.write_text("name,score\nx,1\n", encoding="utf-8")
    out = tmp_path / "out"
    code, output = _run(
        ["assessment", "summarise", "--root", str(tiny_project.root), str(bad), str(other), "--out", str(out)]
    )
    assert code == 1
    assert "bad.json: answers, data-protection/q9: not a question of this self-assessment" in output
    assert "bad.json: answers, data-protection/q1: 5 is not a level: use 0, 1, 2 or 3" in output
    assert "other.csv:1: not a ctkb self-assessment file" in output
    assert not out.exists()


def test_shipped_self_assessment_has_seven_areas_of_five_to_eight_questions(shipped: Catalog) -> None:
    areas = shipped.of(Area)
    assert sorted(areas, key=lambda a: areas[a].number) == SEVEN_AREAS
    for area in areas.values():
        assert 5 <= len(area.questions) <= 8, area.id
        assert area.sources, area.id
        for question in area.questions:
            assert any(level.resources for level in question.levels), f"{area.id}/{question.id}"


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_questionnaire_pdfs_stay_within_their_pages(shipped_site: BuiltSite, paper: str) -> None:
    for lang in ("en", "es"):
        folder = shipped_site.site_dir / ("" if lang == "en" else lang)
        reader = PdfReader(folder / "assessment" / "pdf" / f"questionnaire-{paper}.pdf")
        assert 2 <= len(reader.pages) <= 12, (lang, len(reader.pages))
        text = "".join(page.extract_text() for page in reader.pages)
        assert ("Do not write any person's name" if lang == "en" else "No escriba el nombre") in text
