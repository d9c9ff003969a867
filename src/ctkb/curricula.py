"""Training curricula: learning objectives, and sessions day by day, drawn from the knowledge base.

One YAML file per curriculum under ``curricula/``. Sessions name the objectives they teach and
the pages they use (`ctkb.pagelinks`), so a facilitator goes from the agenda to the indicator,
checklist or workflow being taught, and a rule can check that every objective is taught and,
with `ctkb.testbanks`, tested. The agenda's clock times are computed from the day's start and
the sessions' minutes, so moving a session never leaves a wrong time behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ctkb import pagelinks
from ctkb.content import ContentType, Printable, SourcePage
from ctkb.records import CitationKey, EditorNote, Record, RecordId, _Part, references, refuse_repeats, vocabulary
from ctkb.text import RichText, Text

if TYPE_CHECKING:
    from ctkb.bibliography import Reference
    from ctkb.catalog import Catalog, Lookup
    from ctkb.errors import ErrorList
    from ctkb.exercises import Exercise

RESERVED = ("index", "agenda", "pre-test", "post-test", "answer-key", "test-bank", "quiz")
"""Page names of a curriculum's own pages, which a session id must not take."""


class Objective(_Part):
    id: RecordId = Field(description="Identifier, unique within the curriculum.")
    text: Text = Field(description="What participants will be able to do, in observable terms.")


class Session(_Part):
    id: RecordId = Field(description="Identifier, unique within the curriculum; also its page name.")
    day: int = Field(ge=1, le=10, description="The day it is held on (1, 2 …).")
    title: Text = Field(description="Its title, in each language.")
    minutes: int = Field(ge=5, le=480, description="How long it lasts.")
    break_after: int = Field(default=0, ge=0, le=120, description="Minutes of break (or lunch) after it.")
    methods: tuple[str, ...] = Field(
        min_length=1, description="How it is taught.", json_schema_extra=vocabulary("training-methods")
    )
    objectives: tuple[RecordId, ...] = Field(min_length=1, description="Ids of the curriculum's objectives it teaches.")
    materials: tuple[Text, ...] = Field(default=(), description="What the facilitator needs.")
    facilitator_notes: RichText = Field(description="How to run it: timings, key points, pitfalls.")
    handout: RichText = Field(description="The participant handout: the points to take away.")
    uses: tuple[str, ...] = Field(
        min_length=1, description="Knowledge-base pages it uses, as folder/id (e.g. indicators/ind-003)."
    )
    exercises: tuple[RecordId, ...] = Field(
        default=(), description="Exercises done in it.", json_schema_extra=references("exercises")
    )


class Curriculum(Record):
    """A training course: who it is for, what participants learn, and its sessions."""

    id: RecordId = Field(description="Stable identifier, also the file name and the test bank's name.")
    title: Text = Field(description="The course's title, in each language.")
    audience: Text = Field(description="Who it is for.")
    summary: RichText = Field(description="What participants will be able to do after it.")
    delivery: Text = Field(description="How it is delivered: in person, online, group size.")
    days: int = Field(ge=1, le=10, description="How many days it takes.")
    day_start: str = Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", description="Start time of each day, HH:MM.")
    safeguarding: RichText = Field(
        description="How facilitators handle disclosure and distress in the room; shown with every session."
    )
    objectives: tuple[Objective, ...] = Field(min_length=1, description="Its learning objectives.")
    sessions: tuple[Session, ...] = Field(min_length=1, description="Its sessions, in the order they are held.")
    sources: tuple[CitationKey, ...] = Field(
        default=(), description="Bibliography keys it rests on.", json_schema_extra=references("bibliography")
    )
    editor_note: EditorNote = None

    @model_validator(mode="after")
    def _consistent(self) -> Curriculum:
        refuse_repeats(((f"objectives.{i}.id", o.id) for i, o in enumerate(self.objectives)), "objective")
        refuse_repeats(((f"sessions.{i}.id", s.id) for i, s in enumerate(self.sessions)), "session")
        for index, session in enumerate(self.sessions):
            if session.id in RESERVED or session.id.startswith("handout-"):
                raise PydanticCustomError(
                    "ctkb",
                    "'{id}' is the name of one of the curriculum's own pages: choose another id",
                    {"id": session.id, "field": f"sessions.{index}.id"},
                )
            if session.day > self.days:
                raise PydanticCustomError(
                    "ctkb",
                    "day {day}, but the curriculum has {days} days",
                    {"day": session.day, "days": self.days, "field": f"sessions.{index}.day"},
                )
            if index and session.day < self.sessions[index - 1].day:
                raise PydanticCustomError(
                    "ctkb",
                    "list the sessions in the order they are held: day {day} comes after day {before}",
                    {"day": session.day, "before": self.sessions[index - 1].day, "field": f"sessions.{index}.day"},
                )
        return self

    def objective(self, objective_id: str) -> Objective:
        return next(objective for objective in self.objectives if objective.id == objective_id)

    def objective_number(self, objective_id: str) -> int:
        """Its number in the list of objectives (from 1), as the agenda and answer key show it."""
        return next(number for number, o in enumerate(self.objectives, 1) if o.id == objective_id)

    def agenda(self) -> list[tuple[int, list[AgendaRow]]]:
        """Per day, its sessions with clock times, breaks in between."""
        start = dt.datetime.strptime(self.day_start, "%H:%M")
        days = []
        for day in range(1, self.days + 1):
            rows, clock = [], start
            for session in (s for s in self.sessions if s.day == day):
                end = clock + dt.timedelta(minutes=session.minutes)
                rows.append(AgendaRow(clock.strftime("%H:%M"), end.strftime("%H:%M"), session))
                clock = end + dt.timedelta(minutes=session.break_after)
                if session.break_after:
                    rows.append(AgendaRow(end.strftime("%H:%M"), clock.strftime("%H:%M"), None, session.break_after))
            days.append((day, rows))
        return days


