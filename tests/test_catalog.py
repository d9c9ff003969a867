"""Restricted fields: only the public projection of the catalogue is ever rendered."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict, Field

from ctkb.catalog import load_catalog
from ctkb.glossary import Term
from ctkb.pages import render_sources
from ctkb.project import Project
from ctkb.records import RESTRICTED, public_copy


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
    before = shelter.model_dump()
    public = public_copy(shelter)
    assert "CANARY" not in public.model_dump_json()
    assert public.name == "Casa"
    assert public.focal_points[0].role == "coordinator"
    assert shelter.model_dump() == before  # the original is untouched, at every depth


def test_editor_notes_are_restricted_and_collected(tiny_project: Project) -> None:
    path = tiny_project.root / "glossary" / "screening.yaml"
    path.write_text(path.read_text() + "editor_note: CANARY-ask-maria\n")
    catalog = load_catalog(tiny_project)
    assert catalog.of(Term)["screening"].editor_note == "CANARY-ask-maria"
    assert catalog.restricted_values() == {"CANARY-ask-maria"}
    assert catalog.public().of(Term)["screening"].editor_note is None
    rendered = "".join(render_sources(catalog.public()).values())
    assert "CANARY" not in rendered


def test_rendering_refuses_the_full_catalogue(tiny_project: Project) -> None:
    with pytest.raises(ValueError, match="public"):
        render_sources(load_catalog(tiny_project))


def test_related_terms_are_linked_in_the_order_given(tiny_project: Project) -> None:
    page = render_sources(load_catalog(tiny_project).public())["es/glossary/referral.md"]
    related = page[page.index('id="related"') :]
    assert related.index('<a href="screening.html">Tamizaje</a>') < related.index(
        '<a href="nino.html">Niño, niña o adolescente</a>'
    )
