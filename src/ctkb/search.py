"""One search index per language.

mkdocs-static-i18n merges every language into one ``search/search_index.json``, so a Spanish
query would return English pages. After the last language is built, the merged index is split
by location prefix (``es/…``) into ``<lang>/search/search_index.json``; the theme points pages
of each language at their own index (``templates/theme/main.html``). The offline copy loads
``search_index.js`` instead of fetching JSON, so that file is rewritten too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


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
    counts = {}
    for code, docs in buckets.items():
        folder = site_dir / "search" if code == default else site_dir / code / "search"
        folder.mkdir(parents=True, exist_ok=True)
        index = {**merged, "config": {**merged["config"], "lang": [code]}, "docs": docs}
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        (folder / "search_index.json").write_text(text, encoding="utf-8")
        if (site_dir / "search" / "search_index.js").exists():
            (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")
        counts[code] = len(docs)
    return counts
