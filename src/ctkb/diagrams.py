"""Workflow flow diagrams, drawn at build time as static SVG.

Each workflow becomes a Graphviz DOT graph: one box per step, coloured by the role responsible,
a diamond per decision with labelled branches, and a double box per end. Graphviz runs as
WebAssembly (npm's ``@viz-js/viz``) in one Node process per build, so pages carry plain SVG:
no script, no request outside the site, and it prints. The numbered step list on the same page
is the accessible equivalent.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import TYPE_CHECKING

from ctkb import nodejs

if TYPE_CHECKING:
    from ctkb.workflows import Workflow  # the workflows module imports this one

FONT = "Helvetica"  # Graphviz knows its metrics; browsers substitute Arial or Liberation Sans
PALETTE = (
    "#cfe3ff", "#ffe0b3", "#d4f0d4", "#f3d1f0", "#fff3a8", "#d9d4f7", "#c8efef",
    "#ffd1d1", "#e3e3e3", "#e8f5c8", "#ffd9ec", "#d6e9f5", "#f5e1c8", "#dfe8d0",
)  # fmt: skip
"""Light fills (black text stays readable): one per role, in the order of the roles' ids."""


def role_colours(role_ids: list[str]) -> dict[str, str]:
    """Role id → fill colour, stable for a given set of roles."""
    return {role: PALETTE[index % len(PALETTE)] for index, role in enumerate(sorted(role_ids))}


def _quote(text: str, width: int = 26) -> str:
    lines = textwrap.wrap(text, width) or [""]
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return '"' + "\\n".join(escaped) + '"'


def workflow_dot(
    workflow: Workflow, lang: str, colours: dict[str, str], role_names: dict[str, str], outcome_names: dict[str, str]
) -> str:
    """The DOT source of one workflow's diagram, in `lang`."""

    def text(value: object) -> str:
        return str(value.get(lang))  # type: ignore[attr-defined]

    lines = [
        "digraph workflow {",
        f'  graph [rankdir=TB, nodesep=0.35, ranksep=0.4, bgcolor="transparent", fontname="{FONT}"];',
        f'  node [shape=box, style="rounded,filled", fontname="{FONT}", fontsize=10, margin="0.14,0.07", '
        'color="#333333", penwidth=1.2];',
        f'  edge [fontname="{FONT}", fontsize=9, color="#333333", arrowsize=0.7];',
    ]
    for number, step in enumerate(workflow.steps, 1):
        lead = step.roles[0]
        label = f"{number}. {text(step.title)}"
        node = f"s{number}"
        lines.append(
            f'  {node} [label={_quote(label)}, fillcolor="{colours.get(lead, "#ffffff")}", '
            f'URL="#step-{step.id}", id="node-{step.id}", tooltip={_quote(role_names.get(lead, lead), 200)}];'
        )
        if step.next:
            lines.append(f"  {node} -> s{workflow.number(step.next)};")
        if step.decision:
            lines.append(
                f'  d{number} [shape=diamond, style=filled, fillcolor="#ffffff", fontsize=9, '
                f"label={_quote(text(step.decision.question), 22)}];"
            )
            lines.append(f"  {node} -> d{number};")
            for branch in step.decision.branches:
                lines.append(f"  d{number} -> s{workflow.number(branch.to)} [label={_quote(text(branch.label), 18)}];")
        if step.end:
            lines.append(
                f'  e{number} [shape=box, style="rounded,bold", peripheries=2, fillcolor="#ffffff", fontsize=9, '
                f"label={_quote(outcome_names.get(step.end, step.end), 24)}];"
            )
            lines.append(f"  {node} -> e{number};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_svgs(sources: dict[str, str]) -> dict[str, str]:
    """Name → SVG markup ready to inline, for every DOT source, in one Node run."""
    if not sources:
        return {}
    output = nodejs.run("render-dot.mjs", json.dumps(sources), "the workflow diagrams")
    return {name: inline_svg(svg) for name, svg in json.loads(output).items()}


def inline_svg(svg: str) -> str:
    """Graphviz's SVG without XML prolog, doctype and comments, marked as one image."""
    svg = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", "", svg, flags=re.DOTALL).strip()
    svg = re.sub(r"^<svg ", '<svg role="img" aria-labelledby="diagram-caption" ', svg)
    return re.sub(r"\n\s*\n", "\n", svg)  # a blank line would end Markdown's raw HTML block
