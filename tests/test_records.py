"""Model rules of the content types, and how pydantic's errors are worded for editors."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from ctkb.bibliography import Reference
from ctkb.errors import field_label
from ctkb.glossary import Term
from ctkb.records import editor_message

LANGS = {"languages": ("en", "es")}
TERM: dict[str, Any] = {
    "id": "screening",
    "term": {"en": "Screening", "es": "Tamizaje"},
    "definition": {"en": "A first check.", "es": "Una primera revisión."},
    "sources": ["osce2004nrm"],
}
REFERENCE: dict[str, Any] = {
    "key": "osce2004nrm",
    "type": "manual",
    "title": "National Referral Mechanisms",
    "languages": ["en"],
    "title_translation": {"es": "Mecanismos nacionales de derivación"},
    "organisations": ["OSCE/ODIHR"],
    "year": 2004,
    "annotation": {"en": "A handbook.", "es": "Un manual."},
    "verification": {"status": "verified"},
}


def test_field_labels_count_from_one() -> None:
    assert field_label(("authors", 1, "family")) == "authors, item 2, family"


def test_unknown_field_message_lists_allowed_fields_of_nested_models() -> None:
    with pytest.raises(ValidationError) as raised:
        Reference.model_validate({**REFERENCE, "verification": {"status": "verified", "proof": "x"}}, context=LANGS)
    error = raised.value.errors()[0]
    message = editor_message(error, Reference, tuple(error["loc"]))
    assert message == "unknown field (check the spelling); allowed here: status, evidence, unchecked, note"


def test_unchecked_sources_must_be_sources() -> None:
    with pytest.raises(ValidationError, match="'un2000palermo' is not listed in sources"):
        Term.model_validate({**TERM, "unchecked_sources": ["un2000palermo"]}, context=LANGS)


def test_reference_needs_an_author_or_organisation() -> None:
    with pytest.raises(ValidationError, match="give at least one of 'authors' or 'organisations'"):
        Reference.model_validate({**REFERENCE, "organisations": []}, context=LANGS)


def test_reference_unchecked_fields_must_exist() -> None:
    data = {**REFERENCE, "verification": {"status": "partial", "unchecked": ["plcae"]}}
    with pytest.raises(ValidationError, match="unknown fields: plcae"):
        Reference.model_validate(data, context=LANGS)


def test_reference_flags_unchecked_metadata() -> None:
    partial = Reference.model_validate(
        {**REFERENCE, "place": "Warsaw", "verification": {"status": "partial", "unchecked": ["place"]}}, context=LANGS
    )
    assert partial.is_unchecked("place") and not partial.is_unchecked("year")
    unverified = Reference.model_validate({**REFERENCE, "verification": {"status": "unverified"}}, context=LANGS)
    assert unverified.is_unchecked("year")


def test_doi_is_written_without_resolver() -> None:
    with pytest.raises(ValidationError, match=r"without https://doi\.org/"):
        Reference.model_validate({**REFERENCE, "doi": "https://doi.org/10.1371/x"}, context=LANGS)


def test_language_codes_are_checked() -> None:
    with pytest.raises(ValidationError, match="'English' is not a language code"):
        Reference.model_validate({**REFERENCE, "languages": ["English"]}, context=LANGS)
