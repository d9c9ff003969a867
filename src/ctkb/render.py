"""The one Jinja environment, and how data text becomes safe HTML.

Autoescape is on even for the ``.md.j2`` page templates, and every value from YAML is placed
inside an HTML element, never into Markdown syntax: Python-Markdown would turn ``[x](javascript:…)``
in plain text into a live link, and it passes raw HTML through. Rich text is rendered by us
with Python-Markdown and then cleaned by nh3 (an allow-list sanitiser) before it is marked safe.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import markdown
import nh3
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ctkb.text import RichText, Text, ui_strings

RICH_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "code", "br", "blockquote"}
RICH_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def rich_html(source: str) -> Markup:
    """Render a rich-text value: a Markdown subset, then an allow-list clean.

    Whatever the YAML holds, no script, style, event handler or ``javascript:`` URL survives:
    nh3 keeps only the tags, attributes and URL schemes listed above.
    """
    html = markdown.markdown(source, output_format="html")
    clean = nh3.clean(html, tags=RICH_TAGS, attributes=RICH_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener")
    return Markup(clean)  # noqa: S704 - sanitised by nh3 just above


class Renderer:
    """Renders templates for one language; `default_language` fills awaited translations."""

    def __init__(self, lang: str, default_language: str, internal: bool = False) -> None:
        self.lang = lang
        self.default_language = default_language
        self.internal = internal
        """An internal build: templates mark what they print as not for publication."""
        self.ui: dict[str, Any] = ui_strings(lang)

    def plain(self, value: Text) -> str:
        """The text in this language, or in the default language while awaiting translation."""
        return value.get(self.lang) or value.get(self.default_language) or ""

    def text(self, value: Text) -> Markup:
        """Escaped text; a fallback to the default language is marked with ``lang`` and a notice."""
        if isinstance(value, RichText):
            return self.rich(value)
        translated = value.get(self.lang)
        if translated is not None:
            return escape(translated)
        return Markup('<span lang="{}">{}</span>{}').format(
            self.default_language, self.plain(value), self._pending_notice()
        )

    def rich(self, value: Text) -> Markup:
        translated = value.get(self.lang)
        if translated is not None:
            return rich_html(translated)
        return Markup('<div lang="{}">{}</div>{}').format(
            self.default_language, rich_html(self.plain(value)), self._pending_notice()
        )

    def _pending_notice(self) -> Markup:
        return Markup('<span class="ctkb-pending" role="note">{}</span>').format(self.ui["awaiting_translation"])

    def render(self, template: str, **context: Any) -> str:
        return (
            _environment()
            .get_template(template)
            .render(
                lang=self.lang,
                ui=self.ui,
                internal=self.internal,
                plain=self.plain,
                text=self.text,
                rich=self.rich,
                **context,
            )
        )


def front_matter_string(value: str) -> Markup:
    """A YAML-safe, HTML-escaped scalar for page front matter.

    MkDocs themes print ``page.meta.title`` without escaping, so it is escaped here; JSON
    quoting makes any text a valid YAML scalar.
    """
    return Markup(json.dumps(str(escape(value)), ensure_ascii=False))  # noqa: S704 - escaped first


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("ctkb", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
    )
    env.filters["front_matter"] = front_matter_string
    return env
