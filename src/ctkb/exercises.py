"""Training exercises: fictional case studies, a referral walk-through, data-protection tasks.

One YAML file per exercise under ``exercises/``. Every exercise is a fictional composite and
says so (``fictional: true`` is required, and its page shows it): a training must never carry
a real person's story. The debrief names the indicators and workflow steps participants should
reach, so a facilitator can send them to those pages, and a test can check the links resolve.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from ctkb import pagelinks
from ctkb.content import ContentType, SourcePage
from ctkb.records import EditorNote, Record, RecordId, references, vocabulary
from ctkb.text import RichText, Text

if TYPE_CHECKING:
    from ctkb.catalog import Catalog, Lookup
    from ctkb.curricula import Curriculum, Session
    from ctkb.errors import ErrorList
    from ctkb.indicators import Indicator


class Exercise(Record):
    """A case study or exercise for a training session."""

    id: RecordId = Field(description="Stable identifier, also the file name, e.g. ex-farm-labour.")
    title: Text = Field(description="Its title, in each language.")
    fictional: bool = Field(
        description="Always true: every exercise is a fictional composite, never a real case; the page says so."
    )
    kind: str = Field(description="What sort of exercise it is.", json_schema_extra=vocabulary("exercise-kinds"))
    minutes: int = Field(ge=5, le=240, description="How long it takes in the room, debrief included.")
    facts: RichText = Field(description="The situation participants work on (invented names, no real places).")
    questions: tuple[Text, ...] = Field(min_length=1, description="The questions participants answer.")
    debrief: RichText = Field(description="For the facilitator: what participants should reach, and why.")
    indicators: tuple[RecordId, ...] = Field(
        default=(), description="Indicators the debrief relies on.", json_schema_extra=references("indicators")
    )
    steps: tuple[str, ...] = Field(default=(), description="Workflow steps the debrief walks, as workflow-id#step-id.")
    forms: tuple[RecordId, ...] = Field(
        default=(), description="Standardized forms the exercise uses.", json_schema_extra=references("forms")
    )
    glossary: tuple[RecordId, ...] = Field(
        default=(), description="Glossary terms it relies on.", json_schema_extra=references("glossary")
    )
    editor_note: EditorNote = None

    @field_validator("fictional")
    @classmethod
    def _fictional(cls, value: bool) -> bool:
        if not value:
            raise PydanticCustomError(
                "ctkb", "an exercise is always a fictional composite, never a real case: write fictional: true", {}
            )
        return value


def check(known: Lookup, errors: ErrorList) -> None:
    """Steps name a workflow's step; indicators are active (a retired one is not taught)."""
    from ctkb.indicators import Indicator

    indicators = known.catalog.of(Indicator)
    for exercise in known.catalog.of(Exercise).values():
        for index, step in enumerate(exercise.steps):
            if "#" in step:
                message = pagelinks.problem(known, f"workflows/{step}", written=step)
            else:
                message = f"'{step}': write workflow-id#step-id, e.g. identification-referral#check-safety"
            if message:
                exercise.report(errors, ("steps", index), message)
        for index, indicator_id in enumerate(exercise.indicators):
            indicator = indicators.get(indicator_id)
            if indicator is not None and indicator.is_retired:
                exercise.report(
                    errors, ("indicators", index), f"{indicator_id} is retired: use the indicator that replaced it"
                )


@dataclass(frozen=True)
class ExercisePage:
    exercise: Exercise
    indicators: list[Indicator]
    used_in: list[tuple[Curriculum, Session]]


def used_in(catalog: Catalog, exercise_id: str) -> list[tuple[Curriculum, Session]]:
    from ctkb.curricula import Curriculum  # curricula refer to exercises, not the other way

    return [
        (curriculum, session)
        for curriculum in sorted(catalog.of(Curriculum).values(), key=lambda c: c.id)
        for session in curriculum.sessions
        if exercise_id in session.exercises
    ]


def pages(catalog: Catalog) -> Iterator[SourcePage]:
    from ctkb.indicators import Indicator

    indicators = catalog.of(Indicator)
    for exercise in sorted(catalog.of(Exercise).values(), key=lambda e: e.id):
        view = ExercisePage(exercise, [indicators[i] for i in exercise.indicators], used_in(catalog, exercise.id))
        yield SourcePage(f"training/exercises/{exercise.id}", "pages/exercise.md.j2", view)


CONTENT = ContentType(
    folder="exercises",
    model=Exercise,
    schema="exercise",
    noun="exercise",
    plural="exercises",
    check=check,
    pages=pages,
)
