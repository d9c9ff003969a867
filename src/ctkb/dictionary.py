"""The data dictionary: what case data to record, how to code it, and how much to protect it.

One YAML file per field under ``dictionary/``, one per field of the Human Trafficking Case Data
Standard 2.0 (HTCDS, IOM, CC BY 4.0). The ``htcds`` block keeps the standard's own words (name,
section, status, label, description) so a reader can check them; everything else is ours, in
every site language: the label and definition, the protection the field needs and why, whether
it belongs to the minimum case dataset, and which statistical breakdowns it supplies. Forms map
their fields here (`ctkb.forms`), and the data package, case-record JSON Schema and XLSForms
(`ctkb.casedata`) are written from the same records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ctkb.codelists import CodeList, HtcdsName
from ctkb.content import ContentType, SourcePage
from ctkb.evidence import AS_PUBLISHED
from ctkb.facets import Facet, build_facets
from ctkb.records import EditorNote, Record, RecordId, _Part, references, vocabulary
from ctkb.text import Text

if TYPE_CHECKING:
    from ctkb.catalog import Catalog, Lookup
    from ctkb.content import Helpers
    from ctkb.errors import ErrorList
    from ctkb.forms import Form, FormField
    from ctkb.render import Renderer
    from ctkb.statistics import StatisticalIndicator

Section = Literal[
    "person",
    "victim",
    "perpetrator",
    "trafficking-event",
    "case",
    "referral",
    "support-plan",
    "consent",
    "case-comment",
    "organisation",
]
SECTIONS: tuple[Section, ...] = Section.__args__  # type: ignore[attr-defined]
"""HTCDS sections, in the order pages list them: the person and the case first, the organisation last."""
FieldType = Literal[
    "text",
    "long-text",
    "number",
    "date",
    "choice",
    "multi-choice",
    "yes-no",
    "geolocation",
    "country",
    "language",
    "reference",
]
CHOICE_TYPES = ("choice", "multi-choice")
STANDARD_CODES = {"country": "ISO 3166-1", "language": "ISO 639-2"}
"""Field types whose values come from an international standard instead of a code list."""


class HtcdsSource(_Part):
    """The field as the HTCDS 2.0 spreadsheet publishes it (HTCDS Field Standards 2.0.ods)."""

    name: HtcdsName = Field(description="Field name including its prefix, e.g. vic_MethodsOfControl.")
    section: Section = Field(description="The HTCDS section (table) it belongs to.")
    status: Literal["release", "draft", "deprecated"] = Field(description="Its status in HTCDS 2.0.")
    core: bool = Field(description="Whether HTCDS marks it Core.")
    type: str = Field(description="Its HTCDS field type, as published.", json_schema_extra=AS_PUBLISHED)
    label: str = Field(description="Its HTCDS label, as published.", json_schema_extra=AS_PUBLISHED)
    description: str | None = Field(
        default=None, description="Its HTCDS description, as published.", json_schema_extra=AS_PUBLISHED
    )
    notes: str | None = Field(
        default=None, description="Its HTCDS notes, as published.", json_schema_extra=AS_PUBLISHED
    )


class DictionaryField(Record):
    """One field of case data."""

    id: RecordId = Field(description="Stable identifier, also the file name: the HTCDS name in lowercase-hyphens.")
    htcds: HtcdsSource = Field(description="The field as HTCDS 2.0 publishes it.")
    label: Text = Field(description="Our label, in each language.")
    definition: Text = Field(description="What it records and how to fill it in, in our words.")
    definition_basis: Literal["htcds", "label"] = Field(
        description="htcds: our definition restates the HTCDS description; label: HTCDS gives none, so the "
        "definition is ctkb's reading of the label (the page says so)."
    )
    type: FieldType = Field(description="How the value is recorded: " + ", ".join(FieldType.__args__) + ".")  # type: ignore[attr-defined]
    codelist: RecordId | None = Field(
        default=None,
        description="Id of its code list (codelists/), for choice and multi-choice fields.",
        json_schema_extra=references("codelists"),
    )
    topic: RecordId = Field(
        description="What it is about (vocabularies/data-topics.yaml).", json_schema_extra=vocabulary("data-topics")
    )
    protection: RecordId = Field(
        description="none, personal, sensitive or special-category (vocabularies/data-protection.yaml).",
        json_schema_extra=vocabulary("data-protection"),
    )
    protection_why: Text = Field(description="Why it needs that protection, and one practice that gives it.")
    minimum: bool = Field(description="Whether it belongs to ctkb's minimum case dataset.")
    minimum_why: Text | None = Field(
        default=None, description="Which count or breakdown of the minimum dataset needs it (required if minimum)."
    )
    disaggregates: tuple[RecordId, ...] = Field(
        default=(),
        description="The breakdowns of case statistics it supplies (vocabularies/disaggregations.yaml).",
        json_schema_extra=vocabulary("disaggregations"),
    )
    editor_note: EditorNote = None

    @model_validator(mode="after")
    def _consistent(self) -> DictionaryField:
        if self.type in CHOICE_TYPES and self.codelist is None:
            raise PydanticCustomError(
                "ctkb",
                "a {type} field needs codelist: the id of its code list (codelists/)",
                {"type": self.type, "field": "type"},
            )
        if self.type not in CHOICE_TYPES and self.codelist is not None:
            raise PydanticCustomError(
                "ctkb", "only choice and multi-choice fields have a code list", {"field": "codelist"}
            )
        if self.minimum and self.minimum_why is None:
            raise PydanticCustomError(
                "ctkb", "a field of the minimum dataset needs minimum_why: what it is counted for", {"field": "minimum"}
            )
        if not self.minimum and self.minimum_why is not None:
            raise PydanticCustomError(
                "ctkb", "minimum_why is only for fields with minimum: true", {"field": "minimum_why"}
            )
        return self

    @property
    def deprecated(self) -> bool:
        return self.htcds.status == "deprecated"

    @property
    def standard(self) -> str | None:
        return STANDARD_CODES.get(self.type)


def check(known: Lookup, errors: ErrorList) -> None:
    """One dictionary field per HTCDS name; a field's code list is the picklist of that name."""
    fields = known.catalog.of(DictionaryField)
    codelists = known.catalog.of(CodeList)
    seen: dict[str, str] = {}
    for field in fields.values():
        name = field.htcds.name
        if name in seen:
            field.report(errors, ("htcds", "name"), f"{name} is already described by dictionary/{seen[name]}.yaml")
        seen.setdefault(name, field.id)
        codelist = codelists.get(field.codelist or "")
        if codelist is not None and name not in codelist.htcds_fields:
            field.report(errors, ("codelist",), f"code list '{codelist.id}' does not list {name} in its htcds_fields")
    if any(error.path.startswith(f"{CONTENT.folder}/") for error in errors):
        return  # a dictionary file that did not load would make every list naming it look wrong
    for codelist in codelists.values():
        for index, name in enumerate(codelist.htcds_fields):
            if name not in seen:
                codelist.report(errors, ("htcds_fields", index), f"no dictionary field has the HTCDS name {name}")
            elif fields[seen[name]].codelist != codelist.id:
                codelist.report(
                    errors, ("htcds_fields", index), f"dictionary/{seen[name]}.yaml does not use this code list"
                )


