"""Actor roles in a referral mechanism (first responder, case manager, prosecutor, …).

One YAML file per role under ``roles/``. Workflow steps and forms name roles by id, so each
role gets a page listing every step it is responsible for, across all workflows.
"""

from __future__ import annotations

from pydantic import Field

from ctkb.content import ContentType
from ctkb.records import CitationKey, EditorNote, Record, RecordId, references
from ctkb.text import RichText, Text


class Role(Record):
    """A role in a referral mechanism, independent of any country's institutions."""

    id: RecordId = Field(description="Stable identifier, also the file name, e.g. case-manager.")
    name: Text = Field(description="The role's name, in each language.")
    description: RichText = Field(description="What the role does in a referral mechanism, in our words.")
    examples: Text = Field(description="Who typically holds the role.")
    sources: tuple[CitationKey, ...] = Field(
        default=(), description="Bibliography keys it rests on.", json_schema_extra=references("bibliography")
    )
    editor_note: EditorNote = None


CONTENT = ContentType(folder="roles", model=Role, schema="role", noun="role", plural="roles")
"""Roles have no pages of their own here: their "what is my part?" pages are a view of the
workflows, so `ctkb.workflows` makes them."""
