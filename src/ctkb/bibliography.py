"""Bibliography: the works ctkb cites, with their metadata and how it was checked.

One YAML file per work under ``bibliography/``, file name = citation key. Metadata is copied
from the work itself or from a checked catalogue; anything not confirmed is listed under
``verification.unchecked`` and flagged on the page instead of being guessed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from ctkb import prose
from ctkb.citations import STYLES, coins, formatted_references, highwire_meta
from ctkb.contacts import NOT_PROSE
from ctkb.content import ContentType, Helpers, SourcePage
from ctkb.errors import ErrorList
from ctkb.evidence import AS_PUBLISHED, Evidence
from ctkb.facets import Facet, build_facets
from ctkb.records import (
    CitationKey,
    CountryCode,
    EditorNote,
    LanguageCode,
    Record,
    RecordId,
    Url,
    _Part,
    vocabulary,
    vocabulary_of,
)
from ctkb.text import RichText, Text, country_name, language_name, languages_from

if TYPE_CHECKING:
    from ctkb.catalog import Catalog, Lookup
    from ctkb.glossary import Term
    from ctkb.render import Renderer

WorkType = Literal[
    "report", "book", "chapter", "article", "manual", "guideline", "standard", "dataset", "law", "webpage", "thesis"
]


def _check_doi(value: str) -> str:
    if not re.match(r"^10\.\d{4,9}/\S+$", value):
        raise PydanticCustomError(
            "ctkb", "'{value}' is not a DOI: write it as 10.xxxx/…, without https://doi.org/", {"value": value}
        )
    return value


Doi = Annotated[str, AfterValidator(_check_doi)]


class Person(_Part):
    """A personal author or editor."""

    family: str = Field(min_length=1, description="Family name(s), as printed.")
    given: str | None = Field(default=None, description="Given name(s) or initials, as printed.")


class Container(_Part):
    """The journal, series or book a work appears in."""

    title: str = Field(min_length=1, description="Title of the journal, series or book.")
    volume: str | None = Field(default=None, description="Volume.")
    issue: str | None = Field(default=None, description="Issue or number.")
    pages: str | None = Field(default=None, description="Page range, e.g. 12-34.")


class Verification(_Part):
    """Where the metadata was checked, shown on the entry's page."""

    status: Literal["verified", "partial", "unverified"] = Field(
        description="verified: all metadata confirmed; partial: some fields unconfirmed; unverified: not checked."
    )
    evidence: tuple[Evidence, ...] = Field(default=(), description="Where each fact was seen and what it showed.")
    unchecked: tuple[str, ...] = Field(default=(), description="Names of metadata fields not yet confirmed.")
    note: Text | None = Field(default=None, description="Caveats: editions, inferred years, what still needs checking.")


class Usefulness(_Part):
    """How useful the work is to front-line organisations in Central America and southern Mexico."""

    rating: Literal["high", "medium", "low"] = Field(
        description="high: directly usable by front-line organisations there; medium: useful with adaptation; "
        "low: background or specialist reading."
    )
    rationale: Text = Field(description="Why, in each language: what makes it (not) usable in that context.")


