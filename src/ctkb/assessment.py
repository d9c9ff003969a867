"""The organisational data-capacity self-assessment: seven areas, questions, four maturity levels.

One YAML file per area under ``assessment/``. A question has exactly four levels (0 to 3), each
described as what it looks like in an organisation, with the next step and the knowledge-base
pages that help. The same records give the area pages, the printable questionnaire (and its
PDFs) and the interactive self-assessment, whose questions are embedded in its page as JSON so
that it works offline and sends nothing anywhere. `ctkb.assessment_summary` combines the answer
files the interactive page downloads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ctkb import pagelinks
from ctkb.bibliography import Reference
from ctkb.content import ContentType, Printable, SourcePage
from ctkb.records import CitationKey, EditorNote, Record, RecordId, _Part, references, refuse_repeats
from ctkb.text import RichText, Text

if TYPE_CHECKING:
    from ctkb.catalog import Catalog, Lookup
    from ctkb.content import Helpers
    from ctkb.errors import ErrorList
    from ctkb.render import Renderer

LEVELS = 4


class Level(_Part):
    """One maturity level of a question (its position in the list is the level, 0 to 3)."""

    looks_like: Text = Field(description="What this level looks like in an organisation, in observable terms.")
    next_step: Text = Field(description="What to do to reach the level above (at level 3: how to keep it up).")
    resources: tuple[str, ...] = Field(
        default=(),
        description="Knowledge-base pages that help, as folder/id (e.g. glossary/consent, workflows/x#step).",
    )


class Question(_Part):
    id: RecordId = Field(description="Identifier, unique within the area.")
    text: Text = Field(description="The question, in each language.")
    levels: tuple[Level, ...] = Field(description="Exactly four levels, from 0 (not in place) to 3.")

    @field_validator("levels")
    @classmethod
    def _four_levels(cls, levels: tuple[Level, ...]) -> tuple[Level, ...]:
        if len(levels) != LEVELS:
            raise PydanticCustomError(
                "ctkb", "give exactly four levels, 0 to 3, in order (found {count})", {"count": len(levels)}
            )
        return levels


class Area(Record):
    """One area of the self-assessment."""

    id: RecordId = Field(description="Stable identifier, also the file name, e.g. data-protection.")
    number: int = Field(ge=1, le=20, description="Its place in the questionnaire (1, 2, …).")
    title: Text = Field(description="The area's name, in each language.")
    why: RichText = Field(description="Why it matters for an organisation's work, in our words.")
    questions: tuple[Question, ...] = Field(min_length=5, max_length=8, description="Five to eight questions.")
    sources: tuple[CitationKey, ...] = Field(
        default=(), description="Bibliography keys it rests on.", json_schema_extra=references("bibliography")
    )
    editor_note: EditorNote = None

    @model_validator(mode="after")
    def _unique_questions(self) -> Area:
        refuse_repeats(((f"questions.{i}.id", question.id) for i, question in enumerate(self.questions)), "question")
        return self


def check(known: Lookup, errors: ErrorList) -> None:
    """Every resource names a page that exists; areas are numbered 1, 2, 3… without gaps."""
    catalog = known.catalog
    areas = catalog.of(Area)
    for area in areas.values():
        for q_index, question in enumerate(area.questions):
            for l_index, level in enumerate(question.levels):
                for r_index, resource in enumerate(level.resources):
                    if message := pagelinks.problem(known, resource):
                        loc = ("questions", q_index, "levels", l_index, "resources", r_index)
                        area.report(errors, loc, message)
    numbers = sorted(area.number for area in areas.values())
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        for area in areas.values():
            if numbers.count(area.number) > 1 or area.number > len(numbers):
                area.report(errors, ("number",), f"areas must be numbered 1 to {len(numbers)}, each once")


def ordered(catalog: Catalog) -> list[Area]:
    return sorted(catalog.of(Area).values(), key=lambda area: area.number)


@dataclass(frozen=True)
class AssessmentIndex:
    areas: list[Area]


@dataclass(frozen=True)
class AreaPage:
    this_area: Area
    """Named so as not to hide the template helper `area` (an administrative area's name)."""
    sources: list[Reference]
    previous: Area | None
    next: Area | None


@dataclass(frozen=True)
class Questionnaire:
    """The questionnaire to print for a workshop, and the interactive page: the same questions."""

    areas: list[Area]


def pages(catalog: Catalog) -> Iterator[SourcePage]:
    areas = ordered(catalog)
    if not areas:
        return
    refs = catalog.of(Reference)
    yield SourcePage("assessment/index", "pages/assessment-index.md.j2", AssessmentIndex(areas))
    yield SourcePage("assessment/self-assessment", "pages/assessment-interactive.md.j2", Questionnaire(areas))
    for index, area in enumerate(areas):
        previous = areas[index - 1] if index else None
        following = areas[index + 1] if index + 1 < len(areas) else None
        view = AreaPage(area, [refs[key] for key in area.sources], previous, following)
        yield SourcePage(f"assessment/{area.id}", "pages/assessment-area.md.j2", view)


def printables(catalog: Catalog) -> Iterator[Printable]:
    areas = ordered(catalog)
    if areas:
        page = SourcePage("assessment/questionnaire", "pages/assessment-print.md.j2", Questionnaire(areas))
        yield Printable(page, "assessment/pdf/questionnaire", "print/assessment.html.j2")


def helpers(catalog: Catalog, renderer: Renderer) -> Helpers:
    lang = renderer.lang

    def assessment_data(areas: list[Area], root: str) -> dict[str, Any]:
        """The questions as JSON for the interactive page; `root` leads from it to the site's root."""
        data = {
            "areas": [
                {
                    "id": area.id,
                    "number": area.number,
                    "title": renderer.plain(area.title),
                    "questions": [
                        {
                            "id": f"{area.id}/{question.id}",
                            "text": renderer.plain(question.text),
                            "levels": [
                                {
                                    "looks_like": renderer.plain(level.looks_like),
                                    "next_step": renderer.plain(level.next_step),
                                    "resources": [
                                        {
                                            "href": pagelinks.page_path(resource),
                                            "title": pagelinks.title(resource, catalog, renderer),
                                        }
                                        for resource in level.resources
                                    ],
                                }
                                for level in question.levels
                            ],
                        }
                        for question in area.questions
                    ],
                }
                for area in areas
            ],
            "lang": lang,
            "root": root,
        }
        return data

    def assessment_countries() -> list[str]:
        from ctkb.actors import Actor, directory_countries  # actors is loaded after this module

        return directory_countries(list(catalog.of(Actor).values()))

    return {
        "assessment_data": assessment_data,
        "assessment_ui": lambda: renderer.ui["assessment"]["script"],
        "assessment_countries": assessment_countries,
    }


CONTENT = ContentType(
    folder="assessment",
    model=Area,
    schema="assessment-area",
    noun="assessment area",
    plural="assessment areas",
    check=check,
    pages=pages,
    printables=printables,
    helpers=helpers,
)
