"""Procedures as a shelter worker or police officer opens them: the diagram shows from file://
and links to the steps; every blank form prints on at most three A4 or Letter pages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from pypdf import PdfReader

from ctkb.catalog import load_catalog
from ctkb.forms import Form
from ctkb.project import Project

REPO = Path(__file__).resolve().parents[2]
FORMS = sorted(load_catalog(Project.load(REPO)).of(Form))


def test_diagram_is_visible_offline_and_links_to_its_steps(page: Page, offline_root: Path) -> None:
    page.goto(offline_root.joinpath("es", "workflows", "identification-referral.html").as_uri())
    diagram = page.locator("figure.ctkb-diagram svg")
    box = diagram.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 200
    first = diagram.locator("a").first
    target = (first.get_attribute("xlink:href") or first.get_attribute("href") or "").lstrip("#")
    first.click()
    assert page.url.endswith(f"#{target}") and page.locator(f"#{target}").is_visible()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("form", FORMS)
def test_blank_form_prints_on_three_pages(browser: Browser, server: str, form: str, lang: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    prefix = "" if lang == "en" else f"{lang}/"
    page.goto(f"{server}/{prefix}forms/{form}-print.html")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert page.locator(".ctkb-form .ctkb-form-field").last.is_visible()
    for paper in ("A4", "Letter"):
        pages = PdfReader(io.BytesIO(page.pdf(format=paper))).pages
        assert 1 <= len(pages) <= 3, f"{form} ({lang}) takes {len(pages)} pages on {paper}"
    context.close()
