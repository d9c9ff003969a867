"""Code lists of the data dictionary: the allowed values of its choice fields.

One YAML file per list under ``codelists/``. The codes and their English labels are those of the
Human Trafficking Case Data Standard 2.0 (HTCDS, IOM, CC BY 4.0), kept as published so data
coded with ctkb's forms stays comparable with any HTCDS system; the labels shown on pages and in
forms are ours, in every site language. A code may say which of our forms of exploitation it
means, or in which of our indicators' contexts it is met, so the indicators and the case data
speak of the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ctkb.content import ContentType, SourcePage
from ctkb.evidence import AS_PUBLISHED
from ctkb.records import EditorNote, Record, RecordId, _Part, refuse_repeats, vocabulary
from ctkb.text import Text

if TYPE_CHECKING:
    from ctkb.catalog import Catalog
    from ctkb.dictionary import DictionaryField

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_]*$")
_HTCDS_NAME = re.compile(r"^[a-z]{3}_[A-Za-z]+$")


def _check_code(value: str) -> str:
    if not _CODE.match(value):
        raise PydanticCustomError(
            "ctkb", "'{value}' is not a code: use letters, digits and _ only, as HTCDS writes them", {"value": value}
        )
    return value


def check_htcds_name(value: str) -> str:
    if not _HTCDS_NAME.match(value):
        raise PydanticCustomError(
            "ctkb",
            "'{value}' is not an HTCDS field name: a three-letter prefix, _ and the name, e.g. vic_MethodsOfControl",
            {"value": value},
        )
    return value


Code = Annotated[str, AfterValidator(_check_code), Field(json_schema_extra={"pattern": _CODE.pattern})]
HtcdsName = Annotated[str, AfterValidator(check_htcds_name), Field(json_schema_extra={"pattern": _HTCDS_NAME.pattern})]


class CodeValue(_Part):
    """One allowed value."""

    code: Code = Field(description="The value as stored, exactly as the HTCDS names it (e.g. DebtBondage).")
    htcds_label: str = Field(description="The HTCDS label, as published (English).", json_schema_extra=AS_PUBLISHED)
    htcds_definition: str | None = Field(
        default=None,
        description="The HTCDS definition (Field Definitions.md), as published, where it gives one.",
        json_schema_extra=AS_PUBLISHED,
    )
    label: Text = Field(description="Our label, in each language: what pages and forms show.")
    exploitation: RecordId | None = Field(
        default=None,
        description="The form of exploitation (vocabularies/exploitation-forms.yaml) this code means, if one does.",
        json_schema_extra=vocabulary("exploitation-forms"),
    )
    context: RecordId | None = Field(
        default=None,
        description="Where a first responder meets what the code records (vocabularies/contexts.yaml), if one place.",
        json_schema_extra=vocabulary("contexts"),
    )


class CodeList(Record):
    """The allowed values of one or more dictionary fields."""

    id: RecordId = Field(description="Stable identifier, also the file name, e.g. methods-of-control.")
    htcds_fields: tuple[HtcdsName, ...] = Field(
        min_length=1, description="The HTCDS fields whose picklist this is.", json_schema_extra=AS_PUBLISHED
    )
    title: Text = Field(description="The list's name, in each language.")
    codes: tuple[CodeValue, ...] = Field(min_length=2, description="Its values, in the HTCDS order.")
    editor_note: EditorNote = None

    @model_validator(mode="after")
    def _unique_codes(self) -> CodeList:
        refuse_repeats(((f"codes.{index}.code", value.code) for index, value in enumerate(self.codes)), "code")
        return self

    def code(self, code: str) -> CodeValue | None:
        return next((value for value in self.codes if value.code == code), None)

    def unknown(self, code: str) -> str | None:
        """The message for a record that uses `code`, if this list does not have it."""
        return None if self.code(code) else f"'{code}' is not a code of codelists/{self.id}.yaml"


@dataclass(frozen=True)
class CodeListPage:
    codelist: CodeList
    fields: list[DictionaryField]


def pages(catalog: Catalog) -> Iterator[SourcePage]:
    """A page per code list, with the dictionary fields that use it."""
    from ctkb.dictionary import DictionaryField  # the dictionary module imports this one

    fields = catalog.of(DictionaryField).values()
    for codelist in catalog.of(CodeList).values():
        users = [field for field in fields if field.codelist == codelist.id]
        yield SourcePage(f"dictionary/codes/{codelist.id}", "pages/codelist.md.j2", CodeListPage(codelist, users))


CONTENT = ContentType(
    folder="codelists", model=CodeList, schema="codelist", noun="code list", plural="code lists", pages=pages
)
