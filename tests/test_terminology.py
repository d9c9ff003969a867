"""One term per concept: discouraged variants are found in data and in hand-written pages."""

from __future__ import annotations

import pytest
from conftest import REPO

from ctkb.catalog import load_catalog
from ctkb.errors import DataInvalidError
from ctkb.glossary import Term
from ctkb.project import Project


def test_a_discouraged_variant_in_a_page_is_reported_at_its_line(tiny_project: Project) -> None:
    page = tiny_project.root / "docs" / "es" / "notas.md"
    page.write_text("# Notas\n\nUna nota.\nSobre el *Filtrado* de personas.\n", encoding="utf-8")
    (tiny_project.root / "docs" / "en" / "notes.md").write_text("Filtrado is Spanish.\n", encoding="utf-8")
    with pytest.raises(DataInvalidError) as raised:
        load_catalog(tiny_project)
    assert [str(error) for error in raised.value.errors] == [
        "docs/es/notas.md:4: text: 'Filtrado' is a discouraged variant of 'Tamizaje' "
        "(glossary/screening.yaml): use the preferred term"
    ]  # an English page may use the Spanish word: variants are per language


def test_titles_and_quotations_keep_their_wording(tiny_project: Project) -> None:
    """A work's title is as printed: a discouraged variant in it is not ours to change."""
    path = tiny_project.root / "bibliography" / "osce2004nrm.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: '", "title: 'Filtrado y ", 1), encoding="utf-8")
    load_catalog(tiny_project)


def test_the_shipped_spanish_uses_one_term_per_concept() -> None:
    """The terms the audit found in two forms name their variants, and the content is clean."""
    terms = load_catalog(Project.load(REPO)).of(Term)  # loading runs the check
    assert "primeros intervinientes" in terms["first-responder"].discouraged["es"]
    assert terms["presumed-victim"].term.get("es") == "Presunta víctima"
    assert terms["trauma-informed-approach"].term.get("es") == "Enfoque sensible al trauma"
