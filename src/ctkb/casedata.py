"""The case-data standards as files other tools read, written into every build's downloads.

- ``ctkb-data-dictionary/``: a Frictionless Data Package, the dictionary and each code list as
  CSV with a Table Schema, so a statistics office or a database designer can load them as data;
- ``ctkb-case-record.schema.json``: a JSON Schema of one case record, for systems that validate
  what they receive;
- ``xlsform/<form>.xlsx``: each standardized form as an XLSForm in every site language, so an
  organisation can collect with it offline on phones in KoboToolbox or ODK Collect.

All are written from the same records as the pages, so they cannot disagree with them. The tests
check them with the reference tools (frictionless, jsonschema, pyxform).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook

from ctkb.codelists import CodeList
from ctkb.dictionary import CHOICE_TYPES, DictionaryField, ordered
from ctkb.forms import Form, FormField
from ctkb.text import Text, language_name, ui_strings

if TYPE_CHECKING:
    from ctkb.catalog import Catalog

PACKAGE = "ctkb-data-dictionary"
CASE_SCHEMA = "ctkb-case-record.schema.json"
HTCDS_URL = "https://github.com/UNMigration/HTCDS"


def write_downloads(catalog: Catalog, folder: Path, lang: str) -> list[Path]:
    """Every case-data download for one language's folder; returns the files written."""
    fields = ordered(catalog)
    if not fields:
        return []
    codelists = catalog.of(CodeList)
    languages = catalog.project.languages
    written = write_datapackage(fields, codelists, folder / PACKAGE, lang, languages)
    schema = folder / CASE_SCHEMA
    schema.write_text(json.dumps(case_schema(fields, codelists, lang), ensure_ascii=False, indent=2), encoding="utf-8")
    written.append(schema)
    by_id = {field.id: field for field in fields}
    for form in catalog.of(Form).values():
        path = folder / "xlsform" / f"{form.id}.xlsx"
        write_xlsform(form, by_id, codelists, languages, path)
        written.append(path)
    return written


# --- Data package -----------------------------------------------------------------------------

_FIELD_COLUMNS: list[tuple[str, str, str]] = [
    ("htcds_name", "string", "The HTCDS 2.0 field name."),
    ("id", "string", "ctkb's id of the field (its page: dictionary/<id>)."),
    ("section", "string", "The HTCDS section."),
    ("htcds_status", "string", "release, draft or deprecated in HTCDS 2.0."),
    ("htcds_core", "boolean", "Whether HTCDS marks the field Core."),
    ("type", "string", "How the value is recorded."),
    ("codelist", "string", "Id of its code list (a resource of this package), if any."),
    ("standard", "string", "The international standard its codes come from, if any."),
    ("protection", "string", "none, personal, sensitive or special-category (ctkb's assessment)."),
    ("minimum", "boolean", "Whether it belongs to ctkb's minimum case dataset."),
    ("topic", "string", "What it is about."),
    ("disaggregates", "string", "Breakdowns of statistics it supplies, space-separated."),
]


def _text_columns(names: list[str], languages: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """One column per text field and language, e.g. ``label_es``."""
    return [
        (f"{name}_{code}", "string", f"Our {name.replace('_', ' ')} ({code}).") for name in names for code in languages
    ]


def write_datapackage(
    fields: list[DictionaryField], codelists: dict[str, CodeList], folder: Path, lang: str, languages: tuple[str, ...]
) -> list[Path]:
    """``datapackage.json`` with ``fields.csv`` and one CSV per code list, all with Table Schemas."""
    folder.mkdir(parents=True, exist_ok=True)
    ui = ui_strings(lang)["dictionary"]
    field_columns = _FIELD_COLUMNS + _text_columns(["label", "definition", "protection_why"], languages)
    rows = [_field_row(field, languages) for field in fields]
    written = [_write_csv(folder / "fields.csv", [name for name, _, _ in field_columns], rows)]
    resources: list[dict[str, Any]] = [
        {
            "name": "fields",
            "path": "fields.csv",
            "title": ui["title"],
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [_schema_field(*column) for column in field_columns],
                "primaryKey": ["htcds_name"],
            },
        }
    ]
    code_columns = [("code", "string", "The code, as HTCDS writes it."), ("htcds_label", "string", "The HTCDS label.")]
    code_columns += _text_columns(["label"], languages)
    code_columns += [("exploitation", "string", "The form of exploitation of ctkb's indicators it means, if any.")]
    for codelist in codelists.values():
        code_rows = [
            {
                "code": value.code,
                "htcds_label": value.htcds_label,
                **{f"label_{code}": value.label.get(code) or "" for code in languages},
                "exploitation": value.exploitation or "",
            }
            for value in codelist.codes
        ]
        name = f"codes-{codelist.id}"
        written.append(_write_csv(folder / f"{name}.csv", [column for column, _, _ in code_columns], code_rows))
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "title": codelist.title.get(lang) or codelist.id,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [_schema_field(*column) for column in code_columns], "primaryKey": ["code"]},
            }
        )
    package = {
        "name": PACKAGE,
        "title": ui["title"],
        "description": ui["intro"],
        "licenses": [
            {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "CC BY 4.0"}
        ],
        "sources": [{"title": ui["htcds_name"], "path": HTCDS_URL}],
        "resources": resources,
    }
    path = folder / "datapackage.json"
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    written.append(path)
    return written


