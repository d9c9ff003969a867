"""Printable screening checklists, derived from the indicators (never separate content).

One checklist per context (``vocabularies/contexts.yaml``) and one per front-line audience
below; an active indicator appears in every checklist of its contexts and audiences. A
checklist is meant to fit on two printed pages, so the number of indicators it may hold is
capped and an editor who exceeds it is told which term to narrow.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ctkb.content import Printable, SourcePage
from ctkb.errors import ErrorList
from ctkb.records import vocabulary_of

if TYPE_CHECKING:
    from ctkb.catalog import Catalog
    from ctkb.indicators import Indicator, Round
    from ctkb.render import Renderer

Kind = Literal["context", "audience"]

CHECKLIST_AUDIENCES = ("law-enforcement", "labour-inspectors", "health-workers", "service-providers", "civil-society")
"""Audiences (from ``vocabularies/audiences.yaml``) with a checklist; indicators may only name these."""

MAX_ITEMS = 30
"""Most indicators that fit on two A4 or Letter pages (measured by the browser tests)."""

FIELD: dict[Kind, str] = {"context": "contexts", "audience": "audience"}
"""The indicator field that decides which checklists of each kind an indicator is on."""


@dataclass(frozen=True)
class Checklist:
    kind: Kind
    term: str
    indicators: tuple[Indicator, ...]

    @property
    def slug(self) -> str:
        """Page and PDF name, e.g. ``context-workplace``."""
        return f"{self.kind}-{self.term}"

    @property
    def ids(self) -> set[str]:
        return {indicator.id for indicator in self.indicators}

    def by_element(self, elements: list[str]) -> list[tuple[str, list[Indicator]]]:
        """Indicators grouped by element of trafficking, in the vocabulary's order."""
        groups = [(element, [ind for ind in self.indicators if ind.element == element]) for element in elements]
        return [(element, members) for element, members in groups if members]


def _terms(catalog: Catalog, kind: Kind) -> list[str]:
    if kind == "audience":
        return list(CHECKLIST_AUDIENCES)
    vocabulary = catalog.vocabularies.get(_vocabulary(kind))
    return list(vocabulary.terms) if vocabulary else []


def _vocabulary(kind: Kind) -> str:
    from ctkb.indicators import Indicator  # the indicators module imports this one

    return vocabulary_of(Indicator, FIELD[kind])


@functools.lru_cache(maxsize=4)  # asked for by checks, pages, printables and helpers of one catalogue
def checklists(catalog: Catalog) -> list[Checklist]:
    """Every non-empty checklist: contexts first, then audiences, in vocabulary order."""
    from ctkb.indicators import active  # the indicators module imports this one

    current = active(catalog)
    found = []
    for kind in ("context", "audience"):
        for term in _terms(catalog, kind):
            members = tuple(ind for ind in current if term in getattr(ind, FIELD[kind]))
            if members:
                found.append(Checklist(kind, term, members))
    return found


def check_checklists(catalog: Catalog, errors: ErrorList) -> None:
    """Every active indicator is on a checklist, names only audiences that have one, and fits."""
    from ctkb.indicators import Indicator, active

    audiences = catalog.vocabularies.get("audiences")
    for indicator in catalog.of(Indicator).values():
        for index, audience in enumerate(indicator.audience):
            if audience not in CHECKLIST_AUDIENCES and audiences and audience in audiences.terms:
                indicator.report(
                    errors,
                    ("audience", index),
                    f"'{audience}' has no checklist; use one of: {', '.join(CHECKLIST_AUDIENCES)}",
                )
    lists = checklists(catalog)
    listed = set().union(*(checklist.ids for checklist in lists))
    for indicator in active(catalog):
        if indicator.id not in listed:
            indicator.report(
                errors,
                ("contexts",),
                "this indicator is on no checklist: give it a context, or an audience that has a checklist",
            )
    for checklist in lists:
        if len(checklist.indicators) > MAX_ITEMS:
            vocabulary = catalog.vocabularies[_vocabulary(checklist.kind)]
            vocabulary.report(
                errors,
                ("terms", checklist.term),
                f"the {checklist.kind} checklist '{checklist.term}' would hold {len(checklist.indicators)} "
                f"indicators, but at most {MAX_ITEMS} fit on two printed pages: "
                f"remove this {checklist.kind} from the indicators where it matters least",
            )


def title(slug: str, catalog: Catalog, renderer: Renderer) -> str:
    """E.g. "Checklist: Workplaces and labour inspection" for ``context-workplace``."""
    kind, _, term = slug.partition("-")
    vocabulary = _vocabulary("context" if kind == "context" else "audience")
    return str(renderer.ui["checklists"][f"{kind}_title"].format(term=catalog.label(vocabulary, term, renderer.lang)))


@dataclass(frozen=True)
class ChecklistIndex:
    checklists: list[Checklist]


@dataclass(frozen=True)
class ChecklistView:
    """One checklist, for its page and its PDFs alike."""

    checklist: Checklist
    groups: list[tuple[str, list[Indicator]]]
    version: tuple[dt.date, Round]


def index_page(lists: list[Checklist]) -> SourcePage:
    return SourcePage("checklists/index", "pages/checklists-index.md.j2", ChecklistIndex(lists))


def printables(catalog: Catalog) -> Iterator[Printable]:
    """Each checklist's page, and its PDFs from the same view."""
    from ctkb.indicators import Indicator, set_version

    indicators = list(catalog.of(Indicator).values())
    if not indicators:
        return
    elements = list(catalog.vocabularies["elements"].terms)
    version = set_version(indicators)
    for checklist in checklists(catalog):
        view = ChecklistView(checklist, checklist.by_element(elements), version)
        page = SourcePage(f"checklists/{checklist.slug}", "pages/checklist.md.j2", view)
        yield Printable(page, f"checklists/pdf/{checklist.slug}", "print/checklist.html.j2")
