"""PDFs of the printables (checklists, blank forms), made at build time with WeasyPrint.

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

from ctkb.actors import area_name, directory_countries
from ctkb.catalog import Catalog
from ctkb.checklists import checklists
from ctkb.indicators import set_version
from ctkb.pages import checklist_title
from ctkb.render import Renderer
from ctkb.text import country_name

log = logging.getLogger("mkdocs.plugins.ctkb")

PAPERS = {"a4": "A4", "letter": "letter"}
"""PDF name suffix → CSS ``@page`` size."""
STYLESHEET = Path(__file__).parent / "templates" / "theme" / "assets" / "css" / "ctkb-print.css"


def printables(catalog: Catalog, lang: str, internal: bool = False) -> Iterator[tuple[str, str]]:
    """(path of the PDF in the language's site folder, HTML to print) for every printable."""
    renderer = Renderer(lang, catalog.project.default_language, internal)
    label = lambda vocabulary, term: catalog.label(vocabulary, term, lang)  # noqa: E731
    if catalog.indicators:
        elements = list(catalog.vocabularies["elements"].terms)
        version = set_version(list(catalog.indicators.values()))
        for checklist in checklists(catalog):
            for paper, size in PAPERS.items():
                html = renderer.render(
                    "print/checklist.html.j2",
                    checklist=checklist,
                    groups=checklist.by_element(elements),
                    version=version,
                    paper=size,
                    label=label,
                    checklist_title=lambda slug: checklist_title(slug, catalog, renderer),
                )
                yield f"checklists/pdf/{checklist.slug}-{paper}.pdf", html
    for form in catalog.forms.values():
        for paper, size in PAPERS.items():
            yield f"forms/pdf/{form.id}-{paper}.pdf", renderer.render("print/form.html.j2", form=form, paper=size)
    actors = sorted(catalog.actors.values(), key=lambda actor: actor.name)
    for code in directory_countries(actors):
        here = [actor for actor in actors if actor.country == code]
        for paper, size in PAPERS.items():
            html = renderer.render(
                "print/directory.html.j2",
                code=code,
                actors_in_country=here,
                paper=size,
                label=label,
                country=lambda value: country_name(value, lang),
                area=area_name,
            )
            yield f"actors/pdf/{code.lower()}-{paper}.pdf", html


def write_pdfs(catalog: Catalog, lang: str, folder: Path, internal: bool = False) -> list[Path]:
    """Every printable of `lang` as a PDF under `folder`; returns the files written."""
    if not catalog.is_public and not internal:
        raise ValueError("write_pdfs() needs catalog.public(): PDFs are published")
    with warnings.catch_warnings():  # a notice about a library future versions will need
        warnings.simplefilter("ignore", DeprecationWarning)
        from weasyprint import CSS, HTML  # imported late: loading Pango takes a moment

    stylesheet = STYLESHEET.read_text(encoding="utf-8")
    cache = _cache_dir()
    written = []
    for path, html in printables(catalog, lang, internal):
        digest = hashlib.sha256(f"{html}\0{stylesheet}\0{_weasyprint_version()}".encode()).hexdigest()
        cached = cache / f"{digest}.pdf"
        if not cached.is_file():
            pdf = HTML(string=html).write_pdf(stylesheets=[CSS(string=stylesheet)])
            cache.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(pdf)
            temporary.replace(cached)
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        written.append(target)
    return written


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ctkb" / "printable-pdf"


def _weasyprint_version() -> str:
    import weasyprint

    return str(weasyprint.__version__)
