from __future__ import annotations

import json
from pathlib import Path

from ctkb.search import drop_other_languages, split_search_index, write_worker_sources


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
    offline = json.loads((tmp_path / "es" / "search" / "search_index.js").read_text().removeprefix("var __index = "))
    # The page passes the documents on as text; the search worker parses them on its own thread.
    assert offline["config"] == spanish["config"]
    assert json.loads(offline["docs"]) == spanish["docs"]


def test_offline_search_worker_sources_are_embedded(tmp_path: Path) -> None:
    """A Blob worker cannot read file: addresses: the worker and lunr's Spanish scripts travel as text."""
    scripts = tmp_path / "assets" / "javascripts"
    (scripts / "workers").mkdir(parents=True)
    (scripts / "lunr" / "min").mkdir(parents=True)
    (scripts / "workers" / "search.1234.min.js").write_text('addEventListener("message", () => {});')
    (scripts / "workers" / "search.1234.min.js.map").write_text("{}")
    for name in ("lunr.stemmer.support.min.js", "lunr.es.min.js", "lunr.fr.min.js", "lunr.multi.min.js"):
        (scripts / "lunr" / "min" / name).write_text(f"/* {name} \u2028 */", encoding="utf-8")
    path = write_worker_sources(tmp_path, ("en", "es"))
    text = path.read_text(encoding="utf-8")
    # U+2028 is escaped, so that the JSON is also a JavaScript literal in every engine.
    assert text.startswith("var __ctkbWorkerSources = ") and "\u2028" not in text and "\\u2028" in text
    sources = json.loads(text.removeprefix("var __ctkbWorkerSources = ").rstrip(";\n"))
    assert sorted(sources) == [
        "lunr.es.min.js",
        "lunr.multi.min.js",
        "lunr.stemmer.support.min.js",
        "search.1234.min.js",
    ]


def test_lunr_scripts_of_other_languages_are_not_shipped(tmp_path: Path) -> None:
    """Nothing loads a French stemmer or the Thai word splitter on an English and Spanish site."""
    lunr = tmp_path / "assets" / "javascripts" / "lunr"
    (lunr / "min").mkdir(parents=True)
    names = ["lunr.stemmer.support.min.js", "lunr.multi.min.js", "lunr.es.min.js", "lunr.fr.min.js", "lunr.th.min.js"]
    for name in names:
        (lunr / "min" / name).write_text("/* */")
    (lunr / "wordcut.js").write_text("/* */")
    assert drop_other_languages(tmp_path, ("en", "es")) == ["lunr.fr.min.js", "lunr.th.min.js", "wordcut.js"]
    assert sorted(path.name for path in lunr.rglob("*.js")) == sorted(names[:3])
