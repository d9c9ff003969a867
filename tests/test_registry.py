"""A content type is one unit: declared once, everything else (catalogue, checks, pages,
schemas, Data format page, CLI summary, serve) follows from the registry.

The proof is a content type that exists only in this test: a model, a `ContentType`, a template
and a data folder in a temporary project, added to the registry and nothing else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import Field

from ctkb import registry
from ctkb.actors import Actor
from ctkb.build import build_site
from ctkb.catalog import Catalog, load_catalog
from ctkb.content import ContentType, SourcePage
from ctkb.errors import DataInvalidError
from ctkb.pages import render_sources, renderer
from ctkb.pdf import printed
from ctkb.project import Project
from ctkb.records import RESTRICTED, CitationKey, Record, RecordId, references, vocabulary
from ctkb.schemas import export_schemas, model_docs
from ctkb.site import BuildState, SiteBuild
from ctkb.text import Text

REPO = Path(__file__).resolve().parent.parent


class Note(Record):
    """A field note (test only)."""

    id: RecordId = Field(description="Stable identifier, also the file name.")
    title: Text = Field(description="Its title.")
    topic: RecordId = Field(description="A bibliography topic.", json_schema_extra=vocabulary("topics"))
    sources: tuple[CitationKey, ...] = Field(
        default=(), description="What it rests on.", json_schema_extra=references("bibliography")
    )
    shelter_address: str | None = Field(default=None, description="Never published.", json_schema_extra=RESTRICTED)


@dataclass(frozen=True)
class NotePage:
    note: Note


def note_pages(catalog: Catalog) -> Iterator[SourcePage]:
    for note in catalog.of(Note).values():
        yield SourcePage(f"notes/{note.id}", "pages/note.md.j2", NotePage(note))


NOTE_TEMPLATE = """---
title: {{ plain(note.title) | front_matter }}
---

<p class="note-topic">{{ label('topics', note.topic) }}</p>
{% if note.shelter_address %}<p>{{ note.shelter_address }}</p>{% endif %}
"""


def note_type(templates: Path) -> ContentType[Note]:
    return ContentType(
        folder="notes",
        model=Note,
        schema="note",
        noun="note",
        plural="notes",
        pages=note_pages,
        templates=templates,
    )


@pytest.fixture
def with_notes(tiny_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The tiny project with a notes/ folder, and the note type added to the registry."""
    templates = tmp_path / "note-templates"
    (templates / "pages").mkdir(parents=True)
    (templates / "pages" / "note.md.j2").write_text(NOTE_TEMPLATE, encoding="utf-8")
    notes = tiny_project.root / "notes"
    notes.mkdir()
    (notes / "border.yaml").write_text(
        "id: border\ntitle: {en: At the border, es: En la frontera}\ntopic: referral\n"
        "sources: [osce2004nrm]\nshelter_address: CANARY-note-address\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(registry, "CONTENT_TYPES", (*registry.CONTENT_TYPES, note_type(templates)))
    return tiny_project


def test_a_new_type_is_loaded_checked_and_projected(with_notes: Project) -> None:
    catalog = load_catalog(with_notes)
    assert catalog.of(Note)["border"].shelter_address == "CANARY-note-address"
    assert "CANARY-note-address" in catalog.restricted_values()
    assert catalog.public().of(Note)["border"].shelter_address is None

    (with_notes.root / "notes" / "lost.yaml").write_text(
        "id: lost\ntitle: {en: Lost, es: Perdida}\ntopic: weather\nsources: [nobody2031]\n", encoding="utf-8"
    )
    with pytest.raises(DataInvalidError) as raised:
        load_catalog(with_notes)
    assert [str(error) for error in raised.value.errors] == [
        "notes/lost.yaml:3: topic: 'weather' is not in vocabularies/topics.yaml (known: "
        + ", ".join(catalog.vocabularies["topics"].terms)
        + ")",
        "notes/lost.yaml:4: sources, item 1: no bibliography entry has the key 'nobody2031' "
        "(expected a file bibliography/nobody2031.yaml)",
    ]


def test_a_new_type_gets_pages_schema_docs_summary_and_watching(with_notes: Project) -> None:
    catalog = load_catalog(with_notes)
    sources = render_sources(catalog.public())
    assert '<p class="note-topic">Mecanismos de derivación</p>' in sources["es/notes/border.md"]
    assert '<p class="note-topic">Referral mechanisms</p>' in sources["en/notes/border.md"]
    assert "CANARY" not in "".join(sources.values())

    schema = json.loads(export_schemas(with_notes)["note.schema.json"])
    assert schema["properties"]["sources"]["references"] == "bibliography"
    assert schema["properties"]["shelter_address"]["restricted"] is True
    assert "Note" in {model.name for model in model_docs("en", "en")}

    notes = next(content for content in catalog.types if content.folder == "notes")
    assert notes.summary(catalog, notes) == "1 notes"

    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    build = SiteBuild()
    build._state = BuildState(with_notes, catalog, catalog.public(), {}, internal=False)
    build.watch(Server())  # type: ignore[arg-type]
    assert str(with_notes.root / "notes") in watched
    assert str(with_notes.root / "actors") in watched


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # WeasyPrint's own notices, as in the site build
def test_a_new_type_is_built_into_the_site_and_zip(with_notes: Project) -> None:
    built = build_site(with_notes)
    for page in ("notes/border.html", "es/notes/border.html"):
        html = (built.site_dir / page).read_text(encoding="utf-8")
        assert 'class="note-topic"' in html
        assert "CANARY-note-address" not in html
    assert "ctkb/es/notes/border.html" in built.zip_path.read_bytes().decode("latin-1")


def test_directory_pdf_lists_actors_in_the_order_of_its_page() -> None:
    """The printed directory and its page come from one view, so they cannot disagree."""
    catalog = load_catalog(Project.load(REPO)).public()
    pages = render_sources(catalog)
    compared = 0
    for lang in catalog.project.languages:
        for path, html in printed(catalog, lang):
            match = re.fullmatch(r"actors/pdf/([a-z]+)-a4\.pdf", path)
            if not match:
                continue
            page = pages[f"{lang}/actors/countries/{match.group(1)}-print.md"]
            rows = r"<tr><td><strong>([^<]+)</strong>"  # one row per actor: acronym or name first
            in_pdf, on_page = re.findall(rows, html), re.findall(rows, page)
            assert len(in_pdf) == sum(actor.country == match.group(1).upper() for actor in catalog.of(Actor).values())
            assert in_pdf == on_page, f"{lang} {path}"
            compared += 1
    assert compared == 2 * 5  # five countries, two languages


def test_helpers_are_the_same_for_pages_and_pdfs() -> None:
    catalog = load_catalog(Project.load(REPO)).public()
    title = renderer(catalog, "es").helpers["checklist_title"]("context-workplace")
    assert title.startswith("Lista de verificación")
    pdf_html = dict(printed(catalog, "es"))["checklists/pdf/context-workplace-a4.pdf"]
    assert f"<title>{title}</title>" in pdf_html
