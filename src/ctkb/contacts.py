"""Phone numbers and e-mail addresses typed into public text, found and refused.

A shelter's phone or a focal point's e-mail pasted into a description would be published to
everyone, offline copies included. Every text of every record is searched, whatever its content
type; the only places a number may stand are an actor's public hotlines (each with its evidence)
and fields that hold identifiers or addresses rather than prose (declared with `NOT_PROSE`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from ctkb.errors import ErrorList
from ctkb.records import Record, is_restricted

NOT_PROSE: dict[str, Any] = {"prose": False}
"""Field metadata: identifiers, web addresses or a public number, not prose (not searched)."""

# International and long numbers: +502 5555 0123, (55) 5533 5533, 800 5533 000.
_PHONE = re.compile(r"(?<![\w/.-])\+?\(?\d{2,4}\)?[ .-]?\d{3,4}[ .-]?\d{3,4}(?![\w/])")
# Central American local numbers, 2222-3333 (a range of two years, 2009-2012, is not one).
_LOCAL = re.compile(r"(?<![\w/.:-])(\d{4})[ .-](\d{4})(?![\w/-])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Addresses written to escape robots: ana [at] example.org, ana (arroba) example (punto) org.
_HIDDEN_EMAIL = re.compile(
    r"[\w.+-]+\s*[\[(]\s*(?:at|arroba)\s*[\])]\s*[\w-]+(?:\s*(?:\.|[\[(]\s*(?:dot|punto)\s*[\])])\s*[\w-]+)+",
    re.I,
)
# A number right after these words is a book's or journal's, not a person's.
_IDENTIFIER_BEFORE = re.compile(r"\b(?:ISBN|ISSN|doi)\b[^\n]{0,20}$", re.I)

MESSAGE = (
    "'{found}' looks like a phone number or e-mail address: personal contacts go under an actor's "
    "restricted (never published), a public hotline under an actor's hotlines with its evidence"
)


def find_contact(text: str, allowed: set[str] | frozenset[str] = frozenset()) -> str | None:
    """The first phone number or e-mail address in `text`, unless its digits are `allowed`."""
    for pattern in (_EMAIL, _HIDDEN_EMAIL):
        found = pattern.search(text)
        if found:
            return found.group()
    for pattern in (_PHONE, _LOCAL):
        for found in pattern.finditer(text):
            if _IDENTIFIER_BEFORE.search(text[: found.start()]) or _is_allowed(_digits(found.group()), allowed):
                continue
            if pattern is _LOCAL and all(1800 <= int(part) <= 2100 for part in found.groups()):
                continue
            return found.group()
    return None


def _is_allowed(digits: str, allowed: set[str] | frozenset[str]) -> bool:
    """Whether `digits` are a published number, also when written with another prefix (01 800 …).

    Seven digits in a row in common is enough: two different numbers rarely share them.
    """
    windows = {digits[start : start + 7] for start in range(max(1, len(digits) - 6))}
    return any(window in number for number in allowed for window in windows if len(window) == 7)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def public_numbers(record: BaseModel) -> set[str]:
    """The digits of every number a record publishes on purpose (in fields marked `NOT_PROSE`)."""
    digits = {_digits(text) for _, text in _texts(record, (), want_prose=False)}
    return {number for number in digits if len(number) >= 6}


def check_contacts(record: Record, errors: ErrorList) -> None:
    """Refuse a phone number or e-mail address in any public text of `record`.

    A number the record itself publishes as a hotline may be quoted in its other fields (the
    evidence of where the number was seen names it).
    """
    allowed = public_numbers(record)
    for loc, text in _texts(record, ()):
        found = find_contact(text, allowed)
        if found:
            record.report(errors, loc, MESSAGE.format(found=found))


Loc = tuple[str | int, ...]


def _texts(value: Any, loc: Loc, *, in_prose: bool = True, want_prose: bool = True) -> Iterator[tuple[Loc, str]]:
    """(location, text) of every public string in `value`, in prose fields or (want_prose=False) not.

    Restricted fields are skipped: they are never published.
    """
    if isinstance(value, str):
        if in_prose == want_prose:
            yield loc, value
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            extra = field.json_schema_extra
            if is_restricted(extra):
                continue
            prose = in_prose and not (isinstance(extra, dict) and extra.get("prose") is False)
            yield from _texts(getattr(value, name), (*loc, name), in_prose=prose, want_prose=want_prose)
        for code, text in (value.__pydantic_extra__ or {}).items():  # the languages of a Text
            yield from _texts(text, (*loc, code), in_prose=in_prose, want_prose=want_prose)
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index), in_prose=in_prose, want_prose=want_prose)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, str(key)), in_prose=in_prose, want_prose=want_prose)
