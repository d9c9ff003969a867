"""Statistical indicators defined from the data dictionary: what to count, from which fields.

One YAML file per indicator under ``statistics/``. Each says which persons or events it counts
(as conditions on dictionary fields and their codes, checked against the code lists), how to
break the count down (each breakdown must be supplied by one of its fields), where the figure
comes from, its caveats, and the smallest cell that may be published: a count of very few
persons can identify them, so "do no harm" is part of the definition, not an afterthought.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ctkb.bibliography import Reference
from ctkb.codelists import Code, CodeList
from ctkb.content import ContentType, SourcePage
from ctkb.dictionary import DictionaryField
from ctkb.records import CitationKey, EditorNote, Record, RecordId, _Part, references, vocabulary
from ctkb.text import Text

if TYPE_CHECKING:
    from ctkb.catalog import Catalog, Lookup
    from ctkb.errors import ErrorList


class Condition(_Part):
    """Count a record only if this field holds one of these codes."""

    field: RecordId = Field(
        description="Id of a dictionary field with a code list.", json_schema_extra=references("dictionary")
    )
    codes: tuple[Code, ...] = Field(min_length=1, description="Codes of that field's list that count.")


class StatisticalIndicator(Record):
    """A figure organisations compute from case data, defined field by field."""

    id: RecordId = Field(description="Stable identifier, also the file name, e.g. sdg-16-2-2.")
    title: Text = Field(description="Its name, in each language.")
    basis: Literal["published", "ctkb"] = Field(
        description="published: an official indicator, defined as its sources define it; ctkb: a figure we "
        "recommend organisations keep (the page says so)."
    )
    definition: Text = Field(description="What the figure measures, in our words.")
    unit: Text = Field(description="What one unit of the count is (a person identified in the period, a referral…).")
    count_when: tuple[Condition, ...] = Field(
        default=(), description="Conditions on coded fields a record must meet to be counted (all of them)."
    )
    fields: tuple[RecordId, ...] = Field(
        min_length=1,
        description="The dictionary fields it is computed from.",
        json_schema_extra=references("dictionary"),
    )
    denominator: Text | None = Field(default=None, description="What it is divided by, for a rate; and its source.")
    disaggregations: tuple[RecordId, ...] = Field(
        default=(),
        description="Breakdowns to publish (vocabularies/disaggregations.yaml); each must come from one of its fields.",
        json_schema_extra=vocabulary("disaggregations"),
    )
    min_cell: int = Field(ge=1, description="The smallest number of persons a published cell may show.")
    min_cell_why: Text = Field(description="Why that threshold, and what to do below it (merge categories or periods).")
    data_sources: Text = Field(description="Where the data comes from, and who reports the figure.")
    caveats: Text = Field(description="What the figure does not show, and why figures from different sources differ.")
    sources: tuple[CitationKey, ...] = Field(
        default=(), description="Bibliography keys it rests on.", json_schema_extra=references("bibliography")
    )
    editor_note: EditorNote = None


def check(known: Lookup, errors: ErrorList) -> None:
    """Conditions name real codes, and every breakdown is supplied by one of the indicator's fields."""
    fields = known.catalog.of(DictionaryField)
    codelists = known.catalog.of(CodeList)
    for indicator in known.catalog.of(StatisticalIndicator).values():
        for index, condition in enumerate(indicator.count_when):
            field = fields.get(condition.field)
            if field is None:
                continue  # reported as an unknown dictionary field
            if field.codelist is None:
                indicator.report(errors, ("count_when", index, "field"), f"'{field.id}' has no code list to count by")
                continue
            codelist = codelists.get(field.codelist)
            if codelist is None:
                continue  # its file did not load: reported there
            for code_index, code in enumerate(condition.codes):
                if problem := codelist.unknown(code):
                    indicator.report(errors, ("count_when", index, "codes", code_index), problem)
            if condition.field not in indicator.fields:
                indicator.report(errors, ("count_when", index, "field"), f"list '{condition.field}' in fields too")
        if any(field_id not in fields for field_id in indicator.fields):
            continue  # a missing field is reported already; what it supplies is unknown
        supplied = {name for field_id in indicator.fields for name in fields[field_id].disaggregates}
        for index, name in enumerate(indicator.disaggregations):
            if name not in supplied:
                indicator.report(
                    errors,
                    ("disaggregations", index),
                    f"no field in fields supplies '{name}' (see each dictionary field's disaggregates)",
                )


@dataclass(frozen=True)
class StatisticsIndex:
    indicators: list[StatisticalIndicator]


@dataclass(frozen=True)
class StatisticPage:
    indicator: StatisticalIndicator
    fields: dict[str, DictionaryField]
    codelists: dict[str, CodeList]
    supplying: dict[str, list[str]]
    """Breakdown → ids of the dictionary fields that supply it."""
    sources: list[Reference]


def pages(catalog: Catalog) -> Iterator[SourcePage]:
    indicators = list(catalog.of(StatisticalIndicator).values())
    if not indicators:
        return
    fields, codelists, refs = catalog.of(DictionaryField), catalog.of(CodeList), catalog.of(Reference)
    supplying: dict[str, list[str]] = {}
    for field in fields.values():
        for name in field.disaggregates:
            supplying.setdefault(name, []).append(field.id)
    yield SourcePage("statistics/index", "pages/statistics-index.md.j2", StatisticsIndex(indicators))
    for indicator in indicators:
        view = StatisticPage(indicator, fields, codelists, supplying, [refs[key] for key in indicator.sources])
        yield SourcePage(f"statistics/{indicator.id}", "pages/statistic.md.j2", view)


CONTENT = ContentType(
    folder="statistics",
    model=StatisticalIndicator,
    schema="statistical-indicator",
    noun="statistical indicator",
    plural="statistical indicators",
    check=check,
    pages=pages,
)
