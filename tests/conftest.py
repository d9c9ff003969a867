"""Shared fixtures: a tiny valid project, and built sites (tiny and shipped), each built once."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ctkb.build import BuiltSite, build_site
from ctkb.project import Project
from ctkb.registry import data_folders

REPO = Path(__file__).resolve().parent.parent
VALID = Path(__file__).parent / "data" / "valid"


def make_project(target: Path, data: Path = VALID) -> Project:
    """A throw-away project: the repo's configuration and pages, with `data` as its content."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(data / "docs" if (data / "docs").is_dir() else REPO / "docs", target / "docs")
    shutil.copytree(REPO / "hooks", target / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    for shared in ("src", "node_modules"):
        (target / shared).symlink_to(REPO / shared, target_is_directory=True)
    for folder in data_folders():
        source = data / folder
        if source.is_dir():
            shutil.copytree(source, target / folder)
        else:
            (target / folder).mkdir()
    return Project.load(target)


@pytest.fixture
def tiny_project(tmp_path: Path) -> Project:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def project_factory(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Project]:
    def factory() -> Project:
        return make_project(tmp_path_factory.mktemp("project") / "p")

    return factory


CANARY_TERM = "CANARY-7f3a-term-note"
CANARY_REF = "CANARY-91bc-reference-note"
CANARY_INDICATOR = "CANARY-c4d2-indicator-note"


def add_canaries(project: Project) -> None:
    """Put canary values into the restricted field of one term, one reference and one indicator."""
    for folder, canary in (("glossary", CANARY_TERM), ("bibliography", CANARY_REF), ("indicators", CANARY_INDICATOR)):
        first = sorted((project.root / folder).glob("*.yaml"))[0]
        with first.open("a", encoding="utf-8") as file:
            file.write(f"editor_note: {canary}\n")


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The tiny data set, with canary values in restricted fields, built once."""
    project = make_project(tmp_path_factory.mktemp("tiny") / "p")
    add_canaries(project)
    return build_site(project)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own data (plus restricted canaries), built once."""
    project = make_project(tmp_path_factory.mktemp("shipped") / "p", data=REPO)
    add_canaries(project)
    return build_site(project)
