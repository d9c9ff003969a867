"""JSON Schema export and the field tables of the "Data format" page, from the models.

The pydantic models are the single source: the committed ``schemas/*.schema.json`` (read by
editors' tools), the editor documentation and validation all come from them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ctkb import registry
from ctkb.content import ContentType
from ctkb.project import Project
from ctkb.text import RichText, Text, ui_strings


def schema_for(model: type[BaseModel], project: Project) -> dict[str, Any]:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    # Text types accept one entry per site language; spell them out so editors get completion.
    for name in ("Text", "RichText"):
        definition = schema.get("$defs", {}).get(name)
        if definition is None:
            continue
        definition["properties"] = {
            code: {"type": "string", "minLength": 1, "title": code} for code in project.languages
        } | {"awaiting_translation": definition["properties"]["awaiting_translation"]}
        definition["additionalProperties"] = False
        definition["required"] = [project.default_language]
    return schema


def export_schemas(project: Project, types: Sequence[ContentType[Any]] | None = None) -> dict[str, str]:
    """File name → JSON text of every content type's schema."""
    return {
        f"{content.schema}.schema.json": json.dumps(schema_for(content.model, project), indent=2, ensure_ascii=False)
        + "\n"
        for content in types or registry.content_types()
    }


def write_schemas(project: Project) -> list[Path]:
    folder = project.root / "schemas"
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in export_schemas(project).items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str
    is_required: bool
    is_restricted: bool
    description: str


@dataclass(frozen=True)
class ModelDoc:
    name: str
    title: str
    schema_file: str | None
    folder: str | None
    id_field: str | None
    fields: list[FieldDoc]


def model_docs(lang: str, default_language: str, types: Sequence[ContentType[Any]] | None = None) -> list[ModelDoc]:
    """Every content model and the models nested in it, documented in `lang`."""
    ui = ui_strings(lang)
    docs: list[ModelDoc] = []
    seen: set[type[BaseModel]] = set()

    def document(model: type[BaseModel], schema_name: str | None, folder: str | None) -> None:
        if model in seen:
            return
        seen.add(model)
        nested: list[type[BaseModel]] = []
        fields = []
        for name, info in model.model_fields.items():
            fields.append(
                FieldDoc(
                    name=name,
                    type=_type_label(info.annotation, ui, nested),
                    is_required=info.is_required(),
                    is_restricted=isinstance(info.json_schema_extra, dict)
                    and info.json_schema_extra.get("restricted") is True,
                    description=field_description(model, name, info, lang, default_language),
                )
            )
        id_field = getattr(model, "ID_FIELD", None) if folder else None
        docs.append(
            ModelDoc(
                model.__name__,
                ui["data_format"]["models"].get(model.__name__, model.__name__),
                f"{schema_name}.schema.json" if schema_name else None,
                folder,
                id_field,
                fields,
            )
        )
        for child in nested:
            document(child, None, None)

    for content in types or registry.content_types():
        document(content.model, content.schema, content.folder)
    return docs


def field_description(model: type[BaseModel], name: str, info: FieldInfo, lang: str, default_language: str) -> str:
    """English from the model itself; other languages from their locale file's ``fields``."""
    if lang == default_language:
        return info.description or ""
    translated: dict[str, str] = ui_strings(lang).get("fields", {})
    return translated.get(f"{model.__name__}.{name}", "")


def _type_label(annotation: Any, ui: dict[str, Any], nested: list[type[BaseModel]]) -> str:
    labels = ui["data_format"]["types"]
    origin = get_origin(annotation)
    args = [arg for arg in get_args(annotation) if arg is not type(None)]
    if isinstance(annotation, type) and issubclass(annotation, RichText):
        return str(labels["rich_text"])
    if isinstance(annotation, type) and issubclass(annotation, Text):
        return str(labels["plain_text"])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        nested.append(annotation)
        return str(ui["data_format"]["models"].get(annotation.__name__, annotation.__name__))
    if origin is Literal:
        return f"{labels['one_of']}: " + ", ".join(str(arg) for arg in get_args(annotation))
    if origin is tuple or origin is list:
        return f"{labels['list']} {_type_label(args[0], ui, nested)}"
    if origin is dict:
        return str(labels["mapping"])
    if args and origin is not None:  # Optional[...] / Annotated[...]
        return _type_label(args[0], ui, nested)
    if annotation is int:
        return str(labels["number"])
    if getattr(annotation, "__name__", "") == "date":
        return str(labels["date"])
    return str(labels["text"])
