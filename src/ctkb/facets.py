"""View helpers shared by index pages: facet filters and A–Z groups.

An index page lists records with ``data-*`` attributes; its facets (the tick boxes that filter
the list offline) are computed here per language, with the options present and their counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ctkb.render import Renderer
from ctkb.text import initial, sort_key


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    name: str
    """The ``data-*`` attribute of list items it filters on, and its URL parameter."""
    title: str
    options: list[FacetOption]
    open: bool = False


def build_facets(
    records: list[Any],
    values: dict[str, Callable[[Any], Iterable[str]]],
    labels: dict[str, Callable[[str], str]],
    titles: dict[str, str],
    lang: str,
    order: dict[str, list[str]],
    opened: tuple[str, ...] = (),
) -> list[Facet]:
    """One facet per entry of `labels`, with the options present, in `order` or by label."""
    facets = []
    for name, label in labels.items():
        counts = Counter(value for record in records for value in values[name](record))
        if name in order:
            ordered = [value for value in order[name] if value in counts]
        else:
            by_label = {value: sort_key(label(value), lang) for value in counts}
            ordered = sorted(counts, key=by_label.__getitem__)
        options = [FacetOption(value, label(value), counts[value]) for value in ordered]
        facets.append(Facet(name, str(titles[name]), options, open=name in opened))
    return facets


def az_groups(records: list[Any], attr: str, renderer: Renderer) -> list[tuple[str, list[Any]]]:
    """Records sorted by the language's collation of `attr`, grouped by initial letter."""
    lang = renderer.lang
    ordered = sorted(records, key=lambda record: sort_key(renderer.plain(getattr(record, attr)), lang))
    groups: dict[str, list[Any]] = {}
    for record in ordered:
        groups.setdefault(initial(renderer.plain(getattr(record, attr)), lang), []).append(record)
    return list(groups.items())
