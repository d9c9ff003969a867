"""The self-assessment in the browser: scores, chart, next steps, files out and back in, and no
request or storage of any kind (the page fixture already fails on a request outside the site)."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from browser.conftest import storage


def _answer(page: Page, question: str, level: int) -> None:
    page.locator(f'input[name="{question}"][value="{level}"]').check()


def test_scores_chart_and_next_steps_follow_the_answers(page: Page, server: str) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server}/es/assessment/self-assessment.html")
    names = page.eval_on_selector_all(
        "fieldset.ctkb-question input[value='0']", "inputs => inputs.map(input => input.name)"
    )
    first_area = [name for name in names if name.startswith(names[0].split("/")[0] + "/")]
    for question, level in zip(first_area[:3], (0, 2, 3), strict=True):
        _answer(page, question, level)
    expect(page.locator("[data-ctkb-answered]")).to_contain_text(f"3 de {len(names)} preguntas respondidas")
    row = page.locator("[data-ctkb-scores] tbody tr").first
    expect(row.locator("td").nth(0)).to_have_text("3 / " + str(len(first_area)))
    expect(row.locator("td").nth(1)).to_have_text("56%")  # (0 + 2 + 3) / 9
    assert page.locator("svg.ctkb-assessment-chart rect.ctkb-chart-bar").count() == 1
    assert (page.locator("svg.ctkb-assessment-chart title").text_content() or "").startswith("Puntaje por área")
    steps = page.locator("[data-ctkb-recommendations] li")
    expect(steps).to_have_count(2)  # the level-3 answer needs no next step
    assert "(nivel 0)" in steps.first.inner_text()  # the lowest level first
    link = steps.first.locator("a").first
    assert link.get_attribute("href", timeout=1000).startswith("../")
    # "Print the results" prints the results alone (the form is hidden while printing)
    page.evaluate(
        "window.print = () => { window.printed = document.body.classList.contains('ctkb-printing-results'); }"
    )
    page.click('[data-ctkb-action="print"]')
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    assert page.locator("form.ctkb-assessment-form").is_hidden()
    assert page.locator("[data-ctkb-scores]").is_visible()
    page.emulate_media(media="screen")
    after_load = len(requests)
    _answer(page, first_area[3], 1)
    assert len(requests) == after_load  # answering requests nothing
    assert storage(page) == {"local": 0, "session": 0, "cookie": "", "databases": 0, "caches": 0}


def test_answers_download_and_load_back_and_compare(page: Page, server: str, tmp_path: Path) -> None:
    page.goto(f"{server}/assessment/self-assessment.html")
    names = page.eval_on_selector_all(
        "fieldset.ctkb-question input[value='0']", "inputs => inputs.map(input => input.name)"
    )
    _answer(page, names[0], 1)
    _answer(page, names[1], 1)
    page.fill("#ctkb-assessment-date", "2026-01-15")
    with page.expect_download() as download:
        page.click('[data-ctkb-action="json"]')
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "ctkb-self-assessment-2026-01-15.json"
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["format"] == "ctkb-self-assessment" and data["answers"][names[0]] == 1
    assert data["answers"][names[2]] is None and data["organisation"] == ""
    with page.expect_download() as csv_download:
        page.click('[data-ctkb-action="csv"]')
    csv_file = tmp_path / "answers.csv"
    csv_download.value.save_as(csv_file)
    assert csv_file.read_text(encoding="utf-8").splitlines()[1] == f"2026-01-15,,,{names[0]},1"

    page.reload()
    page.set_input_files("#ctkb-assessment-load", str(csv_file))
    expect(page.locator(f'input[name="{names[0]}"][value="1"]')).to_be_checked()
    expect(page.locator("#ctkb-assessment-date")).to_have_value("2026-01-15")
    _answer(page, names[0], 3)
    _answer(page, names[1], 3)
    page.fill("#ctkb-assessment-date", "2026-06-15")
    page.set_input_files("#ctkb-assessment-compare", str(saved))
    expect(page.locator("[data-ctkb-earlier-col]")).to_be_visible()
    row = page.locator("[data-ctkb-scores] tbody tr").first
    expect(row.locator("td").nth(1)).to_have_text("100%")
    expect(row.locator("td").nth(2)).to_have_text("33%")
    expect(page.locator("[data-ctkb-chart] p")).to_have_text("Thick bar: 2026-06-15. Thin bar: 2026-01-15.")
    assert page.locator("svg.ctkb-assessment-chart rect.ctkb-chart-earlier").count() >= 1

    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"format": "ctkb-self-assessment", "answers": {"nope/q": 1}}), encoding="utf-8")
    page.set_input_files("#ctkb-assessment-load", str(wrong))
    expect(page.locator("[data-ctkb-file-error]")).to_have_text(
        "wrong.json: 'nope/q' is not a question of this self-assessment"
    )
    expect(page.locator(f'input[name="{names[0]}"][value="3"]')).to_be_checked()  # nothing was lost
    assert storage(page) == {"local": 0, "session": 0, "cookie": "", "databases": 0, "caches": 0}


def test_self_assessment_works_offline_from_the_zip(page: Page, offline_root: Path) -> None:
    page.goto(offline_root.joinpath("es", "assessment", "self-assessment.html").as_uri())
    names = page.eval_on_selector_all(
        "fieldset.ctkb-question input[value='0']", "inputs => inputs.map(input => input.name)"
    )
    _answer(page, names[0], 2)
    expect(page.locator("[data-ctkb-answered]")).to_contain_text("1 de")
    expect(page.locator("[data-ctkb-scores] tbody tr").first.locator("td").nth(1)).to_have_text("67%")
