"""Standardized forms shared by all actors (screening, risk, needs, referral, monitoring).

One YAML file per form under ``forms/``. A form is data: sections of typed fields with
bilingual labels and guidance, the consent statement read before use, which fields hold
sensitive personal data (and why), and the data-dictionary field each records (or why it is
local). The same data gives the form's page, its printable blank version, its PDFs and its
XLSForm (`ctkb.casedata`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ctkb.bibliography import Reference
from ctkb.codelists import Code, CodeList
from ctkb.content import ContentType, Printable, SourcePage
from ctkb.records import CitationKey, EditorNote, Record, RecordId, _Part, references, refuse_repeats
from ctkb.roles import Role
from ctkb.text import RichText, Text

if TYPE_CHECKING:
    from ctkb.catalog import Catalog, Lookup
    from ctkb.dictionary import DictionaryField
    from ctkb.errors import ErrorList
    from ctkb.workflows import Step, Workflow

FieldType = Literal["text", "long-text", "date", "choice", "multi-choice", "yes-no", "scale"]


class Choice(_Part):
    id: RecordId = Field(description="Identifier of the choice within the field.")
    label: Text = Field(description="What the form shows, in each language.")
    code: Code | None = Field(
        default=None,
        description="The code it is recorded as, from the code list of the field's dictionary field "
        "(required when that field has a code list).",
    )


class Scale(_Part):
    min: int = Field(ge=0, le=10, description="Lowest value.")
    max: int = Field(ge=1, le=10, description="Highest value.")
    low: Text = Field(description="What the lowest value means.")
    high: Text = Field(description="What the highest value means.")


class FormField(_Part):
    """One question or entry of a form."""

    id: RecordId = Field(description="Identifier, unique within the form.")
    label: Text = Field(description="The field's label, in each language.")
    type: FieldType = Field(description="text, long-text, date, choice, multi-choice, yes-no or scale.")
    guidance: Text | None = Field(default=None, description="How to fill it in, safely.")
    choices: tuple[Choice, ...] = Field(default=(), description="The options of a choice or multi-choice field.")
    scale: Scale | None = Field(default=None, description="The range of a scale field.")
    sensitive: bool = Field(default=False, description="Whether it holds sensitive personal data.")
    sensitive_why: Text | None = Field(default=None, description="Why it is sensitive and how to protect it.")
    dictionary: RecordId | None = Field(
        default=None,
        description="Id of the data-dictionary field (dictionary/) it records.",
        json_schema_extra=references("dictionary"),
    )
    local: Text | None = Field(
        default=None,
        description="Why it records something the data dictionary has no field for (give this or dictionary).",
    )

    @model_validator(mode="after")
    def _consistent(self) -> FormField:
        is_choice = self.type in ("choice", "multi-choice")
        if is_choice and len(self.choices) < 2:
            raise PydanticCustomError("ctkb", "a {type} field needs at least 2 choices", {"type": self.type})
        if self.choices and not is_choice:
            raise PydanticCustomError("ctkb", "only choice and multi-choice fields have choices", {"field": "choices"})
        if (self.type == "scale") != (self.scale is not None):
            raise PydanticCustomError("ctkb", "give scale exactly for a field of type scale", {"field": "scale"})
        if (self.dictionary is None) == (self.local is None):
            raise PydanticCustomError(
                "ctkb",
                "give exactly one of dictionary (the data-dictionary field it records) or local (why there is none)",
                {"field": "dictionary"},
            )
        if self.sensitive and self.sensitive_why is None:
            raise PydanticCustomError(
                "ctkb", "a sensitive field needs sensitive_why: why, and how to protect it", {"field": "sensitive"}
            )
        return self


class FormSection(_Part):
    id: RecordId = Field(description="Identifier, unique within the form.")
    title: Text = Field(description="The section's title.")
    guidance: Text | None = Field(default=None, description="What the section is for, how to fill it in.")
    fields: tuple[FormField, ...] = Field(min_length=1, description="Its fields, in order.")


class Form(Record):
    """A standardized form, printable blank in every language."""

    id: RecordId = Field(description="Stable identifier, also the file name, e.g. referral.")
    title: Text = Field(description="The form's title.")
    purpose: RichText = Field(description="What it is for, who fills it in, when, and who receives it.")
    roles: tuple[RecordId, ...] = Field(
        min_length=1, description="Ids of the roles (roles/) that use it.", json_schema_extra=references("roles")
    )
    consent: RichText = Field(description="The statement read to the person before the form is used.")
    sources: tuple[CitationKey, ...] = Field(
        default=(), description="Bibliography keys it rests on.", json_schema_extra=references("bibliography")
    )
    sections: tuple[FormSection, ...] = Field(min_length=1, description="Its sections, in order.")
    editor_note: EditorNote = None

    @model_validator(mode="after")
    def _unique_ids(self) -> Form:
        refuse_repeats(
            (
                (f"sections.{section_index}.fields.{field_index}.id", field.id)
                for section_index, section in enumerate(self.sections)
                for field_index, field in enumerate(section.fields)
            ),
            "field",
        )
        return self

    @property
    def fields(self) -> list[FormField]:
        return [field for section in self.sections for field in section.fields]

    def located_fields(self) -> Iterator[tuple[tuple[int, int], FormField]]:
        """Each field with its (section, field) index, for error locations."""
        for section_index, section in enumerate(self.sections):
            for field_index, field in enumerate(section.fields):
                yield (section_index, field_index), field


def check(known: Lookup, errors: ErrorList) -> None:
    """A choice is coded from its dictionary field's code list, so collected data is comparable."""
    from ctkb.dictionary import DictionaryField  # the dictionary module imports this one

    fields = known.catalog.of(DictionaryField)
    codelists = known.catalog.of(CodeList)
    for form in known.catalog.of(Form).values():
        for (section_index, field_index), field in form.located_fields():
            loc = ("sections", section_index, "fields", field_index)
            target = fields.get(field.dictionary or "")
            if field.dictionary and target is None:
                continue  # already reported as an unknown dictionary field
            codelist = codelists.get(target.codelist or "") if target else None
            if target and target.codelist and codelist is None:
                continue  # its code list did not load: reported there
            for index, choice in enumerate(field.choices):
                if codelist is None:
                    if choice.code is not None:
                        form.report(errors, (*loc, "choices", index, "code"), "its dictionary field has no code list")
                elif choice.code is None:
                    form.report(
                        errors,
                        (*loc, "choices", index),
                        f"give the code it is recorded as, from codelists/{codelist.id}.yaml",
                    )
                elif problem := codelist.unknown(choice.code):
                    form.report(errors, (*loc, "choices", index, "code"), problem)


