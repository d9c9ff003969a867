"""Every content type, in the order it is loaded, counted and documented: the one list of them.

Adding a content type is one module (its model, `ContentType` and page views), its templates,
its schema file, its test data, and one line here.
"""

from __future__ import annotations

from typing import Any

from ctkb import (
    actors,
    assessment,
    bibliography,
    codelists,
    consultations,
    curricula,
    dictionary,
    exercises,
    forms,
    frameworks,
    glossary,
    indicators,
    laws,
    roles,
    statistics,
    testbanks,
    vocabularies,
    workflows,
)
from ctkb.content import ContentType

CONTENT_TYPES: tuple[ContentType[Any], ...] = (
    glossary.CONTENT,
    bibliography.CONTENT,
    vocabularies.CONTENT,
    frameworks.CONTENT,
    indicators.CONTENT,
    roles.CONTENT,
    codelists.CONTENT,
    dictionary.CONTENT,
    statistics.CONTENT,
    forms.CONTENT,
    workflows.CONTENT,
    actors.CONTENT,
    laws.CONTENT,
    assessment.CONTENT,
    exercises.CONTENT,
    curricula.CONTENT,
    testbanks.CONTENT,
    consultations.CONTENT,
)


def content_types() -> tuple[ContentType[Any], ...]:
    """The registry as it is now (read at call time, so a test can add a type of its own)."""
    return CONTENT_TYPES


def data_folders() -> list[str]:
    return [content.folder for content in content_types()]
