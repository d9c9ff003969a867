"""Indicators, frameworks and checklists: the rules editors rely on and what the pages show."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from conftest import REPO
from pypdf import PdfReader

from ctkb import checklists as checklists_module
from ctkb.build import BuiltSite
from ctkb.catalog import Catalog, load_catalog
from ctkb.checklists import checklists
from ctkb.errors import DataInvalidError
from ctkb.frameworks import Framework
from ctkb.indicators import Indicator, active, review_rounds, set_version
from ctkb.pages import render_sources
from ctkb.pdf import printed
from ctkb.project import Project


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog(Project.load(REPO))


def test_status_follows_the_history(tiny_project: Project) -> None:
    catalog = load_catalog(tiny_project)
    assert catalog.of(Indicator)["ind-001"].status == "consultation-1"
    assert catalog.of(Indicator)["ind-002"].status == "draft"
    assert catalog.of(Indicator)["ind-003"].status == "retired"
    assert [ind.id for ind in active(catalog)] == ["ind-001", "ind-002"]
    date, round_id = set_version(list(catalog.of(Indicator).values()))
    assert (date.isoformat(), round_id) == ("2026-10-20", "draft")  # ind-002 is still a draft


def test_checklists_hold_the_active_indicators_of_their_context_and_audience(tiny_project: Project) -> None:
    lists = {checklist.slug: checklist for checklist in checklists(load_catalog(tiny_project))}
    assert [ind.id for ind in lists["context-workplace"].indicators] == ["ind-001", "ind-002"]
    assert [ind.id for ind in lists["context-border-transport"].indicators] == ["ind-001"]
    assert "ind-003" not in {ind.id for checklist in lists.values() for ind in checklist.indicators}  # retired
    groups = lists["context-workplace"].by_element(["recruitment", "means", "vulnerability", "exploitation"])
    assert [(element, [ind.id for ind in members]) for element, members in groups] == [
        ("means", ["ind-001"]),
        ("exploitation", ["ind-002"]),
    ]


def test_a_checklist_too_long_to_print_names_the_term_to_narrow(
    tiny_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checklists_module, "MAX_ITEMS", 1)
    with pytest.raises(DataInvalidError) as raised:
        load_catalog(tiny_project)
    assert [str(error) for error in raised.value.errors] == [
        "vocabularies/audiences.yaml:10: terms, labour-inspectors: the audience checklist 'labour-inspectors' would "
        "hold 2 indicators, but at most 1 fit on two printed pages: remove this audience from the indicators where it "
        "matters least",
        "vocabularies/contexts.yaml:6: terms, workplace: the context checklist 'workplace' would hold 2 indicators, "
        "but at most 1 fit on two printed pages: remove this context from the indicators where it matters least",
    ]


def test_review_rounds_list_added_changed_and_retired(tiny_project: Project) -> None:
    catalog = load_catalog(tiny_project)
    rounds = review_rounds(sorted(catalog.of(Indicator).values(), key=lambda ind: ind.id))
    summary = {name: [(ind.id, change.action) for ind, change in changes] for name, changes in rounds.items()}
    assert summary == {
        "draft": [("ind-001", "added"), ("ind-002", "added"), ("ind-003", "added")],
        "consultation-1": [("ind-001", "changed"), ("ind-003", "retired")],
        "consultation-2": [],
        "final": [],
    }


def test_generated_pages_for_indicators(tiny_project: Project) -> None:
    sources = render_sources(load_catalog(tiny_project).public())
    index = sources["es/indicators/index.md"]
    assert 'id="ind-001" data-element="means" data-exploitation="labour sexual"' in index
    assert 'data-applies="adults children"' in index  # "both" answers either filter
    assert "Ningún indicador por sí solo prueba la trata" in index
    retired = index.split('id="retired"')[1]
    assert "ind-003" in retired and "ind-001" in retired  # listed apart, with its successor
    page = sources["en/indicators/ind-003.md"]
    assert "This indicator was retired on 2026-10-20." in page
    assert 'href="ind-001.html"' in page
    framework = sources["en/indicators/frameworks/ilo-fl-2012.md"]
    assert "2 of 2 entered items are covered by at least one ctkb indicator." in framework
    assert 'id="ilo-fl-2012-7"' in framework and 'href="../ind-001.html"' in framework
    assert "Consultation round 2" in sources["en/indicators/changes/consultation-2.md"]
    assert "it has not been held yet" in sources["en/indicators/changes/consultation-2.md"]


def test_a_framework_item_no_indicator_covers_is_marked(tiny_project: Project) -> None:
    path = tiny_project.root / "indicators" / "ind-002.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("crosswalk: [ilo-fl-2012:11]", "crosswalk: []"))
    framework = render_sources(load_catalog(tiny_project).public())["es/indicators/frameworks/ilo-fl-2012.md"]
    assert "1 de 2 indicadores del marco registrados están cubiertos" in framework
    uncovered = re.search(r'<tr id="ilo-fl-2012-11" class="ctkb-uncovered">.*?</tr>', framework)
    assert uncovered and "sin cubrir" in uncovered.group()


def test_checklist_page_has_blanks_for_contacts_but_none_for_the_person(tiny_project: Project) -> None:
    page = render_sources(load_catalog(tiny_project).public())["es/checklists/context-workplace.md"]
    for blank in ("Punto focal de derivación", "Fecha", "Lugar", "Su organización"):
        assert f'<th scope="row">{blank}' in page
    assert "No escriba en esta hoja el nombre" in page
    assert "Nombre" not in page
    # On screen the only fields are the tick boxes, one per sign, each beside a link to its guidance.
    assert re.findall(r"<input [^>]*>", page) == [
        f'<input type="checkbox" class="ctkb-box" id="tick-{ind}" autocomplete="off">' for ind in ("ind-001", "ind-002")
    ]
    assert '<a class="ctkb-id" href="../indicators/ind-001.html"' in page
    assert '<form class="ctkb-screening" data-ctkb-screening autocomplete="off"' in page
    assert "nada se guarda ni se envía" in page
    assert '<a href="../actors/index.html">Encuentre los contactos de derivación de su país</a>' in page
    assert 'href="pdf/context-workplace-a4.pdf"' in page and 'href="pdf/context-workplace-letter.pdf"' in page


def test_printed_checklist_says_where_the_numbers_are(tiny_project: Project) -> None:
    catalog = load_catalog(tiny_project).public()
    html = dict(printed(catalog, "es"))
    sheet = next(text for name, text in html.items() if "context-workplace" in name)
    assert "Contactos de derivación y líneas públicas de su país: ctkb, Directorio de actores" in sheet
    assert "<input" not in sheet and sheet.count('class="ctkb-box"') == 2  # paper keeps plain boxes


def test_shipped_indicators_cover_what_first_responders_meet(shipped: Catalog) -> None:
    current = active(shipped)
    assert len(current) >= 60
    ilo_ec = shipped.of(Framework)["ilo-ec-2009"]
    covered_groups = {
        item.group for item in ilo_ec.items if any(f"ilo-ec-2009:{item.id}" in ind.crosswalk for ind in current)
    }
    assert covered_groups == {group.id for group in ilo_ec.groups}  # all six dimensions
    assert {ind.applies_to for ind in current} >= {"adults", "children", "both"}
    forms = [form for ind in current for form in ind.exploitation]
    assert forms.count("labour") >= 10 and forms.count("sexual") >= 10
    assert sum("online" in ind.contexts for ind in current) >= 8
    assert forms.count("forced-criminality") >= 5
    assert {ind.element for ind in current} == set(shipped.vocabularies["elements"].terms)


def test_commit_is_modelled_without_invented_items(shipped: Catalog) -> None:
    commit = shipped.of(Framework)["commit-2016"]
    assert commit.items == () and commit.labels_source == "not-available"
    assert not any(ref.startswith("commit-2016:") for ind in shipped.of(Indicator).values() for ref in ind.crosswalk)


def test_secondary_strengths_are_flagged_on_indicator_pages(shipped_site: BuiltSite, shipped: Catalog) -> None:
    strong = next(ind for ind in active(shipped) if ind.strength_from)
    page = (shipped_site.site_dir / "es" / "indicators" / f"{strong.id}.html").read_text(encoding="utf-8")
    assert "La fuerza procede de una fuente secundaria" in page


@pytest.mark.parametrize("lang", ["en", "es"])
def test_checklist_pdfs_are_built_and_hold_every_indicator(
    shipped_site: BuiltSite, shipped: Catalog, lang: str
) -> None:
    folder = shipped_site.site_dir / ("" if lang == "en" else lang) / "checklists" / "pdf"
    lists = checklists(shipped)
    assert len(lists) >= 8
    for checklist in lists:
        for paper, height in (("a4", 842), ("letter", 792)):
            reader = PdfReader(folder / f"{checklist.slug}-{paper}.pdf")
            assert 1 <= len(reader.pages) <= 2, f"{checklist.slug}-{paper} ({lang}): {len(reader.pages)} pages"
            assert round(float(reader.pages[0].mediabox.height)) == height
            text = " ".join(page.extract_text() for page in reader.pages)
            missing = [ind.id for ind in checklist.indicators if ind.id not in text]
            assert missing == [], f"{checklist.slug}-{paper} ({lang})"


def test_checklist_pdfs_are_in_the_zip(shipped_site: BuiltSite) -> None:
    with zipfile.ZipFile(shipped_site.zip_path) as archive:
        names = set(archive.namelist())
        pdf = archive.read("ctkb/es/checklists/pdf/context-online-letter.pdf")
    assert "ctkb/checklists/pdf/context-workplace-a4.pdf" in names
    assert PdfReader(io.BytesIO(pdf)).metadata.title.startswith("Lista de verificación")


def test_hand_written_indicator_pages_exist_in_both_languages() -> None:
    for lang in ("en", "es"):
        for name in ("how-to-use", "what-to-do-next"):
            text = (REPO / "docs" / lang / "indicators" / f"{name}.md").read_text(encoding="utf-8")
            assert len(text.split()) > 300, f"{lang}/{name}"


def test_a_retired_indicator_keeps_its_page_in_both_languages(tiny_site: BuiltSite) -> None:
    for folder, notice in (("", "This indicator was retired on 2026-10-20."), ("es/", "Este indicador se retiró el")):
        page = (tiny_site.site_dir / f"{folder}indicators/ind-003.html").read_text(encoding="utf-8")
        assert notice in page
        assert 'href="ind-001.html"' in page  # its successor


def test_what_to_do_next_leads_to_the_referral_contacts(tiny_project: Project) -> None:
    """From any indicator, and from "What to do next", one tap to the directory of actors."""
    sources = render_sources(load_catalog(tiny_project).public())
    page = sources["es/indicators/ind-001.md"]
    assert '<a href="../actors/index.html">Encuentre los contactos de derivación de su país</a>' in page
    for lang in ("en", "es"):
        text = (REPO / "docs" / lang / "indicators" / "what-to-do-next.md").read_text(encoding="utf-8")
        assert "(../actors/index.md)" in text, lang
        assert "does not list phone numbers" not in text and "todavía no incluye" not in text


def test_framework_pages_say_which_lists_are_not_entered_and_whom_strengths_fit(shipped_site: BuiltSite) -> None:
    """UNODC's page claimed "10 of 10 items covered" with five of its lists empty."""
    folder = shipped_site.site_dir / "indicators" / "frameworks"
    unodc = (folder / "unodc-indicators.html").read_text(encoding="utf-8")
    assert re.search(r"\d+ of its \d+ lists have no items entered yet; they are not counted", unodc)
    ilo = (folder / "ilo-ec-2009.html").read_text(encoding="utf-8")
    assert "The strengths were rated for adults in labour exploitation / domestic servitude" in ilo


def test_a_strength_is_shown_only_within_the_list_it_was_rated_for(shipped: Catalog) -> None:
    for indicator in shipped.of(Indicator).values():
        if indicator.strength:
            assert indicator.applies_to == "adults", indicator.id
            assert set(indicator.exploitation) <= {"labour", "domestic-servitude"}, indicator.id
