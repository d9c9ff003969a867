"""Reviewer workbooks for consultation rounds: written from the data, read back with every problem.

A reviewer gets one ``.xlsx`` (openpyxl; it opens in Excel and LibreOffice): a sheet per content
type, a row per item with its current text in both languages (locked), and three columns to fill:
a verdict from a list (keep / change / remove), a comment and a proposed wording. The first sheet
asks for the type of organisation and the country, never a name. Importing many filled workbooks
writes the round's record (`ctkb.consultations.Round`, published as a report page) and a proposal
file for editors; nothing is changed in the data.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
import yaml
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ctkb.catalog import Catalog
from ctkb.consultations import ORGANISATION_TYPES, ItemKind
from ctkb.contacts import find_contact
from ctkb.errors import ErrorList
from ctkb.forms import Form
from ctkb.indicators import active
from ctkb.text import Text
from ctkb.workflows import Workflow

FORMAT = 1
"""Version of the workbook layout; an older layout is refused with a message."""
KINDS: tuple[ItemKind, ...] = ("indicators", "workflows", "forms")
VERDICTS = {"keep": "keep", "change": "change", "remove": "remove", "mantener": "keep", "cambiar": "change"}
VERDICTS |= {"eliminar": "remove", "quitar": "remove"}
COLUMNS = ("item", "page", "text_en", "text_es", "verdict", "comment", "proposal")
FILLED = ("verdict", "comment", "proposal")
ABOUT = "About"
META = "_ctkb"
HEADERS = {
    "item": "Item",
    "page": "Page",
    "text_en": "Text (English)",
    "text_es": "Texto (español)",
    "verdict": "Verdict / Valoración (keep, change, remove)",
    "comment": "Comment / Comentario",
    "proposal": "Proposed wording / Redacción propuesta",
}


@dataclass(frozen=True)
class Row:
    """One item as a reviewer sees it."""

    item: str
    page: str
    text: dict[str, str]


def _plain(value: Text | None, lang: str) -> str:
    return (value.get(lang) or "") if value is not None else ""


def rows(catalog: Catalog, kind: ItemKind) -> Iterator[Row]:
    """The items of a kind: active indicators, every workflow step, every form field."""
    languages = catalog.project.languages
    if kind == "indicators":
        for ind in active(catalog):
            text = {lang: f"{_plain(ind.title, lang)}\n\n{_plain(ind.description, lang)}" for lang in languages}
            yield Row(ind.id, f"indicators/{ind.id}.html", text)
    elif kind == "workflows":
        for workflow in catalog.of(Workflow).values():
            for step in workflow.steps:
                text = {lang: f"{_plain(step.title, lang)}\n\n{_plain(step.instructions, lang)}" for lang in languages}
                yield Row(f"{workflow.id}#{step.id}", f"workflows/{workflow.id}.html#step-{step.id}", text)
    else:
        for form in catalog.of(Form).values():
            for section in form.sections:
                for item in section.fields:
                    text = {lang: f"{_plain(item.label, lang)}\n\n{_plain(item.guidance, lang)}" for lang in languages}
                    yield Row(f"{form.id}#{item.id}", f"forms/{form.id}.html", text)


def export_workbook(catalog: Catalog, round_id: str, kinds: tuple[ItemKind, ...], path: Path) -> int:
    """Write the reviewer workbook of `round_id`; returns how many items it holds."""
    book = Workbook()
    about = book.worksheets[0]
    about.title = ABOUT
    _about_sheet(about, round_id)
    count = 0
    for kind in kinds:
        sheet = book.create_sheet(kind)
        sheet.append([HEADERS[column] for column in COLUMNS])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        verdicts = DataValidation(type="list", formula1='"keep,change,remove"', allow_blank=True)
        verdicts.error = "keep, change or remove / mantener, cambiar o eliminar"
        sheet.add_data_validation(verdicts)
        for row in rows(catalog, kind):
            sheet.append([row.item, row.page, row.text.get("en", ""), row.text.get("es", ""), None, None, None])
            line = sheet.max_row
            verdicts.add(f"E{line}")
            for column in ("E", "F", "G"):
                sheet[f"{column}{line}"].protection = Protection(locked=False)
            for column in ("C", "D", "F", "G"):
                sheet[f"{column}{line}"].alignment = Alignment(wrap_text=True, vertical="top")
            count += 1
        for column, width in zip("ABCDEFG", (22, 24, 60, 60, 16, 40, 50), strict=True):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "B2"
        sheet.protection.sheet = True  # the texts are locked; only verdict, comment, proposal open
    meta = book.create_sheet(META)
    for key, value in (("format", FORMAT), ("round", round_id), ("exported", dt.date.today().isoformat())):
        meta.append([key, value])
    meta.append(["kinds", ",".join(kinds)])
    meta.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return count


def _about_sheet(sheet: Worksheet, round_id: str) -> None:
    lines: list[list[str | None]] = [
        [f"ctkb — consultation round / ronda de consulta: {round_id}"],
        ["For each item, choose keep, change or remove, and write a comment or a better wording."],
        ["Para cada elemento, elija mantener (keep), cambiar (change) o eliminar (remove) y escriba un comentario."],
        ["Do not write names of people here. / No escriba aquí nombres de personas."],
        [],
        ["Type of organisation / Tipo de organización", None, ", ".join(ORGANISATION_TYPES)],
        ["Country (ISO code, e.g. GT) / País (código ISO, p. ej. GT)", None],
    ]
    for line in lines:
        sheet.append(line)
    sheet["A1"].font = Font(bold=True)
    for cell in ("B6", "B7"):
        sheet[cell].protection = Protection(locked=False)
    kinds = DataValidation(type="list", formula1='"' + ",".join(ORGANISATION_TYPES) + '"', allow_blank=True)
    sheet.add_data_validation(kinds)
    kinds.add("B6")
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 24
    sheet.protection.sheet = True


# --- import -------------------------------------------------------------------------------


@dataclass
class Tally:
    """What reviewers said about one item, gathered across workbooks."""

    verdicts: Counter[str] = field(default_factory=Counter)
    comments: list[str] = field(default_factory=list)
    earlier_wording: int = 0


@dataclass
class Imported:
    """Everything read from a round's workbooks."""

    reviewers: int = 0
    organisation_types: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    items: dict[tuple[ItemKind, str], Tally] = field(default_factory=dict)
    proposals: list[dict[str, Any]] = field(default_factory=list)


