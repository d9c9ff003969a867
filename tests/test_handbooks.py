"""The indicators handbook (PDF): every active indicator, a table of contents that tells the truth."""

from __future__ import annotations

import re

import pytest
from conftest import REPO
from pypdf import PdfReader

from ctkb.build import BuiltSite
from ctkb.catalog import load_catalog
from ctkb.indicators import active
from ctkb.project import Project

SIZES = {"a4": (595, 842), "letter": (612, 792)}
"""Paper size in PDF points, rounded."""


def _handbook(site: BuiltSite, lang: str, paper: str) -> PdfReader:
    folder = site.site_dir / ("" if lang == "en" else lang)
    return PdfReader(folder / "indicators" / "pdf" / f"handbook-{paper}.pdf")


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_handbook_holds_every_active_indicator_and_its_contents_page_numbers_are_right(
    shipped_site: BuiltSite, lang: str, paper: str
) -> None:
    reader = _handbook(shipped_site, lang, paper)
    width, height = (round(float(value)) for value in reader.pages[0].mediabox.upper_right)
    assert (width, height) == SIZES[paper]
    texts = [page.extract_text() for page in reader.pages]
    ids = [indicator.id.upper() for indicator in active(load_catalog(Project.load(REPO)))]
    whole = "\n".join(texts)
    assert all(f"{ind}." in whole for ind in ids)
    # The contents lines "IND-001. Title ..... 9": that page starts or continues that indicator.
    contents = "\n".join(texts[1:4])
    listed = dict(re.findall(r"^(IND-\d{3})\. .*?\.{3,} ?(\d+)$", contents, flags=re.MULTILINE))
    assert sorted(listed) == sorted(ids)
    for ind, number in listed.items():
        assert f"{ind}." in texts[int(number) - 1], (ind, number)
    # Bookmarks: one per chapter and element, one per indicator, pointing at the same pages.
    marks: dict[str, int] = {}

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                marks[item.title] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    for ind, number in listed.items():
        title = next(title for title in marks if title.startswith(f"{ind}."))
        assert marks[title] == int(number), ind
    assert ("Never write a person" if lang == "en" else "Nunca escriba en este manual") in texts[0]


def test_handbook_page_links_both_papers(shipped_site: BuiltSite) -> None:
    page = (shipped_site.site_dir / "es" / "indicators" / "handbook.html").read_text(encoding="utf-8")
    assert 'href="pdf/handbook-a4.pdf"' in page and 'href="pdf/handbook-letter.pdf"' in page
    assert "Manual de indicadores" in page


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_procedures_handbook_holds_every_workflow_step_and_blank_form(shipped_site: BuiltSite, paper: str) -> None:
    from ctkb.forms import Form
    from ctkb.workflows import Workflow

    catalog = load_catalog(Project.load(REPO))
    for lang in ("en", "es"):
        folder = shipped_site.site_dir / ("" if lang == "en" else lang)
        reader = PdfReader(folder / "workflows" / "pdf" / f"handbook-{paper}.pdf")
        texts = [" ".join(page.extract_text().split()) for page in reader.pages]
        whole = " ".join(texts)
        for workflow in catalog.of(Workflow).values():
            for number, step in enumerate(workflow.steps, 1):
                assert f"{number}. {' '.join(str(step.title.get(lang)).split())}" in whole, (lang, step.id)
        for form in catalog.of(Form).values():
            assert " ".join(str(form.title.get(lang)).split()) in whole, (lang, form.id)
        # The articles grounding the child-protection handover, on its step and on the role's part.
        basis = {
            "en": "In Nicaragua, article 29 of Law No. 896. Not checked for: Guatemala, Honduras, El Salvador.",
            "es": "En Nicaragua: Ley No. 896, artículo 29. No revisado para: Guatemala, Honduras, El Salvador.",
        }[lang]
        assert whole.count(basis) == 2, lang
        # A second article of the same law is named without repeating the law's title.
        step = {
            "en": "In Mexico, article 3 of the General Law of 2012; article 89. In Nicaragua,",
            "es": "En México: Ley General de 2012, artículo 3; artículo 89. En Nicaragua:",
        }[lang]
        assert whole.count(step) == 1, lang
        # The contents give each workflow's first page, as its bookmark does.
        marks = {
            item.title: reader.get_destination_page_number(item) + 1
            for item in reader.outline
            if not isinstance(item, list)
        }
        for workflow in catalog.of(Workflow).values():
            title = " ".join(str(workflow.title.get(lang)).split())
            found = re.search(re.escape(title) + r" ?\.{3,} ?(\d+)", " ".join(texts[1:3]))
            assert found, (lang, workflow.id)
            assert marks[str(workflow.title.get(lang))] == int(found.group(1)), (lang, workflow.id)
