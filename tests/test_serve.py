"""`ctkb serve` rebuilds when an editor saves a YAML file."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ctkb.build import build_site
from ctkb.project import Project
from ctkb.site import PREVIEW_ENV


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_on_yaml_edit(tiny_project: Project) -> None:
    port = free_port()
    command = [str(Path(sys.executable).parent / "ctkb"), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command,
        cwd=tiny_project.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/es/glossary/screening.html"
        assert wait_for(url, "Tamizaje"), "serve did not start"
        data = tiny_project.root / "glossary" / "screening.yaml"
        data.write_text(data.read_text(encoding="utf-8").replace("es: Tamizaje", "es: Cribado"), encoding="utf-8")
        assert wait_for(url, "Cribado"), "the page was not rebuilt after the YAML edit"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_a_preview_leaves_out_pdfs_and_the_field_kit(tiny_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """`ctkb serve` rebuilds on every save: it skips what only a published site needs."""
    monkeypatch.setenv(PREVIEW_ENV, "1")
    site = build_site(tiny_project).site_dir
    assert (site / "checklists" / "index.html").is_file() and (site / "es" / "glossary" / "screening.html").is_file()
    assert not list(site.rglob("*.pdf")), "a preview printed PDFs"
    assert not (site / "sw.js").exists() and not (site / "field-kit.json").exists()
    monkeypatch.delenv(PREVIEW_ENV)
    site = build_site(tiny_project).site_dir
    assert list(site.rglob("*.pdf")) and (site / "sw.js").is_file()
