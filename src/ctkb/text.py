"""Text that people read, in every site language, and the site's own UI strings.

Every human-readable field is a `Text` (plain, always escaped) or `RichText` (a small
Markdown subset, sanitised when rendered). Both require one entry per site language, so a
missing translation is caught when the data is loaded, not discovered on a page. An editor can
publish before a translation exists only by saying so: ``awaiting_translation: [es]``; the page
then shows the text in the default language with a visible notice.

The list of languages comes from ``mkdocs.yml`` (see `ctkb.project`); nothing here names one.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from functools import cache
from html.parser import HTMLParser
from importlib import resources
from typing import Any

import markdown
import pycountry
import yaml
from pydantic import BaseModel, ConfigDict, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

MAX_TEXT = 10_000
"""Most characters in one text of one language: ten times the longest shipped text."""
_LINK_SCHEMES = re.compile(r"^(?:https?://[^/]|mailto:|#)", re.I)
_RELATIVE = re.compile(r"^\.{0,2}/(?!/)")
"""A link within the site (./x, ../x, /x); //host is another site, without saying how."""


class _Markup(HTMLParser):
    """Collects start tags and link targets, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if ":" in tag or "@" in tag:  # <https://…> and <name@host> are Markdown autolinks
            return
        self.tags.append(self.get_starttag_text() or f"<{tag}>")
        self.links += [value for name, value in attrs if name in ("href", "src") and value is not None]

    handle_startendtag = handle_starttag


def _parsed(html: str) -> _Markup:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser


def markup_problem(value: str) -> tuple[str, dict[str, Any]] | None:
    """Why `value` cannot be published as text, decided on parsed HTML and Markdown, not patterns.

    HTML of any form is refused (``<img/src=x onerror=…>`` included); a link, inline or
    reference-style, must go to https://, http://, mailto: or an anchor on the page: a
    protocol-relative ``//host`` or a ``javascript:`` target is refused. Returns a message
    template and its values, or None.
    """
    if len(value) > MAX_TEXT:
        return (
            "is {length} characters long; a text may have at most {limit}: shorten it, or link to the full text",
            {"length": len(value), "limit": MAX_TEXT},
        )
    if "<" in value:
        tags = _parsed(value).tags
        if tags:
            return (
                "contains HTML ({tag}): write plain text; "
                "use Markdown (**bold**, *italic*, [text](https://…)) where formatting is allowed",
                {"tag": tags[0][:40]},
            )
    if "[" in value or "<" in value:
        for target in _parsed(markdown.markdown(value, output_format="html")).links:
            if not (_LINK_SCHEMES.match(target) or _RELATIVE.match(target)):
                return (
                    "has a link to '{target}…': links must start with https://, http:// or mailto:",
                    {"target": target[:12]},
                )
    return None


def languages_from(info: ValidationInfo) -> tuple[str, ...]:
    """Site languages passed to validation as context (default language first)."""
    context = info.context or {}
    languages = context.get("languages")
    if not languages:
        raise RuntimeError("validation needs context={'languages': (...)}")
    return tuple(languages)


class Text(BaseModel):
    """Plain text in each site language, written as ``en: …`` / ``es: …``."""

    model_config = ConfigDict(extra="allow", frozen=True, str_strip_whitespace=True)
    __pydantic_extra__: dict[str, str]

    awaiting_translation: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _keys_are_languages(cls, data: Any, info: ValidationInfo) -> Any:
        """Every key is a language; a long one is usually a text cut in two by an unquoted comma."""
        if isinstance(data, dict):
            languages = languages_from(info)
            for key in data:
                if key in languages or key == "awaiting_translation":
                    continue
                if len(str(key)) > 3:
                    raise PydanticCustomError(
                        "ctkb",
                        "'{key}' is not a language of this site: "
                        "inside { }, put a text that contains a comma or ': ' in quotes",
                        {"key": key},
                    )
                raise PydanticCustomError(
                    "ctkb",
                    "'{code}' is not a language of this site (languages: {known})",
                    {"code": key, "known": ", ".join(languages), "field": str(key)},
                )
        return data

    @model_validator(mode="after")
    def _every_language(self, info: ValidationInfo) -> Text:
        languages = languages_from(info)
        given = self.__pydantic_extra__
        for code in self.awaiting_translation:
            if code not in languages or code == languages[0]:
                raise PydanticCustomError(
                    "ctkb",
                    "awaiting_translation can only list languages other than '{default}': {known}",
                    {"default": languages[0], "known": ", ".join(languages[1:])},
                )
        for code in languages:
            if code in self.awaiting_translation:
                continue
            if code not in given:
                raise PydanticCustomError(
                    "ctkb",
                    "the '{code}' text ({name}) is missing: add '{code}:' or list it under 'awaiting_translation'",
                    {"code": code, "name": language_name(code)},
                )
            if not given[code]:
                raise PydanticCustomError("ctkb", "this text is empty", {"code": code, "field": code})
        for code, value in given.items():
            problem = markup_problem(value)
            if problem:
                message, context = problem
                raise PydanticCustomError("ctkb", message, {**context, "code": code, "field": code})
        return self

    def get(self, lang: str) -> str | None:
        """Text in `lang`, or None while its translation is awaited."""
        return self.__pydantic_extra__.get(lang) or None


class RichText(Text):
    """Text with a small Markdown subset (emphasis, links, lists), sanitised when rendered."""


@cache
def ui_strings(lang: str) -> dict[str, Any]:
    """The site's own strings for `lang`, from ``ctkb/locales/<lang>.yaml``."""
    source = resources.files("ctkb") / "locales" / f"{lang}.yaml"
    data: dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8"))
    return data


def language_name(code: str) -> str:
    try:
        return str(ui_strings(code)["language_name"])
    except FileNotFoundError:
        return code


@cache
def country_name(code: str, lang: str) -> str:
    """Country name in `lang`, from pycountry's ISO 3166 data and its translations."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
    return translation.gettext(getattr(country, "common_name", None) or country.name)


def sort_key(text: str, lang: str) -> tuple[tuple[int, ...], str]:
    """Collation key following the language's alphabet (Spanish: ñ after n, accents ignored).

    Each locale file lists its alphabet; a letter in it sorts by its position, any other letter
    by its base letter without accents. Ties fall back to the raw text, so order is stable.
    """
    alphabet: str = ui_strings(lang)["alphabet"]
    order = {letter: i for i, letter in enumerate(alphabet)}
    key: list[int] = []
    for char in unicodedata.normalize("NFC", text.casefold()):
        if char in order:
            key.append(order[char])
            continue
        base = unicodedata.normalize("NFD", char)[0]
        if base in order:
            key.append(order[base])
        elif base.isalnum():
            key.append(len(alphabet) + ord(base))
        # spaces and punctuation do not affect order
    return tuple(key), text


def initial(text: str, lang: str) -> str:
    """The letter under which `text` is filed in an A–Z index."""
    alphabet: str = ui_strings(lang)["alphabet"]
    for char in unicodedata.normalize("NFC", text.casefold()):
        if char in alphabet:
            return char.upper()
        base = unicodedata.normalize("NFD", char)[0]
        if base in alphabet:
            return base.upper()
    return "#"
