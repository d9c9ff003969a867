from __future__ import annotations

from ctkb.bibliography import Reference
from ctkb.catalog import load_catalog
from ctkb.glossary import Term
from ctkb.pages import SourcePage, render_sources, site_pages
from ctkb.project import Project


def test_links_are_relative_between_generated_pages() -> None:
    page = SourcePage("glossary/screening", "x")
    assert page.href("glossary/referral") == "referral.html"
    assert page.href("bibliography/osce2004nrm") == "../bibliography/osce2004nrm.html"
    assert page.href("glossary/index#nino") == "index.html#nino"
    assert SourcePage("data-format", "x").href("glossary/index") == "glossary/index.html"


def test_every_record_has_a_page_in_every_language(tiny_project: Project) -> None:
    catalog = load_catalog(tiny_project).public()
    sources = render_sources(catalog)
    for lang in ("en", "es"):
        for term in catalog.of(Term):
            assert f"{lang}/glossary/{term}.md" in sources
        for key in catalog.of(Reference):
            assert f"{lang}/bibliography/{key}.md" in sources
    paths = [page.path for page in site_pages(catalog)]
    assert len(paths) == len(set(paths)), "two content types must not make the same page"


def test_spanish_glossary_index_follows_spanish_order(tiny_project: Project) -> None:
    sources = render_sources(load_catalog(tiny_project).public())
    spanish = sources["es/glossary/index.md"]
    # Derivación < Niño, niña o adolescente < Tamizaje; English: Child < Referral < Screening
    assert spanish.index(">Derivación<") < spanish.index(">Niño, niña o adolescente<") < spanish.index(">Tamizaje<")
    english = sources["en/glossary/index.md"]
    assert english.index(">Child<") < english.index(">Referral<") < english.index(">Screening<")
    assert '<a href="#letter-d">D</a>' in spanish
    assert '<span class="ctkb-az-empty">Ñ</span>' in spanish


def test_term_page_shows_pending_translation_and_sources(tiny_project: Project) -> None:
    page = render_sources(load_catalog(tiny_project).public())["es/glossary/referral.md"]
    assert page.startswith('---\ntitle: "Derivación"\n---\n')
    assert 'class="ctkb-pending"' in page
    assert 'href="../bibliography/osce2004nrm.html"' in page


def test_unchecked_metadata_is_flagged_on_the_page(tiny_project: Project) -> None:
    page = render_sources(load_catalog(tiny_project).public())["en/bibliography/osce2004nrm.md"]
    assert '<dt>Place</dt><dd>Warsaw <span class="ctkb-unchecked">not verified</span></dd>' in page
    assert "Some details are not yet confirmed" in page
