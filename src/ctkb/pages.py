"""Which pages the data generates, for which language, and their Markdown sources.

Each content type of the registry says which pages and printables it makes (`ContentType.pages`,
`ContentType.printables`); this module renders them for every language with one `Renderer` per
language, whose template helpers are gathered once from the content types.

Generated pages are never written into ``docs/``: the MkDocs hook adds them as files that
exist only in memory (see ``hooks/ctkb_hooks.py``), keyed like real folder-structure files
(``en/glossary/<id>.md``, ``es/glossary/<id>.md``), so mkdocs-static-i18n treats them like
hand-written pages: language switcher, sitemap and search all work.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from ctkb import handbooks, pagelinks
from ctkb.catalog import Catalog
from ctkb.content import Printable, SourcePage
from ctkb.errors import DataInvalidError, ErrorList
from ctkb.facets import az_groups
from ctkb.render import Renderer
from ctkb.schemas import model_docs
from ctkb.siteconfig import check_config
from ctkb.text import country_name
from ctkb.translations import TranslationsView, coverage


def printables(catalog: Catalog) -> Iterator[Printable]:
    for content in catalog.types:
        if content.printables:
            yield from content.printables(catalog)


def site_pages(catalog: Catalog) -> list[SourcePage]:
    """Every generated page: each content type's, its printables' pages, and the editors' pages."""
    pages: list[SourcePage] = []
    for content in catalog.types:
        if content.pages:
            pages += content.pages(catalog)
    pages += [printable.page for printable in printables(catalog)]
    pages.append(SourcePage("data-format", "pages/data-format.md.j2"))
    pages.append(SourcePage("offline", "pages/offline.md.j2"))  # the field kit's page for pages never saved
    pages.append(SourcePage("translations", "pages/translations.md.j2", TranslationsView(coverage(catalog))))
    return pages


@functools.lru_cache(maxsize=2)  # asked by the build command and by each language's build
def check_site(catalog: Catalog) -> None:
    """mkdocs.yml agrees with the data: every nav page exists, generated or written by hand.

    Raises:
        DataInvalidError: with every problem found in mkdocs.yml.
    """
    errors = ErrorList()
    check_config(catalog.project, {page.path for page in site_pages(catalog)}, errors)
    if errors:
        raise DataInvalidError(errors)


def renderer(catalog: Catalog, lang: str, internal: bool = False) -> Renderer:
    """The renderer of one language, with every content type's template helpers.

    Pages and PDFs both get their renderer here, so a helper (a label, a title, an order)
    cannot differ between a page and its printed version.
    """
    project = catalog.project
    extra = tuple(str(content.templates) for content in catalog.types if content.templates)
    shown = Renderer(lang, project.default_language, internal, extra)
    helpers: dict[str, Any] = {
        "languages": project.languages,
        "label": lambda vocabulary, term: catalog.label(vocabulary, term, lang),
        "country": lambda code: country_name(code, lang),
        "az_groups": lambda records, attr: az_groups(records, attr, shown),
        "model_docs": lambda: model_docs(lang, project.default_language, catalog.types),
        "page_link": pagelinks.page_path,
        "page_title": lambda link: pagelinks.title(link, catalog, shown),
        "docs_chapter": lambda path: handbooks.chapter(catalog, lang, path),
    }
    for content in catalog.types:
        if content.helpers:
            helpers |= content.helpers(catalog, shown)
    shown.helpers = helpers
    return shown


def render_sources(catalog: Catalog, internal: bool = False) -> dict[str, str]:
    """``<lang>/<path>.md`` → Markdown, for every generated page in every language.

    Only a public catalogue may be rendered: this is the gate restricted fields cannot pass.
    """
    if not catalog.is_public and not internal:
        raise ValueError("render_sources() needs catalog.public(): restricted fields must not reach pages")
    pdfs = {printable.page.path: printable.pdf for printable in printables(catalog)}
    pages = site_pages(catalog)
    sources: dict[str, str] = {}
    for lang in catalog.project.languages:
        shown = renderer(catalog, lang, internal)
        for page in pages:
            extra = {"pdf": pdfs[page.path]} if page.path in pdfs else {}
            sources[f"{lang}/{page.path}.md"] = shown.render(
                page.template, page=page, href=page.href, **extra, **page.context()
            )
    return sources
