"""The one Jinja environment, and how data text becomes safe HTML.

Autoescape is on even for the ``.md.j2`` page templates, and every value from YAML is placed
inside an HTML element, never into Markdown syntax: Python-Markdown would turn ``[x](javascript:…)``
in plain text into a live link, and it passes raw HTML through. Rich text is rendered by us
with Python-Markdown and then cleaned by nh3 (an allow-list sanitiser) before it is marked safe.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any, cast

import markdown
import nh3
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
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

    def __init__(
        self, lang: str, default_language: str, internal: bool = False, template_dirs: tuple[str, ...] = ()
    ) -> None:
        self.lang = lang
        self.template_dirs = template_dirs
        """Folders of templates kept outside the package (see `ContentType.templates`), searched after it."""
        self.default_language = default_language
        self.internal = internal
        """An internal build: templates mark what they print as not for publication."""
        self.ui: dict[str, Any] = ui_strings(lang)
        self.helpers: dict[str, Any] = {}
        """Template helpers for this language (see `ctkb.pages.renderer`), given to every template."""

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
        macros = template_module("partials/text.html.j2")
        # Macros of an autoescaping environment return Markup, with the text escaped.
        return cast(Markup, macros.fallback(self.default_language, self.plain(value), self.ui["awaiting_translation"]))

    def rich(self, value: Text) -> Markup:
        translated = value.get(self.lang)
        if translated is not None:
            return rich_html(translated)
        macros = template_module("partials/text.html.j2")
        notice = self.ui["awaiting_translation"]
        return cast(Markup, macros.rich_fallback(self.default_language, rich_html(self.plain(value)), notice))

    def render(self, template: str, **context: Any) -> str:
        return (
            _environment(self.template_dirs)
            .get_template(template)
            .render(
                lang=self.lang,
                ui=self.ui,
                internal=self.internal,
                plain=self.plain,
                text=self.text,
                rich=self.rich,
                **self.helpers,
                **context,
            )
        )


def front_matter_string(value: str) -> Markup:
    """A YAML-safe, HTML-escaped scalar for page front matter.

    MkDocs themes print ``page.meta.title`` without escaping, so it is escaped here; JSON
    quoting makes any text a valid YAML scalar.
    """
    return Markup(json.dumps(str(escape(value)), ensure_ascii=False))  # noqa: S704 - escaped first


def template_module(template: str) -> Any:
    """A template's macros, callable from Python (for markup inserted into hand-written pages)."""
    return _environment().get_template(template).module


def tel_link(number: str) -> str:
    """``+502 2222-3333`` → ``tel:+50222223333``: a number a phone dials with one tap."""
    return "tel:" + re.sub(r"[^\d+]", "", number)


@cache
def _environment(template_dirs: tuple[str, ...] = ()) -> Environment:
    env = Environment(
        loader=ChoiceLoader([PackageLoader("ctkb", "templates"), *(FileSystemLoader(d) for d in template_dirs)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,
    )
    env.filters["front_matter"] = front_matter_string
    env.filters["tel"] = tel_link
    return env
