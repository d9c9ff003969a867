"""On a cheap phone (375 × 740): every page fits the screen, filters fold, targets can be tapped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ctkb.build import BuiltSite

PHONE = {"width": 375, "height": 740}

SCROLLING_TABLES = """() => [...document.querySelectorAll("article table")].some((table) => {
  const box = table.closest(".md-typeset__scrollwrap") || table.parentElement;  // Material's wrapper
  return box.scrollWidth > box.clientWidth + 1;
})"""
MATRICES = {"indicators/crosswalk.html", "translations.html"}
"""Tables too wide for a phone that scroll sideways in their own box: one column per framework or
per language and content type."""

SPLIT_WORDS = """() => {
  // Words of table cells that wrap across lines ("Guate|mala"): a squeezed column breaks words
  // anywhere. Code and written-out addresses may break; they are left out.
  const split = [];
  for (const cell of document.querySelectorAll("article td, article th")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest("code, a[href*='://']")) continue;
      for (const match of node.data.matchAll(/[\\p{L}\\p{N}]{2,20}/gu)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) split.push(match[0]);
      }
    }
  }
  return split;
}"""


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="es-MX", is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def test_every_page_fits_a_phone_screen_and_loads_without_errors(
    phone: Page, server: str, shipped_site: BuiltSite
) -> None:
    """No page, in either language, is wider than the screen (nothing to scroll sideways), has a
    table scrolling sideways other than the matrices, splits a word of a table across lines, logs
    an error to the console or asks the server for a file it does not have."""
    pages = sorted(path.relative_to(shipped_site.site_dir).as_posix() for path in shipped_site.site_dir.rglob("*.html"))
    assert len(pages) > 700
    wide, split, sideways, errors = [], [], set(), []
    phone.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    phone.on("pageerror", lambda error: errors.append(str(error)))
    phone.on("response", lambda response: errors.append(response.url) if response.status >= 400 else None)
    for path in pages:
        phone.goto(f"{server}/{path}", wait_until="load")
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide.append(f"{path}: {width}px")
        if words := phone.evaluate(SPLIT_WORDS):
            split.append(f"{path}: {', '.join(words[:5])}")
        if phone.evaluate(SCROLLING_TABLES):
            sideways.add(path.removeprefix("es/"))
    phone.wait_for_load_state("networkidle")
    assert wide == []
    assert split == []
    assert sideways == MATRICES  # other tables fit, or read as blocks (`ctkb-stack`)
    assert errors == []


def test_one_page_of_each_kind_loads_without_errors_from_the_unzipped_copy(phone: Page, offline_root: Path) -> None:
    """From file:// a fetch of a missing file is a console error (Material used to fetch sitemaps)."""
    kinds: dict[str, Path] = {}
    for path in sorted(offline_root.rglob("*.html")):
        kinds.setdefault(path.parent.relative_to(offline_root).as_posix(), path)
    assert len(kinds) > 20  # both languages: home, glossary, bibliography, indicators, actors, countries…
    errors: list[str] = []
    phone.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    phone.on("pageerror", lambda error: errors.append(str(error)))
    for path in kinds.values():
        phone.goto(path.as_uri(), wait_until="networkidle")
    assert errors == []


@pytest.mark.parametrize("index", ["es/indicators/index.html", "es/bibliography/index.html", "es/actors/index.html"])
def test_filters_fold_behind_one_control_on_a_phone(phone: Page, server: str, index: str) -> None:
    phone.goto(f"{server}/{index}")
    panel = phone.locator("[data-ctkb-filter-panel]")
    expect(panel).not_to_have_attribute("open", "")
    filters = panel.locator(":scope > summary").bounding_box()
    assert filters is not None and filters["y"] < 2 * PHONE["height"]
    panel.locator(":scope > summary").click()
    checkbox = phone.locator(".ctkb-facets input[type=checkbox]").first
    size = checkbox.bounding_box()
    assert size is not None and size["width"] >= 24 and size["height"] >= 24  # WCAG 2.2 target size
    checkbox.check()
    expect(panel.locator(":scope > summary")).to_contain_text("(1 activos)")


@pytest.mark.parametrize("index", ["indicators", "bibliography", "actors"])
@pytest.mark.parametrize("lang", ["", "es/"])
def test_the_first_result_shows_on_the_first_screen_of_a_phone(phone: Page, server: str, index: str, lang: str) -> None:
    """The safety note stays above the list; the draft notice and the map go below it."""
    phone.goto(f"{server}/{lang}{index}/index.html")
    first = phone.locator("[data-ctkb-list] > li > a").first.bounding_box()
    assert first is not None and first["y"] + first["height"] <= PHONE["height"]


def test_filters_are_open_on_a_wide_screen(page: Page, server: str) -> None:
    page.goto(f"{server}/indicators/index.html")
    expect(page.locator("[data-ctkb-filter-panel]")).to_have_attribute("open", "")


@pytest.mark.parametrize("country", ["gt", "hn"])
def test_a_country_page_shows_a_number_to_call_on_the_first_screen(phone: Page, server: str, country: str) -> None:
    """Guatemala and Honduras showed no number before: now their hotlines open the page."""
    phone.goto(f"{server}/es/actors/countries/{country}.html")
    number = phone.locator(".ctkb-hotline-card a[href^='tel:']").first
    box = number.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"]
    assert box["width"] >= 24 and box["height"] >= 24  # one tap dials it
    digits = "".join(char for char in (number.text_content() or "") if char.isdigit())
    assert number.get_attribute("href") == f"tel:{digits}"


@pytest.mark.parametrize("path", ["es/forms/referral.html", "data-format.html", "es/laws/index.html"])
def test_a_table_of_wide_columns_reads_as_blocks_on_a_phone_and_as_a_table_on_a_wide_screen(
    phone: Page, page: Page, server: str, path: str
) -> None:
    """On a phone each row is a block, its values under their column's names, with nothing to
    scroll sideways; on a wide screen the row's cells stand side by side."""
    phone.goto(f"{server}/{path}")
    table = phone.locator(".ctkb-stack table").first
    assert table.evaluate("t => t.closest('.ctkb-stack').scrollWidth <= t.closest('.ctkb-stack').clientWidth")
    cells = table.locator("tbody tr").first.locator("td[data-label]:not(:empty)")
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert first and second and second["y"] >= first["y"] + first["height"] - 1  # one under the other
    label = cells.nth(0).evaluate("cell => getComputedStyle(cell, '::before').content")
    assert cells.nth(0).get_attribute("data-label") in label
    page.goto(f"{server}/{path}")
    wide_cells = page.locator(".ctkb-stack table tbody tr").first.locator("td[data-label]:not(:empty)")
    left, right = wide_cells.nth(0).bounding_box(), wide_cells.nth(1).bounding_box()
    assert left and right and right["x"] > left["x"] and abs(right["y"] - left["y"]) < 2  # side by side
