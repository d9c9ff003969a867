"""PDFs of the printables (checklists, blank forms, directories), made at build time with WeasyPrint.

Each printable is rendered from the same markup and stylesheet as its site page, on A4 and on
US Letter, in every language. WeasyPrint takes a fraction of a second per PDF, so finished PDFs
are kept in a cache keyed on their exact HTML and stylesheet: a rebuild with unchanged data
copies them instead of printing again.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import shutil
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

from ctkb.buildcache import cache_dir
from ctkb.catalog import Catalog
from ctkb.errors import ToolError
from ctkb.pages import printables, renderer

log = logging.getLogger("mkdocs.plugins.ctkb.summary.pdf")
"""Under the summary logger: its INFO lines (the handbooks' page counts) show on every build."""

PAPERS = {"a4": "A4", "letter": "letter"}
"""PDF name suffix → CSS ``@page`` size."""
STYLESHEET = Path(__file__).parent / "templates" / "theme" / "assets" / "css" / "ctkb-print.css"


def printed(catalog: Catalog, lang: str, internal: bool = False) -> Iterator[tuple[str, str]]:
    """(path of the PDF in the language's site folder, HTML to print) for every printable.

    The print template gets the same view as the printable's page, so the two cannot disagree.
    """
    shown = renderer(catalog, lang, internal)
    for printable in printables(catalog):
        page = printable.page
        for paper, size in PAPERS.items():
            html = shown.render(printable.template, paper=size, pdf=printable.pdf, page=page, **page.context())
            yield f"{printable.pdf}-{paper}.pdf", html


def write_pdfs(catalog: Catalog, lang: str, folder: Path, internal: bool = False) -> list[Path]:
    """Every printable of `lang` as a PDF under `folder`; returns the files written.

    PDFs not in the cache are printed in worker processes, one per core: printing is most of a
    first build's time, and a long handbook's layout, which takes hundreds of megabytes, is freed
    with its worker instead of raising the build's own peak.
    """
    if not catalog.is_public and not internal:
        raise ValueError("write_pdfs() needs catalog.public(): PDFs are published")
    stylesheet = STYLESHEET.read_text(encoding="utf-8")
    cache = cache_dir("printable-pdf")
    announced = {f"{p.pdf}-{paper}.pdf" for p in printables(catalog) if p.announce for paper in PAPERS}
    version = _weasyprint_version()
    jobs = [
        (path, html, hashlib.sha256(f"{html}\0{stylesheet}\0{version}".encode()).hexdigest())
        for path, html in printed(catalog, lang, internal)
    ]
    missing = {
        digest: (path, html)
        for path, html, digest in jobs
        if not (cache / f"{digest}.pdf").is_file() or not (cache / f"{digest}.pages").is_file()
    }
    if missing:
        cache.mkdir(parents=True, exist_ok=True)
        _print_into(cache, missing, stylesheet)
    written = []
    for path, _, digest in jobs:
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache / f"{digest}.pdf", target)
        written.append(target)
        if path in announced:
            log.info("%s/%s: %s pages", lang, path, (cache / f"{digest}.pages").read_text(encoding="utf-8"))
    return written


def _print_into(cache: Path, missing: dict[str, tuple[str, str]], stylesheet: str) -> None:
    """Print each (path, HTML) into ``cache/<digest>.pdf`` and its page count into ``.pages``."""
    workers = min(len(missing), os.cpu_count() or 1)
    if workers == 1:
        results = ((digest, _print(html, stylesheet)) for digest, (_, html) in missing.items())
        _store(cache, missing, results)
        return
    # "spawn": a fresh interpreter per worker, never a fork of a process that may hold threads.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {digest: pool.submit(_print, html, stylesheet) for digest, (_, html) in missing.items()}
        _store(cache, missing, ((digest, future.result()) for digest, future in futures.items()))


Printed = tuple[int, bytes] | str
"""A PDF's page count and bytes, or the text of the error that stopped it."""


def _store(cache: Path, missing: dict[str, tuple[str, str]], results: Iterable[tuple[str, Printed]]) -> None:
    for digest, result in results:
        if isinstance(result, str):  # WeasyPrint or Pango failing is not a problem in the data
            raise ToolError(f"WeasyPrint could not print {missing[digest][0]}: {result}")
        pages, pdf = result
        temporary = cache / f"{digest}.{os.getpid()}.tmp"
        temporary.write_bytes(pdf)
        temporary.replace(cache / f"{digest}.pdf")
        (cache / f"{digest}.pages").write_text(str(pages), encoding="utf-8")


def _print(html: str, stylesheet: str) -> Printed:
    """One PDF; an error is returned as text, so that a worker never has to pickle an exception."""
    with warnings.catch_warnings():  # a notice about a library future versions will need
        warnings.simplefilter("ignore", DeprecationWarning)
        from weasyprint import CSS, HTML  # imported late: loading Pango takes a moment

    try:
        document = HTML(string=html).render(stylesheets=[CSS(string=stylesheet)])
        pdf: bytes = document.write_pdf()
        return len(document.pages), pdf
    except Exception as exc:  # reported with the printable's path by `_store`
        return f"{type(exc).__name__}: {exc}"


def _weasyprint_version() -> str:
    """From the package's metadata: importing WeasyPrint (and Pango) is left to the workers."""
    return metadata.version("weasyprint")
