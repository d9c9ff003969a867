"""What a content type declares about itself, once: `ctkb.registry` lists the declarations.

A content module (``glossary.py``, ``actors.py`` …) holds its model, its own cross-type rules,
and a `ContentType` saying where its files are, which pages and printables it produces and
which template helpers those need. The catalogue, the schema export, the Data format page, the
CLI and ``serve`` read the registry, so adding a content type touches nothing else.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ctkb.records import Record, public_copy

if TYPE_CHECKING:
    from ctkb.catalog import Catalog, Lookup
    from ctkb.errors import ErrorList
    from ctkb.render import Renderer

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class SourcePage:
    """A generated page: `path` without language folder or suffix, e.g. ``glossary/x``.

    `view` is a dataclass built for this page alone (typed, unlike a dict of context); its
    fields are the template's variables.
    """

    path: str
    template: str
    view: Any = None

    def href(self, target: str, suffix: str = ".html") -> str:
        """Relative link from this page to `target` (``glossary/x`` or ``glossary/x#part``).

        Pages get ``.html``; pass ``suffix=""`` for a file such as ``downloads/x.bib``.
        """
        target, _, anchor = target.partition("#")
        link = posixpath.relpath(target, posixpath.dirname(self.path) or ".") + suffix
        return f"{link}#{anchor}" if anchor else link

    def context(self) -> dict[str, Any]:
        """The view's fields, one level deep (nested values stay typed objects)."""
        if self.view is None:
            return {}
        return {field.name: getattr(self.view, field.name) for field in dataclasses.fields(self.view)}


@dataclass(frozen=True)
class Printable:
    """A page that is also printed to PDF: both are rendered from the same `page.view`.

    One view for both is what keeps a page and its PDF from disagreeing (order, filtering,
    titles); only the shell differs (site page or standalone print page).
    """

    page: SourcePage
    pdf: str
    """The PDF's path in the language's site folder, without the paper suffix and ``.pdf``."""
    template: str
    """The standalone print template (``print/…``), given the same view plus ``paper``."""
    announce: bool = False
    """Print its page count in the build log (the handbooks: editors watch their length)."""


Helpers = Mapping[str, Any]
"""Name → function (or value) a template can use."""


def _count(catalog: Catalog, content: ContentType[Any]) -> str:
    return f"{len(catalog.content[content.folder])} {content.plural}"


@dataclass(frozen=True)
class ContentType(Generic[R]):
    """One kind of record: its folder of YAML files, its model and what it produces.

    Cross-references and vocabularies are declared on the model's fields (see
    `ctkb.records.references` and `ctkb.records.vocabulary`) and checked generically;
    `check` is only for rules no field declaration can say (a workflow's graph, say).
    """

    folder: str
    """Data folder, one YAML file per record; also the name other fields refer to it by."""
    model: type[R]
    schema: str
    """Name of its JSON Schema, ``schemas/<schema>.schema.json``."""
    noun: str
    """Completes "no … '<id>'" in a dangling-reference message, e.g. ``role``."""
    plural: str
    """What the CLI's summary line counts, e.g. ``glossary terms``."""
    check: Callable[[Lookup, ErrorList], None] | None = None
    """Its own cross-type rules, run after every type has loaded."""
    pages: Callable[[Catalog], Iterable[SourcePage]] | None = None
    printables: Callable[[Catalog], Iterable[Printable]] | None = None
    helpers: Callable[[Catalog, Renderer], Helpers] | None = None
    """Template helpers its pages need, per language (facets, diagrams, formatted citations)."""
    templates: Path | None = None
    """A folder of its own templates, for a content type kept outside this package; ours are all
    under ``ctkb/templates``."""
    summary: Callable[[Catalog, ContentType[Any]], str] = _count
    public: Callable[[R], R] = public_copy
    """Its public projection: by default, every field marked restricted emptied."""
