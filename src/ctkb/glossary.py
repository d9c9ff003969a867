"""Glossary: bilingual definitions of counter-trafficking and data-protection terms.

One YAML file per term under ``glossary/``, file name = id. Terms point to each other
(`related`) and to the bibliography (`sources`); both are checked in `ctkb.catalog`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from ctkb import terminology
from ctkb.bibliography import Reference
from ctkb.content import ContentType, SourcePage
from ctkb.errors import ErrorList
from ctkb.records import CitationKey, EditorNote, Record, RecordId, references
from ctkb.text import RichText, Text, languages_from

if TYPE_CHECKING:
    from ctkb.catalog import Catalog, Lookup


class Term(Record):
    """A glossary term."""

    id: RecordId = Field(description="Stable identifier, also the file name and the page address. Never reuse one.")
    term: Text = Field(description="The term itself, in each language.")
    definition: RichText = Field(
        description="Definition in our own words, in each language. Allows **bold**, *italic* and links."
    )
    related: tuple[RecordId, ...] = Field(
        default=(), description="Ids of related glossary terms.", json_schema_extra=references("glossary")
    )
    sources: tuple[CitationKey, ...] = Field(
        default=(),
        description="Citation keys of bibliography entries that support the definition.",
        json_schema_extra=references("bibliography"),
    )
    unchecked_sources: tuple[CitationKey, ...] = Field(
        default=(),
        description="Sources (also listed in sources) believed to support the definition whose relevant passage "
        "has not been checked yet; flagged on the page as not verified.",
    )
    discouraged: dict[str, tuple[str, ...]] = Field(
        default_factory=dict,
        description="Per language, variants not to use for this concept (e.g. es: [primeros intervinientes]); "
        "`ctkb validate` reports them anywhere in the data or the hand-written pages of that language.",
    )
    editor_note: EditorNote = None

    @model_validator(mode="after")
    def _discouraged_in_site_languages(self, info: ValidationInfo) -> Term:
        languages = languages_from(info)
        for code, words in self.discouraged.items():
            if code not in languages:
                raise PydanticCustomError(
                    "ctkb",
                    "'{code}' is not a language of this site (languages: {known})",
                    {"code": code, "known": ", ".join(languages), "field": f"discouraged.{code}"},
                )
            preferred = (self.term.get(code) or "").casefold()
            for word in words:
                if word.casefold() == preferred:
                    raise PydanticCustomError(
                        "ctkb", "'{word}' is the term itself", {"word": word, "field": f"discouraged.{code}"}
                    )
        return self

    @model_validator(mode="after")
    def _unchecked_are_sources(self) -> Term:
        for key in self.unchecked_sources:
            if key not in self.sources:
                raise PydanticCustomError(
                    "ctkb", "'{key}' is not listed in sources", {"key": key, "field": "unchecked_sources"}
                )
        return self


def check(known: Lookup, errors: ErrorList) -> None:
    terms = known.catalog.of(Term)
    for term in terms.values():
        if term.id in term.related:
            term.report(errors, ("related", term.related.index(term.id)), "a term cannot be related to itself")
    terminology.check(known.catalog, list(terms.values()), errors)


@dataclass(frozen=True)
class GlossaryIndex:
    terms: list[Term]


@dataclass(frozen=True)
class TermPage:
    term: Term
    related: list[Term]
    sources: list[Reference]


def pages(catalog: Catalog) -> Iterator[SourcePage]:
    terms = catalog.of(Term)
    refs = catalog.of(Reference)
    yield SourcePage("glossary/index", "pages/glossary-index.md.j2", GlossaryIndex(list(terms.values())))
    for term in terms.values():
        view = TermPage(term, [terms[other] for other in term.related], [refs[key] for key in term.sources])
        yield SourcePage(f"glossary/{term.id}", "pages/glossary-term.md.j2", view)


CONTENT = ContentType(
    folder="glossary",
    model=Term,
    schema="glossary-term",
    noun="glossary term has the id",
    plural="glossary terms",
    check=check,
    pages=pages,
)
