"""SOP workflows: who does what, step by step, from first contact to case closure.

One YAML file per workflow under ``workflows/``. A workflow is a graph: the first step is the
start; each step goes on to one next step, or asks a question with labelled branches, or
ends with an outcome. `check_graph` proves what editors cannot see in a long file: every
branch lands on a step, every step can be reached, every path ends, and a cycle only runs
through a step declared as a periodic review.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from markupsafe import Markup
from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ctkb import diagrams, handbooks
from ctkb.bibliography import Reference
from ctkb.checklists import checklists
from ctkb.content import ContentType, Helpers, SourcePage
from ctkb.errors import ErrorList
from ctkb.forms import Form
from ctkb.indicators import Indicator, IndicatorId
from ctkb.laws import Basis, Law, by_country, legal_bases, ordered
from ctkb.records import CitationKey, EditorNote, Record, RecordId, _Part, references, refuse_repeats, vocabulary
from ctkb.roles import Role
from ctkb.text import RichText, Text

if TYPE_CHECKING:
    from ctkb.catalog import Catalog, Lookup
    from ctkb.render import Renderer


def _check_checklist(value: str) -> str:
    if not re.fullmatch(r"(context|audience)-[a-z0-9-]+", value):
        raise PydanticCustomError(
            "ctkb", "'{value}' is not a checklist: write context-<id> or audience-<id>", {"value": value}
        )
    return value


ChecklistSlug = Annotated[str, AfterValidator(_check_checklist)]


class Branch(_Part):
    label: Text = Field(description="The answer that leads this way, e.g. Yes / No.")
    to: RecordId = Field(description="The step it leads to.")


class Decision(_Part):
    question: Text = Field(description="The question decided at this step.")
    branches: tuple[Branch, ...] = Field(min_length=2, description="Each answer and the step it leads to.")


class Step(_Part):
    """One step: who is responsible, what they do, and what follows."""

    id: RecordId = Field(description="Identifier, unique within the workflow.")
    title: Text = Field(description="Short title, starting with a verb.")
    instructions: RichText = Field(description="What the responsible role does, safely.")
    roles: tuple[RecordId, ...] = Field(
        min_length=1,
        description="Ids of the roles involved (roles/); the first is responsible.",
        json_schema_extra=references("roles"),
    )
    time_limit: Text | None = Field(default=None, description="A time limit, only where one applies.")
    forms: tuple[RecordId, ...] = Field(
        default=(), description="Ids of the forms used or produced (forms/).", json_schema_extra=references("forms")
    )
    indicators: tuple[IndicatorId, ...] = Field(
        default=(), description="Indicators the step relies on.", json_schema_extra=references("indicators")
    )
    checklists: tuple[ChecklistSlug, ...] = Field(default=(), description="Checklists it relies on.")
    next: RecordId | None = Field(default=None, description="The step that follows.")
    decision: Decision | None = Field(default=None, description="Or: a question with a branch per answer.")
    end: RecordId | None = Field(
        default=None,
        description="Or: the outcome this step ends with (vocabularies/outcomes.yaml).",
        json_schema_extra=vocabulary("outcomes"),
    )
    continues: RecordId | None = Field(default=None, description="For an end: the workflow that takes over.")
    review_loop: bool = Field(
        default=False, description="A periodic review: its way on may lead back to an earlier step."
    )

    @model_validator(mode="after")
    def _one_way_on(self) -> Step:
        ways = [name for name in ("next", "decision", "end") if getattr(self, name) is not None]
        if len(ways) != 1:
            raise PydanticCustomError(
                "ctkb",
                "give exactly one of next, decision or end (this step has {found})",
                {"found": " and ".join(ways) or "none"},
            )
        if self.continues and self.end is None:
            raise PydanticCustomError("ctkb", "continues belongs to a step that ends", {"field": "continues"})
        return self

    def targets(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """(location in the step, target step id) for every way on."""
        if self.next:
            yield ("next",), self.next
        if self.decision:
            for index, branch in enumerate(self.decision.branches):
                yield ("decision", "branches", index, "to"), branch.to


class Workflow(Record):
    """A standard operating procedure as a graph of steps."""

    id: RecordId = Field(description="Stable identifier, also the file name.")
    title: Text = Field(description="The workflow's title.")
    purpose: RichText = Field(description="What the procedure achieves, and for whom.")
    scope: Text = Field(description="Where it applies and where it stops.")
    principles: tuple[RecordId, ...] = Field(
        min_length=1,
        description="Principles it applies (vocabularies/principles.yaml).",
        json_schema_extra=vocabulary("principles"),
    )
    sources: tuple[CitationKey, ...] = Field(
        min_length=1, description="Bibliography keys it rests on.", json_schema_extra=references("bibliography")
    )
    steps: tuple[Step, ...] = Field(min_length=2, description="Its steps; the first one is the start.")
    editor_note: EditorNote = None

    @model_validator(mode="after")
    def _unique_steps(self) -> Workflow:
        refuse_repeats(((f"steps.{index}.id", step.id) for index, step in enumerate(self.steps)), "step")
        return self

    def step(self, step_id: str) -> Step | None:
        return next((step for step in self.steps if step.id == step_id), None)

    def number(self, step_id: str) -> int:
        """The step's number as shown in the diagram and the list (from 1)."""
        return next(index for index, step in enumerate(self.steps, 1) if step.id == step_id)


