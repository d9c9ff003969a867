"""ctkb operational indicators for first responders, with crosswalks and a version history.

One YAML file per indicator under ``indicators/``, file name = id (``ind-001``). Ids are never
reused: a withdrawn indicator stays, with status ``retired``. Each indicator says what to look
for and what to ask, with gender- and child-sensitive guidance; none of them proves anything
alone, which every page and checklist says.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ctkb.errors import ErrorList
from ctkb.frameworks import Strength
from ctkb.project import Project
from ctkb.records import CitationKey, EditorNote, Record, RecordId, _Part, load_records
from ctkb.text import RichText, Text

Round = Literal["draft", "consultation-1", "consultation-2", "final"]
ROUNDS: tuple[Round, ...] = ("draft", "consultation-1", "consultation-2", "final")
Action = Literal["added", "changed", "retired"]
Status = Literal["draft", "consultation-1", "consultation-2", "final", "retired"]


def _check_indicator_id(value: str) -> str:
    if not re.fullmatch(r"ind-\d{3}", value):
        raise PydanticCustomError(
            "ctkb", "'{value}' is not an indicator id: write ind- and three digits, e.g. ind-007", {"value": value}
        )
    return value


def _check_item_ref(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9-]+:[a-z0-9-]+", value):
        raise PydanticCustomError(
            "ctkb", "'{value}' is not a framework item: write framework:item, e.g. ilo-fl-2012:7", {"value": value}
        )
    return value


IndicatorId = Annotated[str, AfterValidator(_check_indicator_id)]
ItemRef = Annotated[str, AfterValidator(_check_item_ref)]


class Change(_Part):
    """One step of the indicator's history, as in a set validated through consultations."""

    date: dt.date = Field(description="When the change was made (YYYY-MM-DD).")
    round: Round = Field(description="The review round it was made in: draft, consultation-1, consultation-2, final.")
    action: Action = Field(description="added (first entry only), changed, or retired (last entry only).")
    note: Text = Field(description="What changed and why, in each language.")


class Indicator(Record):
    """An operational indicator of possible trafficking, for first responders."""

    id: IndicatorId = Field(description="Stable id (ind-001 …), also the file name. Never reused.")
    title: Text = Field(description="Short name of the indicator, in each language.")
    description: RichText = Field(description="What the indicator is and why it matters, in our words.")
    element: RecordId = Field(description="Element of trafficking it bears on (vocabularies/elements.yaml).")
    exploitation: tuple[RecordId, ...] = Field(
        min_length=1, description="Forms of exploitation it may point to (vocabularies/exploitation-forms.yaml)."
    )
    applies_to: Literal["adults", "children", "both"] = Field(
        description="Whether it applies to adults, children or both."
    )
    contexts: tuple[RecordId, ...] = Field(
        default=(),
        description="Where a first responder meets it; decides the context checklists (vocabularies/contexts.yaml).",
    )
    audience: tuple[RecordId, ...] = Field(
        default=(), description="Who uses it; decides the audience checklists (vocabularies/audiences.yaml)."
    )
    strength: Strength | None = Field(
        default=None, description="Strength, only when a cross-walked framework item gives one."
    )
    strength_from: ItemRef | None = Field(default=None, description="The framework item the strength comes from.")
    look_for: tuple[Text, ...] = Field(min_length=1, description="Observable signs, one per entry.")
    questions: tuple[Text, ...] = Field(min_length=1, description="Safe, open, non-leading questions to ask.")
    gender_guidance: Text = Field(description="Gender-sensitive guidance.")
    child_guidance: Text = Field(description="Child-sensitive guidance.")
    cautions: Text = Field(description="Do-no-harm cautions.")
    next_step: Text = Field(description="What to do when the indicator is present (refer; see the referral step).")
    crosswalk: tuple[ItemRef, ...] = Field(default=(), description="Framework items it corresponds to.")
    sources: tuple[CitationKey, ...] = Field(min_length=1, description="Bibliography keys it rests on.")
    history: tuple[Change, ...] = Field(min_length=1, description="Dated changes, oldest first.")
    replaced_by: IndicatorId | None = Field(default=None, description="For a retired indicator: its successor.")
    editor_note: EditorNote = None

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        dates = [change.date for change in self.history]
        if dates != sorted(dates):
            raise PydanticCustomError("ctkb", "history must be in date order, oldest first", {"field": "history"})
        rounds = [ROUNDS.index(change.round) for change in self.history]
        if rounds != sorted(rounds):
            raise PydanticCustomError("ctkb", "history must follow the rounds in order", {"field": "history"})
        actions = [change.action for change in self.history]
        if actions[0] != "added" or "added" in actions[1:]:
            raise PydanticCustomError(
                "ctkb", "the first history entry, and only it, has action: added", {"field": "history"}
            )
        if "retired" in actions[:-1]:
            raise PydanticCustomError(
                "ctkb", "a retired indicator cannot change again: retired must be the last entry", {"field": "history"}
            )
        if (self.strength is None) != (self.strength_from is None):
            raise PydanticCustomError(
                "ctkb",
                "give strength and strength_from together (a strength must come from a framework)",
                {"field": "strength"},
            )
        if self.strength_from and self.strength_from not in self.crosswalk:
            raise PydanticCustomError(
                "ctkb",
                "strength_from '{ref}' must also be listed in crosswalk",
                {"ref": self.strength_from, "field": "strength_from"},
            )
        if self.replaced_by and self.status != "retired":
            raise PydanticCustomError(
                "ctkb", "only a retired indicator can be replaced_by another", {"field": "replaced_by"}
            )
        return self

    @property
    def status(self) -> Status:
        """The round of the latest change, or retired."""
        last = self.history[-1]
        return "retired" if last.action == "retired" else last.round

    @property
    def is_retired(self) -> bool:
        return self.status == "retired"


def load_indicators(project: Project, errors: ErrorList) -> list[Indicator]:
    return load_records(project.data_dir("indicators"), Indicator, project, errors)


def set_version(indicators: list[Indicator]) -> tuple[dt.date, Round]:
    """The set's date (its latest change) and round (the least advanced of its active indicators)."""
    date = max(change.date for indicator in indicators for change in indicator.history)
    active = [indicator.history[-1].round for indicator in indicators if not indicator.is_retired]
    return date, min(active or ["draft"], key=ROUNDS.index)
