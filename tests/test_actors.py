"""The actor directory: country pages, the map, printable directories, and the two build profiles."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import Path

import pytest
from conftest import CANARY_TERM, REPO, add_canaries, make_project
from markupsafe import escape
from pypdf import PdfReader

from ctkb.actors import Actor, directory_countries
from ctkb.build import BuiltSite, build_site
from ctkb.catalog import Catalog, load_catalog
from ctkb.offline import INTERNAL_ZIP_NAME, text_files
from ctkb.pages import render_sources
from ctkb.pdf import STYLESHEET, printed
from ctkb.project import Project

CANARIES = {"address": "CANARY-5e1f-shelter-street", "phone": "CANARY-77aa-phone", "email": "CANARY-0c3b-mail"}


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog(Project.load(REPO))


def test_country_page_shows_structure_law_referral_and_regional_bodies(tiny_project: Project) -> None:
    page = render_sources(load_catalog(tiny_project).public())["es/actors/countries/gt.md"]
    coordination = page.split('id="coordination"')[1].split('id="referral"')[0]
    assert "SVET" in coordination and "La Secretaría Ejecutiva" in coordination and "Ministerio Público" in coordination
    assert 'href="../gt-shelter.html">Refugio de prueba</a>' in coordination  # listed because it is member_of SVET
    referral = page.split('id="referral"')[1].split('id="by-type"')[0]
    assert "Recibe derivaciones" in referral and "gestor o gestora de casos" in referral
    assert 'href="../../bibliography/un2000palermo.html"' in page  # the coordination body's legal basis
    assert "CORETT" in page.split('id="regional"')[1]


def test_country_page_opens_with_its_hotlines(tiny_project: Project) -> None:
    sources = render_sources(load_catalog(tiny_project).public())
    page = sources["es/actors/countries/gt.md"]
    card = page.split('<section class="ctkb-hotline-card"')[1].split("</section>")[0]
    assert page.index("ctkb-hotline-card") < page.index('id="law"') < page.index('id="coordination"')
    assert '<a href="tel:1511"><strong>1511</strong></a>: Línea de denuncia' in card
    assert '<a href="../gt-svet.html#hotlines">Dónde se publicó el número</a>' in card
    assert "Aún no figuran el número general de emergencias" in card  # what is missing is said, not guessed


def test_directory_index_has_map_and_filterable_list(tiny_project: Project) -> None:
    index = render_sources(load_catalog(tiny_project).public())["en/actors/index.md"]
    svg = re.search(r"<svg .*?</svg>", index, re.DOTALL)
    assert svg and '<a href="countries/gt.html">' in svg.group() and "2 actors" in svg.group()
    assert not re.search(r'href="(https?:)?//', svg.group())
    assert 'id="gt-shelter" data-country="GT" data-area="" data-type="ngo" data-service="shelter psychosocial"' in index
    assert 'data-country="GT MX HN"' in index  # a transnational actor is found under each member country


def test_actor_page_flags_unchecked_facts_and_shows_evidence(tiny_project: Project) -> None:
    page = render_sources(load_catalog(tiny_project).public())["en/actors/gt-svet.md"]
    website = page.split("<dt>Website</dt>")[1].split("</dd>")[0]
    assert "https://www.svet.gob.gt/" in website and "not verified" in website
    assert "<strong>1511</strong>" in page
    assert "Checked against these sources on 2026-11-28." in page


def test_data_practices_show_with_their_evidence_and_sum_up_per_country(tiny_project: Project) -> None:
    """Who collects what and who coordinates training: on the actor's page with where it was seen,
    and gathered on its country's page."""
    sources = render_sources(load_catalog(tiny_project).public())
    actor = sources["en/actors/gt-svet.md"].split('id="data"')[1]
    assert "<strong>Publishes periodic reports</strong>: Presents a yearly report on trafficking (test data)." in actor
    assert '(Name as published: <span lang="es">Informe de prueba</span>)' in actor
    assert 'Where it was seen: <span class="ctkb-evidence-at">example.org/svet-report</span>' in actor
    country = sources["es/actors/countries/gt.md"]
    data = country.split('id="data"')[1].split('id="training"')[0]
    assert '<a href="../gt-svet.html">SVET</a>. <strong>Publica informes periódicos</strong>' in data
    assert '<a href="../gt-svet.html#data">Dónde se vio</a>' in data
    training = country.split('id="training"')[1].split('id="referral"')[0]
    assert "<strong>Coordina la capacitación</strong>: Coordina la capacitación de primeros respondientes" in training
    assert "Publica informes" not in training


