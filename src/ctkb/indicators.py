"""ctkb operational indicators for first responders, with crosswalks and a version history.

One YAML file per indicator under ``indicators/``, file name = id (``ind-001``). Ids are never
reused: a withdrawn indicator stays, with status ``retired``. Each indicator says what to look
for and what to ask, with gender- and child-sensitive guidance; none of them proves anything
alone, which every page and checklist says.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ctkb import checklists, handbooks
from ctkb.bibliography import Reference
from ctkb.content import ContentType, Helpers, Printable, SourcePage
from ctkb.errors import ErrorList
from ctkb.facets import Facet, build_facets
from ctkb.frameworks import CONTENT as FRAMEWORKS
from ctkb.frameworks import Framework, FrameworkItem, Strength, framework_item
from ctkb.records import CitationKey, EditorNote, Record, RecordId, _Part, references, vocabulary, vocabulary_of
from ctkb.text import RichText, Text

if TYPE_CHECKING:
    from ctkb.catalog import Catalog, Lookup
    from ctkb.checklists import Checklist
    from ctkb.render import Renderer

Round = Literal["draft", "consultation-1", "consultation-2", "final"]
ROUNDS: tuple[Round, ...] = ("draft", "consultation-1", "consultation-2", "final")
Action = Literal["added", "changed", "reviewed", "retired"]
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
    action: Action = Field(
        description="added (first entry only), changed, reviewed (kept as it is after the round), or retired "
        "(last entry only)."
    )
    note: Text = Field(description="What changed and why, in each language.")


class Indicator(Record):
    """An operational indicator of possible trafficking, for first responders."""

    id: IndicatorId = Field(description="Stable id (ind-001 …), also the file name. Never reused.")
    title: Text = Field(description="Short name of the indicator, in each language.")
    description: RichText = Field(description="What the indicator is and why it matters, in our words.")
    element: RecordId = Field(
        description="Element of trafficking it bears on (vocabularies/elements.yaml).",
        json_schema_extra=vocabulary("elements"),
    )
    exploitation: tuple[RecordId, ...] = Field(
        min_length=1,
        description="Forms of exploitation it may point to (vocabularies/exploitation-forms.yaml).",
        json_schema_extra=vocabulary("exploitation-forms"),
    )
    applies_to: Literal["adults", "children", "both"] = Field(
        description="Whether it applies to adults, children or both."
    )
    contexts: tuple[RecordId, ...] = Field(
        default=(),
        description="Where a first responder meets it; decides the context checklists (vocabularies/contexts.yaml).",
        json_schema_extra=vocabulary("contexts"),
    )
    audience: tuple[RecordId, ...] = Field(
        default=(),
        description="Who uses it; decides the audience checklists (vocabularies/audiences.yaml).",
        json_schema_extra=vocabulary("audiences"),
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
    sources: tuple[CitationKey, ...] = Field(
        min_length=1, description="Bibliography keys it rests on.", json_schema_extra=references("bibliography")
    )
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


def set_version(indicators: list[Indicator]) -> tuple[dt.date, Round]:
    """The set's date (its latest change) and round (the least advanced of its active indicators)."""
    date = max(change.date for indicator in indicators for change in indicator.history)
    active = [indicator.history[-1].round for indicator in indicators if not indicator.is_retired]
    return date, min(active or ["draft"], key=ROUNDS.index)


def active(catalog: Catalog) -> list[Indicator]:
    """Indicators not retired, in file order (ind-001 first)."""
    return [ind for ind in catalog.of(Indicator).values() if not ind.is_retired]


def _outside_scope(indicator: Indicator, framework: Framework) -> tuple[str, str] | None:
    """(whom the framework's strengths were rated for, what of the indicator lies outside), if anything."""
    scope = framework.strength_scope
    if scope is None:
        return None
    rated = f"{scope.applies_to} in {' or '.join(scope.exploitation)}"
    beyond = [form for form in indicator.exploitation if form not in scope.exploitation]
    if indicator.applies_to != scope.applies_to:
        beyond.insert(0, "children" if scope.applies_to == "adults" else "adults")
    return (rated, ", ".join(beyond)) if beyond else None


