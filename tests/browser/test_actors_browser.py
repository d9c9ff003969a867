"""The directory as a caseworker uses it offline: filters narrow the list, the map links countries."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect


def visible(page: Page) -> list[str]:
    return [li.get_attribute("id") or "" for li in page.locator("[data-ctkb-list] > li:not([hidden])").all()]


def test_filters_narrow_the_directory_offline(page: Page, offline_root: Path) -> None:
    page.goto(offline_root.joinpath("es", "actors", "index.html").as_uri())
    everything = visible(page)
    assert len(everything) >= 50
    page.locator('input[name="country"][value="MX"]').check()
    mexico = visible(page)
    assert 0 < len(mexico) < len(everything)
    page.click("details.ctkb-facet:has(input[name=area]) > summary")
    page.locator('input[name="area"][value="MX-CHP"]').check()
    chiapas = visible(page)
    assert 0 < len(chiapas) < len(mexico)
    assert all(actor.startswith("mx-chis-") for actor in chiapas)
    assert "area=MX-CHP" in page.url


def test_map_links_each_country_offline(page: Page, offline_root: Path) -> None:
    page.goto(offline_root.joinpath("actors", "index.html").as_uri())
    figure = page.locator("figure.ctkb-map svg")
    box = figure.bounding_box()
    assert box and box["width"] > 300
    figure.locator('a[href="countries/gt.html"] text').first.click()
    expect(page.locator("h1")).to_have_text("Guatemala")
