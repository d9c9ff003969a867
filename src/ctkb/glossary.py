"""Glossary: bilingual definitions of counter-trafficking and data-protection terms.

One YAML file per term under ``glossary/``, file name = id. Terms point to each other
(`related`) and to the bibliography (`sources`); both are checked in `ctkb.catalog`.
"""

from __future__ import annotations

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ctkb.errors import ErrorList
from ctkb.project import Project
from ctkb.records import CitationKey, EditorNote, Record, RecordId, load_records
from ctkb.text import RichText, Text


class Term(Record):
    """A glossary term."""

    id: RecordId = Field(description="Stable identifier, also the file name and the page address. Never reuse one.")
    term: Text = Field(description="The term itself, in each language.")
    definition: RichText = Field(
        description="Definition in our own words, in each language. Allows **bold**, *italic* and links."
    )
    related: tuple[RecordId, ...] = Field(default=(), description="Ids of related glossary terms.")
    sources: tuple[CitationKey, ...] = Field(
        default=(), description="Citation keys of bibliography entries that support the definition."
    )
    unchecked_sources: tuple[CitationKey, ...] = Field(
        default=(),
        description="Sources (also listed in sources) believed to support the definition whose relevant passage "
        "has not been checked yet; flagged on the page as not verified.",
    )
    editor_note: EditorNote = None

    @model_validator(mode="after")
    def _unchecked_are_sources(self) -> Term:
        for key in self.unchecked_sources:
            if key not in self.sources:
                raise PydanticCustomError(
                    "ctkb", "'{key}' is not listed in sources", {"key": key, "field": "unchecked_sources"}
                )
        return self


def load_glossary(project: Project, errors: ErrorList) -> list[Term]:
    return load_records(project.data_dir("glossary"), Term, project, errors)
