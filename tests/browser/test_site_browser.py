"""What a reader sees in Chromium: languages, switcher, per-language search, the offline copy."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Page, expect


def search(page: Page, query: str) -> list[str]:
    """Type a query as a person would; returns the result links."""
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)
    meta = page.locator(".md-search-result__meta")
    expect(meta).not_to_contain_text("Initializing", timeout=15000)
    expect(meta).not_to_contain_text("Inicializando", timeout=15000)
    page.wait_for_selector("li.md-search-result__item a", timeout=15000)
    return [link.get_attribute("href") or "" for link in page.locator("li.md-search-result__item > a").all()]


def test_home_in_both_languages(page: Page, server: str) -> None:
    page.goto(f"{server}/index.html")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("article h1")).to_contain_text("Counter-Trafficking Knowledge Base")
    page.goto(f"{server}/es/index.html")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("article h1")).to_contain_text("Base de conocimientos contra la trata de personas")
    expect(page.locator(".ctkb-download a")).to_have_text("Descargar para uso sin conexión")


def test_language_switch_lands_on_the_same_page(page: Page, server: str) -> None:
    page.goto(f"{server}/glossary/screening.html")
    page.hover(".md-select > button")
    page.click("a.md-select__link[hreflang='es']")
    expect(page).to_have_url(f"{server}/es/glossary/screening.html")
    expect(page.locator("article h1")).to_contain_text("Detección inicial")
    page.hover(".md-select > button")
    page.click("a.md-select__link[hreflang='en']")
    expect(page).to_have_url(f"{server}/glossary/screening.html")


def test_search_is_per_language(page: Page, server: str) -> None:
    page.goto(f"{server}/es/glossary/index.html")
    spanish = search(page, "trata")
    assert spanish, "no Spanish results"
    assert all("/es/" in href for href in spanish), spanish
    page.goto(f"{server}/glossary/index.html")
    english = search(page, "trafficking")
    assert english, "no English results"
    assert not any("/es/" in href for href in english), english


def test_offline_copy_navigation_language_and_search(page: Page, offline_root: Path) -> None:
    page.goto(offline_root.joinpath("index.html").as_uri())
    expect(page.locator(".ctkb-download")).to_have_count(0)  # the zip is not inside itself
    page.click("article a[href='glossary/index.html']")
    expect(page.locator("article h1")).to_contain_text("Glossary")
    page.click("dt#trafficking-in-persons a")
    expect(page.locator("article h1")).to_contain_text("Trafficking in persons")
    page.hover(".md-select > button")
    page.click("a.md-select__link[hreflang='es']")
    expect(page.locator("article h1")).to_contain_text("Trata de personas")
    assert page.url.endswith("/ctkb/es/glossary/trafficking-in-persons.html")
    results = search(page, "consentimiento")
    assert results and all("/es/" in href for href in results), results


def test_offline_search_runs_off_the_page_thread(page: Page, offline_root: Path) -> None:
    """From file://, the index is built in a worker thread, not in an iframe that froze the page."""
    page.goto(offline_root.joinpath("index.html").as_uri())
    results = search(page, "referral")
    assert results and not any("/es/" in href for href in results), results
    assert page.locator("iframe").count() == 0, "search fell back to the iframe worker"


def test_offline_search_falls_back_to_the_iframe_worker(page: Page, offline_root: Path, tmp_path: Path) -> None:
    """A browser that refuses a Blob worker (here: its sources are missing) still searches."""
    copy = tmp_path / "ctkb"
    shutil.copytree(offline_root, copy)
    (copy / "assets" / "javascripts" / "file-worker-sources.js").unlink()
    page.goto(copy.joinpath("es", "index.html").as_uri())
    results = search(page, "consentimiento")
    assert results and all("/es/" in href for href in results), results
    assert page.locator("iframe").count() == 1


def test_a_pasted_query_runs_the_search(page: Page, offline_root: Path) -> None:
    """Pasting, dictation and autocomplete change the box without a key press: still searched."""
    page.goto(offline_root.joinpath("es", "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("consentimiento")  # sets the text and fires "input" only, as a paste does
    page.wait_for_selector("li.md-search-result__item a", timeout=15000)
    links = [link.get_attribute("href") or "" for link in page.locator("li.md-search-result__item > a").all()]
    assert links and all("/es/" in href for href in links), links