def check(known: Lookup, errors: ErrorList) -> None:
    """Crosswalk targets, strengths and successors; ids without gaps; every indicator on a checklist."""
    catalog = known.catalog
    indicators = catalog.of(Indicator)
    frameworks = catalog.of(Framework)
    for indicator in indicators.values():
        for index, ref in enumerate(indicator.crosswalk):
            framework_id = ref.partition(":")[0]
            failed_to_load = known.names(FRAMEWORKS.folder, framework_id) and framework_id not in frameworks
            if framework_item(catalog, ref) is None and not failed_to_load:
                where = f"{FRAMEWORKS.folder}/{framework_id}.yaml" if framework_id in frameworks else "any framework"
                indicator.report(errors, ("crosswalk", index), f"'{ref}' is not an item of {where}")
        if indicator.strength_from:
            found = framework_item(catalog, indicator.strength_from)
            if found and found[1].strength != indicator.strength:
                indicator.report(
                    errors,
                    ("strength",),
                    f"'{indicator.strength}' differs from the strength of {indicator.strength_from} "
                    f"({found[1].strength or 'none'}); copy the framework's strength",
                )
            if found and (outside := _outside_scope(indicator, found[0])):
                indicator.report(
                    errors,
                    ("strength_from",),
                    f"{found[0].short_name} rated its strengths for {outside[0]}, and this indicator also "
                    f"covers {outside[1]}: a strength holds only within its list; remove strength and "
                    "strength_from (keep the crosswalk)",
                )
        if indicator.replaced_by and indicator.replaced_by not in indicators:
            indicator.report(errors, ("replaced_by",), f"no indicator has the id '{indicator.replaced_by}'")
    _check_ids(known.files["indicators"], errors)
    checklists.check_checklists(catalog, errors)


def _check_ids(stems: set[str], errors: ErrorList) -> None:
    """Ids run from ind-001 without gaps: a gap means a file was deleted, and its id could be reused."""
    numbers = {int(stem[4:]) for stem in stems if stem[4:].isdigit()}
    for missing in sorted(set(range(1, max(numbers, default=0))) - numbers):
        errors.add(
            "indicators",
            0,
            "id",
            f"ind-{missing:03d} is missing: indicators are never deleted and ids never reused; "
            "restore the file and retire the indicator instead (history entry with action: retired)",
        )


def review_rounds(indicators: list[Indicator]) -> dict[str, list[tuple[Indicator, Change]]]:
    """Round → every change made in it, by date then indicator id (empty for rounds not held)."""
    rounds: dict[str, list[tuple[Indicator, Change]]] = {round_id: [] for round_id in ROUNDS}
    for ind in indicators:
        for change in ind.history:
            rounds[change.round].append((ind, change))
    for changes in rounds.values():
        changes.sort(key=lambda pair: (pair[1].date, pair[0].id))
    return rounds


@dataclass(frozen=True)
class FrameworksView:
    """What the indicator index, the frameworks index and the crosswalk share."""

    elements: list[str]
    frameworks: list[Framework]
    coverage: dict[str, tuple[int, int]]
    """Framework id → (items covered by an active indicator, items entered)."""
    version: tuple[dt.date, Round]

    def fields(self) -> tuple[list[str], list[Framework], dict[str, tuple[int, int]], tuple[dt.date, Round]]:
        """Its values, in order, for the views that extend it."""
        return self.elements, self.frameworks, self.coverage, self.version


@dataclass(frozen=True)
class IndicatorIndex(FrameworksView):
    indicators: list[Indicator]
    retired: list[Indicator]


@dataclass(frozen=True)
class CrosswalkPage(FrameworksView):
    indicators: list[Indicator]


@dataclass(frozen=True)
class ChangesIndex:
    rounds: dict[str, list[tuple[Indicator, Change]]]


@dataclass(frozen=True)
class ChangesPage:
    round_id: str
    changes: list[tuple[Indicator, Change]]
    report: bool
    """Whether the round has a consultation report page (consultations/<round>)."""


@dataclass(frozen=True)
class IndicatorPage:
    ind: Indicator
    crosswalk: list[tuple[Framework, FrameworkItem]]
    strength_item: tuple[Framework, FrameworkItem] | None
    sources: list[Reference]
    checklists: list[Checklist]
    successor: Indicator | None


@dataclass(frozen=True)
class FrameworkPage:
    framework: Framework
    covering: dict[str, list[Indicator]]
    sources: list[Reference]
    coverage: dict[str, tuple[int, int]]


