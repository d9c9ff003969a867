"""Input an editor could not have meant, refused with a message that says where and why.

Cases that fit in a small file are in the invalid-data corpus (data/invalid); these need a file
made on the spot: a very large one, a link, a name with an invisible character.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ctkb.catalog import load_catalog
from ctkb.contacts import find_contact
from ctkb.errors import DataInvalidError
from ctkb.project import Project

TERM = "id: {id}\nterm:\n  en: Victim\n  es: Víctima\ndefinition:\n  en: {en}\n  es: Una persona que sufrió daño.\n"


def problems(project: Project) -> list[str]:
    with pytest.raises(DataInvalidError) as raised:
        load_catalog(project)
    return [str(error) for error in raised.value.errors]


def test_a_very_long_text_is_refused(tiny_project: Project) -> None:
    path = tiny_project.root / "glossary" / "victim.yaml"
    path.write_text(TERM.format(id="victim", en="harm " * 2400), encoding="utf-8")
    assert problems(tiny_project) == [
        "glossary/victim.yaml:6: definition, en: is 11999 characters long; a text may have at most 10000: "
        "shorten it, or link to the full text"
    ]


def test_a_very_large_file_is_refused(tiny_project: Project) -> None:
    path = tiny_project.root / "glossary" / "victim.yaml"
    path.write_text(TERM.format(id="victim", en="Harmed.") + "# padding\n" * 30_000, encoding="utf-8")
    assert problems(tiny_project) == [
        "glossary/victim.yaml:1: the file is 293 KB; a record may be at most 256 KB: "
        "shorten it, or split it into several records"
    ]


def test_a_link_to_a_file_outside_the_project_is_refused(tiny_project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "victim.yaml"
    outside.parent.mkdir()
    outside.write_text(TERM.format(id="victim", en="Harmed."), encoding="utf-8")
    (tiny_project.root / "glossary" / "victim.yaml").symlink_to(outside)
    assert problems(tiny_project) == [
        f"glossary/victim.yaml:1: is a link to {outside}, outside the project: data is only read from the "
        "project's own files (copy the file in instead of linking to it)"
    ]


def test_an_invisible_character_in_a_file_name_is_refused(tiny_project: Project) -> None:
    """Two files whose names look the same would otherwise be two records that look the same."""
    path = tiny_project.root / "glossary" / "screen\u200bing.yaml"
    path.write_text(TERM.format(id="screening", en="Harmed."), encoding="utf-8")
    assert problems(tiny_project) == [
        "glossary/screen\u200bing.yaml:1: the file name contains the character U+200B (ZERO WIDTH SPACE): "
        "delete it (it is invisible, and can make text or an id look like something it is not)"
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Llame al 2222-3333 de noche.", "2222-3333"),
        ("Shelter: +502 5555 0123.", "+502 5555 0123"),
        ("Write to ana [at] refugio.org", "ana [at] refugio.org"),
        ("Escriba a ana (arroba) refugio (punto) org", "ana (arroba) refugio (punto) org"),
        ("Between 2009-2012 the law changed.", None),  # a range of years
        ("ISBN 978-92-9068-243-1, 2005.", None),
        ("the DOI's ISSN (1468-2435) points to the journal", None),
        ("https://example.org/reports/2019/5555-0123.pdf", None),  # part of an address
        ("pages 45-67", None),
    ],
)
def test_contact_details_are_found_in_local_and_hidden_forms(text: str, found: str | None) -> None:
    assert find_contact(text) == found


def test_a_published_hotline_may_be_quoted_in_its_own_evidence() -> None:
    assert find_contact("Línea Nacional 01 800 5533 000 (2019)", {"8005533000"}) is None
    assert find_contact("Línea Nacional 01 800 5533 000 (2019)", {"5555012345"}) == "01 800 5533"
