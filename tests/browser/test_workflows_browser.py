"""Procedures as a shelter worker or police officer opens them: the diagram shows from file://
and links to the steps; every blank form prints on at most three A4 or Letter pages."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from ctkb.catalog import load_catalog
from ctkb.forms import Form
from ctkb.project import Project
from ctkb.workflows import Workflow

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


WORKFLOWS = sorted(load_catalog(Project.load(REPO)).of(Workflow))
PHONE = {"width": 375, "height": 740}


@pytest.mark.parametrize("workflow", WORKFLOWS)
def test_diagram_text_is_readable_on_a_phone_and_every_step_links_both_ways(
    browser: Browser, offline_root: Path, workflow: str
) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(offline_root.joinpath("es", "workflows", f"{workflow}.html").as_uri())
    sizes = page.evaluate(
        "() => Array.from(document.querySelectorAll('.ctkb-diagram svg text'))"
        ".map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"
    )
    assert sizes and min(sizes) >= 11.99, f"smallest diagram text: {min(sizes):.1f} CSS px"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the drawing scrolls in its box
    steps = page.locator("ol.ctkb-steps > li")
    nodes = page.locator(".ctkb-diagram g.node a")
    assert nodes.count() == steps.count() > 3
    for index in range(steps.count()):
        step_id = (steps.nth(index).get_attribute("id") or "").removeprefix("step-")
        assert page.locator(f'.ctkb-diagram a[*|href="#step-{step_id}"]').count() == 1  # box → step
        back = steps.nth(index).locator(".ctkb-to-diagram a").get_attribute("href")
        assert back == f"#node-{step_id}" and page.locator(f"g.node[id='node-{step_id}']").count() == 1  # step → box
    context.close()


def test_diagram_opens_full_screen_zooms_and_closes(browser: Browser, offline_root: Path) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="es-MX")
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(offline_root.joinpath("es", "workflows", "identification-referral.html").as_uri())
    figure = page.locator("[data-ctkb-diagram]")
    page.get_by_role("button", name="Abrir en pantalla completa").click()
    assert figure.bounding_box() == {"x": 0, "y": 0, **{k: float(v) for k, v in PHONE.items()}}
    viewer = page.get_by_role("dialog", name="Diagrama, pantalla completa")
    expect(viewer).to_be_visible()
    expect(page.get_by_role("button", name="Cerrar")).to_be_focused()
    svg = figure.locator("svg")
    first = svg.locator("g.node").first.bounding_box()
    assert first and first["x"] > 0 and first["x"] + first["width"] < PHONE["width"]  # the first step, centred
    page.get_by_role("button", name="Acercar").click()
    expect(svg).to_have_attribute("style", re.compile(r"scale\(1\.[1-9]"))
    page.keyboard.press("Escape")
    expect(viewer).to_have_count(0)
    expect(page.get_by_role("button", name="Abrir en pantalla completa")).to_be_focused()
    page.get_by_role("button", name="Abrir en pantalla completa").click()
    svg.locator("a").first.click()  # a tap on a box leaves the full screen for the step
    expect(viewer).to_have_count(0)
    assert page.url.endswith("#step-notice-indicators")
    assert all(url.startswith("file://") for url in requests)  # Panzoom is bundled, not fetched
    context.close()


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


def test_legal_basis_shows_the_chosen_country_only(browser: Browser, offline_root: Path) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(offline_root.joinpath("workflows", "identification-referral.html").as_uri())
    lines = page.locator("#step-protect-child .ctkb-legal-basis li")

    def shown() -> list[str]:
        return [" ".join(line.inner_text().split()) for line in lines.all() if line.is_visible()]

    mexico = (
        "In Mexico, article 3 of the General Law of 2012 (Guiding principles); article 89 (Assistance and protection)"
    )
    nicaragua = "In Nicaragua, article 29 of Law No. 896 (Assistance and protection)"
    every = [mexico, nicaragua, "Not checked for: Guatemala, Honduras, El Salvador."]
    assert shown() == every
    choice = page.get_by_label("Show the legal basis for")
    choice.select_option("GT")
    assert shown() == ["Not checked for: Guatemala."]
    choice.select_option("NI")
    assert shown() == [nicaragua]
    choice.select_option("MX")
    assert shown() == [mexico]
    choice.select_option("")
    assert shown() == every
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # A link may choose the country: the role's page, opened for Guatemala.
    page.goto(offline_root.joinpath("workflows", "roles", "child-protection.html").as_uri() + "?country=GT")
    expect(page.get_by_label("Show the legal basis for")).to_have_value("GT")
    assert [
        " ".join(t.split()) for t in page.locator("#legal-basis ~ ul.ctkb-legal-basis li:visible").all_inner_texts()
    ] == ["Not checked for: Guatemala."]
    # The law's page links to the step it grounds with its own country chosen.
    page.goto(offline_root.joinpath("laws", "ni.html").as_uri())
    page.locator("#art-29-assistance a[href*='identification-referral']").click()
    expect(page.get_by_label("Show the legal basis for")).to_have_value("NI")
    assert shown() == [nicaragua]
    context.close()
