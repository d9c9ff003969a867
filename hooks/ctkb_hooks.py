"""MkDocs hooks: each event is one call into the ctkb package (see ctkb.site).

MkDocs loads this file afresh for every build, so `build` holds one build's state.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files

from ctkb.site import SiteBuild

build = SiteBuild()


def on_config(config: MkDocsConfig) -> None:
    build.prepare(config)  # validate and render the data before anything is written


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> None:
    build.watch(server)


@event_priority(50)  # before mkdocs-static-i18n (-100) sorts files by language
def _add_files(files: Files, config: MkDocsConfig) -> None:
    build.add_generated_files(files, config)


@event_priority(-200)  # after i18n has recreated every File object
def _fill_files(files: Files, config: MkDocsConfig) -> None:
    build.fill_generated_files(files)


on_files = CombinedEvent(_add_files, _fill_files)


def on_page_markdown(markdown: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    return build.render_prose(markdown, page.file.src_uri)


def on_page_context(context: dict[str, Any], page: Any, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    return build.page_context(context, config)


@event_priority(-50)  # before i18n (-100) starts the next language's build
def _after_language(config: MkDocsConfig) -> None:
    build.copy_npm_assets(config)
    build.write_downloads(config)


@event_priority(-150)  # after i18n merged the search index and offline wrote search_index.js
def _after_all_languages(config: MkDocsConfig) -> None:
    if not config.plugins["i18n"].building:  # type: ignore[attr-defined]
        build.finish_languages(config)


on_post_build = CombinedEvent(_after_language, _after_all_languages)