def test_evidence_reads_in_the_page_language_and_quotes_say_theirs(tiny_project: Project) -> None:
    sources = render_sources(load_catalog(tiny_project).public())
    english, spanish = sources["en/actors/gt-svet.md"], sources["es/actors/gt-svet.md"]
    quote = '<q lang="es">Línea 1511</q>'
    label = '<span class="ctkb-meta">(quoted in Spanish)</span>'
    assert f"example.org/page</span>: {quote} {label}; the number as printed (test data)" in english
    assert f"example.org/page</span>: {quote}; el número tal como aparece (datos de prueba)" in spanish
    assert "the number as printed" not in spanish and "test evidence" not in spanish


def _with_canaries(project: Project) -> None:
    path = project.root / "actors" / "gt-shelter.yaml"
    values = ", ".join(f"{field}: {value}" for field, value in CANARIES.items())
    with path.open("a", encoding="utf-8") as file:
        file.write(f"restricted: {{{values}}}\n")


@pytest.fixture(scope="module")
def profiles(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltSite, BuiltSite]:
    project = make_project(tmp_path_factory.mktemp("profiles") / "p")
    _with_canaries(project)
    add_canaries(project)  # editor notes too
    return build_site(project), build_site(project, profile="internal")


def test_restricted_contacts_reach_only_the_internal_build(profiles: tuple[BuiltSite, BuiltSite]) -> None:
    public, internal = profiles
    assert public.site_dir != internal.site_dir and internal.zip_path.name == INTERNAL_ZIP_NAME
    public_text = " ".join(path.read_text(encoding="utf-8") for path in text_files(public.site_dir))
    public_pdfs = " ".join(
        page.extract_text() for pdf in public.site_dir.rglob("*.pdf") for page in PdfReader(pdf).pages
    )
    with zipfile.ZipFile(public.zip_path) as archive:
        public_zip = b"".join(archive.read(name) for name in archive.namelist())
    for canary in CANARIES.values():
        assert canary not in public_text and canary not in public_pdfs and canary.encode() not in public_zip
    shelter = (internal.site_dir / "es" / "actors" / "gt-shelter.html").read_text(encoding="utf-8")
    assert all(canary in shelter for canary in CANARIES.values())
    assert f'<a href="mailto:{CANARIES["email"]}">' in shelter and '<a href="tel:77">' in shelter  # one tap
    directory = PdfReader(internal.site_dir / "actors" / "pdf" / "gt-a4.pdf")
    assert CANARIES["phone"] in " ".join(page.extract_text() for page in directory.pages)
    search = (internal.site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    assert CANARIES["address"] in search


def test_every_internal_page_is_marked(profiles: tuple[BuiltSite, BuiltSite]) -> None:
    public, internal = profiles
    for path in internal.site_dir.rglob("*.html"):
        assert 'class="ctkb-internal-banner"' in path.read_text(encoding="utf-8"), path
    assert "ctkb-internal-banner" not in (public.site_dir / "index.html").read_text(encoding="utf-8")
    pdfs = list(internal.site_dir.rglob("*.pdf"))
    assert len(pdfs) >= 10
    for path in pdfs:
        mark = "USO INTERNO" if "/es/" in path.as_posix() else "INTERNAL"
        for number, page in enumerate(PdfReader(path).pages, 1):
            assert mark in page.extract_text(), f"{path.name}, page {number}"
    directory = " ".join(page.extract_text() for page in PdfReader(internal.site_dir / "actors/pdf/gt-a4.pdf").pages)
    assert "restricted contacts (internal copy)" in " ".join(directory.split())
    assert "Public contacts only" not in directory


def test_every_page_of_a_long_internal_pdf_is_marked() -> None:
    """A three-page form: the mark is in each page's margin, not only above the first page's text."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from weasyprint import CSS, HTML

    catalog = load_catalog(Project.load(REPO))
    html = dict(printed(catalog, "es", internal=True))["forms/pdf/screening-interview-a4.pdf"]
    reader = PdfReader(io.BytesIO(HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))])))
    assert len(reader.pages) >= 2
    assert all("USO INTERNO" in page.extract_text() for page in reader.pages)


def test_editor_notes_show_only_in_the_internal_build(profiles: tuple[BuiltSite, BuiltSite]) -> None:
    public, internal = profiles
    term = sorted((REPO / "tests/data/valid/glossary").glob("*.yaml"))[0].stem
    page = (internal.site_dir / "glossary" / f"{term}.html").read_text(encoding="utf-8")
    assert CANARY_TERM in page and "Editor&#39;s note (internal)" in page
    assert CANARY_TERM not in (public.site_dir / "glossary" / f"{term}.html").read_text(encoding="utf-8")


def test_shipped_directory_covers_the_region(shipped: Catalog) -> None:
    actors = list(shipped.of(Actor).values())
    for code in ("GT", "HN", "SV", "NI", "MX"):
        national = [a for a in actors if a.country == code]
        assert len(national) >= 8, code
        assert any(a.type == "coordination-body" and a.level == "national" for a in national), code
    southern = {area for actor in actors for area in actor.areas}
    assert {"MX-CHP", "MX-TAB", "MX-CAM", "MX-ROO", "MX-OAX"} <= southern
    regional = {a.id for a in actors if a.level == "transnational"}
    assert {"reg-corett", "reg-crm"} <= regional
    assert all(actor.restricted is None for actor in actors), "shipped data holds no restricted values"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_printable_directories_per_country(shipped_site: BuiltSite, shipped: Catalog, lang: str) -> None:
    folder = shipped_site.site_dir / ("" if lang == "en" else lang) / "actors" / "pdf"
    for code in ("gt", "hn", "sv", "ni", "mx"):
        for paper, height in (("a4", 842), ("letter", 792)):
            reader = PdfReader(folder / f"{code}-{paper}.pdf")
            assert round(float(reader.pages[0].mediabox.height)) == height
        assert (
            shipped_site.site_dir / ("" if lang == "en" else lang) / "actors" / "countries" / f"{code}.html"
        ).is_file()


def test_hotlines_are_shown_with_where_they_were_seen(shipped: Catalog, shipped_site: BuiltSite) -> None:
    hotlines = [(actor, line) for actor in shipped.of(Actor).values() for line in actor.hotlines]
    assert len(hotlines) >= 5
    for actor, line in hotlines:
        assert line.evidence.quotes or line.evidence.note, actor.id  # what the source showed
        page = (shipped_site.site_dir / "actors" / f"{actor.id}.html").read_text(encoding="utf-8")
        assert line.number in page, actor.id
        tel = "tel:" + "".join(char for char in line.number if char.isdigit() or char == "+")
        assert f'<a href="{tel}"><strong>{line.number}</strong></a>' in page, actor.id  # one tap to call
        assert f'<span class="ctkb-evidence-at">{escape(line.evidence.at)}</span>' in page, actor.id


def test_every_country_page_opens_with_the_hotlines_of_its_actors(shipped: Catalog, shipped_site: BuiltSite) -> None:
    for code in directory_countries(list(shipped.of(Actor).values())):
        page = (shipped_site.site_dir / "es" / "actors" / "countries" / f"{code.lower()}.html").read_text("utf-8")
        card = page.split('<section class="ctkb-hotline-card"')[1].split("</section>")[0]
        numbers = [
            line.number for actor in shipped.of(Actor).values() if actor.country == code for line in actor.hotlines
        ]
        for number in numbers:
            assert f"<strong>{number}</strong>" in card, code
        if not numbers:  # El Salvador: none seen yet, and the page says so
            assert "Aún no se ha comprobado en una fuente pública ninguna línea" in card, code
    for code in ("gt", "hn", "mx", "ni"):
        page = (shipped_site.site_dir / "actors" / "countries" / f"{code}.html").read_text("utf-8")
        assert 'href="tel:' in page.split('<section class="ctkb-hotline-card"')[1].split("</section>")[0], code


def test_map_data_is_bundled_not_fetched() -> None:
    script = (REPO / "src" / "ctkb" / "node" / "render-map.mjs").read_text(encoding="utf-8")
    assert "world-atlas/countries-50m.json" in script and "http" not in script.replace("http://www.w3.org", "")
    assert Path(REPO / "node_modules" / "world-atlas" / "countries-50m.json").is_file()


def test_every_data_practice_is_summed_up_on_its_country_page(shipped: Catalog, shipped_site: BuiltSite) -> None:
    practices = [(actor, practice) for actor in shipped.of(Actor).values() for practice in actor.data_practices]
    assert len(practices) >= 15 and all(practice.evidence.at for _, practice in practices)
    for actor, _ in practices:
        if actor.country:
            page = shipped_site.site_dir / "actors" / "countries" / f"{actor.country.lower()}.html"
            section = page.read_text(encoding="utf-8").split('id="data"')[1].split('id="referral"')[0]
            assert f'href="../{actor.id}.html#data"' in section, actor.id
