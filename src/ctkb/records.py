"""What every content type shares: the record base, id types, and loading with errors.

A loader reads each YAML file, validates it against its pydantic model and turns pydantic's
errors into messages for editors (``path:line: field: message``), collecting all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, ClassVar, TypeVar

import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from ctkb.errors import ErrorList, field_label
from ctkb.project import Project
from ctkb.yamlfile import REMEDY, Loc, YamlDocument, describe_character, invisible_in, load_yaml

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise PydanticCustomError(
            "ctkb", "'{value}' is not a valid id: use lowercase letters, digits and single hyphens", {"value": value}
        )
    return value


def _check_key(value: str) -> str:
    if not _KEY.match(value):
        raise PydanticCustomError(
            "ctkb",
            "'{value}' is not a valid citation key: start with a letter; use lowercase letters, digits and _",
            {"value": value},
        )
    return value


RecordId = Annotated[str, AfterValidator(_check_id), Field(json_schema_extra={"pattern": _ID.pattern})]
CitationKey = Annotated[str, AfterValidator(_check_key), Field(json_schema_extra={"pattern": _KEY.pattern})]


def _check_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value):
        raise PydanticCustomError(
            "ctkb",
            "'{value}' is not a web address: it must start with https:// and contain no spaces",
            {"value": value},
        )
    return value


def _check_language(value: str) -> str:
    if not re.match(r"^[a-z]{2,3}$", value):
        raise PydanticCustomError(
            "ctkb", "'{value}' is not a language code: use ISO 639-1, e.g. en, es, fr", {"value": value}
        )
    return value


def _check_country(value: str) -> str:
    if pycountry.countries.get(alpha_2=value) is None:
        raise PydanticCustomError(
            "ctkb", "'{value}' is not an ISO 3166 country code: use two capital letters, e.g. MX, GT", {"value": value}
        )
    return value


Url = Annotated[str, AfterValidator(_check_url)]
CountryCode = Annotated[str, AfterValidator(_check_country)]
LanguageCode = Annotated[str, AfterValidator(_check_language)]

RESTRICTED: dict[str, Any] = {"restricted": True}
"""Mark for fields that must never reach the public site: ``Field(json_schema_extra=RESTRICTED)``."""


def references(folder: str) -> dict[str, Any]:
    """Field metadata: the field holds ids of records in `folder` (checked by `ctkb.catalog`).

    Declared on the field, it also reaches the exported JSON Schema (``"references": …``), so
    an editor's tool and the Data format page can say where an id must point.
    """
    return {"references": folder}


def vocabulary(name: str) -> dict[str, Any]:
    """Field metadata: the field holds term ids of ``vocabularies/<name>.yaml``."""
    return {"vocabulary": name}


def vocabulary_of(model: type[BaseModel], field: str) -> str:
    """The vocabulary a field's ids come from, as declared on the field: facets and labels ask here."""
    extra = model.model_fields[field].json_schema_extra
    if not isinstance(extra, dict) or "vocabulary" not in extra:
        raise KeyError(f"{model.__name__}.{field} declares no vocabulary")
    return str(extra["vocabulary"])


DeclaredId = tuple[tuple[str | int, ...], str, str, str]
"""(location in the record, ``references`` or ``vocabulary``, folder or vocabulary, the id)."""


def declared_ids(model: BaseModel, loc: tuple[str | int, ...] = ()) -> Iterator[DeclaredId]:
    """Every id held by a field declared with `references` or `vocabulary`, at any depth."""
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        kind = next((key for key in ("references", "vocabulary") if key in extra), None)
        if kind is not None:
            target = str(extra[kind])
            if isinstance(value, str):
                yield (*loc, name), kind, target, value
            elif isinstance(value, tuple):
                for index, item in enumerate(value):
                    yield (*loc, name, index), kind, target, item
        elif isinstance(value, BaseModel):
            yield from declared_ids(value, (*loc, name))
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from declared_ids(item, (*loc, name, index))


M = TypeVar("M", bound=BaseModel)


