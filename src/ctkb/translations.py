"""How much of the content a reader of each language reads in that language.

A text may wait for its translation (``awaiting_translation``: the page shows the original and
says so), which keeps the site publishable; this report keeps the waiting visible, per content
type and language, in ``ctkb validate`` and on a page for editors. Titles of works, official
names and words quoted from a source (fields marked `AS_PUBLISHED`) stay in their own language
by design and are counted apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ctkb.catalog import Catalog
from ctkb.errors import field_label
from ctkb.records import Record, is_restricted
from ctkb.text import Text

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Coverage:
    """The texts of one content type, as read in one language."""

    folder: str
    plural: str
    lang: str
    translated: int
    awaiting: int
    as_published: int
    waiting: tuple[str, ...] = ()
    """``path:line: field`` of each text awaiting its translation, for editors to find."""

    @property
    def share(self) -> int:
        """Per cent of translatable texts that are translated (100 when there are none)."""
        total = self.translated + self.awaiting
        return 100 if total == 0 else (100 * self.translated) // total


def coverage(catalog: Catalog) -> list[Coverage]:
    """One row per content type and language other than the default (always complete)."""
    rows: list[Coverage] = []
    for content in catalog.types:
        records = list(catalog.records(content.folder))
        for lang in catalog.project.languages[1:]:
            translated = as_published = 0
            waiting: list[str] = []
            for record in records:
                for loc, kind in _texts(record, lang):
                    translated += kind == "translated"
                    as_published += kind == "as-published"
                    if kind == "awaiting":
                        waiting.append(_where(record, loc))
            rows.append(
                Coverage(content.folder, content.plural, lang, translated, len(waiting), as_published, tuple(waiting))
            )
    return rows


def _where(record: Record, loc: Loc) -> str:
    return f"{record.source_path}:{record.line_of(*loc)}: {field_label(loc)}"


@dataclass(frozen=True)
class TranslationsView:
    """The translation report page."""

    rows: list[Coverage]


def _texts(value: Any, lang: str, loc: Loc = (), as_published: bool = False) -> Iterator[tuple[Loc, str]]:
    """(location, "translated", "awaiting" or "as-published") for each public text in `value`."""
    if isinstance(value, Text):
        yield loc, "translated" if value.get(lang) else "awaiting"
    elif isinstance(value, str):
        if as_published:
            yield loc, "as-published"
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
            if not is_restricted(extra):
                yield from _texts(getattr(value, name), lang, (*loc, name), extra.get("as_published") is True)
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            yield from _texts(item, lang, (*loc, index), as_published)


def summary(rows: list[Coverage]) -> Iterator[str]:
    """Lines for ``ctkb validate``: what waits for translation, per language and content type."""
    for lang in dict.fromkeys(row.lang for row in rows):
        waiting = [f"{row.plural} ({row.awaiting})" for row in rows if row.lang == lang and row.awaiting]
        translated = sum(row.translated for row in rows if row.lang == lang)
        total = translated + sum(row.awaiting for row in rows if row.lang == lang)
        line = f"Translations ({lang}): {translated} of {total} texts translated"
        yield line + (f"; awaiting translation: {', '.join(waiting)}." if waiting else ".")
