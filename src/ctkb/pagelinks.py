"""Links from data to knowledge-base pages, written ``folder/id`` (``workflows/id#step``).

The self-assessment's resources and the training package's sessions, questions and exercises
all point at pages. Editors write the data folder and the record's id, as they would find
the file; this module says whether such a page exists, where it is in the site and what it
is called, so that every content type checks and shows these links the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ctkb.text import Text

if TYPE_CHECKING:
    from ctkb.catalog import Catalog, Lookup
    from ctkb.render import Renderer

PAGE_FOLDERS = {
    "indicators": "indicators",
    "checklists": "checklists",
    "workflows": "workflows",
    "roles": "workflows/roles",
    "forms": "forms",
    "glossary": "glossary",
    "bibliography": "bibliography",
    "assessment": "assessment",
    "dictionary": "dictionary",
    "codelists": "dictionary/codes",
    "statistics": "statistics",
    "actors": "actors",
    "exercises": "training/exercises",
}
"""Folder an editor writes → folder of the record's page in the site."""


def problem(known: Lookup, link: str, written: str | None = None) -> str | None:
    """Why `link` names no page, in words for an editor; None when it does.

    `written` is the link as the editor wrote it, when a field implies part of it (an exercise's
    ``steps`` hold ``workflow#step``, without ``workflows/``).
    """
    message = _problem(known, link)
    return message.replace(f"'{link}'", f"'{written}'") if message and written else message


def _problem(known: Lookup, link: str) -> str | None:
    folder, _, rest = link.partition("/")
    record_id, _, anchor = rest.partition("#")
    if folder not in PAGE_FOLDERS:
        return f"'{link}' is not a page here: write folder/id, the folder one of {', '.join(PAGE_FOLDERS)}"
    if folder == "checklists":
        from ctkb.checklists import checklists  # checklists read indicators: imported when used

        slugs = [checklist.slug for checklist in checklists(known.catalog)]
        return None if record_id in slugs else f"'{link}': no such checklist (there are {', '.join(slugs)})"
    if not known.names(folder, record_id):
        return f"'{link}': expected a file {folder}/{record_id}.yaml"
    if anchor:
        from ctkb.workflows import Workflow

        workflow = known.catalog.content[folder].get(record_id)
        if folder != "workflows":
            return f"'{link}': only a workflow link may name a step after #"
        if isinstance(workflow, Workflow) and workflow.step(anchor) is None:
            return f"'{link}': workflow {record_id} has no step '{anchor}'"
    return None


def page_path(link: str) -> str:
    """The page's path in the site (without language or suffix), for `SourcePage.href`."""
    folder, _, rest = link.partition("/")
    record_id, _, anchor = rest.partition("#")
    path = f"{PAGE_FOLDERS[folder]}/{record_id}"
    return f"{path}#step-{anchor}" if anchor else path


def title(link: str, catalog: Catalog, renderer: Renderer) -> str:
    """What the linked page is called, e.g. "Workflow title, step 3: Step title"."""
    folder, _, rest = link.partition("/")
    record_id, _, anchor = rest.partition("#")
    if folder == "checklists":
        from ctkb.checklists import title as checklist_title

        return checklist_title(record_id, catalog, renderer)
    record: Any = catalog.content[folder][record_id]
    name = record_id
    for attr in ("term", "title", "label", "name"):
        value = getattr(record, attr, None)
        if isinstance(value, Text):
            name = renderer.plain(value)
            break
        if isinstance(value, str):
            name = value
            break
    if folder == "indicators":
        name = f"{record_id.upper()}. {name}"
    if anchor:
        step = record.step(anchor)
        words = renderer.ui["workflows"]["step"]
        name = f"{name}, {words} {record.number(anchor)}: {renderer.plain(step.title)}"
    return name