def is_restricted(extra: Any) -> bool:
    return isinstance(extra, dict) and extra.get("restricted") is True


def public_copy(model: M) -> M:
    """`model` with every field marked restricted set to its default, at any depth."""
    update: dict[str, Any] = {}
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if is_restricted(field.json_schema_extra):
            update[name] = field.get_default(call_default_factory=True)
        elif isinstance(value, BaseModel):
            update[name] = public_copy(value)
        elif isinstance(value, tuple) and any(isinstance(item, BaseModel) for item in value):
            update[name] = tuple(public_copy(item) if isinstance(item, BaseModel) else item for item in value)
    return model.model_copy(update=update) if update else model  # keeps the private source file


def restricted_strings(model: BaseModel) -> Iterator[str]:
    """Every text held by a restricted field of `model`, at any depth."""
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if is_restricted(field.json_schema_extra):
            yield from _strings(value)
        elif isinstance(value, BaseModel):
            yield from restricted_strings(value)
        elif isinstance(value, tuple):
            for item in value:
                if isinstance(item, BaseModel):
                    yield from restricted_strings(item)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for item in value.model_dump().values():
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


EditorNote = Annotated[
    str | None,
    Field(
        description="Internal note for editors (who to ask, what to check).",
        json_schema_extra=RESTRICTED,
    ),
]


def refuse_repeats(ids: Iterable[tuple[str, str]], what: str) -> None:
    """Raise for the first id used twice; `ids` pairs each id with its dotted field path."""
    seen: set[str] = set()
    for path, value in ids:
        if value in seen:
            raise PydanticCustomError(
                "ctkb", "{what} id '{id}' is used twice", {"what": what, "id": value, "field": path}
            )
        seen.add(value)


class _Part(BaseModel):
    """A nested part of a record: same strictness, no file of its own."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Record(BaseModel):
    """Base of every content record: strict fields, remembers its file for error messages."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    ID_FIELD: ClassVar[str] = "id"
    """Name of the field that identifies a record; it must equal the file name."""

    _source: YamlDocument | None = PrivateAttr(default=None)

    @property
    def record_id(self) -> str:
        return str(getattr(self, self.ID_FIELD))

    def line_of(self, *loc: str | int) -> int:
        return self._source.line_of(loc) if self._source else 0

    @property
    def source_path(self) -> str:
        return self._source.path if self._source else "?"

    def report(self, errors: ErrorList, loc: tuple[str | int, ...], message: str) -> None:
        """Add a problem found after loading (e.g. a dangling reference) at `loc`'s line."""
        errors.add(self.source_path, self.line_of(*loc), field_label(loc), message)


R = TypeVar("R", bound=Record)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (the field is empty)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


_MESSAGES: dict[str, str] = {
    "missing": "this required field is missing",
    "string_type": "expected text, got {got}",
    "int_type": "expected a whole number, got {got}",
    "int_parsing": "expected a whole number, got {got}",
    "int_from_float": "expected a whole number, got {got}",
    "float_type": "expected a number, got {got}",
    "bool_type": "expected true or false, got {got}",
    "bool_parsing": "expected true or false, got {got}",
    "list_type": "expected a list (lines starting with '- ', or [a, b]), got {got}",
    "tuple_type": "expected a list (lines starting with '- ', or [a, b]), got {got}",
    "dict_type": "expected a mapping (key: value lines), got {got}",
    "model_type": "expected a mapping (key: value lines), got {got}",
    "model_attributes_type": "expected a mapping (key: value lines), got {got}",
    "string_too_short": "must not be empty",
    "too_short": "must have at least {min_length} item(s)",
    "date_type": "expected a date written YYYY-MM-DD, got {got}",
    "date_parsing": "expected a date written YYYY-MM-DD, got {got}",
    "date_from_datetime_parsing": "expected a date written YYYY-MM-DD, got {got}",
    "url_parsing": "expected a web address starting with https://, got {got}",
    "url_scheme": "expected a web address starting with https:// or http://, got {got}",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
}