def import_workbooks(catalog: Catalog, paths: list[Path], round_id: str, errors: ErrorList) -> Imported:
    """Read every workbook; problems go to `errors` as ``file:sheet!cell: message``."""
    current = {(kind, row.item): row for kind in KINDS for row in rows(catalog, kind)}
    found = Imported()
    for path in paths:
        _read_one(path, round_id, current, found, errors)
    return found


def _problem(errors: ErrorList, path: Path, sheet: str | None, cell: str | None, message: str) -> None:
    """``file:sheet!cell: message``, or ``file: message`` for the file as a whole."""
    errors.add(f"{path.name}:{sheet}!{cell}" if sheet and cell else path.name, 0, "", message)


def _read_one(
    path: Path, round_id: str, current: dict[tuple[ItemKind, str], Row], found: Imported, errors: ErrorList
) -> None:
    try:
        book = load_workbook(path, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        _problem(errors, path, None, None, "not a workbook ctkb can read: save it as .xlsx (Excel or LibreOffice)")
        return
    if META not in book.sheetnames:
        _problem(
            errors, path, None, None, "not a ctkb reviewer workbook (no _ctkb sheet): export one with ctkb consult"
        )
        return
    meta = {str(row[0]): row[1] for row in book[META].iter_rows(values_only=True) if row and row[0]}
    if meta.get("format") != FORMAT:
        _problem(errors, path, META, "B1", f"workbook format {meta.get('format')} is not {FORMAT}: export it again")
        return
    if meta.get("round") != round_id:
        _problem(errors, path, META, "B2", f"this workbook is for round '{meta.get('round')}', not '{round_id}'")
        return
    about = book[ABOUT]
    kind_of_org = str(about["B6"].value or "").strip()
    country = str(about["B7"].value or "").strip().upper()
    if kind_of_org and kind_of_org not in ORGANISATION_TYPES:
        _problem(errors, path, ABOUT, "B6", f"'{kind_of_org}' is not a type of organisation: use one of the list")
    if country and pycountry.countries.get(alpha_2=country) is None:
        _problem(errors, path, ABOUT, "B7", f"'{country}' is not a two-letter country code (e.g. GT, HN, MX)")
    found.reviewers += 1
    found.organisation_types[kind_of_org or "other"] += 1
    if country:
        found.countries[country] += 1
    for kind in KINDS:
        if kind in book.sheetnames:
            _read_sheet(path, book[kind], kind, current, found, errors)


def _read_sheet(
    path: Path,
    sheet: Worksheet,
    kind: ItemKind,
    current: dict[tuple[ItemKind, str], Row],
    found: Imported,
    errors: ErrorList,
) -> None:
    for line, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), 2):
        cells = dict(zip(COLUMNS, values, strict=False))
        item = str(cells.get("item") or "").strip()
        filled = {name: str(cells.get(name) or "").strip() for name in FILLED}
        if not item or not any(filled.values()):
            continue
        row = current.get((kind, item))
        if row is None:
            _problem(errors, path, sheet.title, f"A{line}", f"'{item}' is no longer in the data (retired or renamed?)")
            continue
        verdict = VERDICTS.get(filled["verdict"].casefold()) if filled["verdict"] else None
        if filled["verdict"] and verdict is None:
            _problem(
                errors, path, sheet.title, f"E{line}", f"'{filled['verdict']}' is not a verdict: keep, change or remove"
            )
            continue
        for name, column in (("comment", "F"), ("proposal", "G")):
            contact = find_contact(filled[name])
            if contact:
                message = f"'{contact}' looks like a phone number or e-mail address: the report is public; remove it"
                _problem(errors, path, sheet.title, f"{column}{line}", message)
                filled[name] = ""
        tally = found.items.setdefault((kind, item), Tally())
        if verdict:
            tally.verdicts[verdict] += 1
        tally.comments += [text for text in (filled["comment"], filled["proposal"]) if text]
        if (cells.get("text_en") or "") != row.text.get("en", "") or (cells.get("text_es") or "") != row.text.get(
            "es", ""
        ):
            tally.earlier_wording += 1
        if verdict in ("change", "remove") or filled["proposal"]:
            found.proposals.append(
                {
                    "kind": kind,
                    "item": item,
                    "verdict": verdict or "change",
                    "comment": filled["comment"] or None,
                    "proposal": filled["proposal"] or None,
                    "page": row.page,
                }
            )


