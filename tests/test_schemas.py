"""The models are the single source: committed schemas and the Data format page follow them."""

from __future__ import annotations

import json
from pathlib import Path

from ctkb.project import Project
from ctkb.registry import CONTENT_TYPES
from ctkb.schemas import export_schemas, model_docs
from ctkb.text import ui_strings

REPO = Path(__file__).resolve().parent.parent


def test_committed_schemas_are_current() -> None:
    for name, text in export_schemas(Project.load(REPO)).items():
        committed = REPO / "schemas" / name
        assert committed.is_file(), f"schemas/{name} missing: run `ctkb schema`"
        assert committed.read_text(encoding="utf-8") == text, f"schemas/{name} is stale: run `ctkb schema`"


def test_schema_spells_out_languages_for_completion() -> None:
    schema = json.loads(export_schemas(Project.load(REPO))["glossary-term.schema.json"])
    text = schema["$defs"]["RichText"]
    assert set(text["properties"]) == {"en", "es", "awaiting_translation"}
    assert schema["additionalProperties"] is False
    assert schema["properties"]["editor_note"]["restricted"] is True


def test_every_field_is_documented_in_every_language() -> None:
    for lang in ("en", "es"):
        for model in model_docs(lang, "en"):
            for field in model.fields:
                assert field.description, f"{model.name}.{field.name} has no {lang} description"


def test_no_stale_field_translations() -> None:
    documented = {f"{m.name}.{f.name}" for m in model_docs("en", "en") for f in m.fields}
    assert set(ui_strings("es")["fields"]) == documented


def test_data_format_page_covers_every_content_type() -> None:
    names = {m.name for m in model_docs("en", "en")}
    assert {content.model.__name__ for content in CONTENT_TYPES} <= names
    assert {"Person", "Container", "Verification"} <= names
