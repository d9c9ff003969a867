"""Published indicator frameworks, modelled as reference data so ctkb indicators can be cross-walked.

One YAML file per framework under ``frameworks/`` (ILO–EC 2009, ILO forced labour 2012, UNODC,
HTCDS methods of control, COMMIT). Item labels are the frameworks' own; everything else is in
our words. Items are referred to as ``<framework>:<item>``, e.g. ``ilo-fl-2012:7``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ctkb.content import ContentType
from ctkb.records import CitationKey, Record, RecordId, _Part, references, refuse_repeats, vocabulary

if TYPE_CHECKING:
    from ctkb.catalog import Catalog
from ctkb.text import RichText, Text

Strength = Literal["strong", "medium", "weak"]
SourceLevel = Literal["verified", "secondary", "not-available"]


class FrameworkGroup(_Part):
    """A dimension, list or set of the framework (e.g. "Coercion at destination")."""

    id: RecordId = Field(description="Identifier of the group within the framework.")
    label: Text = Field(description="The group's name, in each language (the framework's own label in English).")


class StrengthScope(_Part):
    """Whom the strengths were rated for: a list's ratings hold for that population and form only."""

    applies_to: Literal["adults", "children"] = Field(description="adults or children, as the list says.")
    exploitation: tuple[RecordId, ...] = Field(
        min_length=1,
        description="Forms of exploitation the list covers (vocabularies/exploitation-forms.yaml).",
        json_schema_extra=vocabulary("exploitation-forms"),
    )


class FrameworkItem(_Part):
    """One indicator (or value) of the framework."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", description="Identifier within the framework, e.g. cd-3.")
    group: RecordId = Field(description="The group it belongs to.")
    label: Text = Field(description="The framework's label (English as published; Spanish is our translation).")
    strength: Strength | None = Field(default=None, description="Strength the framework gives, if any.")


class Framework(Record):
    """A published indicator framework or code list."""

    id: RecordId = Field(description="Identifier, also the file name, e.g. ilo-ec-2009.")
    name: Text = Field(description="Full name, in each language.")
    short_name: str = Field(min_length=1, description="Short name used in tables, e.g. ILO–EC 2009.")
    sources: tuple[CitationKey, ...] = Field(
        default=(),
        description="Bibliography keys of the framework itself (explain in source_note if none).",
        json_schema_extra=references("bibliography"),
    )
    description: RichText = Field(description="What it is, who made it and for whom, in our words.")
    caveats: RichText = Field(description="The framework's own cautions about using its indicators, in our words.")
    labels_source: SourceLevel = Field(
        description="How the item labels were checked: verified (primary source), secondary (a reproduction), "
        "not-available (items not entered)."
    )
    strengths_source: SourceLevel | None = Field(
        default=None, description="How the strengths were checked, when the framework has them."
    )
    strength_scope: StrengthScope | None = Field(
        default=None,
        description="Whom the strengths were rated for; an indicator takes a strength only within it.",
    )
    source_note: Text | None = Field(default=None, description="What was and was not checked, shown on the page.")
    groups: tuple[FrameworkGroup, ...] = Field(min_length=1, description="Its dimensions, lists or sets.")
    items: tuple[FrameworkItem, ...] = Field(default=(), description="Its indicators; may be empty until entered.")

    @model_validator(mode="after")
    def _consistent(self) -> Framework:
        groups = {group.id for group in self.groups}
        refuse_repeats(((f"items.{index}.id", item.id) for index, item in enumerate(self.items)), "item")
        for index, item in enumerate(self.items):
            if item.group not in groups:
                raise PydanticCustomError(
                    "ctkb",
                    "item '{item}' is in group '{group}', which is not listed under groups",
                    {"item": item.id, "group": item.group, "field": f"items.{index}.group"},
                )
            if item.strength and not self.strengths_source:
                raise PydanticCustomError(
                    "ctkb",
                    "item '{item}' has a strength but the framework has no strengths_source",
                    {"item": item.id, "field": f"items.{index}.strength"},
                )
        return self

    def item(self, item_id: str) -> FrameworkItem | None:
        return next((item for item in self.items if item.id == item_id), None)


def framework_item(catalog: Catalog, ref: str) -> tuple[Framework, FrameworkItem] | None:
    """The framework and item a ``framework:item`` reference names, if both exist."""
    framework_id, _, item_id = ref.partition(":")
    framework = catalog.of(Framework).get(framework_id)
    item = framework.item(item_id) if framework else None
    return (framework, item) if framework and item else None


CONTENT = ContentType(folder="frameworks", model=Framework, schema="framework", noun="framework", plural="frameworks")
"""Framework pages show which ctkb indicators cover each item, so `ctkb.indicators` makes them."""
