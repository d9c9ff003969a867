"""The invalid-data corpus: one mistake per file, and the exact message an editor gets.

Each file in data/invalid/ starts with ``# place: <path>`` (where it is put in a copy of the
tiny valid project) and one or more ``# expect: <message>`` lines: the complete error list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ctkb.catalog import load_catalog
from ctkb.errors import DataInvalidError
from ctkb.project import Project

CASES = sorted((Path(__file__).parent / "data" / "invalid").glob("*.yaml"))
# (docs/ pages are checked too: a case may be Markdown placed under docs/, still stored as .yaml here)


def header(case: Path, key: str) -> list[str]:
    prefix = f"# {key}: ".encode()
    return [line[len(prefix) :].decode("utf-8") for line in case.read_bytes().splitlines() if line.startswith(prefix)]


def errors_for(case: Path, project: Project) -> list[str]:
    target = project.root / header(case, "place")[0]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(case.read_bytes())
    with pytest.raises(DataInvalidError) as raised:
        load_catalog(project)
    return [str(error) for error in raised.value.errors]


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_exact_message(case: Path, tiny_project: Project) -> None:
    assert errors_for(case, tiny_project) == header(case, "expect")


def test_all_problems_reported_together(tiny_project: Project) -> None:
    """Editors see every mistake of every file in one run, sorted by file and line."""
    for name in ("bad-url", "dangling-related"):
        case = Path(__file__).parent / "data" / "invalid" / f"{name}.yaml"
        target = tiny_project.root / header(case, "place")[0]
        target.write_bytes(case.read_bytes())
    with pytest.raises(DataInvalidError) as raised:
        load_catalog(tiny_project)
    paths = [error.path for error in raised.value.errors]
    assert paths == ["bibliography/laczko2005survey.yaml", "glossary/victim.yaml"]
    assert str(raised.value).endswith("2 problems found in the data; nothing was built.")