@dataclass(frozen=True)
class AgendaRow:
    start: str
    end: str
    session: Session | None
    """None for a break."""
    break_minutes: int = 0


def check(known: Lookup, errors: ErrorList) -> None:
    """Sessions teach known objectives, every objective is taught, every day has sessions, links resolve."""
    for curriculum in known.catalog.of(Curriculum).values():
        objectives = {objective.id for objective in curriculum.objectives}
        taught: set[str] = set()
        for s_index, session in enumerate(curriculum.sessions):
            for o_index, objective_id in enumerate(session.objectives):
                if objective_id not in objectives:
                    known_ids = ", ".join(sorted(objectives))
                    loc = ("sessions", s_index, "objectives", o_index)
                    message = f"no objective '{objective_id}' in this curriculum (known: {known_ids})"
                    curriculum.report(errors, loc, message)
                taught.add(objective_id)
            for u_index, link in enumerate(session.uses):
                if problem := pagelinks.problem(known, link):
                    curriculum.report(errors, ("sessions", s_index, "uses", u_index), problem)
        for index, objective in enumerate(curriculum.objectives):
            if objective.id not in taught:
                curriculum.report(errors, ("objectives", index, "id"), "no session teaches this objective")
        for day in range(1, curriculum.days + 1):
            if not any(session.day == day for session in curriculum.sessions):
                curriculum.report(errors, ("days",), f"day {day} has no session")


def ordered(catalog: Catalog) -> list[Curriculum]:
    return sorted(catalog.of(Curriculum).values(), key=lambda curriculum: curriculum.id)


@dataclass(frozen=True)
class TrainingIndex:
    curricula: list[Curriculum]
    exercises: list[Exercise]


@dataclass(frozen=True)
class CurriculumPage:
    curriculum: Curriculum
    sources: list[Reference]
    has_tests: bool


@dataclass(frozen=True)
class SessionPage:
    curriculum: Curriculum
    session: Session
    number: int
    exercises: list[Exercise]
    previous: Session | None
    next: Session | None


def pages(catalog: Catalog) -> Iterator[SourcePage]:
    from ctkb.bibliography import Reference
    from ctkb.exercises import Exercise
    from ctkb.testbanks import TestBank

    curricula = ordered(catalog)
    exercises = catalog.of(Exercise)
    if not curricula and not exercises:
        return
    listed = sorted(exercises.values(), key=lambda exercise: exercise.id)
    yield SourcePage("training/index", "pages/training-index.md.j2", TrainingIndex(curricula, listed))
    refs, banks = catalog.of(Reference), catalog.of(TestBank)
    for curriculum in curricula:
        view = CurriculumPage(curriculum, [refs[key] for key in curriculum.sources], curriculum.id in banks)
        yield SourcePage(f"training/{curriculum.id}/index", "pages/curriculum.md.j2", view)
        sessions = curriculum.sessions
        for index, session in enumerate(sessions):
            session_view = SessionPage(
                curriculum,
                session,
                index + 1,
                [exercises[e] for e in session.exercises],
                sessions[index - 1] if index else None,
                sessions[index + 1] if index + 1 < len(sessions) else None,
            )
            yield SourcePage(f"training/{curriculum.id}/{session.id}", "pages/session.md.j2", session_view)


def printables(catalog: Catalog) -> Iterator[Printable]:
    for curriculum in ordered(catalog):
        base = f"training/{curriculum.id}"
        agenda = SourcePage(f"{base}/agenda", "pages/agenda-print.md.j2", CurriculumPage(curriculum, [], False))
        yield Printable(agenda, f"training/pdf/{curriculum.id}-agenda", "print/agenda.html.j2")
        for index, session in enumerate(curriculum.sessions):
            view = SessionPage(curriculum, session, index + 1, [], None, None)
            page = SourcePage(f"{base}/handout-{session.id}", "pages/handout-print.md.j2", view)
            yield Printable(page, f"training/pdf/{curriculum.id}-handout-{session.id}", "print/handout.html.j2")


CONTENT = ContentType(
    folder="curricula",
    model=Curriculum,
    schema="curriculum",
    noun="curriculum",
    plural="curricula",
    check=check,
    pages=pages,
    printables=printables,
)
