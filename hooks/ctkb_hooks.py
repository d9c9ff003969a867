"""MkDocs hooks: each event is one call into the ctkb package (see ctkb.site)."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files

from ctkb import site


def on_config(config: MkDocsConfig) -> None:
    site.prepare(config)  # validate and render the data before anything is written


@event_priority(50)  # before mkdocs-static-i18n (-100) sorts files by language
def _add_files(files: Files, config: MkDocsConfig) -> None:
    site.add_generated_files(files, config)


@event_priority(-200)  # after i18n has recreated every File object
def _fill_files(files: Files, config: MkDocsConfig) -> None:
    site.fill_generated_files(files)


on_files = CombinedEvent(_add_files, _fill_files)


def on_page_markdown(markdown: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    return site.render_prose(markdown, page.file.src_uri)


def on_page_context(context: dict[str, Any], page: Any, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    return site.page_context(context, config)


def on_post_page(output: str, page: Any, config: MkDocsConfig) -> str:
    return site.patch_page(output, config)


@event_priority(-50)  # before i18n (-100) starts the next language's build
def _after_language(config: MkDocsConfig) -> None:
    site.copy_offline_shim(config)
    site.write_downloads(config)


@event_priority(-150)  # after i18n merged the search index and offline wrote search_index.js
def _after_all_languages(config: MkDocsConfig) -> None:
    if not config.plugins["i18n"].building:  # type: ignore[attr-defined]
        site.finish_languages(config)


on_post_build = CombinedEvent(_after_language, _after_all_languages)
