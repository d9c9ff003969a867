"""The whole catalogue: every content type of the registry loaded, cross-checked, projected.

Cross-references are declared on the models' fields and checked here, generically; rules only
one content type knows (a workflow's graph) are its own `ContentType.check`. Templates, search,
exports and the zip only ever see `Catalog.public()`, a copy with every restricted field emptied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from ctkb import prose, registry
from ctkb.contacts import check_contacts
from ctkb.content import ContentType
from ctkb.errors import DataInvalidError, ErrorList
from ctkb.project import Project
from ctkb.records import Record, declared_ids, load_records, restricted_strings
from ctkb.vocabularies import CONTENT as VOCABULARIES
from ctkb.vocabularies import Vocabulary

R = TypeVar("R", bound=Record)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: caches key on it
class Catalog:
    project: Project
    content: Mapping[str, Mapping[str, Record]]
    """Data folder → record id → record, in registry order."""
    types: tuple[ContentType[Any], ...]
    is_public: bool = False

    def of(self, model: type[R]) -> dict[str, R]:
        """Every record of the content type whose model is `model`, by id."""
        content = next(content for content in self.types if content.model is model)
        return cast(dict[str, R], self.content[content.folder])

    def records(self, folder: str | None = None) -> Iterator[Record]:
        """The records of one data folder, or of all of them."""
        folders = [folder] if folder else list(self.content)
        for name in folders:
            yield from self.content[name].values()

    @property
    def vocabularies(self) -> dict[str, Vocabulary]:
        return self.of(Vocabulary)

    def label(self, vocabulary: str, term: str, lang: str) -> str:
        return self.vocabularies[vocabulary].label(term, lang)

    def public(self) -> Catalog:
        """A copy without restricted values: the only thing that may be published."""
        public = {
            content.folder: {key: content.public(record) for key, record in self.content[content.folder].items()}
            for content in self.types
        }
        return replace(self, content=public, is_public=True)

    def data_date(self) -> dt.date | None:
        """The newest date in the data (a change, a check, a publication): the content's own date.

        The sitemap carries it instead of the day of the build, so rebuilding the same content
        gives the same site.
        """
        return max((day for record in self.records() for day in _dates(record)), default=None)

    def restricted_values(self) -> set[str]:
        """Every non-empty restricted value, so a build can prove none of them leaked."""
        found = {value for record in self.records() for value in restricted_strings(record)}
        return {value for value in found if len(value) >= 4}


def _dates(value: Any) -> Iterator[dt.date]:
    if isinstance(value, dt.date):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _dates(getattr(value, name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _dates(item)


@dataclass(frozen=True)
class Lookup:
    """What cross-reference checks consult, gathered once per validation.

    `files` holds, per data folder, the ids of every file in it, loaded or not: a file that
    exists but failed to load is not reported again as a dangling reference, since its own
    errors already are and the editor should fix those first.
    """

    catalog: Catalog
    files: dict[str, set[str]]

    @classmethod
    def of(cls, catalog: Catalog) -> Lookup:
        project = catalog.project
        files = {
            content.folder: {path.stem for path in project.data_dir(content.folder).rglob("*.yaml")}
            for content in catalog.types
        }
        return cls(catalog, files)

    def names(self, folder: str, value: str) -> bool:
        """Whether `value` is the id of a record of `folder`, or of a file there that failed to load."""
        return value in self.catalog.content.get(folder, {}) or value in self.files.get(folder, set())

    def check_declared(self, record: Record, errors: ErrorList) -> None:
        """Every id in a field declared as a reference or vocabulary resolves."""
        nouns = {content.folder: content.noun for content in self.catalog.types}
        vocabularies = self.catalog.vocabularies
        for loc, kind, target, value in declared_ids(record):
            if kind == "references" and not self.names(target, value):
                record.report(errors, loc, f"no {nouns[target]} '{value}' (expected a file {target}/{value}.yaml)")
            elif kind == "vocabulary" and target in vocabularies and value not in vocabularies[target].terms:
                known = ", ".join(vocabularies[target].terms)
                record.report(errors, loc, f"'{value}' is not in vocabularies/{target}.yaml (known: {known})")
            elif kind == "vocabulary" and target not in vocabularies and target not in self.files[VOCABULARIES.folder]:
                record.report(errors, loc, f"'{value}' is not in vocabularies/{target}.yaml (the file is missing)")


def check_references(catalog: Catalog, errors: ErrorList) -> None:
    """Every declared reference resolves, no public text holds a contact, and each type's own rules hold."""
    known = Lookup.of(catalog)
    for record in catalog.records():
        known.check_declared(record, errors)
        check_contacts(record, errors)
    for content in catalog.types:
        if content.check:
            content.check(known, errors)


def _fingerprint(project: Project, types: Sequence[ContentType[Any]]) -> tuple[tuple[str, int], ...]:
    files = [path for content in types for path in project.data_dir(content.folder).rglob("*.yaml")]
    files += list(project.docs_dir.rglob("*.md"))  # their citations are checked too
    return tuple(sorted((str(path), path.stat().st_mtime_ns) for path in files))


@lru_cache(maxsize=2)
def _cached(project: Project, types: tuple[ContentType[Any], ...], fingerprint: tuple[tuple[str, int], ...]) -> Catalog:
    return load_catalog(project, types)


def cached_catalog(project: Project) -> Catalog:
    """`load_catalog`, reused until a data file changes (MkDocs asks once per language)."""
    types = registry.content_types()
    return _cached(project, types, _fingerprint(project, types))


def load_catalog(project: Project, types: tuple[ContentType[Any], ...] | None = None) -> Catalog:
    """Load and cross-check every content type of the registry (or of `types`).

    Raises:
        DataInvalidError: with every problem found, in every file.
    """
    types = types or registry.content_types()
    errors = ErrorList()
    content: dict[str, Mapping[str, Record]] = {}
    for kind in types:
        records = load_records(project.data_dir(kind.folder), kind.model, project, errors)
        content[kind.folder] = {record.record_id: record for record in records}
    catalog = Catalog(project, content, types)
    check_references(catalog, errors)
    prose.check_markup(project.docs_dir, project.root, errors)
    if errors:
        raise DataInvalidError(errors)
    return catalog