@dataclass(frozen=True)
class FormIndex:
    forms: list[Form]


@dataclass(frozen=True)
class FormPage:
    form: Form
    dictionary: dict[str, DictionaryField]
    roles: dict[str, Role]
    used_in: list[tuple[Workflow, Step]]
    sources: list[Reference]


@dataclass(frozen=True)
class BlankForm:
    """A blank form, for its printable page and its PDFs alike."""

    form: Form


def pages(catalog: Catalog) -> Iterator[SourcePage]:
    """The forms index and a page per form (with the workflow steps that use it)."""
    from ctkb.dictionary import DictionaryField  # the dictionary module imports this one
    from ctkb.workflows import Workflow  # the workflows module imports this one

    forms = catalog.of(Form)
    if not forms:
        return
    refs = catalog.of(Reference)
    workflows = catalog.of(Workflow).values()
    yield SourcePage("forms/index", "pages/forms-index.md.j2", FormIndex(list(forms.values())))
    for form in forms.values():
        used_in = [(wf, step) for wf in workflows for step in wf.steps if form.id in step.forms]
        view = FormPage(
            form, catalog.of(DictionaryField), catalog.of(Role), used_in, [refs[key] for key in form.sources]
        )
        yield SourcePage(f"forms/{form.id}", "pages/form.md.j2", view)


def printables(catalog: Catalog) -> Iterator[Printable]:
    for form in catalog.of(Form).values():
        page = SourcePage(f"forms/{form.id}-print", "pages/form-print.md.j2", BlankForm(form))
        yield Printable(page, f"forms/pdf/{form.id}", "print/form.html.j2")


CONTENT = ContentType(
    folder="forms",
    model=Form,
    schema="form",
    noun="form",
    plural="forms",
    check=check,
    pages=pages,
    printables=printables,
)
