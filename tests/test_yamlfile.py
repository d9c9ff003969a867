from __future__ import annotations

from pathlib import Path

from ctkb.errors import ErrorList
from ctkb.yamlfile import load_yaml


def load(tmp_path: Path, text: str | bytes) -> tuple[object, ErrorList]:
    file = tmp_path / "record.yaml"
    file.write_bytes(text.encode() if isinstance(text, str) else text)
    errors = ErrorList()
    return load_yaml(file, tmp_path, errors), errors


def test_records_the_line_of_every_key_and_item(tmp_path: Path) -> None:
    doc, errors = load(tmp_path, "id: x\nterm:\n  en: A\n  es: B\nrelated:\n  - a\n  - b\n")
    assert not errors
    assert doc is not None
    assert doc.lines[("term", "es")] == 4  # type: ignore[attr-defined]
    assert doc.line_of(("related", 1)) == 7  # type: ignore[attr-defined]
    assert doc.line_of(("term", "fr")) == 2  # type: ignore[attr-defined]  # falls back to the parent


def test_nested_duplicate_key_is_an_error(tmp_path: Path) -> None:
    _, errors = load(tmp_path, "term:\n  en: A\n  en: B\n")
    assert [str(e) for e in errors] == [
        "record.yaml:3: term, en: duplicate key: 'en' is already set on line 2; keep only one"
    ]


def test_python_tags_never_construct_objects(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    doc, errors = load(tmp_path, f'x: !!python/object/apply:os.system ["touch {marker}"]\n')
    assert doc is None and errors
    assert not marker.exists()


def test_custom_tags_are_refused(tmp_path: Path) -> None:
    _, errors = load(tmp_path, "x: !secret value\n")
    assert "the YAML tag '!secret' is not allowed" in str(next(iter(errors)))


def test_alias_expansion_is_refused_before_it_starts(tmp_path: Path) -> None:
    bomb = 'a: &a ["x"]\n' + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    doc, errors = load(tmp_path, bomb)
    assert doc is None
    assert "anchors and aliases" in str(next(iter(errors)))


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    _, errors = load(tmp_path, "- a\n- b\n")
    assert str(next(iter(errors))) == "record.yaml:1: the file must be a mapping of fields (key: value lines)"


def test_tab_indentation_is_a_syntax_error_with_line(tmp_path: Path) -> None:
    _, errors = load(tmp_path, "id: x\nterm:\n\ten: A\n")
    message = str(next(iter(errors)))
    assert message.startswith("record.yaml:3: YAML syntax: ")
