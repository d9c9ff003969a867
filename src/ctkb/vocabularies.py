"""Controlled vocabularies: the allowed ids of fields such as topics, with bilingual labels.

One YAML file per vocabulary under ``vocabularies/``; records refer to terms by id, and
`ctkb.catalog` checks that every id used exists, so facets and labels never drift.
"""

from __future__ import annotations

from pydantic import Field

from ctkb.content import ContentType
from ctkb.records import Record, RecordId
from ctkb.text import Text


class Vocabulary(Record):
    """A list of allowed terms for one field."""

    id: RecordId = Field(description="Name of the vocabulary, also the file name (topics, regions, audiences).")
    terms: dict[RecordId, Text] = Field(description="Each allowed id with its label in every language.")

    def label(self, term: str, lang: str) -> str:
        text = self.terms[term]
        return text.get(lang) or next(iter(text.__pydantic_extra__.values()))


CONTENT = ContentType(
    folder="vocabularies", model=Vocabulary, schema="vocabulary", noun="vocabulary", plural="vocabularies"
)
