"""The bibliography as a reader uses it: facets narrow the list with matching counts, state in the
URL, from file:// too; the Cite box copies the formatted reference."""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect


def visible_items(page: Page) -> int:
    return int(page.evaluate("document.querySelectorAll('[data-ctkb-list] > li:not([hidden])').length"))


def option_count(page: Page, name: str, value: str) -> int:
    text = page.locator(f'[data-ctkb-count="{name}={value}"]').text_content() or ""
    return int(re.sub(r"\D", "", text))


def test_facets_narrow_the_list_and_counts_match(page: Page, offline_root: Path) -> None:
    page.goto(offline_root.joinpath("es", "bibliography", "index.html").as_uri())
    total = visible_items(page)
    assert total >= 80
    expect(page.locator("[data-ctkb-facets]")).to_be_visible()
    laws = option_count(page, "type", "law")
    page.locator('input[name="type"][value="law"]').check()
    assert visible_items(page) == laws > 0
    expect(page.locator("[data-ctkb-status]")).to_have_text(f"Se muestran {laws} de {total} obras")
    assert "type=law" in page.url
    # A second facet narrows further, and each count shows what choosing it would give.
    spanish = option_count(page, "language", "es")
    page.click("details.ctkb-facet:has(input[name=language]) > summary")
    page.locator('input[name="language"][value="es"]').check()
    assert visible_items(page) == spanish <= laws
    page.fill("#ctkb-q", "guatemala")
    narrowed = visible_items(page)
    assert 0 < narrowed <= spanish
    for item in page.locator("[data-ctkb-list] > li:not([hidden])").all():
        assert item.get_attribute("data-type") == "law"


def test_a_shared_link_restores_the_filtered_view(page: Page, server: str) -> None:
    page.goto(f"{server}/bibliography/index.html#topic=data-standards&from=2015")
    expect(page.locator('input[name="topic"][value="data-standards"]')).to_be_checked()
    expect(page.locator("#ctkb-from")).to_have_value("2015")
    years = [
        int(li.get_attribute("data-year") or 0) for li in page.locator("[data-ctkb-list] > li:not([hidden])").all()
    ]
    assert years and min(years) >= 2015
    page.click("[data-ctkb-facets] button[type=reset]")
    page.wait_for_function("document.querySelectorAll('[data-ctkb-list] > li:not([hidden])').length >= 80")
    assert "topic=" not in page.url


def test_without_javascript_the_full_list_is_there(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/bibliography/index.html")
    assert page.locator("[data-ctkb-list] > li").count() >= 80
    expect(page.locator("[data-ctkb-facets]")).to_be_hidden()
    context.close()


def test_cite_box_copies_the_reference(browser: Browser, server: str) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    page.goto(f"{server}/es/bibliography/cndh2013diagnostico.html")
    citation = page.locator("#cite-apa").inner_text()
    assert "Comisión Nacional de los Derechos Humanos" in citation
    page.click('[data-ctkb-copy="cite-apa"]')
    expect(page.locator('[data-ctkb-copy="cite-apa"]')).to_have_text("Copiado")
    assert page.evaluate("navigator.clipboard.readText()") == citation.strip()
    context.close()


def test_zotero_metadata_on_entry_and_index_pages(page: Page, server: str) -> None:
    page.goto(f"{server}/bibliography/iom2021htcds.html")
    expect(page.locator('meta[name="citation_title"]')).to_have_attribute(
        "content", "Human Trafficking Case Data Standard (HTCDS)"
    )
    page.goto(f"{server}/bibliography/index.html")
    assert page.locator("span.Z3988").count() >= 80


def test_the_filtered_entries_download_offline_in_each_format(page: Page, offline_root: Path) -> None:
    page.goto(offline_root.joinpath("es", "bibliography", "index.html").as_uri() + "#type=law")
    shown = page.evaluate("Array.from(document.querySelectorAll('[data-ctkb-list] > li:not([hidden])'), li => li.id)")
    assert 0 < len(shown) < 20
    box = page.locator("[data-ctkb-selection]")
    expect(box).to_contain_text("Descargar estos resultados")
    texts = {}
    for name in ("BibTeX", "RIS", "CSL-JSON"):
        with page.expect_download() as download:
            box.get_by_role("button", name=name).click()
        path = download.value.path()
        texts[name] = Path(str(path)).read_text(encoding="utf-8")
    assert sorted(re.findall(r"^@\w+\{([^,]+),", texts["BibTeX"], re.M)) == sorted(shown)
    assert texts["RIS"].count("TY  - ") == len(shown)
    items = json.loads(texts["CSL-JSON"])
    assert sorted(item["id"] for item in items) == sorted(shown)
    assert all(item["language"] for item in items)
