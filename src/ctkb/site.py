"""MkDocs integration: what the hook module calls at each build event.

A `SiteBuild` is created with each load of the hook module, that is once per build (MkDocs
loads hooks afresh with its configuration, also on every ``serve`` rebuild), and holds all that
build's state. mkdocs-static-i18n runs the whole build once per language, so every event fires
once per language; the catalogue and the rendered sources are cached, keyed on the modification
times of the data files and templates, and reused until something changes.
"""

from __future__ import annotations

import datetime as dt
import gzip
import logging
import os
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files

from ctkb import casedata, citations, fieldkit, pdf, prose, registry, scoring
from ctkb.bibliography import Reference
from ctkb.catalog import Catalog, cached_catalog
from ctkb.errors import DataInvalidError, ToolError
from ctkb.offline import INTERNAL_ZIP_NAME, ZIP_NAME
from ctkb.pages import check_site, render_sources
from ctkb.project import ConfigError, Project
from ctkb.search import split_search_index
from ctkb.text import ui_strings

log = logging.getLogger("mkdocs.plugins.ctkb")

INTERNAL_BANNER = "INTERNAL — do not publish · USO INTERNO — no publicar"
NPM_ASSETS = {
    "node_modules/iframe-worker/shim/index.js": "assets/javascripts/iframe-worker-shim.js",
    "node_modules/@panzoom/panzoom/dist/panzoom.min.js": "assets/javascripts/panzoom.min.js",
}
"""Scripts taken from npm at build time: Material's offline search from file:// needs the
iframe-worker shim; the workflow diagrams' full-screen viewer zooms with Panzoom."""
PREVIEW_ENV = "CTKB_PREVIEW"
"""Set by `ctkb serve`: its rebuilds leave out the PDFs and the field kit, which only a published
site needs and which took most of a rebuild's time (an edited indicator reprints both handbooks)."""
PROFILES = ("public", "internal")
"""public: what is published (restricted fields emptied); internal: an organisation's own copy."""
PACKAGE = Path(__file__).parent


@dataclass(frozen=True)
class BuildState:
    """What one build needs from the data, computed once in ``on_config``, read per page."""

    project: Project
    catalog: Catalog
    shown: Catalog
    """The public projection, or the whole catalogue in the internal profile."""
    sources: dict[str, str]
    internal: bool
    data_date: str | None = None
    """The newest date in the data (ISO): the sitemap's date, instead of the day of the build."""


@lru_cache(maxsize=2)
def _render(catalog: Catalog, templates: tuple[tuple[str, int], ...], internal: bool) -> tuple[Catalog, dict[str, str]]:
    ui_strings.cache_clear()  # a locale file may be what changed
    shown = catalog if internal else catalog.public()
    return shown, render_sources(shown, internal=internal)


def _template_fingerprint() -> tuple[tuple[str, int], ...]:
    files = [*(PACKAGE / "templates").rglob("*.j2"), *(PACKAGE / "locales").glob("*.yaml")]
    return tuple(sorted((str(path), path.stat().st_mtime_ns) for path in files))


def profile_of(config: MkDocsConfig) -> str:
    """The build profile, from ``extra.ctkb_profile`` in mkdocs.yml (``ctkb build --profile`` sets it)."""
    profile = config.extra.get("ctkb_profile", "public")
    if profile not in PROFILES:
        raise PluginError(f"mkdocs.yml: extra.ctkb_profile: '{profile}' is not a profile; use one of {PROFILES}")
    return str(profile)


