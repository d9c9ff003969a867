from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import add_canaries

from ctkb.build import BuiltSite, build_site
from ctkb.offline import SIZE_SLOT, ZIP_FOLDER, ZIP_NAME, SiteCheckError, finish_site, human_size, leaked_values
from ctkb.project import Project


def small_site(root: Path) -> Path:
    (root / "es").mkdir(parents=True)
    (root / "index.html").write_text(f"<p>Home</p>{SIZE_SLOT}")
    (root / "es" / "index.html").write_text(f"<p>Inicio</p>{SIZE_SLOT}")
    (root / "bundle.js.map").write_text("{}")
    return root


def test_human_size() -> None:
    assert human_size(900) == "1 KB"
    assert human_size(850_000) == "850 KB"
    assert human_size(4_230_000) == "4.2 MB"


def test_zip_holds_every_page_and_pages_show_its_size(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    target = finish_site(site, restricted=set())
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["ctkb/es/index.html", "ctkb/index.html"]
        inside = archive.read("ctkb/index.html").decode()
    shown = human_size(target.stat().st_size)
    assert f'<span class="ctkb-zip-size">({shown})</span>' in (site / "index.html").read_text()
    assert f"({shown})" in inside
    assert not (site / "bundle.js.map").exists()


def test_zipped_pages_drop_indentation_but_keep_preformatted_text(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    (site / "list.html").write_text("<ul>\n    <li>One\n      two</li>\n</ul>")
    (site / "code.html").write_text("<pre>a\n    b</pre>\n  <p>x</p>")
    with zipfile.ZipFile(finish_site(site, restricted=set())) as archive:
        assert archive.read("ctkb/list.html").decode() == "<ul>\n<li>One\ntwo</li>\n</ul>"
        assert archive.read("ctkb/code.html").decode() == "<pre>a\n    b</pre>\n  <p>x</p>"


def test_restricted_value_or_external_resource_stops_publication(tmp_path: Path) -> None:
    site = small_site(tmp_path / "site")
    (site / "leak.html").write_text("<p>Shelter at CANARY-street-1</p>")
    (site / "cdn.html").write_text('<script src="https://cdn.example.org/x.js"></script>')
    with pytest.raises(SiteCheckError) as raised:
        finish_site(site, restricted={"CANARY-street-1"})
    assert "contains a restricted value: leak.html" in str(raised.value)
    assert "loads an external resource: cdn.html: https://cdn.example.org/x.js" in str(raised.value)
    assert not (site / "ctkb-offline.zip").exists()


def test_leak_check_reports_files(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"text": "call CANARY-555"}')
    assert leaked_values(tmp_path, {"CANARY-555"}) == ["a.json"]


def test_two_builds_of_the_same_data_are_byte_identical(
    tiny_site: BuiltSite, project_factory: Callable[[], Project]
) -> None:
    """Reproducible output, the zip included: a copy can be checked against the published one."""
    again = project_factory()
    add_canaries(again)
    second = build_site(again)

    def files(site: BuiltSite) -> dict[str, bytes]:
        return {
            p.relative_to(site.site_dir).as_posix(): p.read_bytes() for p in site.site_dir.rglob("*") if p.is_file()
        }

    first, other = files(tiny_site), files(second)
    assert sorted(first) == sorted(other)
    assert [name for name in first if first[name] != other[name]] == []
    assert ZIP_NAME in first


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)


def broken_links(zip_path: Path) -> list[str]:
    """Every link or resource of every page of the zip that points to a file not in the zip."""
    with zipfile.ZipFile(zip_path) as archive:
        names = set(archive.namelist())
        broken = []
        for name in sorted(n for n in names if n.endswith(".html")):
            parser = _Links()
            parser.feed(archive.read(name).decode("utf-8"))
            for target in parser.targets:
                parts = urlsplit(target)
                if parts.scheme or parts.netloc or not parts.path:  # other sites, mailto:, tel:, #anchors
                    continue
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
                if resolved not in names and f"{resolved}/index.html" not in names:
                    broken.append(f"{name}: {target}")
        return broken


def test_every_link_of_the_offline_copy_works(shipped_site: BuiltSite) -> None:
    """Crawled as it is unzipped: no page points at a file the copy lacks (the zip itself included)."""
    assert broken_links(shipped_site.zip_path) == []
    with zipfile.ZipFile(shipped_site.zip_path) as archive:
        names = archive.namelist()
        assert f"{ZIP_FOLDER}/es/actors/countries/mx.html" in names
        assert f"{ZIP_FOLDER}/404.html" not in names  # nothing serves it from file://
        home = archive.read(f"{ZIP_FOLDER}/index.html").decode("utf-8")
    assert ZIP_NAME not in home and "ctkb:online" not in home
    assert ZIP_NAME in (shipped_site.site_dir / "index.html").read_text(encoding="utf-8")  # online, it is offered