def _schema_field(name: str, kind: str, description: str) -> dict[str, str]:
    return {"name": name, "type": kind, "description": description}


def _field_row(field: DictionaryField, languages: tuple[str, ...]) -> dict[str, str]:
    row = {
        "htcds_name": field.htcds.name,
        "id": field.id,
        "section": field.htcds.section,
        "htcds_status": field.htcds.status,
        "htcds_core": "true" if field.htcds.core else "false",
        "type": field.type,
        "codelist": f"codes-{field.codelist}" if field.codelist else "",
        "standard": field.standard or "",
        "protection": field.protection,
        "minimum": "true" if field.minimum else "false",
        "topic": field.topic,
        "disaggregates": " ".join(field.disaggregates),
    }
    for name in ("label", "definition", "protection_why"):
        text: Text = getattr(field, name)
        row.update({f"{name}_{code}": text.get(code) or "" for code in languages})
    return row


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


# --- JSON Schema of a case record ---------------------------------------------------------------

_JSON_TYPES: dict[str, dict[str, Any]] = {
    "text": {"type": "string"},
    "long-text": {"type": "string"},
    "number": {"type": "number"},
    "date": {"type": "string", "format": "date"},
    "yes-no": {"type": "boolean"},
    "geolocation": {"type": "number"},
    "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
    "language": {"type": "string", "pattern": "^[a-z]{3}$"},
    "reference": {"type": "string"},
}


def case_schema(fields: list[DictionaryField], codelists: dict[str, CodeList], lang: str) -> dict[str, Any]:
    """One case record: a property per dictionary field, named as in HTCDS, coded by its code list.

    Nothing is required (collect only what is needed); deprecated fields are marked so.
    """
    ui = ui_strings(lang)["dictionary"]
    properties: dict[str, Any] = {}
    for field in fields:
        if field.type in CHOICE_TYPES:
            codes = [value.code for value in codelists[field.codelist or ""].codes]
            prop: dict[str, Any] = {"type": "string", "enum": codes}
            if field.type == "multi-choice":
                prop = {"type": "array", "items": prop, "uniqueItems": True}
        else:
            prop = dict(_JSON_TYPES[field.type])
        prop["title"] = field.label.get(lang) or field.htcds.label
        prop["description"] = field.definition.get(lang) or ""
        if field.deprecated:
            prop["deprecated"] = True
        prop["x-ctkb-protection"] = field.protection
        properties[field.htcds.name] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": CASE_SCHEMA,
        "title": ui["json_schema"],
        "description": ui["intro"],
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }


# --- XLSForm ------------------------------------------------------------------------------------

_XLS_TYPES = {"text": "text", "long-text": "text", "date": "date", "yes-no": "select_one yes_no"}
"""Form field types that map to one XLSForm type (choices and scales depend on the field)."""


def _xml_name(value: str) -> str:
    return value.replace("-", "_")


