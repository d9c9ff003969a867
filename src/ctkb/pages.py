"""Which pages the data generates, for which language, and their Markdown sources.

Generated pages are never written into ``docs/``: the MkDocs hook adds them as files that
exist only in memory (see ``hooks/ctkb_hooks.py``), keyed like real folder-structure files
(``en/glossary/<id>.md``, ``es/glossary/<id>.md``), so mkdocs-static-i18n treats them like
hand-written pages: language switcher, sitemap and search all work.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from ctkb.catalog import Catalog
from ctkb.render import Renderer
from ctkb.schemas import model_docs
from ctkb.text import initial, sort_key


@dataclass(frozen=True)
class SourcePage:
    """A generated page: `path` without language folder or suffix, e.g. ``glossary/x``."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)

    def href(self, target: str) -> str:
        """Relative link from this page to `target` (``glossary/x`` or ``glossary/x#part``)."""
        target, _, anchor = target.partition("#")
        link = posixpath.relpath(target, posixpath.dirname(self.path) or ".") + ".html"
        return f"{link}#{anchor}" if anchor else link


def site_pages(catalog: Catalog) -> list[SourcePage]:
    pages = [
        SourcePage("glossary/index", "pages/glossary-index.md.j2", {"terms": list(catalog.glossary.values())}),
        SourcePage(
            "bibliography/index", "pages/bibliography-index.md.j2", {"references": list(catalog.bibliography.values())}
        ),
        SourcePage("data-format", "pages/data-format.md.j2"),
    ]
    cited_by: dict[str, list[Any]] = {key: [] for key in catalog.bibliography}
    for term in catalog.glossary.values():
        for key in term.sources:
            cited_by[key].append(term)
        pages.append(
            SourcePage(
                f"glossary/{term.id}",
                "pages/glossary-term.md.j2",
                {
                    "term": term,
                    "related": [catalog.glossary[other] for other in term.related],
                    "sources": [catalog.bibliography[key] for key in term.sources],
                },
            )
        )
    for ref in catalog.bibliography.values():
        pages.append(
            SourcePage(f"bibliography/{ref.key}", "pages/reference.md.j2", {"ref": ref, "cited_by": cited_by[ref.key]})
        )
    return pages


def az_groups(records: list[Any], attr: str, renderer: Renderer) -> list[tuple[str, list[Any]]]:
    """Records sorted by the language's collation of `attr`, grouped by initial letter."""
    lang = renderer.lang
    ordered = sorted(records, key=lambda record: sort_key(renderer.plain(getattr(record, attr)), lang))
    groups: dict[str, list[Any]] = {}
    for record in ordered:
        groups.setdefault(initial(renderer.plain(getattr(record, attr)), lang), []).append(record)
    return list(groups.items())


def render_sources(catalog: Catalog) -> dict[str, str]:
    """``<lang>/<path>.md`` → Markdown, for every generated page in every language.

    Only a public catalogue may be rendered: this is the gate restricted fields cannot pass.
    """
    if not catalog.is_public:
        raise ValueError("render_sources() needs catalog.public(): restricted fields must not reach pages")
    project = catalog.project
    sources: dict[str, str] = {}
    for lang in project.languages:
        renderer = Renderer(lang, project.default_language)
        helpers = {
            "languages": project.languages,
            "az_groups": lambda records, attr, renderer=renderer: az_groups(records, attr, renderer),
            "model_docs": lambda lang=lang: model_docs(lang, project.default_language),
        }
        for page in site_pages(catalog):
            sources[f"{lang}/{page.path}.md"] = renderer.render(
                page.template, page=page, href=page.href, **helpers, **page.context
            )
    return sources
