"""MkDocs integration: what the hook module calls at each build event.

mkdocs-static-i18n runs the whole build once per language, so every event fires once per
language; the catalogue and the rendered sources are therefore cached, keyed on the
modification times of the data files and templates, and reused until something changes
(which also keeps ``mkdocs serve`` rebuilds quick).
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ctkb import citations, pdf, prose
from ctkb.build import PROFILE_VARIABLE
from ctkb.catalog import Catalog, cached_catalog
from ctkb.errors import DataInvalidError
from ctkb.offline import INTERNAL_ZIP_NAME, ZIP_NAME
from ctkb.pages import render_sources
from ctkb.project import Project
from ctkb.search import split_search_index
from ctkb.text import ui_strings

log = logging.getLogger("mkdocs.plugins.ctkb")

INTERNAL_BANNER = "INTERNAL — do not publish · USO INTERNO — no publicar"
SHIM_SOURCE = Path("node_modules/iframe-worker/shim/index.js")
SHIM_TARGET = "assets/javascripts/iframe-worker-shim.js"


@dataclass(frozen=True)
class BuildState:
    """What one build needs from the data, computed once in ``on_config``, read per page."""

    project: Project
    catalog: Catalog
    public: Catalog
    sources: dict[str, str]


_state: BuildState | None = None


@lru_cache(maxsize=2)
def _render(catalog: Catalog, templates: tuple[tuple[str, int], ...], internal: bool) -> tuple[Catalog, dict[str, str]]:
    ui_strings.cache_clear()  # a locale file may be what changed
    shown = catalog if internal else catalog.public()
    return shown, render_sources(shown, internal=internal)


def _template_fingerprint() -> tuple[tuple[str, int], ...]:
    folder = Path(__file__).parent
    files = [*(folder / "templates").rglob("*.j2"), *(folder / "locales").glob("*.yaml")]
    return tuple(sorted((str(path), path.stat().st_mtime_ns) for path in files))


def prepare(config: MkDocsConfig) -> BuildState:
    """Load (or reuse) the catalogue and rendered pages; a clean error lists every problem.

    Called at the start of every build (once per language, and on every ``serve`` rebuild);
    reuses earlier work unless a data file, template or locale file changed.
    """
    global _state
    project = Project.load(Path(config.config_file_path).parent)
    try:
        catalog = cached_catalog(project)
    except DataInvalidError as exc:
        raise PluginError("\n" + str(exc)) from None
    internal = os.environ.get(PROFILE_VARIABLE, "public") == "internal"
    # Truthy in the internal build: the bilingual banner text, for pages without ctkb's context (404).
    config.extra["ctkb_internal"] = INTERNAL_BANNER if internal else ""
    public, sources = _render(catalog, _template_fingerprint(), internal)
    _state = BuildState(project, catalog, public, sources)
    return _state


def state() -> BuildState:
    if _state is None:
        raise RuntimeError("ctkb.site.prepare() must run first (the hook's on_config does)")
    return _state


def add_generated_files(files: Files, config: MkDocsConfig) -> None:
    """Announce generated pages as ordinary files, before i18n sorts files by language."""
    for src_uri in state().sources:
        files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))


def fill_generated_files(files: Files) -> None:
    """Give the (i18n-recreated) generated files their content, in memory."""
    sources = state().sources
    for file in files.documentation_pages():
        if file.src_uri in sources:
            file.content_string = sources[file.src_uri]
            file.edit_uri = None


def render_prose(markdown: str, src_uri: str) -> str:
    """Citations in hand-written pages (generated pages cite through their templates)."""
    current = state()
    if src_uri in current.sources:
        return markdown
    lang, _, page_path = src_uri.partition("/")
    return prose.render_citations(markdown, page_path, lang, current.public.bibliography)


def page_context(context: dict[str, Any], config: MkDocsConfig) -> dict[str, Any]:
    """Our UI strings for the theme overrides (footer download link)."""
    lang = config.plugins["i18n"].current_language  # type: ignore[attr-defined]
    context["ctkb_ui"] = ui_strings(lang)
    context["ctkb_zip"] = INTERNAL_ZIP_NAME if config.extra.get("ctkb_internal") else ZIP_NAME
    return context


SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def patch_page(html: str, config: MkDocsConfig) -> str:
    """Give Material's search dialog the accessible name it lacks (axe: aria-dialog-name)."""
    label = ui_strings(config.plugins["i18n"].current_language)["search"]  # type: ignore[attr-defined]
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{escape(label)}">', 1)


def copy_offline_shim(config: MkDocsConfig) -> None:
    """Material's offline search from file:// needs the iframe-worker shim, from npm."""
    source = state().project.root / SHIM_SOURCE
    if not source.is_file():
        raise PluginError(f"{SHIM_SOURCE} is missing: run `npm ci` (make site does it) to fetch it")
    target = Path(config.site_dir) / SHIM_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def write_downloads(config: MkDocsConfig) -> None:
    """Bibliography downloads and printable PDFs for the language just built, next to its pages."""
    current = state()
    lang = config.plugins["i18n"].current_language  # type: ignore[attr-defined]
    folder = Path(config.site_dir) if lang == current.project.default_language else Path(config.site_dir) / lang
    refs = sorted(current.public.bibliography.values(), key=lambda ref: ref.key)
    citations.write_downloads(refs, folder / "downloads", lang)
    pdf.write_pdfs(current.public, lang, folder, internal=bool(config.extra["ctkb_internal"]))


def finish_languages(config: MkDocsConfig) -> None:
    """After the last language: one search index per language; no sitemap without a site URL."""
    site_dir = Path(config.site_dir)
    counts = split_search_index(site_dir, state().project.languages)
    log.info("Search index per language: %s", counts)
    if not config.site_url:
        # A sitemap needs absolute addresses; without site_url it would list "None/…".
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / name).unlink(missing_ok=True)
