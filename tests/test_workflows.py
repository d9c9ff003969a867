"""SOP workflows, roles and forms: the graph rules, the diagram, and what each page shows."""

from __future__ import annotations

import re

import pytest
from conftest import REPO
from pypdf import PdfReader

from ctkb import nodejs
from ctkb.build import BuiltSite
from ctkb.catalog import Catalog, load_catalog
from ctkb.diagrams import render_svgs
from ctkb.errors import DataInvalidError, ToolError
from ctkb.forms import Form
from ctkb.pages import render_sources
from ctkb.project import Project
from ctkb.roles import Role
from ctkb.workflows import Workflow

WORKFLOWS = (
    "identification-referral",
    "assistance-case-management",
    "case-monitoring-closure",
    "investigation-prosecution",
    "transnational-referral-return",
)
FORMS = ("screening-interview", "risk-assessment", "needs-assessment", "referral", "case-monitoring")


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog(Project.load(REPO))


def test_workflow_page_has_diagram_and_step_list(tiny_project: Project) -> None:
    page = render_sources(load_catalog(tiny_project).public())["es/workflows/referral.md"]
    svg = re.search(r"<svg .*?</svg>", page, re.DOTALL)
    assert svg, "the diagram is inline SVG"
    assert 'role="img" aria-labelledby="diagram-caption"' in svg.group()
    for text in ("1. Detectar indicadores", "¿Hay indicadores?", "Caso cerrado"):
        assert text in svg.group()
    assert 'href="#step-notice"' in svg.group()  # boxes link to the step in the list
    assert not re.search(r"(href|src)=\"https?:", svg.group())
    assert '<li id="step-review">' in page and "Revisión periódica" in page
    assert 'Sí → <a href="#step-refer">Paso 2. Derivar con consentimiento</a>' in page
    assert "<strong>Termina:</strong> Caso cerrado." in page


def test_diagram_text_from_data_cannot_inject_markup() -> None:
    dot = 'digraph { a [label="<script>alert(1)</script> \\"quoted\\""]; }'
    svg = render_svgs({"x": dot})["x"]
    assert "<script" not in svg and "&lt;script&gt;" in svg


def test_role_page_answers_what_is_my_part(tiny_project: Project) -> None:
    sources = render_sources(load_catalog(tiny_project).public())
    responder = sources["en/workflows/roles/first-responder.md"]
    responsible = responder.split('id="responsible"')[1].split('id="takes-part"')[0]
    assert "Step 1. Notice indicators" in responsible and "Step 2. Refer with consent" in responsible
    manager = sources["en/workflows/roles/case-manager.md"]
    takes_part = manager.split('id="takes-part"')[1]
    assert "Step 2. Refer with consent" in takes_part
    assert 'href="../../forms/referral.html"' in manager


def test_procedures_and_roles_lead_to_the_referral_contacts(tiny_project: Project) -> None:
    sources = render_sources(load_catalog(tiny_project).public())
    link = '<a href="../actors/index.html">Find the referral contacts for your country</a>'
    assert link in sources["en/workflows/referral.md"]
    assert link.replace("../", "../../") in sources["en/workflows/roles/first-responder.md"]
    assert "Encuentre los contactos de derivación de su país" in sources["es/workflows/roles/first-responder.md"]


def test_form_page_shows_guidance_sensitivity_and_dictionary_field(tiny_project: Project) -> None:
    sources = render_sources(load_catalog(tiny_project).public())
    page = sources["es/forms/referral.md"]
    assert ">Tipo de organización</a>" in page  # the dictionary field it records
    assert "◆ dato personal sensible" in page and "Registra una decisión de la persona." in page
    assert "Puede negarse; la ayuda no depende de ello." in page  # the consent statement
    printable = sources["es/forms/referral-print.md"]
    assert printable.count('class="ctkb-box"') == 2 + 2 + 5 + 1  # choices, yes/no, scale, consent
    assert "<input" not in printable


def test_shipped_procedures_are_complete(shipped: Catalog) -> None:
    assert set(WORKFLOWS) <= set(shipped.of(Workflow))
    assert set(FORMS) <= set(shipped.of(Form))
    for workflow in shipped.of(Workflow).values():
        assert any(step.decision for step in workflow.steps), workflow.id
        assert any(step.end for step in workflow.steps), workflow.id
    used = {role for workflow in shipped.of(Workflow).values() for step in workflow.steps for role in step.roles}
    assert used == set(shipped.of(Role)), "every role has a part, and no part lacks a role"
    for form in shipped.of(Form).values():
        assert 10 <= len(form.fields) <= 30, form.id
        assert all(field.dictionary or field.local for field in form.fields), form.id


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_workflow_role_and_form_has_its_pages(shipped_site: BuiltSite, shipped: Catalog, lang: str) -> None:
    root = shipped_site.site_dir / ("" if lang == "en" else lang)
    paths = [f"workflows/{workflow}.html" for workflow in shipped.of(Workflow)]
    paths += [f"workflows/roles/{role}.html" for role in shipped.of(Role)]
    paths += [f"forms/{form}.html" for form in shipped.of(Form)] + [
        f"forms/{form}-print.html" for form in shipped.of(Form)
    ]
    for path in paths:
        html = (root / path).read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html, path
    for workflow in shipped.of(Workflow).values():
        html = (root / "workflows" / f"{workflow.id}.html").read_text(encoding="utf-8")
        svg = re.search(r'<div class="ctkb-diagram-canvas" data-ctkb-diagram-canvas>\s*<svg .*?</svg>', html, re.DOTALL)
        assert svg and len(re.findall(r'<g id="node', svg.group())) >= len(workflow.steps)
        assert not re.search(r"(href|src)=\"(https?:)?//", svg.group())
        for step in workflow.steps:  # each step has its place in the list, where the diagram links
            assert f'<li id="step-{step.id}">' in html and f'href="#step-{step.id}"' in svg.group()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_form_pdfs_fit_on_three_pages(shipped_site: BuiltSite, shipped: Catalog, lang: str) -> None:
    folder = shipped_site.site_dir / ("" if lang == "en" else lang) / "forms" / "pdf"
    for form in shipped.of(Form).values():
        for paper, height in (("a4", 842), ("letter", 792)):
            reader = PdfReader(folder / f"{form.id}-{paper}.pdf")
            assert 1 <= len(reader.pages) <= 3, f"{form.id}-{paper} ({lang}): {len(reader.pages)} pages"
            assert round(float(reader.pages[0].mediabox.height)) == height
            text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
            last_field = form.sections[-1].fields[-1].label.get(lang)
            assert last_field, f"{form.id}: the last field's label awaits its {lang} translation"
            assert " ".join(last_field.split()) in text, f"{form.id}-{paper} ({lang}): the last field is cut off"


def test_a_missing_program_is_a_tool_error_not_a_data_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(ToolError, match="node is not installed") as raised:
        nodejs.run("render-dot.mjs", "{}", "the workflow diagrams")
    assert not isinstance(raised.value, DataInvalidError)
    assert "problem" not in str(raised.value)
