"""Safe YAML loading that remembers where every value came from.

PyYAML keeps the last of two duplicate keys without a word, builds arbitrary objects from
tags when asked to, and expands aliases without limit. Editors need none of that, so this
loader rejects duplicate keys, object-building tags, anchors and aliases, and records the line
of every mapping key and sequence item so that later errors can point at them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ctkb.errors import ErrorList, field_label

Loc = tuple[str | int, ...]

# Tags a plain YAML value may carry; anything else (!!python/object, !!binary, custom !tags) is refused.
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


class _Refused(Exception):
    """A construct ctkb refuses; `line` is 1-based."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(message)
        self.line, self.field, self.message = line, field, message


MAX_FILE_BYTES = 256 * 1024
"""Largest record file: ten times the largest shipped one. A bigger file is a mistake (a pasted
document), and would make every page and the search index that carry it heavy."""

# Characters that change how text is displayed without showing themselves: bidirectional
# overrides and isolates, zero-width spaces and joiners, marks. In an id or a name they make two
# different values look the same; in text they can reorder what a reader sees.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# Control characters other than tab and line breaks (NUL and the like), refused by YAML anyway
# but found here first, so the message can say where they are.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# libyaml's C parser when present (several times faster); same safe constructor either way.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlDocument:
    """A parsed file: its data and the line of each key, by path."""

    path: str
    data: Any
    lines: dict[Loc, int]

    def line_of(self, loc: Loc) -> int:
        """Line of `loc`, or of its nearest parent that has one (1 for the whole file)."""
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return 1


def _walk(node: Node, loc: Loc, lines: dict[Loc, int], seen: set[int]) -> None:
    """Record lines, refuse aliases, duplicate keys and non-plain tags, depth first.

    An alias is the same node object met twice, so refusing repeats stops "billion laughs"
    files before anything is expanded.
    """
    if id(node) in seen:
        raise _Refused(
            node.start_mark.line + 1,
            "YAML",
            "anchors and aliases (&name / *name) are not allowed: write the value out in full",
        )
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        raise _Refused(
            node.start_mark.line + 1,
            field_label(loc) or "YAML",
            f"the YAML tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed: "
            "write a plain value (text, number, list or mapping)",
        )
    if isinstance(node, MappingNode):
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Refused(key_node.start_mark.line + 1, field_label(loc) or "YAML", "keys must be plain words")
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in key_lines:
                raise _Refused(
                    line,
                    field_label((*loc, key)),
                    f"duplicate key: '{key}' is already set on line {key_lines[key]}; keep only one",
                )
            key_lines[key] = line
            lines[(*loc, key)] = line
            _walk(value_node, (*loc, key), lines, seen)
    elif node.tag.endswith(":timestamp"):
        try:
            dt.date.fromisoformat(str(node.value)[:10])
        except ValueError:
            raise _Refused(
                node.start_mark.line + 1, field_label(loc), f"'{node.value}' is not a real date (write YYYY-MM-DD)"
            ) from None
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*loc, index)] = item.start_mark.line + 1
            _walk(item, (*loc, index), lines, seen)


REMEDY = "delete it (it is invisible, and can make text or an id look like something it is not)"


def invisible_in(name: str) -> str | None:
    """The first invisible or control character in `name` (a file name, say), if any."""
    found = _INVISIBLE.search(name) or _CONTROL.search(name)
    return found.group() if found else None


def describe_character(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``: how a message names a character an editor cannot see."""
    name = unicodedata.name(char, "") or {"\x00": "NULL"}.get(char, "a control character")
    return f"the character U+{ord(char):04X} ({name})"


def load_yaml(file: Path, root: Path, errors: ErrorList) -> YamlDocument | None:
    """Parse one file; on any problem add it to `errors` and return None.

    Args:
        file: The YAML file.
        root: Project root; error paths are given relative to it.
        errors: Where problems are collected.
    """
    path = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
    try:
        raw = file.read_bytes()
    except OSError as exc:
        errors.add(path, 1, "", f"the file cannot be read: {exc.strerror or exc}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.add(path, line, "encoding", "the file is not UTF-8 text: save it with UTF-8 encoding")
        return None
    if len(raw) > MAX_FILE_BYTES:
        errors.add(
            path,
            1,
            "",
            f"the file is {len(raw) // 1024} KB; a record may be at most {MAX_FILE_BYTES // 1024} KB: "
            "shorten it, or split it into several records",
        )
        return None
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors write first is harmless there
    found = _INVISIBLE.search(text) or _CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        errors.add(path, line, "", f"contains {describe_character(found.group())} at column {column}: {REMEDY}")
        return None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            errors.add(path, 1, "", "the file is empty")
            return None
        lines: dict[Loc, int] = {}
        _walk(node, (), lines, set())
        data = loader.construct_document(node)
    except _Refused as exc:
        errors.add(path, exc.line, exc.field, exc.message)
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        where = f" (column {mark.column + 1})" if mark else ""
        problem = (exc.problem or exc.context or "cannot be read").rstrip(".")
        if exc.context and problem.startswith("but found"):
            problem = f"{exc.context}, {problem}"
        errors.add(path, line, "YAML syntax", f"{problem}{where}; check indentation, colons and quotes")
        return None
    except yaml.YAMLError as exc:
        errors.add(path, 1, "YAML syntax", str(exc).splitlines()[0])
        return None
    except RecursionError:
        errors.add(path, 1, "YAML", "the file is nested too deeply to be a ctkb record")
        return None
    except (ValueError, TypeError, OverflowError) as exc:
        # A value YAML recognises but cannot build, such as the date 2009-13-01.
        errors.add(path, 1, "YAML", f"a value cannot be read: {exc}")
        return None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        errors.add(path, 1, "", "the file must be a mapping of fields (key: value lines)")
        return None
    return YamlDocument(path, data, lines)