def write_results(found: Imported, round_id: str, root: Path, proposals: Path) -> tuple[Path, Path]:
    """The round's record under ``consultations/`` and the editors' proposal file."""
    record: dict[str, Any] = {
        "id": round_id,
        "date": dt.date.today().isoformat(),
        "reviewers": found.reviewers,
        "organisation_types": dict(sorted(found.organisation_types.items())),
        "countries": dict(sorted(found.countries.items())),
        "items": [
            {
                "kind": kind,
                "item": item,
                "keep": tally.verdicts["keep"],
                "change": tally.verdicts["change"],
                "remove": tally.verdicts["remove"],
                **({"comments": tally.comments} if tally.comments else {}),
                **({"earlier_wording": tally.earlier_wording} if tally.earlier_wording else {}),
            }
            for (kind, item), tally in sorted(found.items.items())
        ],
    }
    report = root / "consultations" / f"{round_id}.yaml"
    report.parent.mkdir(parents=True, exist_ok=True)
    header = "# Written by `ctkb consult import`: what reviewers said, with no names.\n"
    report.write_text(header + yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    proposals.parent.mkdir(parents=True, exist_ok=True)
    note = "# Changes reviewers asked for. Nothing is applied: accept a change by editing the data.\n"
    proposals.write_text(note + yaml.safe_dump(found.proposals, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return report, proposals
