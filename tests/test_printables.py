"""Every printable stays inside its paper: no text runs past the edge of any page.

Each PDF's page boxes are laid out by WeasyPrint from the same HTML the build prints, and every
line of text is checked against the page's width and height, on A4 and Letter, in both languages.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest
from conftest import REPO

from ctkb import pdf
from ctkb.catalog import load_catalog
from ctkb.errors import ToolError
from ctkb.pdf import STYLESHEET, printed
from ctkb.project import Project


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_text_outside_the_page_in_any_printable(lang: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from weasyprint import CSS, HTML
        from weasyprint.formatting_structure.boxes import TextBox

    catalog = load_catalog(Project.load(REPO)).public()
    stylesheet = CSS(filename=str(STYLESHEET))
    outside, checked = [], 0
    for path, html in printed(catalog, lang):
        document = HTML(string=html).render(stylesheets=[stylesheet])
        for number, page in enumerate(document.pages, 1):
            for box in page._page_box.descendants():
                if isinstance(box, TextBox) and box.text.strip():
                    checked += 1
                    right, bottom = box.position_x + box.width, box.position_y + box.height
                    if box.position_x < 0 or right > page.width + 0.5 or bottom > page.height + 0.5:
                        outside.append(f"{path} page {number}: {box.text.strip()[:40]!r} ends at {right:.0f}px")
    assert checked > 1000
    assert outside == []


def test_missing_pdfs_are_printed_in_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first build prints on every core; each PDF lands in the cache with its page count."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    missing = {
        "one": ("checklists/pdf/one-a4.pdf", "<p>one</p>"),
        "two": ("checklists/pdf/two-a4.pdf", "<p>two</p><p style='break-before: page'>three</p>"),
    }
    pdf._print_into(tmp_path, missing, "@page { size: A4 }")
    assert (tmp_path / "one.pages").read_text() == "1" and (tmp_path / "two.pages").read_text() == "2"
    assert (tmp_path / "one.pdf").read_bytes().startswith(b"%PDF") and not list(tmp_path.glob("*.tmp"))


def test_a_pdf_that_cannot_be_printed_names_its_printable(tmp_path: Path) -> None:
    missing = {"bad": ("checklists/pdf/bad-a4.pdf", None)}  # not HTML: WeasyPrint raises
    with pytest.raises(ToolError, match=r"^WeasyPrint could not print checklists/pdf/bad-a4\.pdf: "):
        pdf._print_into(tmp_path, missing, "")  # type: ignore[arg-type]
