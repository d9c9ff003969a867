"""Formatted references are kept between builds, and a change to a reference is never served stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctkb import citations
from ctkb.bibliography import Reference
from ctkb.catalog import load_catalog
from ctkb.project import Project


def test_unchanged_references_are_read_back_and_a_changed_one_is_formatted_again(
    tiny_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    refs = list(load_catalog(tiny_project).public().of(Reference).values())
    first = citations.formatted_references(refs, "apa", "es")
    assert len(list((tmp_path / "cache" / "ctkb" / "citations").iterdir())) == 1

    class Refuse:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise AssertionError("formatted again although nothing changed")

    with monkeypatch.context() as patch:
        patch.setattr(citations, "Formatter", Refuse)
        assert citations.formatted_references(refs, "apa", "es") == first  # read back, identical

    changed = [refs[0].model_copy(update={"year": 1999}), *refs[1:]]
    again = citations.formatted_references(changed, "apa", "es")
    assert "1999" in again[refs[0].key] and "1999" not in first[refs[0].key]
    assert citations.formatted_references(refs, "chicago-author-date", "es") != first  # another style, another entry


def test_a_tampered_cache_entry_cannot_put_markup_in_a_page(
    tiny_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    refs = list(load_catalog(tiny_project).public().of(Reference).values())
    citations.formatted_references(refs, "apa", "en")
    (entry,) = (tmp_path / "cache" / "ctkb" / "citations").iterdir()
    entry.write_text(f'{{"{refs[0].key}": "<script>alert(1)</script><i>Title</i>"}}', encoding="utf-8")
    assert citations.formatted_references(refs, "apa", "en")[refs[0].key] == "<i>Title</i>"
