"""Measure the cost of a ctkb build (not a test: it prints figures, it asserts nothing).

Generates synthetic data at N times the shipped size, builds it with ctkb, builds a bare
Material site with the same number of plain pages, and prints: wall time of each and their
ratio, peak memory, search index size per language, the gzipped weight of one record page,
the size of the offline zip, the longest main-thread task when a page opened from file:// loads
and when its search starts (search_timing.py; also with the CPU slowed 4x), and how long
`ctkb serve` takes to show an edit to one YAML file.

    .venv/bin/python scripts/benchmark.py --factor 10 [--no-browser] [--no-serve] [--preview]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import search_timing
import yaml

from ctkb.registry import data_folders

REPO = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# Runs a command in a child Python and reports its own peak memory (RUSAGE_SELF, in KiB).
MEASURE = (
    "import resource, runpy, sys; sys.argv = sys.argv[1:]; "
    "code = 0\n"
    "try:\n    runpy.run_module(sys.argv[0], run_name='__main__')\n"
    "except SystemExit as exit:\n    code = exit.code or 0\n"
    "print('PEAK_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
    " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(code)"
)


NAMES = ("title", "name", "term", "label")
"""Top-level fields shown as a record's name: copies get a number, so that names stay unique."""
_TOKEN = re.compile(r"[A-Za-z0-9_-]+")
NOT_REFERENCES = {
    "services",
    "type",
    "unchecked",
    "topics",
    "topic",
    "exploitation",
    "section",
    "disaggregates",
    "disaggregations",
    "kind",
    "element",
    "principles",
    "objectives",
    "objective",
}
"""Fields whose codes come from a vocabulary or the record itself; some codes are also record ids."""


