"""Restricted fields: only the public projection of the catalogue is ever rendered."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict, Field

from ctkb.catalog import load_catalog, public_copy
from ctkb.pages import render_sources
from ctkb.project import Project
from ctkb.records import RESTRICTED


class FocalPoint(BaseModel):
    model_config = ConfigDict(frozen=True)
    role: str
    phone: str | None = Field(default=None, json_schema_extra=RESTRICTED)


class Shelter(BaseModel):
    """Shaped like a future actor record: restricted values at the top, nested and in lists."""

    model_config = ConfigDict(frozen=True)
    name: str
    address: str | None = Field(default=None, json_schema_extra=RESTRICTED)
    focal_points: tuple[FocalPoint, ...] = ()
    main_contact: FocalPoint | None = None


def test_public_copy_removes_restricted_values_at_any_depth() -> None:
    shelter = Shelter(
        name="Casa",
        address="CANARY-street",
        focal_points=(FocalPoint(role="coordinator", phone="CANARY-phone-1"),),
        main_contact=FocalPoint(role="director", phone="CANARY-phone-2"),
    )
    public = public_copy(shelter)
    assert "CANARY" not in public.model_dump_json()
    assert public.name == "Casa"
    assert public.focal_points[0].role == "coordinator"
    assert shelter.address == "CANARY-street"  # the original is untouched


def test_editor_notes_are_restricted_and_collected(tiny_project: Project) -> None:
    path = tiny_project.root / "glossary" / "screening.yaml"
    path.write_text(path.read_text() + "editor_note: CANARY-ask-maria\n")
    catalog = load_catalog(tiny_project)
    assert catalog.glossary["screening"].editor_note == "CANARY-ask-maria"
    assert catalog.restricted_values() == {"CANARY-ask-maria"}
    assert catalog.public().glossary["screening"].editor_note is None
    rendered = "".join(render_sources(catalog.public()).values())
    assert "CANARY" not in rendered


def test_rendering_refuses_the_full_catalogue(tiny_project: Project) -> None:
    with pytest.raises(ValueError, match="public"):
        render_sources(load_catalog(tiny_project))


def test_cross_references_resolve(tiny_project: Project) -> None:
    catalog = load_catalog(tiny_project)
    assert catalog.glossary["referral"].related == ("screening", "nino")
    assert set(catalog.bibliography) == {"osce2004nrm", "un2000palermo"}
