from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_project

from ctkb.build import build_site
from ctkb.offline import SiteCheckError


def test_a_site_that_fails_its_checks_is_not_swapped_in(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    previous = project.root / "site"
    previous.mkdir()
    (previous / "index.html").write_text("previous build")
    # A hand-written page that loads an image from another site must never be published.
    page = project.root / "docs" / "en" / "index.md"
    page.write_text(page.read_text() + '\n<img src="https://cdn.example.org/x.png" alt="">\n')
    with pytest.raises(SiteCheckError, match=r"cdn\.example\.org"):
        build_site(project)
    assert (previous / "index.html").read_text() == "previous build"
    assert sorted(p.name for p in project.root.iterdir() if p.name.startswith(".site")) == []
