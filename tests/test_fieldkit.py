"""The field kit as built: what each language's kit holds, its size, the manifests and the service worker."""

from __future__ import annotations

import json
import zipfile

import pytest
from conftest import REPO

from ctkb.build import BuiltSite
from ctkb.catalog import load_catalog
from ctkb.checklists import checklists
from ctkb.fieldkit import BUDGET
from ctkb.indicators import active
from ctkb.project import Project


@pytest.mark.parametrize("prefix", ["", "es/"])
def test_each_language_kit_holds_what_a_first_responder_needs_within_budget(
    shipped_site: BuiltSite, prefix: str
) -> None:
    kit = json.loads((shipped_site.site_dir / prefix / "field-kit.json").read_text(encoding="utf-8"))
    files = set(kit["files"])
    catalog = load_catalog(Project.load(REPO))
    expected = {
        "index.html",
        "offline.html",
        "indicators/index.html",
        "indicators/what-to-do-next.html",
        "workflows/index.html",
        "workflows/roles/police.html",
        "forms/screening-interview.html",
        "laws/ni.html",  # the legal basis on a step links to it
        "actors/index.html",
        "actors/countries/gt.html",
        "search/search_index.json",
        "manifest.webmanifest",
        *(f"indicators/{indicator.id}.html" for indicator in active(catalog)),
        *(f"checklists/{c.slug}.html" for c in checklists(catalog)),
        *(f"checklists/pdf/{c.slug}-{paper}.pdf" for c in checklists(catalog) for paper in ("a4", "letter")),
    }
    assert {prefix + name for name in expected} <= files
    assert not [name for name in files if "/bibliography/" in f"/{name}" or name.endswith(".map")]
    assert all((shipped_site.site_dir / name).is_file() for name in files)
    assert 0 < kit["download"] <= BUDGET < kit["stored"] * 10
    assert kit["version"] == load_catalog(Project.load(REPO)).data_date().isoformat()  # type: ignore[union-attr]


def test_manifests_use_relative_addresses_so_any_sub_path_works(shipped_site: BuiltSite) -> None:
    for prefix, scope in (("", "./"), ("es/", "./../")):
        manifest = json.loads((shipped_site.site_dir / prefix / "manifest.webmanifest").read_text(encoding="utf-8"))
        assert manifest["scope"] == scope and manifest["start_url"] == "./index.html"
        for icon in manifest["icons"]:
            assert not icon["src"].startswith(("/", "http"))
            assert (shipped_site.site_dir / prefix / icon["src"]).is_file()


def test_service_worker_is_generated_and_precaches_the_offline_pages(shipped_site: BuiltSite) -> None:
    worker = (shipped_site.site_dir / "sw.js").read_text(encoding="utf-8")
    assert '"offline.html"' in worker and '"es/offline.html"' in worker
    assert "importScripts" not in worker  # the Workbox runtime is inlined: nothing loads from elsewhere
    assert "ctkb-site" in worker


def test_pages_show_the_version_and_the_zip_leaves_the_app_out(shipped_site: BuiltSite) -> None:
    day = load_catalog(Project.load(REPO)).data_date().isoformat()  # type: ignore[union-attr]
    online = (shipped_site.site_dir / "es" / "indicators" / "index.html").read_text(encoding="utf-8")
    assert f"Versión del {day}" in online
    assert 'rel="manifest" href="../manifest.webmanifest"' in online and "data-ctkb-fieldkit" in online
    with zipfile.ZipFile(shipped_site.zip_path) as archive:
        offline = archive.read("ctkb/es/indicators/index.html").decode("utf-8")
    assert f"Versión del {day}" in offline
    assert 'rel="manifest"' not in offline and "data-ctkb-fieldkit" not in offline
