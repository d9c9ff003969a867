"""Which pages the data generates, for which language, and their Markdown sources.

Generated pages are never written into ``docs/``: the MkDocs hook adds them as files that
exist only in memory (see ``hooks/ctkb_hooks.py``), keyed like real folder-structure files
(``en/glossary/<id>.md``, ``es/glossary/<id>.md``), so mkdocs-static-i18n treats them like
hand-written pages: language switcher, sitemap and search all work.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ctkb.bibliography import Reference
from ctkb.catalog import Catalog
from ctkb.citations import STYLES, Formatter, coins, highwire_meta
from ctkb.render import Renderer
from ctkb.schemas import model_docs
from ctkb.text import country_name, initial, sort_key


@dataclass(frozen=True)
class SourcePage:
    """A generated page: `path` without language folder or suffix, e.g. ``glossary/x``."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)

    def href(self, target: str, suffix: str = ".html") -> str:
        """Relative link from this page to `target` (``glossary/x`` or ``glossary/x#part``).

        Pages get ``.html``; pass ``suffix=""`` for a file such as ``downloads/x.bib``.
        """
        target, _, anchor = target.partition("#")
        link = posixpath.relpath(target, posixpath.dirname(self.path) or ".") + suffix
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
        context = {"ref": ref, "cited_by": cited_by[ref.key], "related": related_references(ref, catalog)}
        pages.append(SourcePage(f"bibliography/{ref.key}", "pages/reference.md.j2", context))
    return pages


def related_references(ref: Reference, catalog: Catalog, most: int = 5) -> list[Reference]:
    """Works sharing the most topics with `ref` (then regions), newest first among equals."""
    scored = []
    for other in catalog.bibliography.values():
        if other.key == ref.key:
            continue
        score = 2 * len(set(ref.topics) & set(other.topics)) + len(set(ref.regions) & set(other.regions))
        if set(ref.topics) & set(other.topics):
            scored.append((-score, -(other.year or 0), other.key, other))
    return [other for *_, other in sorted(scored)[:most]]


def az_groups(records: list[Any], attr: str, renderer: Renderer) -> list[tuple[str, list[Any]]]:
    """Records sorted by the language's collation of `attr`, grouped by initial letter."""
    lang = renderer.lang
    ordered = sorted(records, key=lambda record: sort_key(renderer.plain(getattr(record, attr)), lang))
    groups: dict[str, list[Any]] = {}
    for record in ordered:
        groups.setdefault(initial(renderer.plain(getattr(record, attr)), lang), []).append(record)
    return list(groups.items())


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


def bibliography_facets(
    refs: list[Reference], catalog: Catalog, renderer: Renderer
) -> tuple[list[Facet], tuple[int, int]]:
    """Facets of the bibliography index, with the options present and their counts."""
    ui, lang = renderer.ui, renderer.lang
    labels: dict[str, Callable[[str], str]] = {
        "type": lambda value: str(ui["bibliography"]["types"][value]),
        "language": lambda value: str(ui["language_names"].get(value, value)),
        "region": lambda value: catalog.label("regions", value, lang),
        "country": lambda value: country_name(value, lang),
        "topic": lambda value: catalog.label("topics", value, lang),
        "audience": lambda value: catalog.label("audiences", value, lang),
        "usefulness": lambda value: str(ui["bibliography"]["ratings"][value]),
    }
    values: dict[str, Callable[[Reference], Iterable[str]]] = {
        "type": lambda ref: [ref.type],
        "language": lambda ref: ref.languages,
        "region": lambda ref: ref.regions,
        "country": lambda ref: ref.countries,
        "topic": lambda ref: ref.topics,
        "audience": lambda ref: ref.audience,
        "usefulness": lambda ref: [ref.usefulness.rating if ref.usefulness else "unrated"],
    }
    facets = []
    for name, label in labels.items():
        counts = Counter(value for ref in refs for value in values[name](ref))
        if name == "usefulness":
            ordered = [value for value in ("high", "medium", "low", "unrated") if value in counts]
        else:
            by_label = {value: sort_key(label(value), lang) for value in counts}
            ordered = sorted(counts, key=by_label.__getitem__)
        options = [FacetOption(value, label(value), counts[value]) for value in ordered]
        facets.append(Facet(name, str(ui["bibliography"]["facets"][name]), options, open=name in ("type", "topic")))
    years = [ref.year for ref in refs if ref.year]
    return facets, (min(years, default=1900), max(years, default=2100))


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
        formatted = {style: Formatter(catalog.bibliography.values(), style, lang).references for style in STYLES}
        helpers = {
            "languages": project.languages,
            "styles": STYLES,
            "citation": lambda key, style, formatted=formatted: formatted[style][key],
            "label": lambda vocabulary, term, lang=lang: catalog.label(vocabulary, term, lang),
            "country": lambda code, lang=lang: country_name(code, lang),
            "coins": coins,
            "bibliography_facets": lambda refs, renderer=renderer: bibliography_facets(refs, catalog, renderer),
            "highwire": highwire_meta,
            "az_groups": lambda records, attr, renderer=renderer: az_groups(records, attr, renderer),
            "model_docs": lambda lang=lang: model_docs(lang, project.default_language),
        }
        for page in site_pages(catalog):
            sources[f"{lang}/{page.path}.md"] = renderer.render(
                page.template, page=page, href=page.href, **helpers, **page.context
            )
    return sources