@dataclass(frozen=True)
class FormUse:
    """A form field that records a dictionary field."""

    form: Form
    field: FormField


@dataclass(frozen=True)
class DictionaryIndex:
    fields: list[DictionaryField]
    codelists: list[CodeList]
    forms: list[Form]


@dataclass(frozen=True)
class FieldPage:
    field: DictionaryField
    codelist: CodeList | None
    used_in: list[FormUse]
    statistics: list[StatisticalIndicator]
    """The statistical indicators computed from it."""


@dataclass(frozen=True)
class MinimumDataset:
    fields: list[DictionaryField]


@dataclass(frozen=True)
class FormCoverage:
    """Each standardized form, field by field: the dictionary field it records, or why it is local."""

    forms: list[Form]
    fields: dict[str, DictionaryField]


@dataclass(frozen=True)
class ProtectionGuide:
    """The "Collecting less" page: the dictionary by protection level."""

    by_level: dict[str, list[DictionaryField]]


def ordered(catalog: Catalog) -> list[DictionaryField]:
    """By HTCDS section (in `SECTIONS` order), then by id."""
    fields = list(catalog.of(DictionaryField).values())
    return sorted(fields, key=lambda field: (SECTIONS.index(field.htcds.section), field.id))


def pages(catalog: Catalog) -> Iterator[SourcePage]:
    from ctkb.forms import Form  # the forms module imports this one
    from ctkb.statistics import StatisticalIndicator  # the statistics module imports this one

    fields = ordered(catalog)
    if not fields:
        return
    codelists = catalog.of(CodeList)
    forms = list(catalog.of(Form).values())
    statistics = list(catalog.of(StatisticalIndicator).values())
    yield SourcePage(
        "dictionary/index", "pages/dictionary-index.md.j2", DictionaryIndex(fields, list(codelists.values()), forms)
    )
    yield SourcePage(
        "dictionary/minimum", "pages/dictionary-minimum.md.j2", MinimumDataset([f for f in fields if f.minimum])
    )
    yield SourcePage("dictionary/forms", "pages/dictionary-forms.md.j2", FormCoverage(forms, {f.id: f for f in fields}))
    levels = ("special-category", "sensitive", "personal", "none")
    guide = ProtectionGuide({level: [f for f in fields if f.protection == level] for level in levels})
    yield SourcePage("dictionary/collecting-less", "pages/dictionary-protection.md.j2", guide)
    for field in fields:
        used_in = [
            FormUse(form, form_field)
            for form in forms
            for form_field in form.fields
            if form_field.dictionary == field.id
        ]
        codelist = codelists.get(field.codelist or "")
        computed = [indicator for indicator in statistics if field.id in indicator.fields]
        yield SourcePage(
            f"dictionary/{field.id}", "pages/dictionary-field.md.j2", FieldPage(field, codelist, used_in, computed)
        )