def editor_message(error: ErrorDetails, model: type[BaseModel], loc: Loc) -> str:
    """Words an editor understands for one pydantic error; never a class name."""
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "ctkb":
        return error["msg"]
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        hint = f"; allowed here: {', '.join(allowed)}" if allowed else ""
        return f"unknown field (check the spelling){hint}"
    if kind in ("literal_error", "enum"):
        return f"{_describe(error['input'])} is not allowed here; use one of: {ctx.get('expected', '')}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    template = _MESSAGES.get(kind)
    if template is None:
        return error["msg"]
    return template.format(got=_describe(error["input"]), **ctx)


def _allowed_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names of the (nested) model at `loc`, for 'unknown field' hints."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def validate_document(doc: YamlDocument, model: type[R], project: Project, errors: ErrorList) -> R | None:
    """Validate one parsed file against `model`, adding every problem to `errors`."""
    try:
        record = model.model_validate(doc.data, context={"languages": project.languages})
    except ValidationError as exc:
        found = exc.errors()
        # pydantic adds "too short" to a list whose items failed; the item's own error is the news.
        item_failed = {
            tuple(error["loc"][:index])
            for error in found
            for index, part in enumerate(error["loc"])
            if isinstance(part, int)
        }
        for error in found:
            if error["type"] == "too_short" and tuple(error["loc"]) in item_failed:
                continue
            loc = tuple(part for part in error["loc"] if not str(part).startswith("function-after"))
            # Record-level rules name the field they concern in their context.
            field = (error.get("ctx") or {}).get("field")
            if field:
                loc = (*loc, *(int(part) if part.isdigit() else part for part in field.split(".")))
            errors.add(doc.path, doc.line_of(loc), field_label(loc), editor_message(error, model, loc))
        return None
    record._source = doc
    return record


def _is_readable_here(file: Path, project: Project, errors: ErrorList) -> bool:
    """A data file must lie inside the project and have a name an editor can read as it is."""
    relative = file.relative_to(project.root).as_posix()
    root = project.root.resolve()
    target = file.resolve()
    if not target.is_relative_to(root):
        errors.add(
            relative,
            1,
            "",
            f"is a link to {target}, outside the project: data is only read from the project's own "
            "files (copy the file in instead of linking to it)",
        )
        return False
    char = invisible_in(file.name)
    if char:
        errors.add(relative, 1, "", f"the file name contains {describe_character(char)}: {REMEDY}")
        return False
    return True


def load_records(folder: Path, model: type[R], project: Project, errors: ErrorList) -> list[R]:
    """Load every ``*.yaml`` under `folder`; the id must equal the file name and be unique."""
    records: list[R] = []
    seen: dict[str, str] = {}
    for stray in sorted(folder.rglob("*")):
        if stray.is_file() and stray.suffix != ".yaml" and stray.name != "README.md" and not stray.name.startswith("."):
            errors.add(
                stray.relative_to(project.root).as_posix(), 1, "", "only .yaml files are read here: rename it to .yaml"
            )
    # Files at the top of the folder come first, so a copy in a subfolder is the one reported.
    files = [path for path in folder.rglob("*.yaml") if path.is_file()]
    for file in sorted(files, key=lambda path: (len(path.parts), path)):
        if not _is_readable_here(file, project, errors):
            continue
        doc = load_yaml(file, project.root, errors)
        if doc is None:
            continue
        record = validate_document(doc, model, project, errors)
        if record is None:
            continue
        key = record.record_id
        id_field = model.ID_FIELD
        if key != file.stem:
            errors.add(
                doc.path,
                doc.line_of((id_field,)),
                id_field,
                f"'{key}' must match the file name '{file.name}' (rename the file or change the {id_field})",
            )
            continue
        if key in seen:
            errors.add(doc.path, doc.line_of((id_field,)), id_field, f"'{key}' is already used by {seen[key]}")
            continue
        seen[key] = doc.path
        records.append(record)
    return records
