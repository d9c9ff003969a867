from __future__ import annotations

import json
from pathlib import Path

from ctkb.search import split_search_index


def test_merged_index_is_split_by_language(tmp_path: Path) -> None:
    merged = {
        "config": {"lang": ["en", "es"], "separator": "[\\s]+"},
        "docs": [
            {"location": "", "title": "Home", "text": "x"},
            {"location": "glossary/a.html", "title": "Consent", "text": "x"},
            {"location": "es/", "title": "Inicio", "text": "x"},
            {"location": "es/glossary/a.html#b", "title": "Consentimiento", "text": "x"},
            {"location": "estudios/x.html", "title": "An English page whose path starts with es", "text": "x"},
        ],
    }
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(merged))
    (tmp_path / "search" / "search_index.js").write_text("var __index = {}")
    assert split_search_index(tmp_path, ("en", "es")) == {"en": 3, "es": 2}
    spanish = json.loads((tmp_path / "es" / "search" / "search_index.json").read_text())
    assert spanish["config"] == {"lang": ["es"], "separator": "[\\s]+"}
    assert [doc["location"] for doc in spanish["docs"]] == ["", "glossary/a.html#b"]
    english = json.loads((tmp_path / "search" / "search_index.json").read_text())
    assert [doc["title"] for doc in english["docs"]][-1].startswith("An English page")
    offline = (tmp_path / "es" / "search" / "search_index.js").read_text()
    assert json.loads(offline.removeprefix("var __index = ")) == spanish