def write_xlsform(
    form: Form,
    dictionary: dict[str, DictionaryField],
    codelists: dict[str, CodeList],
    languages: tuple[str, ...],
    path: Path,
) -> None:
    """The form as an XLSForm: consent first, then its sections as groups shown only after consent.

    Fields recorded in the dictionary are named as in HTCDS and coded with its codes, so data from
    different organisations can be merged; sensitive fields say so in their hint.
    """
    columns = [f"label::{language_name(code)} ({code})" for code in languages]
    hints = [f"hint::{language_name(code)} ({code})" for code in languages]
    uis = {code: ui_strings(code)["forms"] for code in languages}
    survey: list[list[str]] = []
    choices: list[list[str]] = []

    def texts(value: Text | None) -> list[str]:
        return [(value.get(code) or "") if value else "" for code in languages]

    def plain(key: str) -> list[str]:
        return [str(uis[code][key]) for code in languages]

    survey.append(["note", "consent_statement", *texts(form.consent), *[""] * len(hints), "", "", "", ""])
    survey.append(["select_one yes_no", "ctkb_consent", *plain("consent_given"), *[""] * len(hints), "yes", "", "", ""])
    choices += [["yes_no", "yes", *plain("yes")], ["yes_no", "no", *plain("no")]]
    names = _field_names(form, dictionary)
    for section in form.sections:
        group = f"section_{_xml_name(section.id)}"
        survey.append(
            [
                "begin_group",
                group,
                *texts(section.title),
                *texts(section.guidance),
                "",
                "",
                "${ctkb_consent} = 'yes'",
                "",
            ]
        )
        for field in section.fields:
            kind, constraint, appearance = _xls_type(field, names[field.id])
            if field.choices:
                choices += [
                    [names[field.id], _xml_name(choice.code or choice.id), *texts(choice.label)]
                    for choice in field.choices
                ]
            hint = [
                " ".join(
                    part
                    for part in (guidance, f"◆ {uis[code]['sensitive_mark']}: {why}" if field.sensitive else "")
                    if part
                )
                for code, guidance, why in zip(
                    languages, texts(field.guidance), texts(field.sensitive_why), strict=True
                )
            ]
            survey.append([kind, names[field.id], *texts(field.label), *hint, "", constraint, "", appearance])
        survey.append(["end_group", group, *[""] * len(columns), *[""] * len(hints), "", "", "", ""])

    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = "survey"
    sheet.append(["type", "name", *columns, *hints, "required", "constraint", "relevant", "appearance"])
    for row in survey:
        sheet.append(row)
    choice_sheet = book.create_sheet("choices")
    choice_sheet.append(["list_name", "name", *columns])
    for row in choices:
        choice_sheet.append(row)
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append(
        [
            form.title.get(languages[0]) or form.id,
            f"ctkb_{_xml_name(form.id)}",
            hashlib.sha256(form.model_dump_json().encode()).hexdigest()[:10],  # changes when the form does
            f"{language_name(languages[0])} ({languages[0]})",
        ]
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    _save_reproducibly(book, path)


_EPOCH = dt.datetime(2000, 1, 1)
"""The date written into every workbook, so two builds of the same data give the same bytes."""


def _save_reproducibly(book: Workbook, path: Path) -> None:
    """Save with fixed document dates and zip entry dates (openpyxl writes "now" into both)."""
    book.properties.created = _EPOCH
    buffer = io.BytesIO()
    book.save(buffer)
    stamp = _EPOCH.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            entry = zipfile.ZipInfo(info.filename, date_time=_EPOCH.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)


def _field_names(form: Form, dictionary: dict[str, DictionaryField]) -> dict[str, str]:
    """The HTCDS name for a field recorded in the dictionary (unless two fields record the same one)."""
    htcds = [dictionary[field.dictionary].htcds.name for field in form.fields if field.dictionary in dictionary]
    names = {}
    for field in form.fields:
        target = dictionary.get(field.dictionary or "")
        unique = target is not None and htcds.count(target.htcds.name) == 1
        names[field.id] = target.htcds.name if target is not None and unique else _xml_name(field.id)
    return names


def _xls_type(field: FormField, name: str) -> tuple[str, str, str]:
    """(type, constraint, appearance) of a form field in XLSForm terms."""
    if field.type == "choice":
        return f"select_one {name}", "", ""
    if field.type == "multi-choice":
        return f"select_multiple {name}", "", ""
    if field.scale is not None:
        return "integer", f". >= {field.scale.min} and . <= {field.scale.max}", ""
    return _XLS_TYPES.get(field.type, "text"), "", "multiline" if field.type == "long-text" else ""
