"""Where a fact was seen: the address, the source's own words, and what it showed, in our words.

Evidence is what a reader checks before acting on a fact, so it is read on every page in the
page's language: the note is a `Text` (every site language, or awaiting translation, counted by
the translation report), while words copied from the source stay as printed, marked with their
language so a Spanish page can say "cita en inglés" instead of passing English off as Spanish.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ctkb.contacts import NOT_PROSE
from ctkb.records import LanguageCode, _Part
from ctkb.text import Text

AS_PUBLISHED: dict[str, Any] = {"as_published": True}
"""Field metadata: words copied from a source or an official name, kept in their own language.

The translation report counts these as monolingual by design rather than as awaiting translation.
"""


class Evidence(_Part):
    """One place a fact was seen."""

    at: str = Field(
        min_length=3,
        description="Where it was seen: the web address without https://, or the document and page.",
        json_schema_extra=NOT_PROSE,
    )
    quotes: tuple[str, ...] = Field(
        default=(),
        description="Words copied from the source exactly as printed (titles, dates, imprint lines).",
        json_schema_extra=AS_PUBLISHED,
    )
    quote_lang: LanguageCode | None = Field(default=None, description="Language of the quotes (ISO 639-1).")
    note: Text | None = Field(default=None, description="What the source showed, in our words, in each site language.")

    @model_validator(mode="before")
    @classmethod
    def _mapping(cls, value: Any) -> Any:
        if isinstance(value, str):
            raise PydanticCustomError(
                "ctkb",
                "write evidence as a mapping: 'at:' (where it was seen) with 'note:' (en/es: what it showed) "
                "and/or 'quotes:' (the source's own words) with 'quote_lang:'",
                {},
            )
        return value

    @field_validator("at", mode="before")
    @classmethod
    def _no_scheme(cls, value: Any) -> Any:
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value.split("://", 1)[1]
        return value

    @model_validator(mode="after")
    def _says_something(self) -> Evidence:
        if not self.quotes and self.note is None:
            raise PydanticCustomError(
                "ctkb", "say what the source showed: add 'note:' (en/es) or the source's own words under 'quotes:'", {}
            )
        if self.quotes and self.quote_lang is None:
            raise PydanticCustomError(
                "ctkb",
                "say which language the quotes are in, e.g. 'quote_lang: es'",
                {"field": "quote_lang"},
            )
        return self
