"""Citations in hand-written pages: ``[@key]``, ``[@key, p. 12]``, ``[@a; @b]`` (Pandoc syntax).

Each citation becomes an APA in-text citation in the page's language, linked to the entry's
page, and the page ends with its reference list. Unknown keys are data errors reported like any
other (``docs/es/page.md:12: citation: …``), by `ctkb validate` and before any build.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from ctkb.buildcache import cached_text, code_version
from ctkb.citations import FORMATTING_CODE, FORMATTING_LIBRARIES, Cite, Formatter
from ctkb.errors import ErrorList
from ctkb.render import template_module
from ctkb.text import ui_strings

if TYPE_CHECKING:
    from ctkb.bibliography import Reference  # the bibliography module imports this one

_GROUP = re.compile(r"\[(\s*-?@[^\[\]]*)\]")
_ITEM = re.compile(r"^\s*-?@([A-Za-z0-9_]+)\s*(?:,\s*(.+?))?\s*$")
_PAGES = re.compile(r"^(?:pp?\.|p[áa]gs?\.|pages?)\s*", re.I)
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`[^`]*`")
STYLE = "apa"


@dataclass(frozen=True)
class CitationGroup:
    """One bracketed citation: where it is and what it cites."""

    line: int
    start: int
    end: int
    cites: tuple[Cite, ...]
    problem: str | None = None


def _mask_code(markdown: str) -> str:
    """`markdown` with fenced blocks and code spans blanked (same length, newlines kept)."""
    out, in_fence = [], False
    for line in markdown.splitlines(keepends=True):
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append(re.sub(r"[^\n]", " ", line))
        elif in_fence:
            out.append(re.sub(r"[^\n]", " ", line))
        else:
            out.append(_CODE_SPAN.sub(lambda match: " " * len(match.group(0)), line))
    return "".join(out)


def find_citations(markdown: str) -> Iterator[CitationGroup]:
    """Every ``[@…]`` outside code (it may wrap across lines), with its line and offsets."""
    masked = _mask_code(markdown)
    for match in _GROUP.finditer(masked):
        line = masked.count("\n", 0, match.start()) + 1
        yield _parse(" ".join(match.group(1).split()), line, match.start(), match.end())


def _parse(inner: str, line: int, start: int, end: int) -> CitationGroup:
    cites = []
    for part in inner.split(";"):
        item = _ITEM.match(part)
        if item is None:
            return CitationGroup(
                line, start, end, (), f"cannot read '[{inner}]': write [@key], [@key, p. 12] or [@a; @b]"
            )
        locator = _PAGES.sub("", item.group(2)) if item.group(2) else None
        cites.append(Cite(item.group(1), locator))
    return CitationGroup(line, start, end, tuple(cites))


def check_page(path: Path, root: Path, known: set[str] | dict[str, Reference], errors: ErrorList) -> None:
    """Report unreadable citations and unknown keys in one Markdown page."""
    relative = path.relative_to(root).as_posix()
    for group in find_citations(path.read_text(encoding="utf-8")):
        if group.problem:
            errors.add(relative, group.line, "citation", group.problem)
        for cite in group.cites:
            if cite.key not in known:
                errors.add(
                    relative,
                    group.line,
                    "citation",
                    f"no bibliography entry has the key '{cite.key}' (expected a file bibliography/{cite.key}.yaml)",
                )


def check_pages(docs_dir: Path, root: Path, known: set[str] | dict[str, Reference], errors: ErrorList) -> None:
    for path in sorted(docs_dir.rglob("*.md")):
        check_page(path, root, known, errors)


_SCRIPT_LINK = re.compile(r"(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?)\s*((?:javascript|vbscript|data):)", re.I | re.M)


class _Scripts(HTMLParser):
    """Finds what would run a script in raw HTML: script elements, on… attributes, script URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag == "script":
            self.found.append((line, "HTML", "a script element: pages may not run scripts of their own"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, "HTML", f"the attribute {name} runs a script: remove it"))
            elif value and re.match(r"\s*(?:javascript|vbscript|data):", value, re.I):
                self.found.append((line, "link", f"'{value.strip()[:12]}…' runs a script: {_LINK_RULE}"))

    handle_startendtag = handle_starttag


_LINK_RULE = "links must start with https://, http:// or mailto:, or point to a page of the site"


def check_markup(docs_dir: Path, root: Path, errors: ErrorList) -> None:
    """Hand-written pages pass raw HTML through: refuse whatever in it would run a script.

    The site's own scripts come from the theme; a page that brings one (or an event handler, or
    a ``javascript:`` link) would run it for every reader, offline copy included.
    """
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(root).as_posix()
        text = _mask_code(path.read_text(encoding="utf-8"))
        parser = _Scripts()
        parser.feed(text)
        parser.close()
        for line, field, message in parser.found:
            errors.add(relative, line, field, message)
        for match in _SCRIPT_LINK.finditer(text):
            line = text.count("\n", 0, match.start(1)) + 1
            errors.add(relative, line, "link", f"'{match.group(1)}…' runs a script: {_LINK_RULE}")


def render_citations(markdown: str, page_path: str, lang: str, refs: dict[str, Reference]) -> str:
    """`markdown` with citations rendered and its reference list appended.

    Args:
        markdown: The page source.
        page_path: The page's path within its language, e.g. ``about/review.md`` (for links).
        lang: The page's language.
        refs: Every bibliography entry (public), by key.
    """
    groups = [group for group in find_citations(markdown) if not group.problem]
    if not groups:
        return markdown
    cited = {cite.key: refs[cite.key] for group in groups for cite in group.cites if cite.key in refs}
    parts = [
        "prose",
        markdown,
        page_path,
        lang,
        code_version((__file__, *FORMATTING_CODE, *_PROSE_FILES), FORMATTING_LIBRARIES),
        *(ref.model_dump_json() for ref in cited.values()),
    ]
    return cached_text("citations", parts, lambda: _render(markdown, groups, cited, page_path, lang))


_PROSE_FILES = (
    str(Path(__file__).parent / "templates" / "partials" / "prose-citations.html.j2"),
    *(str(path) for path in sorted((Path(__file__).parent / "locales").glob("*.yaml"))),
)
"""Besides the formatting code: the template and the UI strings (the list's heading) its output depends on."""


def _render(markdown: str, groups: list[CitationGroup], cited: dict[str, Reference], page_path: str, lang: str) -> str:
    formatter = Formatter(cited.values(), STYLE, lang, in_style_order=True)
    folder = posixpath.dirname(page_path)

    def link(key: str) -> str:
        return posixpath.relpath(f"bibliography/{key}.html", folder or ".")

    macros = template_module("partials/prose-citations.html.j2")
    parts, last = [], 0
    for group in groups:
        rendered = sorted(
            (str(formatter.in_text(cite)).strip().removeprefix("(").removesuffix(")"), cite.key)
            for cite in group.cites
            if cite.key in cited
        )
        links = [(Markup(text), link(key)) for text, key in rendered]  # noqa: S704 - citeproc output, cleaned
        parts += [markdown[last : group.start], str(macros.in_text(links))]
        last = group.end
    parts.append(markdown[last:])
    heading = ui_strings(lang)["references"]
    return "".join(parts) + str(macros.reference_list(heading, list(formatter.references.items())))
