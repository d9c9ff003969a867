"""A consultation round end to end: workbooks written, filled by code as reviewers would, read back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from openpyxl import load_workbook

from ctkb.catalog import load_catalog
from ctkb.consultations import Round
from ctkb.errors import ErrorList
from ctkb.pages import render_sources
from ctkb.project import Project
from ctkb.workbooks import export_workbook, import_workbooks, write_results

BIN = Path(sys.executable).parent


def _export(project: Project, folder: Path) -> Path:
    path = folder / "round.xlsx"
    export_workbook(load_catalog(project), "consultation-1", ("indicators", "workflows", "forms"), path)
    return path


def _fill(template: Path, target: Path, about: tuple[str, str], answers: dict[str, dict[str, tuple[str, ...]]]) -> Path:
    """A reviewer's copy: `answers` maps sheet → item → (verdict, comment, proposal)."""
    book = load_workbook(template)
    book["About"]["B6"], book["About"]["B7"] = about
    for sheet_name, by_item in answers.items():
        sheet = book[sheet_name]
        for row in sheet.iter_rows(min_row=2):
            if row[0].value in by_item:
                for cell, value in zip(row[4:7], by_item[str(row[0].value)], strict=False):
                    cell.value = value
    book.save(target)
    return target


def test_the_workbook_locks_the_texts_and_offers_the_verdicts(tiny_project: Project, tmp_path: Path) -> None:
    book = load_workbook(_export(tiny_project, tmp_path))
    assert book.sheetnames == ["About", "indicators", "workflows", "forms", "_ctkb"]
    assert book["_ctkb"].sheet_state == "hidden"
    sheet = book["indicators"]
    assert [cell.value for cell in sheet[2][:2]] == ["ind-001", "indicators/ind-001.html"]
    assert "Someone else holds the person's documents" in str(sheet["C2"].value)
    assert "Otra persona retiene los documentos" in str(sheet["D2"].value)
    assert sheet.protection.sheet and sheet["C2"].protection.locked and not sheet["E2"].protection.locked
    rules = sheet.data_validations.dataValidation
    assert rules and rules[0].formula1 == '"keep,change,remove"' and "E2" in str(rules[0].sqref)
    assert book["workflows"]["A2"].value == "referral#notice"
    names = [str(cell.value or "") for row in book["About"].iter_rows() for cell in row]
    assert not any("name" in text.casefold() and "organisation /" not in text for text in names[:3])


def test_a_round_trip_writes_the_report_and_the_proposals(tiny_project: Project, tmp_path: Path) -> None:
    template = _export(tiny_project, tmp_path)
    first = _fill(
        template,
        tmp_path / "a.xlsx",
        ("ngo", "GT"),
        {
            "indicators": {"ind-001": ("keep", "Clear.", None), "ind-002": ("change", None, "A better title")},
            "workflows": {"referral#notice": ("cambiar", "Add the child protection line.", None)},
        },
    )
    second = _fill(
        template, tmp_path / "b.xlsx", ("shelter", "hn"), {"indicators": {"ind-001": ("remove", "Too vague.", None)}}
    )
    errors = ErrorList()
    catalog = load_catalog(tiny_project)
    found = import_workbooks(catalog, [first, second], "consultation-1", errors)
    assert not errors
    report, proposals = write_results(found, "consultation-1", tiny_project.root, tmp_path / "proposals.yaml")
    rounds = load_catalog(tiny_project).of(Round)  # the report is a valid record of the site
    result = {item.item: item for item in rounds["consultation-1"].items}
    assert (result["ind-001"].keep, result["ind-001"].remove, result["ind-001"].change) == (1, 1, 0)
    assert result["ind-001"].comments == ("Clear.", "Too vague.")
    assert result["referral#notice"].change == 1
    assert rounds["consultation-1"].countries == {"GT": 1, "HN": 1}
    assert rounds["consultation-1"].organisation_types == {"ngo": 1, "shelter": 1}
    wanted = yaml.safe_load(proposals.read_text(encoding="utf-8"))
    assert {(entry["item"], entry["verdict"]) for entry in wanted} == {
        ("ind-002", "change"),
        ("referral#notice", "change"),
        ("ind-001", "remove"),
    }
    assert report.name == "consultation-1.yaml"
    pages = render_sources(load_catalog(tiny_project).public())
    english, spanish = pages["en/consultations/consultation-1.md"], pages["es/consultations/consultation-1.md"]
    assert '<a href="../indicators/ind-001.html">ind-001</a></th><td>1</td><td>0</td><td>1</td>' in english
    assert "<q>Clear.</q><br><q>Too vague.</q>" in english
    assert "Revisores por tipo de organización" in spanish and "albergue (1)" in spanish
    assert 'href="../workflows/referral.html#step-notice"' in spanish
    # the round's report and its "What changed" page point to each other
    assert '<a href="../indicators/changes/consultation-1.html">' in english
    changes = pages["en/indicators/changes/consultation-1.md"]
    assert '<a href="../../consultations/consultation-1.html">The consultation report of this round' in changes