class Reference(Record):
    """A work in the bibliography."""

    ID_FIELD = "key"

    key: CitationKey = Field(description="Citation key, also the file name, e.g. iom2021htcds.")
    type: WorkType = Field(description="Kind of work.")
    title: str = Field(
        min_length=1, description="Title in the original language, as printed.", json_schema_extra=AS_PUBLISHED
    )
    languages: tuple[LanguageCode, ...] = Field(
        min_length=1, description="Language(s) the work is published in (ISO 639-1)."
    )
    title_translation: dict[str, str] = Field(
        default_factory=dict,
        description="Our translation of the title into each site language the work is not published in "
        "(may wait while annotation.awaiting_translation lists a language).",
    )
    authors: tuple[Person, ...] = Field(default=(), description="Personal authors or editors.")
    organisations: tuple[str, ...] = Field(default=(), description="Corporate authors or issuing bodies.")
    year: int | None = Field(
        default=None,
        ge=1800,
        le=2100,
        description="Year of publication (or adoption). Leave it out only if unknown, and list it as unchecked.",
    )
    date: dt.date | None = Field(default=None, description="Full date, when known (YYYY-MM-DD).")
    edition: str | None = Field(default=None, description="Edition, when not the first.")
    publisher: str | None = Field(default=None, description="Publisher.")
    place: str | None = Field(default=None, description="Place of publication.")
    container: Container | None = Field(default=None, description="Journal, series or book the work appears in.")
    url: Url | None = Field(
        default=None, description="Official or landing page of the work.", json_schema_extra=NOT_PROSE
    )
    doi: Doi | None = Field(default=None, description="DOI, without https://doi.org/.", json_schema_extra=NOT_PROSE)
    identifiers: dict[str, str] = Field(
        default_factory=dict,
        description="Other identifiers (isbn, issn, document_symbol, version, …).",
        json_schema_extra=NOT_PROSE,
    )
    regions: tuple[RecordId, ...] = Field(
        default=(),
        description="Regions the work focuses on (vocabularies/regions.yaml).",
        json_schema_extra=vocabulary("regions"),
    )
    countries: tuple[CountryCode, ...] = Field(
        default=(), description="Countries the work focuses on (ISO 3166 codes)."
    )
    topics: tuple[RecordId, ...] = Field(
        default=(), description="Topics (vocabularies/topics.yaml).", json_schema_extra=vocabulary("topics")
    )
    audience: tuple[RecordId, ...] = Field(
        default=(),
        description="Who the work is for (vocabularies/audiences.yaml).",
        json_schema_extra=vocabulary("audiences"),
    )
    usefulness: Usefulness | None = Field(
        default=None, description="Usefulness for front-line organisations in Central America and southern Mexico."
    )
    annotation: RichText = Field(description="What the work is and offers, for whom, and its limits, in our own words.")
    verification: Verification = Field(description="Where the metadata was checked.")
    editor_note: EditorNote = None

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Reference:
        if not self.authors and not self.organisations:
            raise PydanticCustomError("ctkb", "give at least one of 'authors' or 'organisations'", {"field": "authors"})
        for code in languages_from(info):
            # While an entry's translation is pending (e.g. just imported), its title may wait too.
            is_pending = bool(self.annotation.awaiting_translation)
            if code not in self.languages and not self.title_translation.get(code) and not is_pending:
                raise PydanticCustomError(
                    "ctkb",
                    "add the title in '{code}' ({name}): the work is not published in that language",
                    {"code": code, "name": language_name(code), "field": "title_translation"},
                )
        if self.year is None and not self.is_unchecked("year"):
            raise PydanticCustomError(
                "ctkb", "the year is missing: add it, or list 'year' under verification.unchecked", {"field": "year"}
            )
        unknown = [name for name in self.verification.unchecked if name not in type(self).model_fields]
        if unknown:
            raise PydanticCustomError(
                "ctkb",
                "verification.unchecked names unknown fields: {names}",
                {"names": ", ".join(unknown), "field": "verification.unchecked"},
            )
        return self

    @property
    def creators(self) -> list[str]:
        """Authors as printed in short lists: personal names, else organisations."""
        if self.authors:
            return [f"{p.family}, {p.given}" if p.given else p.family for p in self.authors]
        return list(self.organisations)

    def is_unchecked(self, field: str) -> bool:
        return self.verification.status == "unverified" or field in self.verification.unchecked


def check(known: Lookup, errors: ErrorList) -> None:
    """Citations in hand-written pages name bibliography entries too."""
    project = known.catalog.project
    # A key whose file exists but failed to load is not reported again: its own errors are.
    keys = set(known.catalog.of(Reference)) | known.files[CONTENT.folder]
    prose.check_pages(project.docs_dir, project.root, keys, errors)


@dataclass(frozen=True)
class BibliographyIndex:
    references: list[Reference]


@dataclass(frozen=True)
class ReferencePage:
    ref: Reference
    cited_by: list[Term]
    related: list[Reference]


