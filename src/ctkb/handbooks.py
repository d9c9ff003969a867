"""The handbooks: printed booklets of the indicators and of the procedures.

First responders carry printed booklets. Each handbook is printed from the same records as the
pages (like every printable, see `ctkb.content.Printable`), with a cover, a table of contents
whose page numbers WeasyPrint fills in (``target-counter``) and PDF bookmarks from its headings.
The indicators handbook holds every active indicator, the hand-written "How to use" and "What to
do next" pages as chapters, the checklists, key terms and sources; the procedures handbook, the
workflows (diagram and steps), the roles and the blank forms. Their site pages are short: what is
in them, and the PDFs.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import markdown
from markupsafe import Markup

from ctkb.content import Printable, SourcePage

if TYPE_CHECKING:
    from ctkb.bibliography import Reference
    from ctkb.catalog import Catalog
    from ctkb.checklists import ChecklistView
    from ctkb.forms import Form
    from ctkb.frameworks import Framework, FrameworkItem
    from ctkb.glossary import Term
    from ctkb.indicators import Indicator, Round
    from ctkb.laws import Basis, Law
    from ctkb.roles import Role
    from ctkb.workflows import Step, Workflow

KEY_TERMS = (
    "trafficking-in-persons",
    "act-element",
    "means-element",
    "purpose-of-exploitation",
    "child-trafficking",
    "smuggling-of-migrants",
    "indicator-of-trafficking",
    "screening",
    "identification",
    "referral",
    "possible-victim",
    "presumed-victim",
    "forced-labour",
    "debt-bondage",
    "domestic-servitude",
    "sexual-exploitation",
    "forced-begging",
    "forced-criminality",
    "abuse-of-a-position-of-vulnerability",
    "non-punishment-principle",
    "informed-consent",
    "trauma-informed-approach",
    "best-interests-of-the-child",
    "do-no-harm",
    "national-referral-mechanism",
)
"""The glossary terms a first responder needs beside the indicators (those present are printed)."""

CHAPTERS = ("indicators/how-to-use.md", "indicators/what-to-do-next.md")
"""Hand-written pages printed as chapters, from ``docs/<lang>/``."""


@dataclass(frozen=True)
class IndicatorsHandbook:
    groups: list[tuple[str, list[Indicator]]]
    """Active indicators by element of trafficking, in the vocabulary's order."""
    checklists: list[ChecklistView]
    terms: list[Term]
    sources: list[Reference]
    version: tuple[dt.date, Round]
    crosswalks: dict[str, list[tuple[Framework, FrameworkItem]]]
    """Indicator id → the framework items it corresponds to."""
    chapters: tuple[str, ...] = CHAPTERS


def printables(catalog: Catalog) -> Iterator[Printable]:
    from ctkb.bibliography import Reference
    from ctkb.checklists import ChecklistView, checklists
    from ctkb.frameworks import framework_item
    from ctkb.glossary import Term
    from ctkb.indicators import Indicator, active, set_version

    indicators = active(catalog)
    if not indicators:
        return
    elements = list(catalog.vocabularies["elements"].terms)
    groups = [(element, [i for i in indicators if i.element == element]) for element in elements]
    version = set_version(list(catalog.of(Indicator).values()))
    lists = [ChecklistView(checklist, checklist.by_element(elements), version) for checklist in checklists(catalog)]
    terms = [catalog.of(Term)[term] for term in KEY_TERMS if term in catalog.of(Term)]
    refs = catalog.of(Reference)
    cited = sorted({key for indicator in indicators for key in indicator.sources if key in refs})
    view = IndicatorsHandbook(
        [(element, members) for element, members in groups if members],
        lists,
        terms,
        [refs[key] for key in cited],
        version,
        {i.id: [found for ref in i.crosswalk if (found := framework_item(catalog, ref))] for i in indicators},
    )
    page = SourcePage("indicators/handbook", "pages/handbook.md.j2", view)
    yield Printable(page, "indicators/pdf/handbook", "print/handbook.html.j2", announce=True)


@dataclass(frozen=True)
class ProceduresHandbook:
    workflows: list[Workflow]
    roles: dict[str, Role]
    parts: list[tuple[Role, list[tuple[Workflow, list[Step]]]]]
    """Each role, with the steps it is responsible for in each workflow ("what is my part?")."""
    forms: list[Form]
    legal_basis: dict[str, list[tuple[Law, list[Basis]]]]
    """Ground (``workflow#step`` or role id) → the articles grounding it, per law (see `ctkb.laws.by_country`)."""


def procedures_printables(catalog: Catalog) -> Iterator[Printable]:
    from ctkb.forms import Form
    from ctkb.laws import by_country, legal_bases, ordered
    from ctkb.roles import Role
    from ctkb.workflows import Workflow, role_steps

    workflows = list(catalog.of(Workflow).values())
    if not workflows:
        return
    roles = catalog.of(Role)
    parts = [(role, role_steps(workflows, role.id, leads=True)) for role in sorted(roles.values(), key=lambda r: r.id)]
    laws = ordered(catalog)
    bases = {ground: by_country(found, laws) for ground, found in legal_bases(catalog).items()}
    view = ProceduresHandbook(workflows, roles, parts, list(catalog.of(Form).values()), bases)
    page = SourcePage("workflows/handbook", "pages/procedures-handbook.md.j2", view)
    yield Printable(page, "workflows/pdf/handbook", "print/procedures-handbook.html.j2", announce=True)


@dataclass(frozen=True)
class Chapter:
    title: str
    html: Markup
    """The page's body, its own title (the Markdown's first-level heading) left out."""


@functools.lru_cache(maxsize=8)  # asked by the contents and the chapter, on each paper size
def chapter(catalog: Catalog, lang: str, path: str) -> Chapter:
    """A hand-written page for the handbook: its title, and its body with the citations rendered."""
    from ctkb.bibliography import Reference
    from ctkb.prose import render_citations

    source = catalog.project.root / "docs" / lang / path
    text = render_citations(source.read_text(encoding="utf-8"), path, lang, catalog.of(Reference))
    heading = re.search(r"^# (.+)$", text, flags=re.MULTILINE)
    title = heading.group(1).strip() if heading else path
    if heading:
        text = text[: heading.start()] + text[heading.end() :]
    html = markdown.markdown(text, extensions=["admonition", "attr_list", "md_in_html", "tables"])
    html = re.sub(r"<a href=\"[^\"]*\">", "<a>", html)  # the site's relative links lead nowhere on paper
    return Chapter(title, Markup(html))  # noqa: S704 - our own hand-written pages, checked by `ctkb.prose.check_markup`
