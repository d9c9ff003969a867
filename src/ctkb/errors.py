"""Problems found in the data, reported to editors as ``path:line: field: message``.

Validation never stops at the first problem: every loader adds to one `ErrorList`, so an
editor sees all mistakes of all files in one run, sorted by file and line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field


def field_label(loc: Sequence[str | int]) -> str:
    """``('authors', 1, 'family')`` → ``authors, item 2, family``: editors count from 1.

    The one way a field path is written in every message, whichever check found the problem.
    """
    return ", ".join(f"item {part + 1}" if isinstance(part, int) else part for part in loc)


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in one place of one data file."""

    path: str
    """File path relative to the project root, with forward slashes."""
    line: int
    field: str
    """Field path in the editor's terms (``definition, es``, ``sources, item 2``): see `field_label`."""
    message: str

    def __str__(self) -> str:
        location = f"{self.path}:{self.line}" if self.line else self.path
        return f"{location}: {self.field}: {self.message}" if self.field else f"{location}: {self.message}"


@dataclass
class ErrorList:
    """Collects `DataError`s across every file; formatted once at the end."""

    errors: list[DataError] = field(default_factory=list)

    def add(self, path: str, line: int, field: str, message: str) -> None:
        self.errors.append(DataError(path, line, field, message))

    def extend(self, other: ErrorList) -> None:
        self.errors.extend(other.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __len__(self) -> int:
        return len(self.errors)

    def __iter__(self) -> Iterator[DataError]:
        return iter(sorted(set(self.errors)))

    def format(self) -> str:
        lines = [str(error) for error in self]
        count = len(lines)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found in the data; nothing was built.")
        return "\n".join(lines)


class DataInvalidError(Exception):
    """Raised once, after loading, when the data has problems; carries them all."""

    def __init__(self, errors: ErrorList) -> None:
        super().__init__(errors.format())
        self.errors = errors


class ToolError(Exception):
    """A program the build runs (Node, WeasyPrint) failed: not a problem in the data.

    Reported on its own, so an editor is not sent looking for a mistake in the YAML.
    """
