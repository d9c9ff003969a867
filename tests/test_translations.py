"""The translation report: what a Spanish reader still reads in English, and where to fix it."""

from __future__ import annotations

from conftest import REPO

from ctkb.build import BuiltSite
from ctkb.catalog import load_catalog
from ctkb.pages import render_sources
from ctkb.project import Project
from ctkb.translations import coverage


def test_a_text_awaiting_translation_is_counted_and_located(tiny_project: Project) -> None:
    rows = {row.folder: row for row in coverage(load_catalog(tiny_project))}
    glossary = rows["glossary"]
    assert (glossary.lang, glossary.awaiting) == ("es", 1)
    assert glossary.waiting == ("glossary/referral.yaml:5: definition",)
    assert glossary.translated > 0 and glossary.share < 100
    assert rows["bibliography"].awaiting == 0 and rows["bibliography"].share == 100
    assert rows["bibliography"].as_published >= 2  # titles stay in their own language by design
    assert rows["actors"].as_published >= 3  # official names


def test_the_report_page_names_the_waiting_text_in_both_languages(tiny_project: Project) -> None:
    sources = render_sources(load_catalog(tiny_project).public())
    english, spanish = sources["en/translations.md"], sources["es/translations.md"]
    assert "<code>glossary/referral.yaml:5: definition</code>" in english
    assert "<code>glossary/referral.yaml:5: definition</code>" in spanish
    assert '<th scope="row">Glosario</th>' in spanish and "Traducción pendiente" in spanish
    assert '<th scope="row">Glossary</th>' in english


def test_the_shipped_content_reads_in_spanish_on_spanish_pages(shipped_site: BuiltSite) -> None:
    """Evidence notes, field names and style labels: no English left where a Spanish reader looks."""
    assert all(row.awaiting == 0 for row in coverage(load_catalog(Project.load(REPO))))
    spanish = shipped_site.site_dir / "es"
    for folder in ("actors", "bibliography"):
        for path in (spanish / folder).glob("*.html"):
            page = path.read_text(encoding="utf-8")
            assert "Traducción pendiente" not in page, path
            assert "Chicago author-date" not in page, path
    reference = (spanish / "bibliography" / "ilo2009operationalindicators.html").read_text(encoding="utf-8")
    assert "Chicago autor-fecha" in reference
    evidence = reference.split('<ul class="ctkb-evidence">')[1].split("</ul>")[0]
    assert "cita en inglés" in evidence  # an English quotation is labelled as such
    home = (spanish / "index.html").read_text(encoding="utf-8")
    assert 'href="actors/index.html"' in home.split("Secciones")[1]
