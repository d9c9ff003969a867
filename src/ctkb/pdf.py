"""PDFs of the printables (checklists, blank forms, directories), made at build time with WeasyPrint.

Each printable is rendered from the same markup and stylesheet as its site page, on A4 and on
US Letter, in every language. WeasyPrint takes a fraction of a second per PDF, so finished PDFs
are kept in a cache keyed on their exact HTML and stylesheet: a rebuild with unchanged data
copies them instead of printing again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import warnings
from collections.abc import Iterator
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
    """Every printable of `lang` as a PDF under `folder`; returns the files written."""
    if not catalog.is_public and not internal:
        raise ValueError("write_pdfs() needs catalog.public(): PDFs are published")
    with warnings.catch_warnings():  # a notice about a library future versions will need
        warnings.simplefilter("ignore", DeprecationWarning)
        from weasyprint import CSS, HTML  # imported late: loading Pango takes a moment

    stylesheet = STYLESHEET.read_text(encoding="utf-8")
    cache = cache_dir("printable-pdf")
    announced = {f"{p.pdf}-{paper}.pdf" for p in printables(catalog) if p.announce for paper in PAPERS}
    written = []
    for path, html in printed(catalog, lang, internal):
        digest = hashlib.sha256(f"{html}\0{stylesheet}\0{_weasyprint_version()}".encode()).hexdigest()
        cached, count = cache / f"{digest}.pdf", cache / f"{digest}.pages"
        if not cached.is_file() or not count.is_file():
            try:
                document = HTML(string=html).render(stylesheets=[CSS(string=stylesheet)])
                pdf = document.write_pdf()
            except Exception as exc:  # WeasyPrint or Pango failing is not a problem in the data
                raise ToolError(f"WeasyPrint could not print {path}: {exc}") from exc
            cache.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(pdf)
            temporary.replace(cached)
            count.write_text(str(len(document.pages)), encoding="utf-8")
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        written.append(target)
        if path in announced:
            log.info("%s/%s: %s pages", lang, path, count.read_text(encoding="utf-8"))
    return written


def _weasyprint_version() -> str:
    import weasyprint

    return str(weasyprint.__version__)
