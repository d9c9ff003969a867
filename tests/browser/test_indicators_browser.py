"""Indicators as first responders use them: filters narrow the list (from file:// too, state in
the URL), and every checklist prints on at most two A4 or Letter pages with all its indicators."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from ctkb.catalog import load_catalog
from ctkb.checklists import checklists
from ctkb.project import Project

REPO = Path(__file__).resolve().parents[2]
CHECKLISTS = {checklist.slug: checklist for checklist in checklists(load_catalog(Project.load(REPO)))}


def visible(page: Page) -> list[str]:
    return [li.get_attribute("id") or "" for li in page.locator("[data-ctkb-list] > li:not([hidden])").all()]


def pdf_text(pdf: bytes) -> list[str]:
    """The text of each page."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_filters_narrow_the_indicator_list(page: Page, offline_root: Path) -> None:
    page.goto(offline_root.joinpath("es", "indicators", "index.html").as_uri())
    everything = visible(page)
    assert len(everything) >= 60
    page.locator('input[name="context"][value="online"]').check()
    online = visible(page)
    assert 8 <= len(online) < len(everything)
    assert "context=online" in page.url
    page.locator('input[name="applies"][value="children"]').check()
    children_online = visible(page)
    assert 0 < len(children_online) <= len(online)
    for item in page.locator("[data-ctkb-list] > li:not([hidden])").all():
        assert "online" in (item.get_attribute("data-context") or "").split()
        assert "children" in (item.get_attribute("data-applies") or "").split()
    expect(page.locator("[data-ctkb-status]")).to_have_text(
        f"Se muestran {len(children_online)} de {len(everything)} indicadores"
    )


def test_a_shared_link_restores_the_filters(page: Page, server: str) -> None:
    page.goto(f"{server}/indicators/index.html#exploitation=forced-criminality")
    expect(page.locator('input[name="exploitation"][value="forced-criminality"]')).to_be_checked()
    shown = visible(page)
    assert len(shown) >= 5
    for item in page.locator("[data-ctkb-list] > li:not([hidden])").all():
        assert "forced-criminality" in (item.get_attribute("data-exploitation") or "")


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("slug", list(CHECKLISTS))
def test_checklist_prints_on_two_pages_with_all_its_indicators(
    browser: Browser, server: str, slug: str, lang: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    prefix = "" if lang == "en" else f"{lang}/"
    page.goto(f"{server}/{prefix}checklists/{slug}.html")
    page.emulate_media(media="print")
    printed = {
        (item.text_content() or "").split()[-1]
        for item in page.locator(".ctkb-checklist .ctkb-id").all()
        if item.is_visible()
    }
    assert printed == {indicator.id for indicator in CHECKLISTS[slug].indicators}
    assert not page.locator(".md-header").is_visible()  # no site chrome on paper
    for paper in ("A4", "Letter"):
        pages = pdf_text(page.pdf(format=paper))
        assert 1 <= len(pages) <= 2, f"{slug} ({lang}) takes {len(pages)} pages on {paper}"
    context.close()


def test_print_button_opens_the_print_dialog(page: Page, server: str) -> None:
    page.goto(f"{server}/checklists/context-workplace.html")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Print").click()
    assert page.evaluate("window.printed") is True


def test_an_on_screen_checklist_is_ticked_and_kept_nowhere(browser: Browser, server: str) -> None:
    """A shared phone must not keep a screening: ticks vanish on reload and on coming back."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.method) if request.method != "GET" else None)
    page.goto(f"{server}/es/checklists/context-workplace.html")
    # Nothing in any storage, before or after ticking (the theme has no colour switch to remember).
    storage = "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])"
    before = page.evaluate(storage)
    assert before == '[[],[],""]'
    boxes = page.locator("[data-ctkb-screening] input[type=checkbox]")
    assert boxes.count() == len(CHECKLISTS["context-workplace"].indicators)
    size = boxes.first.bounding_box()
    assert size and size["width"] >= 24 and size["height"] >= 24
    page.locator("[data-ctkb-screening] label").first.click()  # the sign's words tick its box
    boxes.nth(1).check()
    expect(boxes.first).to_be_checked()
    assert page.evaluate(storage) == before
    assert page.evaluate("indexedDB.databases()") == []
    page.reload()
    expect(boxes.first).not_to_be_checked()
    expect(boxes.nth(1)).not_to_be_checked()
    boxes.first.check()
    page.locator("[data-ctkb-screening] a.ctkb-id").first.click()  # each sign links to its guidance
    assert "/es/indicators/ind-" in page.url
    page.go_back()
    expect(boxes.first).not_to_be_checked()
    assert page.evaluate(storage) == before and sent == []
    context.close()
