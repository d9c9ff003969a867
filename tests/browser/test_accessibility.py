"""axe-core (from npm, injected from node_modules) on each page type, in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = {
    "home": "index.html",
    "glossary index": "glossary/index.html",
    "glossary term": "glossary/informed-consent.html",
    "bibliography index": "bibliography/index.html",
    "bibliography entry": "bibliography/osce2004nrm.html",
    "data format": "data-format.html",
    "translation coverage": "translations.html",
    "consultation rounds": "consultations/index.html",
    "indicator index": "indicators/index.html",
    "indicator": "indicators/ind-001.html",
    "framework": "indicators/frameworks/ilo-ec-2009.html",
    "crosswalk": "indicators/crosswalk.html",
    "checklist": "checklists/context-workplace.html",
    "indicators handbook": "indicators/handbook.html",
    "workflow": "workflows/identification-referral.html",
    "role": "workflows/roles/police.html",
    "form": "forms/screening-interview.html",
    "procedures handbook": "workflows/handbook.html",
    "legal frameworks": "laws/index.html",
    "law": "laws/ni.html",
    "printable form": "forms/referral-print.html",
    "data dictionary": "dictionary/index.html",
    "dictionary field": "dictionary/vic-methods-of-control.html",
    "code list": "dictionary/codes/forced-labour-industry.html",
    "minimum dataset": "dictionary/minimum.html",
    "forms and dictionary": "dictionary/forms.html",
    "collecting less": "dictionary/collecting-less.html",
    "statistical indicator": "statistics/sdg-16-2-2.html",
    "self-assessment index": "assessment/index.html",
    "self-assessment area": "assessment/data-protection.html",
    "self-assessment": "assessment/self-assessment.html",
    "printable questionnaire": "assessment/questionnaire.html",
    "training index": "training/index.html",
    "course": "training/identification-referral/index.html",
    "session": "training/identification-referral/referral-workflow.html",
    "exercise": "training/exercises/ex-referral-walkthrough.html",
    "agenda": "training/data-management/agenda.html",
    "handout": "training/data-management/handout-sharing-safely.html",
    "pre-test": "training/identification-referral/pre-test.html",
    "answer key": "training/identification-referral/answer-key.html",
    "test bank": "training/data-management/test-bank.html",
    "quiz": "training/identification-referral/quiz.html",
    "actor directory": "actors/index.html",
    "actor": "actors/gt-svet.html",
    "country": "actors/countries/mx.html",
    "offline page": "offline.html",
    "not found": "404.html",
}


def _violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("moderate", "serious", "critical")
    ]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_accessibility_violations(page: Page, server: str, kind: str, lang: str) -> None:
    """Not even moderate ones: each is something a reader with a screen reader meets."""
    if kind == "not found" and lang != "en":
        pytest.skip("one 404 page serves every language")
    prefix = "" if lang == "en" or kind == "not found" else f"{lang}/"
    page.goto(f"{server}/{prefix}{PAGE_TYPES[kind]}")
    assert _violations(page) == []


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_full_screen_diagram_and_a_ticked_checklist_pass_axe(page: Page, server: str, lang: str) -> None:
    prefix = "" if lang == "en" else f"{lang}/"
    page.goto(f"{server}/{prefix}workflows/identification-referral.html")
    page.locator("[data-ctkb-diagram-open]").click()
    assert page.locator(".ctkb-diagram--open").count() == 1
    assert _violations(page) == []
    page.goto(f"{server}/{prefix}checklists/context-workplace.html")
    page.locator("[data-ctkb-screening] input[type=checkbox]").first.check()
    assert _violations(page) == []


@pytest.mark.parametrize("path", ["forms/referral.html", "es/data-format.html", "es/laws/index.html"])
def test_tables_read_as_blocks_on_a_phone_pass_axe(page: Page, server: str, path: str) -> None:
    """At 375 px these tables change layout (`ctkb-stack`): their headers and labels must still work."""
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{server}/{path}")
    assert page.locator(".ctkb-stack tbody tr").first.evaluate("row => getComputedStyle(row).display") == "block"
    assert _violations(page) == []
