"""Checklist PDFs, made at build time with WeasyPrint from the same markup as the checklist pages.

Each checklist is printed on A4 and on US Letter, in every language. WeasyPrint takes about a
second per PDF, so finished PDFs are kept in a cache keyed on their exact HTML and stylesheet:
a rebuild with unchanged indicators copies them instead of printing again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import warnings
from pathlib import Path

from ctkb.catalog import Catalog
from ctkb.checklists import Checklist, checklists
from ctkb.indicators import set_version
from ctkb.render import Renderer

log = logging.getLogger("mkdocs.plugins.ctkb")

PAPERS = {"a4": "A4", "letter": "letter"}
"""PDF name suffix → CSS ``@page`` size."""
STYLESHEET = Path(__file__).parent / "templates" / "theme" / "assets" / "css" / "ctkb-checklist.css"


def checklist_html(catalog: Catalog, checklist: Checklist, lang: str, paper: str) -> str:
    """The standalone page WeasyPrint prints: the checklist markup and nothing else."""
    renderer = Renderer(lang, catalog.project.default_language)
    elements = list(catalog.vocabularies["elements"].terms)
    return renderer.render(
        "print/checklist.html.j2",
        checklist=checklist,
        groups=checklist.by_element(elements),
        version=set_version(list(catalog.indicators.values())),
        paper=PAPERS[paper],
        label=lambda vocabulary, term: catalog.label(vocabulary, term, lang),
    )


def write_checklist_pdfs(catalog: Catalog, lang: str, folder: Path) -> list[Path]:
    """``<folder>/<slug>-<paper>.pdf`` for every checklist; returns the files written."""
    if not catalog.is_public:
        raise ValueError("write_checklist_pdfs() needs catalog.public(): PDFs are published")
    with warnings.catch_warnings():  # a notice about a library future versions will need
        warnings.simplefilter("ignore", DeprecationWarning)
        from weasyprint import CSS, HTML  # imported late: loading Pango takes a moment

    folder.mkdir(parents=True, exist_ok=True)
    stylesheet = STYLESHEET.read_text(encoding="utf-8")
    cache = _cache_dir()
    written = []
    for checklist in checklists(catalog):
        for paper in PAPERS:
            html = checklist_html(catalog, checklist, lang, paper)
            digest = hashlib.sha256(f"{html}\0{stylesheet}\0{_weasyprint_version()}".encode()).hexdigest()
            target = folder / f"{checklist.slug}-{paper}.pdf"
            cached = cache / f"{digest}.pdf"
            if not cached.is_file():
                pdf = HTML(string=html).write_pdf(stylesheets=[CSS(string=stylesheet)])
                cache.mkdir(parents=True, exist_ok=True)
                temporary = cached.with_suffix(f".{os.getpid()}.tmp")
                temporary.write_bytes(pdf)
                temporary.replace(cached)
            shutil.copyfile(cached, target)
            written.append(target)
    return written


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ctkb" / "checklist-pdf"


def _weasyprint_version() -> str:
    import weasyprint

    return str(weasyprint.__version__)
