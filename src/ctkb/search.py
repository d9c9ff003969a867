"""One search index per language, and search from file:// off the page's thread.

mkdocs-static-i18n merges every language into one ``search/search_index.json``, so a Spanish
query would return English pages. After the last language is built, the merged index is split
by location prefix (``es/…``) into ``<lang>/search/search_index.json``; the theme points pages
of each language at their own index (``templates/theme/main.html``).

The offline copy loads ``search_index.js`` with a script tag instead of fetching JSON. Its
documents are written there as one JSON *string*: the page only passes them on to the search
worker, which parses them on its own thread (``assets/javascripts/file-worker.js``), so the
page never parses megabytes of index. That worker is started from a Blob, the one kind of
worker a file:// page may start, from the sources in ``file-worker-sources.js``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

WORKER_SOURCES = "assets/javascripts/file-worker-sources.js"


def split_search_index(site_dir: Path, languages: tuple[str, ...]) -> dict[str, int]:
    """Split the merged index; returns the number of documents per language."""
    merged_file = site_dir / "search" / "search_index.json"
    merged: dict[str, Any] = json.loads(merged_file.read_text(encoding="utf-8"))
    default, others = languages[0], languages[1:]
    buckets: dict[str, list[dict[str, Any]]] = {code: [] for code in languages}
    for doc in merged["docs"]:
        location: str = doc["location"]
        code = next((c for c in others if location == f"{c}/" or location.startswith(f"{c}/")), default)
        if code != default:
            doc = {**doc, "location": location[len(code) + 1 :]}
        buckets[code].append(doc)
    offline = (site_dir / "search" / "search_index.js").exists()
    counts = {}
    for code, docs in buckets.items():
        folder = site_dir / "search" if code == default else site_dir / code / "search"
        folder.mkdir(parents=True, exist_ok=True)
        config = {**merged["config"], "lang": [code]}
        index = {**merged, "config": config, "docs": docs}
        (folder / "search_index.json").write_text(_json(index), encoding="utf-8")
        if offline:
            script = {**merged, "config": config, "docs": _json(docs)}
            (folder / "search_index.js").write_text(f"var __index = {_json(script)}", encoding="utf-8")
        counts[code] = len(docs)
    if offline:
        write_worker_sources(site_dir, languages)
    drop_other_languages(site_dir, languages)
    return counts


def drop_other_languages(site_dir: Path, languages: tuple[str, ...]) -> list[str]:
    """Delete the lunr scripts for languages the site does not have; returns their names.

    Material ships stemmers for 30 languages and two word splitters (Japanese, Thai); the search
    worker imports only those of the index's language. The rest were a fifth of a megabyte of the
    offline zip that nothing loads.
    """
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    keep = set(lunr_scripts(languages))
    dropped = []
    for path in sorted(lunr.rglob("*.js")):
        if path.name not in keep:
            path.unlink()
            dropped.append(path.name)
    return dropped


def lunr_scripts(languages: tuple[str, ...]) -> list[str]:
    """The lunr scripts (in ``assets/javascripts/lunr/min/``) the search worker imports for `languages`.

    English is built into lunr; the other languages need the stemmer support, their own script
    and, with more than one language, the multi-language script.
    """
    return [
        "lunr.stemmer.support.min.js",
        "lunr.multi.min.js",
        *(f"lunr.{code}.min.js" for code in languages if code != "en"),
    ]


def write_worker_sources(site_dir: Path, languages: tuple[str, ...]) -> Path:
    """Material's search worker and the lunr scripts it imports, as text in one script."""
    scripts = site_dir / "assets" / "javascripts"
    lunr = scripts / "lunr" / "min"
    wanted = [*sorted((scripts / "workers").glob("search.*.js")), *(lunr / name for name in lunr_scripts(languages))]
    sources = {path.name: path.read_text(encoding="utf-8") for path in wanted if path.exists()}
    target = site_dir / WORKER_SOURCES
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"var __ctkbWorkerSources = {_json(sources)};\n", encoding="utf-8")
    return target


def _json(value: object) -> str:
    """Compact JSON that is also a valid JavaScript literal."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
