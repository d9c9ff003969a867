"""One term per concept: a glossary term's discouraged variants, found anywhere they are read.

Readers who meet "primeros intervinientes" on one page and "primeros respondientes" on the next
wonder whether these are two groups of people. Each glossary term names, per language, the
variants not to use (`Term.discouraged`); every public text of every record in that language and
every hand-written page of that language is searched for them. Words copied from a source
(titles of works, official names, quotations: fields marked `AS_PUBLISHED`) and identifiers
(`NOT_PROSE`) keep their wording and are not searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ctkb.errors import ErrorList
from ctkb.records import is_restricted
from ctkb.text import Text

if TYPE_CHECKING:
    from ctkb.catalog import Catalog
    from ctkb.glossary import Term

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Variant:
    """A discouraged wording, the term to use instead, and where that term is defined."""

    words: str
    preferred: str
    term: Term

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w){re.escape(self.words)}(?!\w)", re.IGNORECASE)

    def message(self, found: str) -> str:
        return (
            f"'{found}' is a discouraged variant of '{self.preferred}' "
            f"({self.term.source_path}): use the preferred term"
        )


def variants(terms: list[Term], lang: str) -> list[Variant]:
    return [
        Variant(words, term.term.get(lang) or "", term) for term in terms for words in term.discouraged.get(lang, ())
    ]


def check(catalog: Catalog, terms: list[Term], errors: ErrorList) -> None:
    """Report each discouraged variant in the data and in the hand-written pages."""
    project = catalog.project
    by_lang = {lang: variants(terms, lang) for lang in project.languages}
    if not any(by_lang.values()):
        return
    for record in catalog.records():
        for loc, lang, text in _texts(record, ()):
            for variant in by_lang.get(lang, ()):
                if record is variant.term:
                    continue  # a term may name its own discouraged variants, to explain them
                found = variant.pattern.search(text)
                if found:
                    record.report(errors, loc, variant.message(found.group()))
    for lang, found_variants in by_lang.items():
        folder = project.docs_dir / lang
        for path in sorted(folder.rglob("*.md")) if found_variants and folder.is_dir() else ():
            relative = path.relative_to(project.root).as_posix()
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for variant in found_variants:
                    found = variant.pattern.search(line)
                    if found:
                        errors.add(relative, number, "text", variant.message(found.group()))


def _texts(value: Any, loc: Loc) -> Iterator[tuple[Loc, str, str]]:
    """(location, language, text) of every public text we wrote, in any record."""
    if isinstance(value, Text):
        for lang, text in (value.__pydantic_extra__ or {}).items():
            yield (*loc, lang), lang, text
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
            words_of_others = extra.get("as_published") is True or extra.get("prose") is False
            if not (is_restricted(extra) or words_of_others):
                yield from _texts(getattr(value, name), (*loc, name))
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))