def pages(catalog: Catalog) -> Iterator[SourcePage]:
    from ctkb.glossary import Term  # the glossary module imports this one

    refs = catalog.of(Reference)
    yield SourcePage("bibliography/index", "pages/bibliography-index.md.j2", BibliographyIndex(list(refs.values())))
    cited_by: dict[str, list[Term]] = {key: [] for key in refs}
    for term in catalog.of(Term).values():
        for key in term.sources:
            cited_by[key].append(term)
    for ref in refs.values():
        view = ReferencePage(ref, cited_by[ref.key], related_references(ref, refs.values()))
        yield SourcePage(f"bibliography/{ref.key}", "pages/reference.md.j2", view)


def related_references(ref: Reference, refs: Iterable[Reference], most: int = 5) -> list[Reference]:
    """Works sharing the most topics with `ref` (then regions), newest first among equals."""
    scored = []
    for other in refs:
        if other.key == ref.key:
            continue
        score = 2 * len(set(ref.topics) & set(other.topics)) + len(set(ref.regions) & set(other.regions))
        if set(ref.topics) & set(other.topics):
            scored.append((-score, -(other.year or 0), other.key, other))
    return [other for *_, other in sorted(scored)[:most]]


def facets(refs: list[Reference], catalog: Catalog, renderer: Renderer) -> tuple[list[Facet], tuple[int, int]]:
    """Facets of the bibliography index, with the options present and their counts."""
    ui, lang = renderer.ui, renderer.lang
    labels: dict[str, Callable[[str], str]] = {
        "type": lambda value: str(ui["bibliography"]["types"][value]),
        "language": lambda value: str(ui["language_names"].get(value, value)),
        "region": lambda value: catalog.label(vocabulary_of(Reference, "regions"), value, lang),
        "country": lambda value: country_name(value, lang),
        "topic": lambda value: catalog.label(vocabulary_of(Reference, "topics"), value, lang),
        "audience": lambda value: catalog.label(vocabulary_of(Reference, "audience"), value, lang),
        "usefulness": lambda value: str(ui["bibliography"]["ratings"][value]),
    }
    values: dict[str, Callable[[Reference], Iterable[str]]] = {
        "type": lambda ref: [ref.type],
        "language": lambda ref: ref.languages,
        "region": lambda ref: ref.regions,
        "country": lambda ref: ref.countries,
        "topic": lambda ref: ref.topics,
        "audience": lambda ref: ref.audience,
        "usefulness": lambda ref: [ref.usefulness.rating if ref.usefulness else "unrated"],
    }
    titles = ui["bibliography"]["facets"]
    order = {"usefulness": ["high", "medium", "low", "unrated"]}
    found = build_facets(refs, values, labels, titles, lang, order, opened=("type", "topic"))
    years = [ref.year for ref in refs if ref.year]
    return found, (min(years, default=1900), max(years, default=2100))


@functools.lru_cache(maxsize=8)
def formatted(catalog: Catalog, style: str, lang: str) -> dict[str, Any]:
    """Key → the formatted reference, in one style and language, for the whole bibliography.

    Formatting is the costliest step of a build, so it runs once per catalogue, style and
    language, only when a template asks for a citation (the printables never do), and not at all
    when the bibliography is unchanged since a previous build (`ctkb.buildcache`).
    """
    return formatted_references(catalog.of(Reference).values(), style, lang)


def helpers(catalog: Catalog, renderer: Renderer) -> Helpers:
    """Formatted citations (each style, in the page's language), facets and citation metadata."""
    lang = renderer.lang
    found: dict[str, Any] = {
        "styles": STYLES,
        "citation": lambda key, style: formatted(catalog, style, lang)[key],
        "coins": coins,
        "highwire": highwire_meta,
        "bibliography_facets": lambda items: facets(items, catalog, renderer),
    }
    return found


CONTENT = ContentType(
    folder="bibliography",
    model=Reference,
    schema="reference",
    noun="bibliography entry has the key",
    plural="bibliography entries",
    check=check,
    pages=pages,
    helpers=helpers,
)
