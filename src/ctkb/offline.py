"""The offline copy: the checks a published build must pass, and its zip.

`ctkb build` runs MkDocs into a temporary folder, then calls `finish_site`: it proves that no
page loads anything from another host and that no restricted value leaked, writes the zip
(whose size every page shows), and only then is the folder swapped in for ``site/``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from ctkb.render import template_module

ZIP_NAME = "ctkb-offline.zip"
INTERNAL_ZIP_NAME = "ctkb-internal-offline.zip"
INTERNAL_MARK = 'class="ctkb-internal-banner"'
"""Every page of the internal build carries this banner (checked before it is zipped)."""
ZIP_FOLDER = "ctkb"
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".webmanifest"}
SIZE_SLOT = '<span class="ctkb-zip-size"></span>'
"""Where the footer (theme ``partials/copyright.html``) leaves room for the zip's size."""

# Every absolute or protocol-relative address, then what comes just before it decides whether
# a page would *load* it: src/srcset/poster/data attributes, <link href>, CSS url() and @import,
# and scripts' fetch()/import(). Plain <a href> links to cited works are followed by a person,
# not loaded, so they are allowed. (One linear scan: the search index is large.)
_ADDRESS = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^"'\s)>]*""")
_LOAD_CONTEXT = re.compile(
    r"""(?:\b(?:src|srcset|poster|data)\s*=\s*["']?|url\(\s*["']?|@import\s+(?:url\()?["']?|"""
    r"""\b(?:fetch|importScripts|import)\(\s*["'`])\s*$""",
    re.I,
)
_LINK_TAG = re.compile(r"<link\b[^<>]*\bhref\s*=\s*[\"']?\s*$", re.I)
# <link rel="canonical"> and <link rel="alternate" hreflang> name addresses; a browser loads neither.
_NOT_LOADED_REL = re.compile(r"""\brel\s*=\s*["']?(?:canonical|alternate)\b""", re.I)
# Namespace URIs and license comments are identifiers, not requests.
_NOT_REQUESTS = re.compile(r"^(?:https?:)?//(?:www\.w3\.org|schemas\.|json-schema\.org)")


class SiteCheckError(Exception):
    """The built site breaks a rule of publication; the build is not swapped in."""


def text_files(site_dir: Path) -> Iterable[Path]:
    return (path for path in sorted(site_dir.rglob("*")) if path.suffix in TEXT_SUFFIXES and path.is_file())


def external_loads(site_dir: Path) -> list[str]:
    """``file: url`` for every external resource a built file would load."""
    found = []
    for path in text_files(site_dir):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in _ADDRESS.finditer(text):
            before = text[max(0, match.start() - 200) : match.start()]
            if _NOT_REQUESTS.match(match.group(0)):
                continue
            link_tag = _LINK_TAG.search(before)
            tag = before[link_tag.start() :] + text[match.start() : text.find(">", match.start())] if link_tag else ""
            if link_tag and _NOT_LOADED_REL.search(tag):
                continue  # the page's own address (canonical) or its other language (alternate)
            if _LOAD_CONTEXT.search(before[-40:]) or link_tag:
                found.append(f"{path.relative_to(site_dir).as_posix()}: {match.group(0)}")
    return found


def leaked_values(site_dir: Path, restricted: set[str]) -> list[str]:
    """``file`` for every built file that contains a restricted value."""
    if not restricted:
        return []
    leaks = []
    for path in text_files(site_dir):
        text = path.read_text(encoding="utf-8", errors="replace")
        if any(value in text for value in restricted):
            leaks.append(path.relative_to(site_dir).as_posix())
    return leaks


def human_size(size: int) -> str:
    """Size for people: ``850 KB``, ``4.2 MB``."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB"


def _zip_time() -> tuple[int, int, int, int, int, int]:
    """The time every zip entry carries: SOURCE_DATE_EPOCH if set, else 1980-01-01 (zip's first day).

    Not the build's own time, so two builds of the same commit give the same zip, byte for byte.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    return max(when, dt.datetime(1980, 1, 1, tzinfo=dt.UTC)).timetuple()[:6]


ONLINE_ONLY = re.compile(r"<!--ctkb:online-->.*?<!--/ctkb:online-->\s*", re.S)
"""What templates mark as meaningful only on the published site (the zip's own download link)."""
NOT_IN_ZIP = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
"""Files only a web server uses: from file:// no server serves a 404 page or reads a sitemap."""


INDENT = re.compile(r"\n[ \t]+")
"""The theme's indentation: a line break renders the same with it or without it."""
KEEPS_WHITESPACE = re.compile(r"<(?:pre|textarea)\b", re.I)


def offline_content(path: Path) -> bytes:
    """A file as the offline copy holds it: pages without their online-only parts or indentation.

    Dropping the indentation takes 0.4 MB off the zip. A page with a ``<pre>`` or ``<textarea>``,
    where spaces are shown as typed, keeps its own.
    """
    if path.suffix != ".html":
        return path.read_bytes()
    page = ONLINE_ONLY.sub("", path.read_text(encoding="utf-8"))
    if not KEEPS_WHITESPACE.search(page):
        page = INDENT.sub("\n", page)
    return page.encode("utf-8")


def write_zip(site_dir: Path, target: Path) -> int:
    """Zip the site under one folder, as it works offline and reproducibly; returns the size in bytes."""
    when = _zip_time()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site_dir.rglob("*")):
            relative = path.relative_to(site_dir).as_posix()
            if path.is_file() and path != target and relative not in NOT_IN_ZIP:
                entry = zipfile.ZipInfo(f"{ZIP_FOLDER}/{relative}", date_time=when)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16  # a plain readable file, whatever the build machine's umask
                archive.writestr(entry, offline_content(path), compresslevel=9)  # 80 KB less than 6, 0.5 s more
    return target.stat().st_size


def finish_site(site_dir: Path, restricted: set[str], internal: bool = False) -> Path:
    """Check the built site, then write its zip with the zip's size shown on every page.

    The public build must hold no restricted value; the internal one must mark every page.

    The size is written into the pages before zipping, which changes the size slightly; it is
    shown rounded, so one more pass settles it.

    Raises:
        SiteCheckError: an external resource or a restricted value was found.
    """
    # Source maps are for the theme's developers, not readers; they would double its weight.
    for source_map in site_dir.rglob("*.js.map"):
        source_map.unlink()
    problems = [f"loads an external resource: {item}" for item in external_loads(site_dir)]
    if internal:
        problems += [
            f"lacks the internal banner: {path.relative_to(site_dir)}"
            for path in site_dir.rglob("*.html")
            if INTERNAL_MARK not in path.read_text(encoding="utf-8")
        ]
    else:
        problems += [f"contains a restricted value: {item}" for item in leaked_values(site_dir, restricted)]
    if problems:
        raise SiteCheckError("\n".join(problems))
    target = site_dir / (INTERNAL_ZIP_NAME if internal else ZIP_NAME)
    pages = [path for path in site_dir.rglob("*.html") if SIZE_SLOT in path.read_text(encoding="utf-8")]
    originals = {path: path.read_text(encoding="utf-8") for path in pages}
    shown = ""
    for _ in range(4):
        size = human_size(write_zip(site_dir, target))
        if size == shown:
            break
        shown = size
        filled = str(template_module("partials/zip-size.html.j2").zip_size(size))
        for path, text in originals.items():
            path.write_text(text.replace(SIZE_SLOT, filled), encoding="utf-8")
    return target
