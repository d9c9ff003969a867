"""Printable screening checklists, derived from the indicators (never separate content).

One checklist per context (``vocabularies/contexts.yaml``) and one per front-line audience
below; an active indicator appears in every checklist of its contexts and audiences. A
checklist is meant to fit on two printed pages, so the number of indicators it may hold is
capped and an editor who exceeds it is told which term to narrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ctkb.errors import ErrorList
from ctkb.indicators import Indicator

if TYPE_CHECKING:
    from ctkb.catalog import Catalog

Kind = Literal["context", "audience"]

CHECKLIST_AUDIENCES = ("law-enforcement", "labour-inspectors", "health-workers", "service-providers", "civil-society")
"""Audiences (from ``vocabularies/audiences.yaml``) with a checklist; indicators may only name these."""

MAX_ITEMS = 30
"""Most indicators that fit on two A4 or Letter pages (measured by the browser tests)."""

VOCABULARY: dict[Kind, str] = {"context": "contexts", "audience": "audiences"}


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
    vocabulary = catalog.vocabularies.get(VOCABULARY[kind])
    return list(vocabulary.terms) if vocabulary else []


def checklists(catalog: Catalog) -> list[Checklist]:
    """Every non-empty checklist: contexts first, then audiences, in vocabulary order."""
    found = []
    for kind in ("context", "audience"):
        for term in _terms(catalog, kind):
            field = "contexts" if kind == "context" else "audience"
            members = tuple(ind for ind in catalog.active_indicators if term in getattr(ind, field))
            if members:
                found.append(Checklist(kind, term, members))
    return found


def check_checklists(catalog: Catalog, errors: ErrorList) -> None:
    """Every active indicator is on a checklist, names only audiences that have one, and fits."""
    audiences = catalog.vocabularies.get("audiences")
    for indicator in catalog.indicators.values():
        for index, audience in enumerate(indicator.audience):
            if audience not in CHECKLIST_AUDIENCES and audiences and audience in audiences.terms:
                indicator.report(
                    errors,
                    ("audience", index),
                    f"'{audience}' has no checklist; use one of: {', '.join(CHECKLIST_AUDIENCES)}",
                )
    lists = checklists(catalog)
    listed = set().union(*(checklist.ids for checklist in lists))
    for indicator in catalog.active_indicators:
        if indicator.id not in listed:
            indicator.report(
                errors,
                ("contexts",),
                "this indicator is on no checklist: give it a context, or an audience that has a checklist",
            )
    for checklist in lists:
        if len(checklist.indicators) > MAX_ITEMS:
            vocabulary = catalog.vocabularies[VOCABULARY[checklist.kind]]
            vocabulary.report(
                errors,
                ("terms", checklist.term),
                f"the {checklist.kind} checklist '{checklist.term}' would hold {len(checklist.indicators)} "
                f"indicators, but at most {MAX_ITEMS} fit on two printed pages: "
                f"remove this {checklist.kind} from the indicators where it matters least",
            )
