"""Checks of mkdocs.yml, the one configuration file editors touch (navigation, languages).

MkDocs itself reports a missing nav page, an unknown plugin or a missing hook file only while
building, some of them as tracebacks. These checks run first, from ``ctkb validate`` and before
every build, and say ``mkdocs.yml:line: field: message`` like any data error.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ctkb.errors import ErrorList
from ctkb.project import CONFIG, ConfigLoader, Project


def _compose(project: Project) -> Node | None:
    with (project.root / CONFIG).open(encoding="utf-8") as stream:
        return yaml.compose(stream, Loader=ConfigLoader)


def _get(node: Node | None, key: str) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key and isinstance(value, Node):
                return value
    return None


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _nav_pages(node: Node | None) -> Iterator[ScalarNode]:
    """Every page path of the nav (a string ending in .md), wherever it sits in the tree."""
    if isinstance(node, ScalarNode) and str(node.value).endswith(".md"):
        yield node
    elif isinstance(node, SequenceNode):
        for item in node.value:
            yield from _nav_pages(item)
    elif isinstance(node, MappingNode):
        for _, value in node.value:
            yield from _nav_pages(value)


def check_config(project: Project, generated: set[str], errors: ErrorList) -> None:
    """Nav pages exist in every language, plugins are installed, hook files exist.

    Args:
        project: The project whose mkdocs.yml is checked.
        generated: Paths of the pages generated from the data (``glossary/index``), which the
            nav may name although no file holds them.
        errors: Where problems are collected.
    """
    root = _compose(project)
    for page in _nav_pages(_get(root, "nav")):
        path = str(page.value)
        if path.removesuffix(".md") in generated:
            continue
        for lang in project.languages:
            if not (project.docs_dir / lang / path).is_file():
                errors.add(
                    CONFIG,
                    _line(page),
                    "nav",
                    f"'{path}' is neither a page generated from the data nor a file docs/{lang}/{path}",
                )
    theme = _get(_get(root, "theme"), "name")
    prefix = f"{theme.value}/" if isinstance(theme, ScalarNode) else ""
    installed = {entry.name for entry in importlib.metadata.entry_points(group="mkdocs.plugins")}
    plugins = _get(root, "plugins")
    for item in plugins.value if isinstance(plugins, SequenceNode) else []:
        name_node = item.value[0][0] if isinstance(item, MappingNode) and item.value else item
        name = str(name_node.value)
        if name not in installed and f"{prefix}{name}" not in installed:
            known = ", ".join(sorted(n.removeprefix(prefix) for n in installed))
            errors.add(CONFIG, _line(name_node), "plugins", f"no plugin '{name}' is installed (installed: {known})")
    hooks = _get(root, "hooks")
    for hook in hooks.value if isinstance(hooks, SequenceNode) else []:
        if not (project.root / str(hook.value)).is_file():
            errors.add(CONFIG, _line(hook), "hooks", f"no file {hook.value}: the hooks connect ctkb to MkDocs")