def test_an_item_kept_after_a_round_says_so_in_its_history(tiny_project: Project) -> None:
    path = tiny_project.root / "indicators" / "ind-001.yaml"
    kept = "  - {date: 2026-11-20, round: consultation-2, action: reviewed, note: {en: Kept., es: Se mantiene.}}\n"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    end = max(i for i, line in enumerate(lines) if line.startswith("  - {date:"))
    lines.insert(end + 1, kept)
    path.write_text("".join(lines), encoding="utf-8")
    pages = render_sources(load_catalog(tiny_project).public())
    changes = pages["es/indicators/changes/consultation-2.md"]
    assert '<h2 id="reviewed">Revisado, se mantiene como está (1)</h2>' in changes
    assert "Se mantiene." in changes


def test_broken_and_older_workbooks_are_reported_by_cell_and_nothing_is_written(
    tiny_project: Project, tmp_path: Path
) -> None:
    template = _export(tiny_project, tmp_path)
    broken = _fill(
        template,
        tmp_path / "broken.xlsx",
        ("police", "XX"),
        {"indicators": {"ind-001": ("maybe", None, None), "ind-002": ("keep", "Call me: +502 5555 0123", None)}},
    )
    older = load_workbook(template)
    older["indicators"]["A2"] = "ind-099"  # an item retired or renamed since this copy was exported
    older["indicators"]["E2"] = "keep"
    older["indicators"]["D3"] = "Una redacción anterior"  # …and one reviewed in an older wording
    older["indicators"]["E3"] = "keep"
    older.save(tmp_path / "older.xlsx")
    other_round = load_workbook(template)
    other_round["_ctkb"]["B2"] = "consultation-0"
    other_round.save(tmp_path / "other.xlsx")
    errors = ErrorList()
    catalog = load_catalog(tiny_project)
    (tmp_path / "notes.xlsx").write_text("not a workbook", encoding="utf-8")
    paths = [broken, tmp_path / "older.xlsx", tmp_path / "other.xlsx", tmp_path / "round.xlsx", tmp_path / "notes.xlsx"]
    found = import_workbooks(catalog, paths, "consultation-1", errors)
    assert [str(error) for error in errors] == [
        "broken.xlsx:About!B6: 'police' is not a type of organisation: use one of the list",
        "broken.xlsx:About!B7: 'XX' is not a two-letter country code (e.g. GT, HN, MX)",
        "broken.xlsx:indicators!E2: 'maybe' is not a verdict: keep, change or remove",
        "broken.xlsx:indicators!F3: '+502 5555 0123' looks like a phone number or e-mail address: "
        "the report is public; remove it",
        "notes.xlsx: not a workbook ctkb can read: save it as .xlsx (Excel or LibreOffice)",
        "older.xlsx:indicators!A2: 'ind-099' is no longer in the data (retired or renamed?)",
        "other.xlsx:_ctkb!B2: this workbook is for round 'consultation-0', not 'consultation-1'",
    ]
    assert found.items[("indicators", "ind-002")].earlier_wording == 1
    result = subprocess.run(
        [str(BIN / "ctkb"), "consult", "import", *map(str, paths), "--round", "consultation-1"],
        cwd=tiny_project.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and "nothing was written" in result.stderr and "Traceback" not in result.stderr
    assert not (tiny_project.root / "consultations" / "consultation-1.yaml").exists()


def test_the_commands_export_and_import(tiny_project: Project, tmp_path: Path) -> None:
    run = {"cwd": tiny_project.root, "capture_output": True, "text": True, "check": False}
    out = subprocess.run([str(BIN / "ctkb"), "consult", "export", "--round", "r1", "--out", str(tmp_path)], **run)  # type: ignore[call-overload]
    assert out.returncode == 0, out.stderr
    workbook = tmp_path / "ctkb-r1.xlsx"
    filled = _fill(workbook, tmp_path / "filled.xlsx", ("ngo", "MX"), {"indicators": {"ind-001": ("keep", None, None)}})
    back = subprocess.run([str(BIN / "ctkb"), "consult", "import", str(filled), "--round", "r1"], **run)  # type: ignore[call-overload]
    assert back.returncode == 0, back.stderr
    assert (tiny_project.root / "consultations" / "r1.yaml").is_file()
    assert (tiny_project.root / "r1-proposals.yaml").is_file()