def synthetic_project(target: Path, factor: int) -> int:
    """The repo's configuration with every record copied `factor` times under new ids; returns the record count.

    Copy 0 keeps the real ids, so the hand-written pages' links and citations still resolve. In
    copy k an id becomes ``<id>-x<k>`` (bibliography keys ``<key>_<k>``, HTCDS field names
    ``<name>Copy<letter>``), indicators are numbered on (``ind-067``… while three digits last),
    and every reference to a copied record, written as an id, ``folder/id`` or ``id#step``,
    follows it. The copies of indicators get copies of their contexts and no audience, so that
    each checklist keeps to the number of indicators that fits its two printed pages. Not
    copied: the self-assessment (one questionnaire of at most 14 areas) and the glossary terms
    with discouraged variants (their texts name the variants, which are flagged anywhere else).
    """
    for name in ("mkdocs.yml", "docs", "hooks"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    # A copy of the code, imported ahead of the editable install (PYTHONPATH, set by main), so
    # that editing src/ while a long run goes on does not change what it measures.
    shutil.copytree(REPO / "src", target / "src", ignore=shutil.ignore_patterns("__pycache__"))
    (target / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    shutil.copytree(REPO / "vocabularies", target / "vocabularies")
    folders = [folder for folder in data_folders() if folder not in ("vocabularies", "assessment")]
    shutil.copytree(REPO / "assessment", target / "assessment")
    records = {folder: [_load(path) for path in sorted((REPO / folder).glob("*.yaml"))] for folder in folders}
    keys = {str(data["key"]) for data in records["bibliography"]}
    ids = {str(data["id"]) for folder in folders if folder != "bibliography" for data in records[folder]}
    single = {str(data["id"]) for data in records["glossary"] if data.get("discouraged")}
    ids -= single
    indicators = {str(data["id"]) for data in records["indicators"]}
    htcds = {str(data["htcds"]["name"]) for data in records["dictionary"]}
    indicator_copies = min(factor, 999 // len(indicators))
    contexts_file = target / "vocabularies" / "contexts.yaml"
    contexts = _load(contexts_file)
    base_contexts = dict(contexts["terms"])
    for folder in folders:
        (target / folder).mkdir()
    count = len(list((target / "assessment").glob("*.yaml")))
    for copy in range(factor):
        renamed = {old: f"{old}-x{copy}" for old in ids - indicators}
        renamed |= {key: f"{key}_{copy}" for key in keys} | {name: f"{name}Copy{_letters(copy)}" for name in htcds}
        if indicator_copies > copy:  # ids run on, ind- and three digits: ind-001 of copy 1 is ind-067
            renamed |= {old: f"ind-{copy * len(indicators) + int(old[4:]):03d}" for old in indicators}
        for folder in folders:
            if folder == "indicators" and copy >= indicator_copies:
                continue
            for data in records[folder]:
                if copy and data.get("id") in single:
                    continue
                data = _renamed(data, renamed) if copy else data
                key = "key" if folder == "bibliography" else "id"
                if copy:
                    for field in NAMES:
                        value = data.get(field)
                        if isinstance(value, dict) and set(value) >= {"en", "es"}:
                            data[field] = {**value, **{lang: f"{value[lang]} {copy}" for lang in ("en", "es")}}
                        elif isinstance(value, str):
                            data[field] = f"{value} {copy}"
                    if folder == "indicators":
                        data["contexts"] = [f"{context}-x{copy}" for context in data.get("contexts") or ["community"]]
                        data["audience"] = []
                (target / folder / f"{data[key]}.yaml").write_text(
                    yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
                )
                count += 1
        if copy:
            for code, label in base_contexts.items():
                contexts["terms"][f"{code}-x{copy}"] = {lang: f"{text} {copy}" for lang, text in label.items()}
    contexts_file.write_text(yaml.safe_dump(contexts, allow_unicode=True, sort_keys=False))
    return count


def _load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _letters(number: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA: HTCDS field names take letters only."""
    text = ""
    while number:
        number, digit = divmod(number - 1, 26)
        text = chr(ord("A") + digit) + text
    return text


def _renamed(value: Any, renamed: dict[str, str]) -> Any:
    """`value` with every reference to a copied record (a whole string without spaces) renamed.

    The self-assessment is not copied: a link to one of its areas keeps its id.
    """
    if isinstance(value, dict):
        return {
            renamed.get(key, key) if isinstance(key, str) and "-" in key else key: item
            if key in NOT_REFERENCES
            else _renamed(item, renamed)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_renamed(item, renamed) for item in value]
    if isinstance(value, str) and value and " " not in value and not value.startswith("assessment/"):
        return _TOKEN.sub(lambda match: renamed.get(match.group(0), match.group(0)), value)
    return value


def bare_project(target: Path, pages: int) -> None:
    """Material with search and no fonts, `pages` plain pages outside the navigation."""
    (target / "docs" / "p").mkdir(parents=True)
    (target / "mkdocs.yml").write_text(
        "site_name: bare\ntheme: {name: material, font: false}\nplugins: [search]\nnav: [index.md]\n"
    )
    (target / "docs" / "index.md").write_text("# Home\n")
    words = " ".join(["trafficking data protection referral consent"] * 20)
    for number in range(pages - 1):
        (target / "docs" / "p" / f"{number}.md").write_text(f"# Page {number}\n\n{words}\n\n- one\n- two\n")


def timed(args: list[str], cwd: Path) -> tuple[float, int, int]:
    """Wall seconds, peak memory (MiB) of one command run in a fresh Python and of its largest child."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *args], cwd=cwd, env=ENV, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stderr[-3000:]}")
    peak, child = (int(kib) // 1024 for kib in result.stderr.rsplit("PEAK_KB", 1)[1].split()[:2])
    return elapsed, peak, child


def serve_update_seconds(project: Path) -> float:
    """Seconds from saving one glossary file to `ctkb serve` serving the changed page."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    path = sorted((project / "glossary").glob("*.yaml"))[0]
    url = f"http://127.0.0.1:{port}/glossary/{path.stem}.html"
    command = [sys.executable, "-m", "ctkb", "serve", "--root", str(project), "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(url, lambda body: True)
        data = _load(path)
        marker = f"edited{time.time_ns()}"
        data["definition"]["en"] += f" {marker}"
        time.sleep(1)  # the watcher starts after the first build
        start = time.perf_counter()
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        _wait_for(url, lambda body: marker in body)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=60)


def _wait_for(url: str, ready: Callable[[str], bool], timeout: float = 1800) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - our own local server
                if ready(response.read().decode("utf-8")):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"{url} did not show the change within {timeout:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=10, help="copies of the shipped data (default 10)")
    parser.add_argument("--no-browser", action="store_true", help="skip the search timings in Chromium")
    parser.add_argument("--no-serve", action="store_true", help="skip timing `ctkb serve` after an edit")
    parser.add_argument(
        "--preview",
        action="store_true",
        help="build as `ctkb serve` does, without the PDFs and the field kit (for factors whose PDFs take hours)",
    )
    options = parser.parse_args()
    if options.preview:
        ENV["CTKB_PREVIEW"] = "1"
    with tempfile.TemporaryDirectory(prefix="ctkb-bench-") as tmp:
        ours, bare = Path(tmp) / "ctkb", Path(tmp) / "bare"
        ours.mkdir()
        bare.mkdir()
        records = synthetic_project(ours, options.factor)
        ENV["PYTHONPATH"] = str(ours / "src")
        ours_time, ours_peak, ours_child = timed(["ctkb", "build", "--root", str(ours)], ours)
        site = ours / "site"
        pages = sum(1 for _ in site.rglob("*.html"))
        bare_project(bare, pages)
        bare_time, bare_peak, _ = timed(["mkdocs", "build", "-q"], bare)

        mode = " (preview: no PDFs, no field kit)" if options.preview else ""
        print(f"ctkb build{mode}, {options.factor}x shipped data: {records} records -> {pages} HTML pages (en + es)")
        print(f"  wall time     ctkb {ours_time:6.1f} s   bare Material, {pages} plain pages {bare_time:6.1f} s")
        print(f"  ratio         {ours_time / bare_time:.2f}x (ctkb also validates, renders both languages, zips)")
        print(f"  peak memory   ctkb {ours_peak} MiB (largest child process {ours_child} MiB)   bare {bare_peak} MiB")
        for lang, index in (
            ("en", site / "search" / "search_index.json"),
            ("es", site / "es" / "search" / "search_index.json"),
        ):
            raw = index.read_bytes()
            docs = len(json.loads(raw)["docs"])
            print(f"  search index  {lang}: {len(raw):,} B ({len(gzip.compress(raw, 9)):,} B gzipped), {docs} entries")
        record_page = next((site / "bibliography").glob("*.html"))
        html = record_page.read_bytes()
        print(f"  record page   {record_page.name}: {len(html):,} B, {len(gzip.compress(html, 9)):,} B gzipped")
        print(f"  offline zip   {(site / 'ctkb-offline.zip').stat().st_size:,} B")
        if not options.no_browser:
            print("  from file://, in Chromium at 375 px (longest main-thread task; goal: none over 100 ms):")
            bare_task = search_timing.load_task_ms(bare / "site", "index.html")
            print(f"    bare Material: longest task on load {bare_task:.0f} ms")
            for page, word, throttle in (
                ("index.html", "referral", 1),
                ("es/glossary/index.html", "trata", 1),
                ("index.html", "referral", 4),
            ):
                print(f"    {search_timing.measure(site, page, word, throttle).line()}")
        if not options.no_serve:
            print(f"  ctkb serve    an edited glossary file is served {serve_update_seconds(ours):.1f} s after saving")


if __name__ == "__main__":
    main()