def helpers(catalog: Catalog, renderer: Renderer) -> Helpers:
    lang, ui = renderer.lang, renderer.ui["dictionary"]

    def facets(fields: list[DictionaryField]) -> list[Facet]:
        labels = {
            "topic": lambda value: catalog.label("data-topics", value, lang),
            "protection": lambda value: catalog.label("data-protection", value, lang),
            "minimum": lambda value: str(ui["minimum_facet"][value]),
            "section": lambda value: str(ui["sections"][value]),
            "status": lambda value: str(ui["statuses"][value]),
        }
        values: dict[str, Callable[[DictionaryField], Iterable[str]]] = {
            "topic": lambda field: [field.topic],
            "protection": lambda field: [field.protection],
            "minimum": lambda field: ["yes" if field.minimum else "no"],
            "section": lambda field: [field.htcds.section],
            "status": lambda field: [field.htcds.status],
        }
        order: dict[str, list[str]] = {
            "protection": ["none", "personal", "sensitive", "special-category"],
            "minimum": ["yes", "no"],
            "section": list(SECTIONS),
            "status": ["release", "draft", "deprecated"],
        }
        return build_facets(fields, values, labels, ui["facets"], lang, order, opened=("topic", "protection"))

    return {"dictionary_facets": facets}


CONTENT = ContentType(
    folder="dictionary",
    model=DictionaryField,
    schema="dictionary-field",
    noun="dictionary field",
    plural="dictionary fields",
    check=check,
    pages=pages,
    helpers=helpers,
)
