"""The data dictionary, its code lists, and the files other tools read (data package, JSON Schema, XLSForms)."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO
from frictionless import validate
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from ctkb import casedata
from ctkb.build import BuiltSite
from ctkb.catalog import Catalog, load_catalog
from ctkb.codelists import CodeList
from ctkb.dictionary import DictionaryField
from ctkb.forms import Form
from ctkb.pages import render_sources
from ctkb.project import Project

HTCDS_SPREADSHEET_FIELDS = 83
"""Fields of HTCDS Field Standards 2.0.ods with a label (the example questions and the unnamed
per_Organisation row excluded): the shipped dictionary has every one."""


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog(Project.load(REPO)).public()


@pytest.fixture(scope="module")
def tiny_downloads(tmp_path_factory: pytest.TempPathFactory, project_factory) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("downloads")
    casedata.write_downloads(load_catalog(project_factory()).public(), folder, "en")
    return folder


def test_pages_show_our_words_and_the_standards_own(tiny_project: Project) -> None:
    sources = render_sources(load_catalog(tiny_project).public())
    index = sources["es/dictionary/index.md"]
    assert 'data-protection="sensitive" data-minimum="yes" data-section="victim"' in index
    assert "Tipo de explotación</a> <code>vic_TypeOfExploitation</code>" in index
    field = sources["es/dictionary/vic-type-of-exploitation.md"]
    assert "Las formas de explotación que sufrió la persona." in field
    assert '<span lang="en">Type of Exploitation</span>' in field  # as published, marked as English
    assert "es la lectura que hace ctkb de su etiqueta" in field  # HTCDS gives no description
    assert "Las víctimas se cuentan por forma de explotación." in field  # why it is in the minimum dataset
    assert '<a href="../forms/referral.html#' not in field  # no form asks it
    deprecated = sources["en/dictionary/prs-birthdate.md"]
    assert "Deprecated in HTCDS 2.0" in deprecated
    codes = sources["es/dictionary/codes/type-of-exploitation.md"]
    assert '<li id="code-ForcedLabour"><strong>Trabajo forzoso</strong> <code>ForcedLabour</code>' in codes
    assert "Forma de explotación en nuestros indicadores: Explotación laboral" in codes  # the crosswalk
    assert "ICS-TIP" in codes and "no se da ninguna correspondencia" in codes
    assert "Fuera del conjunto mínimo" in index  # the facet


def test_forms_link_their_fields_to_the_dictionary(tiny_project: Project) -> None:
    sources = render_sources(load_catalog(tiny_project).public())
    form = sources["en/forms/referral.md"]
    assert '<a href="../dictionary/org-type.html">Type of organisation</a>' in form
    coverage = sources["en/dictionary/forms.md"]
    assert "1 of 4 fields map to the dictionary" in coverage
    assert "A follow-up score of ours." in coverage  # the local reason
    field = sources["en/dictionary/org-type.md"]
    assert '<a href="../forms/referral.html#receiving-type">Receiving organisation type</a>' in field


def test_statistical_indicator_says_what_to_count_from_which_fields(tiny_project: Project) -> None:
    sources = render_sources(load_catalog(tiny_project).public())
    page = sources["es/statistics/forced-labour-victims.md"]
    assert "Recomendado" not in page and "no es un indicador oficial" in page  # basis: ctkb, said plainly
    condition = 'Tipo de explotación</a> <code>vic_TypeOfExploitation</code> es <a href="../dictionary/codes/'
    assert condition + 'type-of-exploitation.html#code-ForcedLabour">Trabajo forzoso</a>' in page
    assert '<li>Edad: <a href="../dictionary/prs-birthdate.html">Fecha de nacimiento</a></li>' in page
    assert "No publique una celda de menos de 11 personas" in page
    field = sources["es/dictionary/prs-birthdate.md"]
    assert '<a href="../statistics/forced-labour-victims.html">Víctimas de trabajo forzoso</a>' in field


def test_data_package_is_valid_and_carries_both_languages(tiny_downloads: Path) -> None:
    package = tiny_downloads / casedata.PACKAGE / "datapackage.json"
    report = validate(str(package))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    resources = {resource["name"] for resource in json.loads(package.read_text(encoding="utf-8"))["resources"]}
    assert resources == {"fields", "codes-organisation-type", "codes-type-of-exploitation"}
    with (package.parent / "fields.csv").open(encoding="utf-8") as rows:
        by_name = {row["htcds_name"]: row for row in csv.DictReader(rows)}
    assert by_name["vic_TypeOfExploitation"]["label_es"] == "Tipo de explotación"
    assert by_name["vic_TypeOfExploitation"]["minimum"] == "true"
    assert by_name["vic_TypeOfExploitation"]["codelist"] == "codes-type-of-exploitation"


def test_case_record_schema_accepts_coded_data_and_refuses_the_rest(tiny_downloads: Path) -> None:
    schema = json.loads((tiny_downloads / casedata.CASE_SCHEMA).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    check = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert not list(check.iter_errors({"vic_TypeOfExploitation": ["ForcedLabour"], "prs_Birthdate": "2001-02-03"}))
    assert list(check.iter_errors({"vic_TypeOfExploitation": ["Labour"]}))  # not a code
    assert list(check.iter_errors({"prs_Name": "A person"}))  # not a dictionary field
    assert schema["properties"]["prs_Birthdate"]["deprecated"] is True


def test_xlsform_converts_cleanly_and_is_bilingual(tiny_downloads: Path) -> None:
    path = tiny_downloads / "xlsform" / "referral.xlsx"
    warnings: list[str] = []
    xform = convert(xlsform=str(path), warnings=warnings).xform
    assert warnings == []
    assert (
        '<translation lang="English (en)" default="true()">' in xform and '<translation lang="Español (es)">' in xform
    )
    survey = list(load_workbook(path)["survey"].iter_rows(values_only=True))
    assert survey[0][:4] == ("type", "name", "label::English (en)", "label::Español (es)")
    assert survey[1][:4] == ("note", "consent_statement", "You may refuse; help does not depend on it.",
                             "Puede negarse; la ayuda no depende de ello.")  # fmt: skip
    coded = next(row for row in survey if row[1] == "org_Type")  # named as in HTCDS
    assert coded[0] == "select_one org_Type"
    choices = {row[1] for row in load_workbook(path)["choices"].iter_rows(values_only=True) if row[0] == "org_Type"}
    assert choices == {"NGO", "LawEnforcement"}  # coded with the dictionary's codes
    sensitive = next(row for row in survey if row[1] == "consent_given")
    assert "◆ sensitive personal data: It records a decision of the person." in sensitive


def test_shipped_dictionary_covers_the_htcds_spreadsheet(shipped: Catalog) -> None:
    fields = shipped.of(DictionaryField)
    assert len(fields) == HTCDS_SPREADSHEET_FIELDS
    assert {field.htcds.name for field in fields.values()} >= {
        "vic_MethodOfRecruitment",
        "vic_RecruitmentWebsitesAndApps",
        "vic_RelationshipToTrafficker",
        "vic_MethodsOfControl",
        "vic_ForcedLabourIndustry",
        "hte_Date",
        "spl_Type",
        "per_RoleInProcess",
    }
    minimum = {field.htcds.name for field in fields.values() if field.minimum}
    assert {"prs_Gender", "vic_AgeWhenTrafficked", "prs_Citizenship", "vic_TypeOfExploitation"} <= minimum
    assert not minimum & {"prs_FirstName", "prs_SecondName", "prs_MobilePhone", "prs_MailingStreet"}
    exploitation = shipped.of(CodeList)["type-of-exploitation"]
    assert {value.exploitation for value in exploitation.codes} >= {"labour", "sexual", "forced-marriage"}


def test_shipped_forms_record_recruitment_online(shipped: Catalog) -> None:
    screening = shipped.of(Form)["screening-interview"]
    recorded = {field.dictionary for field in screening.fields}
    assert {"vic-method-of-recruitment", "vic-recruitment-websites-and-apps"} <= recorded
    for form in shipped.of(Form).values():
        assert any(field.dictionary for field in form.fields), form.id


@pytest.mark.parametrize("lang", ["en", "es"])
def test_built_site_ships_every_download_and_they_pass_the_reference_tools(
    shipped_site: BuiltSite, shipped: Catalog, lang: str
) -> None:
    downloads = shipped_site.site_dir / ("" if lang == "en" else lang) / "downloads"
    report = validate(str(downloads / casedata.PACKAGE / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    schema = json.loads((downloads / casedata.CASE_SCHEMA).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert len(schema["properties"]) == HTCDS_SPREADSHEET_FIELDS
    for form in shipped.of(Form):
        warnings: list[str] = []
        convert(xlsform=str(downloads / "xlsform" / f"{form}.xlsx"), warnings=warnings)
        assert warnings == [], form
    with zipfile.ZipFile(shipped_site.zip_path) as archive:
        names = set(archive.namelist())
    prefix = "" if lang == "en" else f"{lang}/"
    assert any(name.endswith(f"{prefix}downloads/xlsform/screening-interview.xlsx") for name in names)
    assert any(name.endswith(f"{prefix}downloads/{casedata.PACKAGE}/datapackage.json") for name in names)