class SiteBuild:
    """One build's state and the work done at each MkDocs event."""

    def __init__(self) -> None:
        self._state: BuildState | None = None

    @property
    def state(self) -> BuildState:
        if self._state is None:
            raise RuntimeError("SiteBuild.prepare() must run first (the hook's on_config does)")
        return self._state

    def prepare(self, config: MkDocsConfig) -> None:
        """Load (or reuse) the catalogue and rendered pages; a clean error lists every problem.

        Called at the start of every build (once per language, and on every ``serve`` rebuild);
        reuses earlier work unless a data file, template or locale file changed.
        """
        try:
            project = Project.load(Path(config.config_file_path).parent)
        except ConfigError as exc:
            raise PluginError(str(exc)) from None
        internal = profile_of(config) == "internal"
        try:
            catalog = cached_catalog(project)
            check_site(catalog)
            shown, sources = _render(catalog, _template_fingerprint(), internal)
        except DataInvalidError as exc:
            raise PluginError("\n" + str(exc)) from None
        except ToolError as exc:
            raise PluginError(f"a program the build runs failed: {exc}") from None
        # Truthy in the internal build: the bilingual banner text, for pages without ctkb's context (404).
        config.extra["ctkb_internal"] = INTERNAL_BANNER if internal else ""
        newest = catalog.data_date()
        self._state = BuildState(project, catalog, shown, sources, internal, newest.isoformat() if newest else None)

    def watch(self, server: LiveReloadServer) -> None:
        """``serve`` rebuilds when data, templates or UI strings change (the registry's folders)."""
        root = self.state.project.root
        for folder in registry.data_folders():
            server.watch(str(root / folder))
        for folder in ("templates", "locales"):
            server.watch(str(PACKAGE / folder))

    def add_generated_files(self, files: Files, config: MkDocsConfig) -> None:
        """Announce generated pages as ordinary files, before i18n sorts files by language."""
        for src_uri in self.state.sources:
            files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))

    def fill_generated_files(self, files: Files) -> None:
        """Give the (i18n-recreated) generated files their content, in memory."""
        sources = self.state.sources
        for file in files.documentation_pages():
            if file.src_uri in sources:
                file.content_string = sources[file.src_uri]
                file.edit_uri = None

    def render_prose(self, markdown: str, src_uri: str) -> str:
        """Citations in hand-written pages (generated pages cite through their templates)."""
        state = self.state
        if src_uri in state.sources:
            return markdown
        lang, _, page_path = src_uri.partition("/")
        return prose.render_citations(markdown, page_path, lang, state.shown.of(Reference))

    def page_context(self, context: dict[str, Any], config: MkDocsConfig) -> dict[str, Any]:
        """Our UI strings for the theme overrides (footer download link, search label)."""
        lang = config.plugins["i18n"].current_language  # type: ignore[attr-defined]
        context["ctkb_ui"] = ui_strings(lang)
        context["ctkb_zip"] = INTERNAL_ZIP_NAME if self.state.internal else ZIP_NAME
        context["ctkb_version"] = self.state.data_date or ""
        # The language's folder from the site's root ("" or "es/"): where its manifest and field kit are.
        context["ctkb_lang_folder"] = "" if lang == self.state.project.default_language else f"{lang}/"
        return context

    def copy_npm_assets(self, config: MkDocsConfig) -> None:
        """Copy `NPM_ASSETS` into the site: bundled, so no page loads a script from elsewhere."""
        for source, target in NPM_ASSETS.items():
            path = self.state.project.root / source
            if not path.is_file():
                raise PluginError(f"{source} is missing: run `npm ci` (make site does it) to fetch it")
            destination = Path(config.site_dir) / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)

    def write_downloads(self, config: MkDocsConfig) -> None:
        """Bibliography and case-data downloads and printable PDFs for the language just built, next to its pages."""
        state = self.state
        lang = config.plugins["i18n"].current_language  # type: ignore[attr-defined]
        folder = Path(config.site_dir) if lang == state.project.default_language else Path(config.site_dir) / lang
        refs = sorted(state.shown.of(Reference).values(), key=lambda ref: ref.key)
        citations.write_downloads(refs, folder / "downloads", lang)
        casedata.write_downloads(state.shown, folder / "downloads", lang)
        scoring.write_downloads(state.shown, folder / "downloads")
        if previewing():
            return
        try:
            pdf.write_pdfs(state.shown, lang, folder, internal=state.internal)
        except ToolError as exc:
            raise PluginError(f"a program the build runs failed: {exc}") from None

    def finish_languages(self, config: MkDocsConfig) -> None:
        """After the last language: a search index and a field kit per language; no sitemap without a site URL."""
        site_dir = Path(config.site_dir)
        counts = split_search_index(site_dir, self.state.project.languages)
        log.info("Search index per language: %s", counts)
        if previewing():
            log.info("Preview: the PDFs and the field kit are made by `ctkb build`, not by `ctkb serve`")
        else:
            try:
                fieldkit.write_field_kit(site_dir, self.state.project.languages, self.state.data_date)
            except ToolError as exc:
                raise PluginError(f"a program the build runs failed: {exc}") from None
        if not config.site_url:
            # A sitemap needs absolute addresses; without site_url it would list "None/…".
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                (site_dir / name).unlink(missing_ok=True)
        elif self.state.data_date:
            date_sitemap(site_dir, self.state.data_date)


def previewing() -> bool:
    """Whether this build is a `ctkb serve` preview."""
    return os.environ.get(PREVIEW_ENV) == "1"


SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


def date_sitemap(site_dir: Path, day: str) -> None:
    """Date every page of the sitemap (and its gzipped copy) by the data, not by the build day.

    Two builds of the same content then give the same sitemap.
    """
    path = site_dir / "sitemap.xml"
    ElementTree.register_namespace("", SITEMAP)
    tree = ElementTree.parse(path)  # noqa: S314 - our own build's output, not outside input
    for lastmod in tree.getroot().iter(f"{{{SITEMAP}}}lastmod"):
        lastmod.text = day
    tree.write(path, encoding="UTF-8", xml_declaration=True)
    when = dt.datetime.fromisoformat(day).replace(tzinfo=dt.UTC).timestamp()
    with gzip.GzipFile(site_dir / "sitemap.xml.gz", mode="wb", mtime=int(when)) as packed:
        packed.write(path.read_bytes())
