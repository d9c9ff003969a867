"""Built sites, as readers and publishers see them: pages, languages, search, safety, zip."""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path

import pybtex.database
import pytest
import rispy
import yaml
from conftest import CANARY_INDICATOR, CANARY_REF, CANARY_TERM, REPO, make_project
from mkdocs.exceptions import MkDocsException
from pypdf import PdfReader

from ctkb.build import BuiltSite, build_site
from ctkb.catalog import load_catalog
from ctkb.offline import ZIP_FOLDER, external_loads, text_files


def ids(folder: str) -> list[str]:
    return sorted(path.stem for path in (REPO / folder).rglob("*.yaml"))


def test_shipped_data_is_substantial() -> None:
    assert len(ids("glossary")) >= 40
    refs = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in (REPO / "bibliography").glob("*.yaml")]
    assert len(refs) >= 80
    assert sum(1 for ref in refs if "es" in ref["languages"]) >= 25
    for ref in refs:  # both annotations, always; "awaiting" only for imports not yet reviewed
        assert ref["annotation"].get("en") and ref["annotation"].get("es"), ref["key"]


def test_downloads_parse_back_in_each_language(shipped_site: BuiltSite) -> None:
    for folder in (shipped_site.site_dir / "downloads", shipped_site.site_dir / "es" / "downloads"):
        bibtex = pybtex.database.parse_file(str(folder / "ctkb-bibliography.bib"))
        ris = rispy.load(folder / "ctkb-bibliography.ris", encoding="utf-8")
        csl = json.loads((folder / "ctkb-bibliography.json").read_text(encoding="utf-8"))
        with (folder / "ctkb-bibliography.csv").open(encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
        assert len(bibtex.entries) == len(ris) == len(csl) == len(rows) == len(ids("bibliography"))
        entry = json.loads((folder / "bibliography" / "iom2021htcds.json").read_text(encoding="utf-8"))
        assert entry[0]["title"] == "Human Trafficking Case Data Standard (HTCDS)"
    spanish = json.loads((shipped_site.site_dir / "es" / "downloads" / "ctkb-bibliography.json").read_text("utf-8"))
    english = json.loads((shipped_site.site_dir / "downloads" / "ctkb-bibliography.json").read_text("utf-8"))
    assert spanish[0]["abstract"] != english[0]["abstract"]  # annotations in the page's language


def test_entry_pages_cite_in_the_page_language(shipped_site: BuiltSite) -> None:
    spanish = (shipped_site.site_dir / "es" / "bibliography" / "cndh2013diagnostico.html").read_text("utf-8")
    assert "Comisión Nacional de los Derechos Humanos (CNDH). (2013). <i>Diagnóstico sobre la Situación" in spanish
    assert '<meta name="citation_title" content="Diagnóstico sobre la Situación' in spanish
    review = (shipped_site.site_dir / "es" / "literature-review.html").read_text("utf-8")
    assert review.count('class="ctkb-cite-link"') >= 15
    assert 'id="references"' in review


def test_a_broken_link_in_a_page_stops_the_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Strict mode: a link to a page that does not exist is an error, and nothing is published."""
    project = make_project(tmp_path / "p")
    index = project.root / "docs" / "en" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n[gone](missing-page.md)\n", encoding="utf-8")
    with pytest.raises(MkDocsException):
        build_site(project)
    assert "missing-page.md" in caplog.text
    assert not (project.root / "site").exists()


@pytest.mark.parametrize(
    ("folder", "section"), [("glossary", "glossary"), ("bibliography", "bibliography"), ("indicators", "indicators")]
)
def test_every_record_has_a_page_in_both_languages(shipped_site: BuiltSite, folder: str, section: str) -> None:
    for record in ids(folder):
        english = shipped_site.site_dir / section / f"{record}.html"
        spanish = shipped_site.site_dir / "es" / section / f"{record}.html"
        assert english.is_file(), english
        assert spanish.is_file(), spanish
        assert '<html lang="es"' in spanish.read_text(encoding="utf-8")


def test_home_and_sections_exist_in_both_languages(shipped_site: BuiltSite) -> None:
    for page in ("index.html", "glossary/index.html", "bibliography/index.html", "data-format.html"):
        assert (shipped_site.site_dir / page).is_file()
        assert (shipped_site.site_dir / "es" / page).is_file()
    spanish_home = (shipped_site.site_dir / "es" / "index.html").read_text(encoding="utf-8")
    assert "Base de conocimientos contra la trata de personas" in spanish_home


def test_language_switcher_points_to_the_same_page(shipped_site: BuiltSite) -> None:
    term = ids("glossary")[0]
    html = (shipped_site.site_dir / "es" / "glossary" / f"{term}.html").read_text(encoding="utf-8")
    assert re.search(rf'href="\.\./\.\./glossary/{term}\.html"[^>]*hreflang="en"', html)


def test_no_page_loads_anything_from_another_host(shipped_site: BuiltSite) -> None:
    assert external_loads(shipped_site.site_dir) == []
    text = _all_text(shipped_site.site_dir)
    assert "fonts.googleapis" not in text
    # Material's bundle keeps two fallbacks it loads only when needed: a ResizeObserver polyfill
    # (every supported browser has ResizeObserver) and Mermaid (no page uses diagrams). Any other
    # CDN address is a regression; the browser tests also watch every request.
    known = {"https://unpkg.com/resize-observer-polyfill", "https://unpkg.com/mermaid@11/dist/mermaid.min.js"}
    assert set(re.findall(r"https://(?:unpkg\.com|cdn\.jsdelivr\.net)[^\"'\s)]*", text)) <= known


def test_external_check_can_fail(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<script src="https://cdn.example.org/x.js"></script>')
    (tmp_path / "b.css").write_text("@font-face { src: url(https://fonts.example.org/f.woff2) }")
    (tmp_path / "c.html").write_text('<a href="https://www.iom.int/">a cited source is only a link</a>')
    assert external_loads(tmp_path) == [
        "a.html: https://cdn.example.org/x.js",
        "b.css: https://fonts.example.org/f.woff2",
    ]


@pytest.mark.parametrize("fixture", ["tiny_site", "shipped_site"])
def test_restricted_canaries_never_published(fixture: str, request: pytest.FixtureRequest) -> None:
    built: BuiltSite = request.getfixturevalue(fixture)
    text = _all_text(built.site_dir)
    assert "search_index" in " ".join(str(p) for p in text_files(built.site_dir))
    pdfs = [PdfReader(path) for path in built.site_dir.rglob("*.pdf")]
    assert pdfs
    pdf_text = " ".join(page.extract_text() for pdf in pdfs for page in pdf.pages)
    for canary in (CANARY_TERM, CANARY_REF, CANARY_INDICATOR):
        assert canary not in text
        assert canary not in pdf_text
        with zipfile.ZipFile(built.zip_path) as archive:
            for name in archive.namelist():
                assert canary.encode() not in archive.read(name), name


def test_search_index_is_per_language(shipped_site: BuiltSite) -> None:
    english = json.loads((shipped_site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    spanish = json.loads((shipped_site.site_dir / "es" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert english["config"]["lang"] == ["en"]
    assert spanish["config"]["lang"] == ["es"]
    en_titles = {doc["title"] for doc in english["docs"]}
    es_titles = {doc["title"] for doc in spanish["docs"]}
    assert "Glossary" in en_titles and "Glosario" not in en_titles
    assert "Glosario" in es_titles and "Glossary" not in es_titles
    assert not any(doc["location"].startswith("es/") for doc in english["docs"] + spanish["docs"])
    offline = (shipped_site.site_dir / "es" / "search" / "search_index.js").read_text(encoding="utf-8")
    assert offline.startswith("var __index = ") and "Glosario" in offline


def test_search_finds_a_text_on_its_own_page_not_on_every_list(shipped_site: BuiltSite) -> None:
    """Lists (glossary, bibliography, indicators, actors) and the interactive self-assessment repeat
    texts whose own pages are indexed: searched there only, so a result is not shown twice."""
    for folder, phrase, home in (
        ("", "first element of the international definition", "glossary/act-element.html"),
        ("es", "Primer elemento de la definición internacional", "glossary/act-element.html"),
    ):
        index = json.loads(
            (shipped_site.site_dir / folder / "search" / "search_index.json").read_text(encoding="utf-8")
        )
        found = {doc["location"].split("#")[0] for doc in index["docs"] if phrase in doc["text"]}
        assert found == {home}, found
        pages = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert {"glossary/index.html", "bibliography/index.html", "assessment/self-assessment.html"} <= pages
        listed = [
            doc for doc in index["docs"] if doc["location"].startswith(("indicators/index.html", "actors/index.html"))
        ]
        assert listed and sum(len(doc["text"]) for doc in listed) < 5000  # intros; the entries were 27,000
        # Reference lists, citations, evidence and histories: each work is found on its own page.
        # (The Data format page's own sections of those names document the fields: they stay.)
        sections = {
            doc["location"].split("#", 1)[-1]
            for doc in index["docs"]
            if "#" in doc["location"] and not doc["location"].startswith("data-format.html")
        }
        assert not sections & {"sources", "cite", "verification", "related", "evidence", "history"}
        assert {"annotation", "look-for", "questions"} <= sections
        # Printable views repeat a page that is indexed: a form, a country, the self-assessment's
        # areas, a session's handout, a course's sessions.
        assert {"forms/referral.html", "actors/countries/gt.html", "assessment/data-protection.html"} <= pages
        printables = {
            "forms/referral-print.html",
            "actors/countries/gt-print.html",
            "assessment/questionnaire.html",
            "training/data-management/handout-principles.html",
            "training/data-management/agenda.html",
        }
        assert (shipped_site.site_dir / folder / "forms" / "referral-print.html").exists()
        assert not pages & printables


def test_zip_holds_both_languages_and_its_size_is_shown(shipped_site: BuiltSite) -> None:
    with zipfile.ZipFile(shipped_site.zip_path) as archive:
        names = set(archive.namelist())
    assert f"{ZIP_FOLDER}/index.html" in names
    assert f"{ZIP_FOLDER}/es/glossary/index.html" in names
    assert f"{ZIP_FOLDER}/assets/javascripts/iframe-worker-shim.js" in names
    assert f"{ZIP_FOLDER}/es/search/search_index.js" in names
    home = (shipped_site.site_dir / "index.html").read_text(encoding="utf-8")
    size_kb = shipped_site.zip_path.stat().st_size / 1000
    shown = re.search(
        r'ctkb-offline\.zip" download>Download for offline use</a>\s*<span class="ctkb-zip-size">'
        r"\(([\d.]+) (KB|MB)\)",
        home,
    )
    assert shown, "download link with size missing from the home page"
    value = float(shown.group(1)) * (1000 if shown.group(2) == "MB" else 1)
    assert abs(value - size_kb) / size_kb < 0.06
    spanish = (shipped_site.site_dir / "es" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../ctkb-offline.zip" download>Descargar para uso sin conexión</a>' in spanish


def test_internal_links_resolve(shipped_site: BuiltSite) -> None:
    broken = []
    # 404.html is served by a web server for any address, so MkDocs gives it absolute links.
    for page in set(shipped_site.site_dir.rglob("*.html")) - {shipped_site.site_dir / "404.html"}:
        for href in re.findall(r'href="([^"#:?]+\.html)(?:#[^"]*)?"', page.read_text(encoding="utf-8")):
            if not (page.parent / href).resolve().is_file():
                broken.append(f"{page.relative_to(shipped_site.site_dir)} -> {href}")
    assert broken == []


PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def test_html_in_plain_fields_is_shown_as_text(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    ref = project.root / "bibliography" / "osce2004nrm.yaml"
    text = ref.read_text(encoding="utf-8")
    text = text.replace("place: Warsaw", f"place: {json.dumps(PAYLOAD)}")
    text = re.sub(r"^title: .*$", f"title: {json.dumps(PAYLOAD + ' </title>')}", text, flags=re.M)
    text = text.replace("publisher: OSCE/ODIHR", f"publisher: {json.dumps(PAYLOAD)}")
    ref.write_text(text, encoding="utf-8")
    built = build_site(project)
    # Download files (BibTeX, RIS, CSL-JSON, CSV) hold the data as data, never rendered as HTML.
    everything = "\n".join(
        path.read_text(encoding="utf-8") for path in text_files(built.site_dir) if "downloads" not in path.parts
    )
    assert "<script>alert" not in everything
    assert "onerror=alert" not in everything.replace("onerror=alert(1)&gt;", "")
    page = (built.site_dir / "bibliography" / "osce2004nrm.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def _all_text(site_dir: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in text_files(site_dir))


def test_a_site_url_gives_a_sitemap_dated_by_the_data(tmp_path: Path) -> None:
    """The README says to set site_url for a sitemap: the build must allow its canonical links."""
    project = make_project(tmp_path / "p")
    config = project.root / "mkdocs.yml"
    config.write_text("site_url: https://example.org/ctkb/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    built = build_site(project)
    sitemap = (built.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/ctkb/glossary/screening.html</loc>" in sitemap
    newest = load_catalog(project).data_date()
    assert newest is not None
    assert set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap)) == {newest.isoformat()}
    page = (built.site_dir / "glossary" / "screening.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/ctkb/glossary/screening.html">' in page
    # Language alternates are in the sitemap, for search engines; a <link rel="alternate"> in a
    # page makes Material fetch a sitemap.xml beside it, a 404 (or, from file://, an error).
    spanish = 'hreflang="es" href="https://example.org/ctkb/es/glossary/screening.html"'
    assert spanish in sitemap
    assert 'rel="alternate"' not in page.split("</head>")[0]


def test_no_page_shows_a_python_object_instead_of_a_text(shipped_site: BuiltSite) -> None:
    """A locale key named like a dict method (update, items…) renders the method, not the string."""
    shown = [
        path.relative_to(shipped_site.site_dir).as_posix()
        for path in shipped_site.site_dir.rglob("*.html")
        if re.search(r"<(built-in|bound) method|object at 0x", path.read_text(encoding="utf-8"))
    ]
    assert shown == []