def check_graph(workflow: Workflow, errors: ErrorList) -> None:
    """Targets exist, every step is reachable, every path ends, cycles only through reviews."""
    ids = {step.id for step in workflow.steps}
    edges: dict[str, list[str]] = {step.id: [] for step in workflow.steps}
    dangling = False
    for index, step in enumerate(workflow.steps):
        for loc, target in step.targets():
            if target not in ids:
                close = difflib.get_close_matches(target, sorted(ids), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                workflow.report(errors, ("steps", index, *loc), f"no step '{target}' in this workflow{hint}")
                dangling = True
            else:
                edges[step.id].append(target)
    if dangling:
        return  # what is reachable or ends depends on that step: one root cause, one message
    start = workflow.steps[0].id
    reachable = _reach(start, edges)
    for index, step in enumerate(workflow.steps):
        if step.id not in reachable:
            workflow.report(
                errors, ("steps", index, "id"), f"step '{step.id}' cannot be reached from the first step '{start}'"
            )
    ending = {step.id for step in workflow.steps if step.end}
    reverse: dict[str, list[str]] = {step_id: [] for step_id in ids}
    for source, targets in edges.items():
        for target in targets:
            reverse[target].append(source)
    can_end = set().union(*(_reach(step_id, reverse) for step_id in ending)) if ending else set()
    for index, step in enumerate(workflow.steps):
        if step.id in reachable and step.id not in can_end:
            workflow.report(errors, ("steps", index, "id"), f"no path from step '{step.id}' reaches an end")
    reviews = {step.id for step in workflow.steps if step.review_loop}
    for index, step in enumerate(workflow.steps):
        if step.review_loop and step.id not in _reach_from_targets(step.id, edges):
            workflow.report(
                errors, ("steps", index, "review_loop"), "review_loop is set but no path leads back to this step"
            )
    plain = {source: [] if source in reviews else targets for source, targets in edges.items()}
    for source, target in _back_edges(start, plain):
        index = next(i for i, step in enumerate(workflow.steps) if step.id == source)
        workflow.report(
            errors,
            ("steps", index, "id"),
            f"step '{source}' leads back to '{target}', making a cycle: end the path, "
            "or mark the step where the periodic review is decided with review_loop: true",
        )


def _reach(start: str, edges: dict[str, list[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for target in edges.get(todo.pop(), []):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _reach_from_targets(step_id: str, edges: dict[str, list[str]]) -> set[str]:
    return set().union(*(_reach(target, edges) for target in edges[step_id])) if edges[step_id] else set()


def _back_edges(start: str, edges: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Edges closing a cycle, found by depth-first search from every step (start first)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    found: list[tuple[str, str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        for target in edges[node]:
            if state.get(target) == 1:
                found.append((node, target))
            elif target not in state:
                visit(target)
        state[node] = 2

    for node in [start, *edges]:
        if node not in state:
            visit(node)
    return found


def check(known: Lookup, errors: ErrorList) -> None:
    """The graph, and what no field declaration says: no retired indicator, real checklists, handovers."""
    catalog = known.catalog
    indicators = catalog.of(Indicator)
    workflows = catalog.of(Workflow)
    slugs = {checklist.slug for checklist in checklists(catalog)}
    for workflow in workflows.values():
        check_graph(workflow, errors)
        for index, step in enumerate(workflow.steps):
            at: tuple[str | int, ...] = ("steps", index)
            for position, ref in enumerate(step.indicators):
                if ref in indicators and indicators[ref].is_retired:
                    workflow.report(errors, (*at, "indicators", position), f"'{ref}' is retired: use its successor")
            for position, slug in enumerate(step.checklists):
                if slug not in slugs:
                    known_slugs = ", ".join(sorted(slugs))
                    workflow.report(
                        errors, (*at, "checklists", position), f"no checklist '{slug}' (known: {known_slugs})"
                    )
            if step.continues and (step.continues not in workflows or step.continues == workflow.id):
                workflow.report(errors, (*at, "continues"), f"no other workflow has the id '{step.continues}'")


@dataclass(frozen=True)
class WorkflowIndex:
    workflows: list[Workflow]
    roles: list[Role]
    forms: list[Form]


@dataclass(frozen=True)
class WorkflowPage:
    workflow: Workflow
    involved: list[Role]
    leads: list[Role]
    colours: dict[str, str]
    roles: dict[str, Role]
    forms: dict[str, Form]
    workflows: dict[str, Workflow]
    indicators: dict[str, Indicator]
    sources: list[Reference]
    legal_basis: dict[str, list[tuple[Law, list[Basis]]]]
    """Step id → the articles grounding it, per law entered (steps without any left out)."""


@dataclass(frozen=True)
class RolePage:
    """A role's "what is my part?": every step it leads or takes part in, across the workflows."""

    role: Role
    lead_steps: list[tuple[Workflow, list[Step]]]
    other_steps: list[tuple[Workflow, list[Step]]]
    role_forms: list[Form]
    sources: list[Reference]
    legal_basis: list[tuple[Law, list[Basis]]]
    """The articles grounding the role, per law entered (empty when none does)."""


def role_steps(workflows: Iterable[Workflow], role_id: str, *, leads: bool) -> list[tuple[Workflow, list[Step]]]:
    """Per workflow, the steps `role_id` leads (or takes part in without leading); workflows without any left out.

    The role's page and the procedures handbook both answer "what is my part?" with it.
    """
    chosen = [
        (wf, [step for step in wf.steps if (step.roles[0] == role_id if leads else role_id in step.roles[1:])])
        for wf in workflows
    ]
    return [(wf, steps) for wf, steps in chosen if steps]


def pages(catalog: Catalog) -> Iterator[SourcePage]:
    """The procedures index, a page per workflow, and a page per role."""
    workflows = list(catalog.of(Workflow).values())
    if not workflows:
        return
    refs = catalog.of(Reference)
    roles = catalog.of(Role)
    forms = catalog.of(Form)
    by_id = sorted(roles.values(), key=lambda role: role.id)
    colours = diagrams.role_colours(list(roles))
    bases, laws = legal_bases(catalog), ordered(catalog)
    yield SourcePage(
        "workflows/index", "pages/workflows-index.md.j2", WorkflowIndex(workflows, by_id, list(forms.values()))
    )
    for workflow in workflows:
        involved = list(dict.fromkeys(role for step in workflow.steps for role in step.roles))
        leads = list(dict.fromkeys(step.roles[0] for step in workflow.steps))
        view = WorkflowPage(
            workflow,
            [roles[role] for role in involved],
            [roles[role] for role in leads],
            colours,
            roles,
            forms,
            catalog.of(Workflow),
            catalog.of(Indicator),
            [refs[key] for key in workflow.sources],
            {
                step.id: by_country(bases[ground], laws)
                for step in workflow.steps
                if (ground := f"{workflow.id}#{step.id}") in bases
            },
        )
        yield SourcePage(f"workflows/{workflow.id}", "pages/workflow.md.j2", view)
    for role in by_id:
        role_view = RolePage(
            role,
            role_steps(workflows, role.id, leads=True),
            role_steps(workflows, role.id, leads=False),
            [form for form in forms.values() if role.id in form.roles],
            [refs[key] for key in role.sources],
            by_country(bases.get(role.id, []), laws),
        )
        yield SourcePage(f"workflows/roles/{role.id}", "pages/role.md.j2", role_view)


@functools.lru_cache(maxsize=2)  # one Node run per catalogue, for every language
def workflow_diagrams(catalog: Catalog) -> dict[tuple[str, str], Markup]:
    """(language, workflow id) → the workflow's diagram as inline SVG, drawn in one batch."""
    roles = catalog.of(Role)
    colours = diagrams.role_colours(list(roles))
    outcomes = catalog.vocabularies.get("outcomes")
    sources = {}
    for lang in catalog.project.languages:
        role_names = {role.id: str(role.name.get(lang)) for role in roles.values()}
        outcome_names = {term: catalog.label("outcomes", term, lang) for term in (outcomes.terms if outcomes else {})}
        for workflow in catalog.of(Workflow).values():
            dot = diagrams.workflow_dot(workflow, lang, colours, role_names, outcome_names)
            sources[f"{lang}/{workflow.id}"] = dot
    svgs = diagrams.render_svgs(sources) if sources else {}
    return {
        (name.partition("/")[0], name.partition("/")[2]): Markup(svg)  # noqa: S704 - Graphviz output, labels escaped
        for name, svg in svgs.items()
    }


def helpers(catalog: Catalog, renderer: Renderer) -> Helpers:
    lang = renderer.lang
    return {"diagram_svg": lambda workflow_id: workflow_diagrams(catalog)[(lang, workflow_id)]}


CONTENT = ContentType(
    folder="workflows",
    model=Workflow,
    schema="workflow",
    noun="workflow",
    plural="workflows",
    check=check,
    pages=pages,
    printables=handbooks.procedures_printables,
    helpers=helpers,
)
