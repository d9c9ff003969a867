"""Measure the cost of a ctkb build (not a test: it prints figures, it asserts nothing).

Generates synthetic data at N times the shipped size, builds it with ctkb, builds a bare
Material site with the same number of plain pages, and prints: wall time of each and their
ratio, peak memory, search index size per language, the gzipped weight of one record page,
and the size of the offline zip.

    .venv/bin/python scripts/benchmark.py --factor 10
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    "print('PEAK_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(code)"
)


def synthetic_project(target: Path, factor: int) -> None:
    """The repo's configuration with every record copied `factor` times under new ids."""
    for name in ("mkdocs.yml", "docs", "hooks"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    for shared in ("src", "node_modules"):
        (target / shared).symlink_to(REPO / shared, target_is_directory=True)
    for folder in data_folders():  # copied once; only the glossary and bibliography are multiplied
        if folder not in ("glossary", "bibliography"):
            shutil.copytree(REPO / folder, target / folder)
    refs = sorted((REPO / "bibliography").glob("*.yaml"))
    terms = sorted((REPO / "glossary").glob("*.yaml"))
    for folder in ("bibliography", "glossary"):
        (target / folder).mkdir()
    for copy in range(factor):
        # Copy 0 keeps the real ids, so the hand-written pages' citations still resolve.
        key_suffix, id_suffix = (f"_{copy}", f"-{copy}") if copy else ("", "")
        for path in refs:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data["key"] = f"{data['key']}{key_suffix}"
            (target / "bibliography" / f"{data['key']}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
        for path in terms:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data["id"] = f"{data['id']}{id_suffix}"
            data["related"] = [f"{other}{id_suffix}" for other in data.get("related", [])]
            data["sources"] = [f"{key}{key_suffix}" for key in data.get("sources", [])]
            data["unchecked_sources"] = [f"{key}{key_suffix}" for key in data.get("unchecked_sources", [])]
            for lang in ("en", "es"):
                data["term"][lang] = f"{data['term'][lang]} {copy}"
            (target / "glossary" / f"{data['id']}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))


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


def timed(args: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak memory (MiB) of one command run in a fresh Python."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *args], cwd=cwd, env=ENV, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed:\n{result.stderr[-3000:]}")
    peak = int(result.stderr.rsplit("PEAK_KB", 1)[1].split()[0])
    return elapsed, peak // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=10, help="copies of the shipped data (default 10)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ctkb-bench-") as tmp:
        ours, bare = Path(tmp) / "ctkb", Path(tmp) / "bare"
        ours.mkdir()
        bare.mkdir()
        synthetic_project(ours, options.factor)
        folders = [folder for folder in data_folders() if folder != "vocabularies"]
        records = sum(len(list((ours / folder).glob("*.yaml"))) for folder in folders)
        ours_time, ours_peak = timed(["ctkb", "build", "--root", str(ours)], ours)
        site = ours / "site"
        pages = sum(1 for _ in site.rglob("*.html"))
        bare_project(bare, pages)
        bare_time, bare_peak = timed(["mkdocs", "build", "-q"], bare)

        print(f"ctkb build, {options.factor}x shipped data: {records} records -> {pages} HTML pages (en + es)")
        print(f"  wall time     ctkb {ours_time:6.1f} s   bare Material, {pages} plain pages {bare_time:6.1f} s")
        print(f"  ratio         {ours_time / bare_time:.2f}x (ctkb also validates, renders both languages, zips)")
        print(f"  peak memory   ctkb {ours_peak} MiB   bare {bare_peak} MiB")
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


if __name__ == "__main__":
    main()
