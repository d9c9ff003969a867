"""Importing messy exports from reference managers, and the export → import round trip."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from ctkb.bibliography import Reference
from ctkb.catalog import load_catalog
from ctkb.importer import check_proposals, find_duplicates, read_references, write_proposals
from ctkb.project import Project

FIXTURES = Path(__file__).parent / "data" / "import"
CTKB = str(Path(sys.executable).parent / "ctkb")
TYLDUM = """key: tyldum2005unobserved
type: article
title: 'Describing the unobserved: methodological challenges in empirical studies on human trafficking'
languages: [en]
title_translation: {es: Describir lo no observado}
authors: [{family: Tyldum, given: Guri}, {family: Brunovskis, given: Anette}]
year: 2005
doi: 10.1111/j.0020-7985.2005.00310.x
annotation: {en: An article., es: Un artículo.}
verification: {status: verified}
"""


def test_bibtex_accents_braces_types_and_corporate_authors() -> None:
    proposals = {p.source.split(": ")[1]: p for p in read_references(FIXTURES / "bibdesk-mendeley.bib")}
    surtees = proposals["Surtees2010"].data
    assert surtees["type"] == "report"
    assert surtees["title"].startswith("Beneath the surface: Methodological")
    assert surtees["publisher"] == "IOM and NEXUS Institute"
    assert "bdsk-url-1" in proposals["Surtees2010"].dropped and "keywords" in proposals["Surtees2010"].dropped
    tyldum = proposals["tyldum05"].data
    assert tyldum["type"] == "article"
    assert tyldum["doi"] == "10.1111/j.0020-7985.2005.00310.x"
    assert tyldum["container"] == {"title": "International Migration", "volume": "43", "issue": "1-2", "pages": "17-34"}
    assert "Methodological" in tyldum["title"] and "{" not in tyldum["title"]
    oim = proposals["oim_manual"].data
    assert oim["organisations"] == ["Organización Internacional para las Migraciones (OIM)"]
    assert "authors" not in oim
    assert oim["title"] == "Guía de ejemplo para la protección de datos en la atención a víctimas"
    assert oim["languages"] == ["es"] and oim["place"] == "San José"
    assert "abstract" in proposals["oim_manual"].dropped
    pena = proposals["Pena2020"].data
    assert pena["authors"] == [{"family": "Peña", "given": "María José"}]
    assert pena["organisations"] == ["Red Regional de Ejemplo"]


def test_ris_and_csl_json() -> None:
    ris = read_references(FIXTURES / "endnote.ris")
    assert [p.data["type"] for p in ris] == ["report", "article"]
    assert ris[1].data["container"]["pages"] == "45-67"
    assert ris[1].data["languages"] == ["es"]
    assert ris[0].dropped == ["name_of_database", "notes"]  # EndNote's DB and N1: listed, not kept
    csl = read_references(FIXTURES / "zotero.json")
    assert csl[1].data["organisations"] == ["Observatorio Regional de Ejemplo"]
    assert csl[1].data["type"] == "webpage" and csl[1].data["year"] == 2096
    assert "note" in csl[0].dropped


def test_duplicates_by_doi_or_title_and_year(tiny_project: Project) -> None:
    (tiny_project.root / "bibliography" / "tyldum2005unobserved.yaml").write_text(TYLDUM, encoding="utf-8")
    existing = load_catalog(tiny_project).of(Reference).values()
    proposals = read_references(FIXTURES / "bibdesk-mendeley.bib")
    find_duplicates(proposals, existing)
    assert [p.duplicate_of for p in proposals] == [None, "tyldum2005unobserved", None, None]


def test_write_creates_valid_pending_entries_and_never_overwrites(tiny_project: Project) -> None:
    folder = tiny_project.root / "bibliography"
    proposals = read_references(FIXTURES / "zotero.json") + read_references(FIXTURES / "endnote.ris")
    find_duplicates(proposals, load_catalog(tiny_project).of(Reference).values())
    write_proposals(proposals, folder)
    written = [p.written for p in proposals if p.written]
    assert len(written) == 4
    data = yaml.safe_load(written[0].read_text(encoding="utf-8"))  # type: ignore[union-attr]
    assert data["annotation"]["awaiting_translation"] == ["es"]
    assert data["verification"]["status"] == "unverified"
    catalog = load_catalog(tiny_project)  # the new files validate
    assert len(catalog.of(Reference)) == 6
    again = read_references(FIXTURES / "zotero.json")
    find_duplicates(again, [])
    write_proposals(again, folder)
    assert all(p.problem and "not overwritten" in p.problem for p in again)


def bib_import(project: Project, file: Path) -> subprocess.CompletedProcess[str]:
    """`ctkb bib import FILE` in the project, as an editor runs it (a dry run)."""
    return subprocess.run(
        [CTKB, "bib", "import", str(file)], cwd=project.root, capture_output=True, text=True, check=False
    )


def test_cli_dry_run_then_round_trip(tiny_project: Project, tmp_path: Path) -> None:
    dry = bib_import(tiny_project, FIXTURES / "endnote.ris")
    assert dry.returncode == 0, dry.stderr
    assert "2 records: 2 new would be written (use --write), 0 duplicates skipped." in dry.stdout
    assert len(list((tiny_project.root / "bibliography").glob("*.yaml"))) == 2
    for fmt, suffix in (("bibtex", "bib"), ("ris", "ris"), ("csl-json", "json")):
        exported = tmp_path / f"all.{suffix}"
        subprocess.run(
            [CTKB, "bib", "export", "--format", fmt, "--output", str(exported)],
            cwd=tiny_project.root,
            check=True,
            capture_output=True,
        )
        result = subprocess.run(
            [CTKB, "bib", "import", str(exported)], cwd=tiny_project.root, capture_output=True, text=True, check=True
        )
        assert "0 new would be written (use --write), 2 duplicates skipped." in result.stdout, (fmt, result.stdout)


REPO = Path(__file__).resolve().parent.parent


def test_latex_corporate_authors_and_empty_values_from_real_world_exports() -> None:
    latex = next(p for p in read_references(FIXTURES / "messy.bib") if p.source.endswith("latex2017")).data
    assert latex["title"] == "“Open” data | closed cases _ Central America"
    assert latex["authors"] == [{"family": "Cafè", "given": "René"}]
    assert latex["organisations"] == ["Mozilla Science Lab", "Loyola University Maryland"]
    assert latex["container"] == {"title": "Journal of Examples"}  # pages = {null}, volume = {none}: absent


def test_a_record_that_would_not_validate_is_listed_with_what_it_lacks() -> None:
    proposals = read_references(FIXTURES / "messy.bib")
    find_duplicates(proposals, [])
    check_proposals(proposals, ("en", "es"))
    problems = {p.source.split(": ")[1]: p.problem for p in proposals}
    assert problems["notitle2019"] == "cannot be written as it is; title: must not be empty"
    assert problems["noauthor2018"] == (
        "cannot be written as it is; authors: give at least one of 'authors' or 'organisations'"
    )
    assert problems["latex2017"] is None and problems["glotip14"] is None


def test_duplicates_survive_years_in_titles_and_organisation_names() -> None:
    """UNODC's 2014 report is in our bibliography as "… in Persons 2014" by the organisation's full name."""
    existing = load_catalog(Project.load(REPO)).of(Reference).values()
    proposals = read_references(FIXTURES / "messy.bib")
    find_duplicates(proposals, existing)
    duplicates = {p.source.split(": ")[1]: p.duplicate_of for p in proposals}
    assert duplicates["glotip14"] == "unodc2014glotip"
    assert duplicates["glotip15"] is None  # another year is another edition


def test_import_goes_on_when_a_bibliography_file_is_broken(tiny_project: Project) -> None:
    (tiny_project.root / "bibliography" / "broken.yaml").write_text("key: broken\ntype: [\n", encoding="utf-8")
    result = bib_import(tiny_project, FIXTURES / "messy.bib")
    assert result.returncode == 0, result.stderr
    assert "bibliography/broken.yaml cannot be read" in result.stderr
    assert "5 records: 3 new would be written (use --write), 0 duplicates skipped." in result.stdout
    assert "2 cannot be written as they are" in result.stdout
    assert "error: cannot be written as it is; title: must not be empty" in result.stdout