def pages(catalog: Catalog) -> Iterator[SourcePage]:
    """Index, one page per indicator, framework and review round, the crosswalk and the checklist index."""
    from ctkb.consultations import Round as Consultation  # the consultations module imports this one

    indicators = sorted(catalog.of(Indicator).values(), key=lambda ind: ind.id)
    if not indicators:
        return
    refs = catalog.of(Reference)
    current = [ind for ind in indicators if not ind.is_retired]
    lists = checklists.checklists(catalog)
    covering: dict[str, list[Indicator]] = {}
    for ind in current:
        for ref in ind.crosswalk:
            covering.setdefault(ref, []).append(ind)
    frameworks = list(catalog.of(Framework).values())
    coverage = {
        framework.id: (sum(f"{framework.id}:{item.id}" in covering for item in framework.items), len(framework.items))
        for framework in frameworks
    }
    shared = FrameworksView(list(catalog.vocabularies["elements"].terms), frameworks, coverage, set_version(indicators))
    retired = [ind for ind in indicators if ind.is_retired]
    rounds = review_rounds(indicators)
    yield SourcePage(
        "indicators/index",
        "pages/indicators-index.md.j2",
        IndicatorIndex(*shared.fields(), indicators=current, retired=retired),
    )
    yield SourcePage("indicators/frameworks/index", "pages/frameworks-index.md.j2", shared)
    yield SourcePage(
        "indicators/crosswalk", "pages/crosswalk.md.j2", CrosswalkPage(*shared.fields(), indicators=current)
    )
    yield SourcePage("indicators/changes/index", "pages/changes-index.md.j2", ChangesIndex(rounds))
    for ind in indicators:
        view = IndicatorPage(
            ind,
            [found for ref in ind.crosswalk if (found := framework_item(catalog, ref))],
            framework_item(catalog, ind.strength_from) if ind.strength_from else None,
            [refs[key] for key in ind.sources],
            [checklist for checklist in lists if ind.id in checklist.ids],
            catalog.of(Indicator).get(ind.replaced_by or ""),
        )
        yield SourcePage(f"indicators/{ind.id}", "pages/indicator.md.j2", view)
    for framework in frameworks:
        framework_view = FrameworkPage(framework, covering, [refs[key] for key in framework.sources], coverage)
        yield SourcePage(f"indicators/frameworks/{framework.id}", "pages/framework.md.j2", framework_view)
    held = catalog.of(Consultation)
    for round_id, changes in rounds.items():
        round_view = ChangesPage(round_id, changes, round_id in held)
        yield SourcePage(f"indicators/changes/{round_id}", "pages/changes.md.j2", round_view)
    yield checklists.index_page(lists)


def applies_values(ind: Indicator) -> list[str]:
    """``both`` counts as adults and as children, so either filter finds it."""
    return ["adults", "children"] if ind.applies_to == "both" else [ind.applies_to]


def facets(indicators: list[Indicator], catalog: Catalog, renderer: Renderer) -> list[Facet]:
    """Facets of the indicator index; a vocabulary's own order is kept (it is meaningful)."""
    ui, lang = renderer.ui["indicators"], renderer.lang
    fields = {"element": "element", "exploitation": "exploitation", "context": "contexts"}
    vocabularies = {name: vocabulary_of(Indicator, field) for name, field in fields.items()}
    labels: dict[str, Callable[[str], str]] = {
        name: functools.partial(catalog.label, vocabulary, lang=lang) for name, vocabulary in vocabularies.items()
    }
    labels["applies"] = lambda value: str(ui["applies"][value])
    labels["strength"] = lambda value: str(ui["strengths"][value])
    values: dict[str, Callable[[Indicator], Iterable[str]]] = {
        "element": lambda ind: [ind.element],
        "exploitation": lambda ind: ind.exploitation,
        "context": lambda ind: ind.contexts,
        "applies": applies_values,
        "strength": lambda ind: [ind.strength or "none"],
    }
    order = {name: list(catalog.vocabularies[vocabulary].terms) for name, vocabulary in vocabularies.items()}
    order["applies"] = ["adults", "children"]
    order["strength"] = ["strong", "medium", "weak", "none"]
    return build_facets(indicators, values, labels, ui["facets"], lang, order, opened=tuple(values))


def helpers(catalog: Catalog, renderer: Renderer) -> Helpers:
    return {
        "indicator_facets": lambda items: facets(items, catalog, renderer),
        "applies_values": applies_values,
        "checklist_title": lambda slug: checklists.title(slug, catalog, renderer),
    }


def summary(catalog: Catalog, content: ContentType[Indicator]) -> str:
    retired = len(catalog.of(Indicator)) - len(active(catalog))
    return f"{len(active(catalog))} indicators ({retired} retired) on {len(checklists.checklists(catalog))} checklists"


def printables(catalog: Catalog) -> Iterator[Printable]:
    """The checklists, and the handbook that gathers them with every indicator."""
    yield from checklists.printables(catalog)
    yield from handbooks.printables(catalog)


CONTENT = ContentType(
    folder="indicators",
    model=Indicator,
    schema="indicator",
    noun="indicator",
    plural="indicators",
    check=check,
    pages=pages,
    printables=printables,
    helpers=helpers,
    summary=summary,
)
