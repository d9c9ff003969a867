"""Consultation rounds: what practitioners said about the indicators, procedures and forms.

The seeds call for indicators and procedures validated with the organisations that use them.
A round is run with reviewer workbooks (`ctkb.workbooks`); importing the filled workbooks writes
one record here per round: per item, how many reviewers would keep, change or remove it, and
their comments, grouped. No reviewer's or organisation's name is kept: only counts by type of
organisation and by country. Changes are never applied from here; editors make them in the data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ctkb.content import ContentType, SourcePage
from ctkb.evidence import AS_PUBLISHED
from ctkb.indicators import ROUNDS
from ctkb.records import CountryCode, Record, RecordId, _Part

if TYPE_CHECKING:
    from ctkb.catalog import Catalog

ItemKind = Literal["indicators", "workflows", "forms"]
ORGANISATION_TYPES = (
    "ngo",
    "shelter",
    "government",
    "police-prosecution",
    "labour-inspection",
    "health",
    "child-protection",
    "international",
    "academia",
    "other",
)


class ItemResult(_Part):
    """What the reviewers of a round said about one item."""

    kind: ItemKind = Field(description="indicators, workflows (one row per step) or forms (one row per field).")
    item: str = Field(min_length=1, description="The item: an indicator id, workflow#step or form#field.")
    keep: int = Field(default=0, ge=0, description="Reviewers who would keep it as it is.")
    change: int = Field(default=0, ge=0, description="Reviewers who asked for a change.")
    remove: int = Field(default=0, ge=0, description="Reviewers who would remove it.")
    comments: tuple[str, ...] = Field(
        default=(),
        description="Reviewers' comments and proposed wording, as written (in the reviewer's language).",
        json_schema_extra=AS_PUBLISHED,
    )
    earlier_wording: int = Field(
        default=0, ge=0, description="Reviews of a wording that has changed since the workbook was exported."
    )


class Round(Record):
    """One consultation round, as imported from the reviewers' workbooks."""

    id: RecordId = Field(description="The round's name, also the file name, e.g. consultation-1.")
    date: dt.date = Field(description="When the workbooks were imported.")
    reviewers: int = Field(ge=0, description="How many workbooks were imported.")
    organisation_types: dict[str, int] = Field(
        default_factory=dict, description="Reviewers per type of organisation (no names are kept)."
    )
    countries: dict[CountryCode, int] = Field(default_factory=dict, description="Reviewers per country.")
    items: tuple[ItemResult, ...] = Field(default=(), description="Per item, the verdicts and the comments.")


@dataclass(frozen=True)
class RoundsIndex:
    rounds: list[Round]


@dataclass(frozen=True)
class RoundPage:
    round: Round
    organisation_types: tuple[str, ...]
    indicator_rounds: tuple[str, ...]
    """The rounds indicator histories name: a round among them links to its "What changed" page."""


def pages(catalog: Catalog) -> Iterator[SourcePage]:
    """An index (which says so when no round has been held) and one report page per round."""
    rounds = sorted(catalog.of(Round).values(), key=lambda found: found.date)
    yield SourcePage("consultations/index", "pages/consultations-index.md.j2", RoundsIndex(rounds))
    for found in rounds:
        yield SourcePage(
            f"consultations/{found.id}", "pages/consultation.md.j2", RoundPage(found, ORGANISATION_TYPES, ROUNDS)
        )


CONTENT = ContentType(
    folder="consultations",
    model=Round,
    schema="consultation-round",
    noun="consultation round",
    plural="consultation rounds",
    pages=pages,
)
