"""Import references exported by Zotero, Mendeley or EndNote (BibTeX, RIS, CSL-JSON).

Imported metadata is somebody else's typing, so the importer is cautious: it proposes new YAML
entries marked unverified, with the annotation and title translation flagged as pending, reports
every field it drops, never writes a record that would not validate (it says what is missing),
and never writes over an existing file. A work already in the bibliography (same DOI, or the same
title, year and author, allowing for subtitles, years in titles, accents and organisations'
acronyms) is reported, not written again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rispy
import yaml
from pybtex.database import Person, parse_string
from pydantic import ValidationError
from pylatexenc.latex2text import LatexNodes2Text
from rapidfuzz import fuzz

from ctkb.bibliography import Reference
from ctkb.errors import field_label
from ctkb.records import editor_message

# Words that mark an author as an organisation rather than a person, in the region's languages.
_CORPORATE = re.compile(
    r"\b(organi[sz]ations?|organisation|office|oficina|united nations|naciones unidas|ministry|ministerio|"
    r"minist[eè]re|secretar[ií]a|secretariat|commission|comisi[óo]n|instituto?|institute|agency|agencia|council|"
    r"consejo|conference|conferencia|programme|program|programa|fund|fondo|coalition|coalici[óo]n|network|red|"
    r"association|asociaci[óo]n|foundation|fundaci[óo]n|department|departamento|government|gobierno|"
    r"procurador[ií]a|fiscal[ií]a|project|proyecto|initiative|iniciativa|university|universidad|universit[éy]|"
    r"college|school|escuela|academy|academia|bank|banco|lab|labs|laboratory|laboratorio|cent(?:er|re)|centro|"
    r"group|grupo|team|equipo|committee|comit[ée]|unit|unidad|observatory|observatorio|alliance|alianza|"
    r"society|sociedad|corporation|inc|ltd|llc|service|servicio|bureau|authority|autoridad|board|junta|forum|"
    r"foro|platform|plataforma|collective|colectivo|campaign|campaña|trust|partnership|mission|misi[óo]n|"
    r"directorate|direcci[óo]n|police|polic[ií]a|court|corte|tribunal|assembly|asamblea|parliament|congress|"
    r"congreso|unodc|iom|oim|ilo|oit|osce|unicef|unhcr|acnur|who|oms|ohchr|polaris|undp|pnud|unfpa|eu|ue)\b",
    re.I,
)
# One name per organisation, whichever way an export writes it: acronym, English or Spanish.
_ORGANISATIONS = (
    ("unodc", "united nations office on drugs and crime", "oficina de las naciones unidas contra la droga y el delito"),
    ("iom", "oim", "international organization for migration", "organizacion internacional para las migraciones"),
    (
        "ilo",
        "oit",
        "international labour organization",
        "international labour office",
        "organizacion internacional del trabajo",
    ),
    ("ohchr", "office of the united nations high commissioner for human rights"),
    ("unicef", "united nations children s fund", "fondo de las naciones unidas para la infancia"),
    ("unhcr", "acnur", "united nations high commissioner for refugees"),
    ("osce", "organization for security and co operation in europe"),
    ("osce odihr", "odihr", "office for democratic institutions and human rights"),
    ("who", "oms", "world health organization", "organizacion mundial de la salud"),
    ("icmpd", "international centre for migration policy development"),
)
_ALIAS = {name: group[0] for group in _ORGANISATIONS for name in group}
_ABSENT = {"", "null", "none", "n/a", "na", "-", "--", "unknown", "s.d.", "s/f"}
"""Values some exports write for an empty field; never kept as text."""
_IFMMODE = re.compile(r"\\ifmmode\b.*?\\else\s*(.*?)\\fi\b", re.S)
_LATEX = LatexNodes2Text(math_mode="text")


_TYPES = {
    # BibTeX
    "article": "article",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "booklet": "book",
    "manual": "manual",
    "techreport": "report",
    "report": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "dataset": "dataset",
    "standard": "standard",
    "legislation": "law",
    "misc": "report",
    "unpublished": "report",
    "proceedings": "book",
    "inproceedings": "chapter",
    # RIS
    "jour": "article",
    "ejour": "article",
    "chap": "chapter",
    "echap": "chapter",
    "rprt": "report",
    "gen": "report",
    "elec": "webpage",
    "blog": "webpage",
    "web": "webpage",
    "thes": "thesis",
    "data": "dataset",
    "stand": "standard",
    "stat": "law",
    "bill": "law",
    "govdoc": "report",
    "ebook": "book",
    # CSL
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "chapter-csl": "chapter",
    "webpage": "webpage",
    "post-weblog": "webpage",
    "document": "report",
}
# Fields we map; anything else in a record is reported and dropped.
_BIBTEX_FIELDS = {
    "title",
    "year",
    "date",
    "publisher",
    "institution",
    "organization",
    "school",
    "address",
    "location",
    "journal",
    "journaltitle",
    "booktitle",
    "series",
    "volume",
    "number",
    "issue",
    "pages",
    "edition",
    "url",
    "doi",
    "isbn",
    "issn",
    "language",
    "langid",
    "month",
}
_RIS_FIELDS = {
    "type_of_reference",
    "title",
    "primary_title",
    "authors",
    "first_authors",
    "secondary_authors",
    "year",
    "publication_year",
    "date",
    "publisher",
    "place_published",
    "secondary_title",
    "journal_name",
    "alternate_title3",
    "volume",
    "number",
    "start_page",
    "end_page",
    "edition",
    "urls",
    "url",
    "doi",
    "issn",
    "language",
    "id",
}
_CSL_FIELDS = {
    "id",
    "type",
    "title",
    "author",
    "editor",
    "issued",
    "publisher",
    "publisher-place",
    "container-title",
    "volume",
    "issue",
    "page",
    "edition",
    "URL",
    "DOI",
    "ISBN",
    "ISSN",
    "language",
}
_LANGUAGES = {
    "english": "en",
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "french": "fr",
    "français": "fr",
    "portuguese": "pt",
    "português": "pt",
    "en-us": "en",
    "en-gb": "en",
    "es-es": "es",
    "es-mx": "es",
}


@dataclass
class Proposal:
    """One imported record: the entry we would write, or why not."""

    source: str
    """Where in the input file, e.g. ``zotero.bib: smith2010``."""
    data: dict[str, Any] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    problem: str | None = None
    written: Path | None = None

    @property
    def key(self) -> str:
        return str(self.data.get("key", "?"))

    @property
    def status(self) -> str:
        if self.problem:
            return f"error: {self.problem}"
        if self.duplicate_of:
            return f"duplicate of {self.duplicate_of}"
        if self.written:
            return "written"
        return "new"


def _clean_latex(value: str) -> str:
    r"""LaTeX to plain text (accents, quotes, dashes, braces, \relax, math), with pylatexenc.

    BibTeX exports write some letters as ``\ifmmode X\else Y\fi``: the text-mode Y is kept.
    A bare % would start a LaTeX comment and lose the rest of the value, so it is kept as text.
    """
    value = _IFMMODE.sub(r"\1", value)
    value = re.sub(r"(?<!\\)%", r"\\%", value)
    try:
        text = _LATEX.latex_to_text(value)
    except Exception:  # pylatexenc is lenient; this is for input it still cannot parse
        text = value.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


def _present(value: str | None) -> str | None:
    """`value`, unless it is one of the words exports write for "nothing"."""
    return value if value and value.strip().casefold() not in _ABSENT else None


def normalise_title(title: str) -> str:
    """Title for duplicate detection: no accents, case, punctuation or spacing differences."""
    text = unicodedata.normalize("NFKD", title.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _language(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().casefold()
    if re.fullmatch(r"[a-z]{2}", value):
        return value
    return _LANGUAGES.get(value)


def _person_or_org(name: str, known: frozenset[str] = frozenset()) -> tuple[str, dict[str, str] | str]:
    """Classify one author string ("Family, Given", "Given Family" or an organisation).

    BibTeX marks a corporate author by bracing the whole name; otherwise an institutional word
    ("Lab", "Ministerio", "University"), an all-capitals acronym, or the name of an organisation
    already in our data gives an organisation away.
    """
    braced = name.strip().startswith("{") and name.strip().endswith("}")
    name = _clean_latex(name)
    if braced or is_organisation(name, known):
        return "organisation", name
    if "," in name:
        family, _, given = name.partition(",")
        return "person", {"family": family.strip(), "given": given.strip()} if given.strip() else {"family": family}
    parts = name.split()
    if len(parts) == 1:
        return "person", {"family": name}
    return "person", {"family": parts[-1], "given": " ".join(parts[:-1])}


def is_organisation(name: str, known: frozenset[str] = frozenset()) -> bool:
    return bool(_CORPORATE.search(name)) or name.isupper() or organisation_key(name) in known


def organisation_key(name: str) -> str:
    """One key per organisation: ``United Nations Office on Drugs and Crime (UNODC)`` → ``unodc``."""
    plain = normalise_title(re.sub(r"\s*\([^()]*\)\s*$", "", name)) or normalise_title(name)
    return _ALIAS.get(plain, plain)


def _add_names(data: dict[str, Any], names: Iterable[str], known: frozenset[str] = frozenset()) -> None:
    for name in names:
        kind, value = _person_or_org(name, known)
        data.setdefault("authors" if kind == "person" else "organisations", []).append(value)


def _add_bibtex_person(data: dict[str, Any], person: Person, known: frozenset[str]) -> None:
    """Add a BibTeX name as a person or an organisation.

    pybtex splits "Mozilla Science Lab" into given and family names like a person's, so the name
    is judged in its natural order before it is taken as one.
    """
    natural = " ".join(
        person.first_names + person.middle_names + person.prelast_names + person.last_names + person.lineage_names
    )
    braced = natural.strip().startswith("{") and natural.strip().endswith("}")
    if braced or is_organisation(_clean_latex(natural), known):
        data.setdefault("organisations", []).append(_clean_latex(natural))
        return
    family = _clean_latex(" ".join(person.prelast_names + person.last_names + person.lineage_names))
    given = _clean_latex(" ".join(person.first_names + person.middle_names))
    data.setdefault("authors", []).append({"family": family, "given": given} if given else {"family": family})


def _key(data: dict[str, Any]) -> str:
    """A citation key in ctkb's style: first creator + year + first significant title word."""
    if data.get("authors"):
        who = data["authors"][0]["family"]
    elif data.get("organisations"):
        org = data["organisations"][0]
        acronym = re.search(r"\(([^()]+)\)\s*$", org)
        who = acronym.group(1) if acronym else org.split()[0]
    else:
        who = "anon"
    stop = {"the", "a", "an", "of", "on", "and", "la", "el", "los", "las", "de", "del", "y", "en", "un", "una"}
    words = [word for word in normalise_title(data.get("title", "")).split() if word not in stop]
    key = f"{normalise_title(who).replace(' ', '')}{data.get('year', '')}{words[0] if words else ''}"
    return re.sub(r"[^a-z0-9_]", "", key) or "imported"


def _from_bibtex(text: str, source: str, known: frozenset[str]) -> list[Proposal]:
    proposals = []
    database = parse_string(text, "bibtex")
    for entry_key, entry in database.entries.items():
        proposal = Proposal(f"{source}: {entry_key}")
        fields = {
            name.lower(): clean
            for name, value in entry.fields.items()
            if (clean := _present(_clean_latex(str(value)))) is not None
        }
        data: dict[str, Any] = {"type": _TYPES.get(entry.type.lower(), "report"), "title": fields.get("title", "")}
        for person in entry.persons.get("author") or entry.persons.get("editor") or []:
            _add_bibtex_person(data, person, known)
        year = re.search(r"\d{4}", fields.get("year") or fields.get("date") or "")
        if year:
            data["year"] = int(year.group(0))
        publisher = fields.get("publisher") or fields.get("institution") or fields.get("organization")
        publisher = publisher or fields.get("school")
        optional = {
            "publisher": publisher,
            "place": fields.get("address") or fields.get("location"),
            "edition": fields.get("edition"),
            "url": fields.get("url"),
            "doi": re.sub(r"^https?://(dx\.)?doi\.org/", "", fields.get("doi", "")) or None,
        }
        data |= {name: value for name, value in optional.items() if value}
        container = fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle")
        if container:
            data["container"] = {
                name: value
                for name, value in {
                    "title": container,
                    "volume": fields.get("volume"),
                    "issue": fields.get("number") or fields.get("issue"),
                    "pages": re.sub(r"-+|–", "-", fields.get("pages") or "") or None,
                }.items()
                if value
            }
        data["identifiers"] = {k: fields[k] for k in ("isbn", "issn") if fields.get(k)}
        language = _language(fields.get("language") or fields.get("langid"))
        proposal.data = _finish(data, language)
        proposal.dropped = sorted(set(fields) - _BIBTEX_FIELDS)
        proposals.append(proposal)
    return proposals


def _from_ris(text: str, source: str, known: frozenset[str]) -> list[Proposal]:
    proposals = []
    for index, record in enumerate(rispy.loads(text), start=1):
        proposal = Proposal(f"{source}: record {index}")
        data: dict[str, Any] = {
            "type": _TYPES.get(str(record.get("type_of_reference", "")).lower(), "report"),
            "title": _clean_latex(record.get("title") or record.get("primary_title") or ""),
        }
        _add_names(data, record.get("authors") or record.get("first_authors") or [], known)
        year = re.search(r"\d{4}", str(record.get("year") or record.get("publication_year") or record.get("date", "")))
        if year:
            data["year"] = int(year.group(0))
        urls = record.get("urls") or ([record["url"]] if record.get("url") else [])
        optional = {
            "publisher": record.get("publisher"),
            "place": record.get("place_published"),
            "edition": record.get("edition"),
            "url": urls[0] if urls else None,
            "doi": re.sub(r"^https?://(dx\.)?doi\.org/", "", record.get("doi", "")) or None,
        }
        data |= {name: value for name, value in optional.items() if value}
        container = record.get("secondary_title") or record.get("journal_name") or record.get("alternate_title3")
        if container and data["type"] in ("article", "chapter"):
            pages = "-".join(p for p in (record.get("start_page"), record.get("end_page")) if p) or None
            data["container"] = {
                name: value
                for name, value in {
                    "title": container,
                    "volume": record.get("volume"),
                    "issue": record.get("number"),
                    "pages": pages,
                }.items()
                if value
            }
        if record.get("issn"):
            label = "isbn" if re.sub(r"[^0-9Xx]", "", record["issn"]).__len__() in (10, 13) else "issn"
            data["identifiers"] = {label: record["issn"]}
        proposal.data = _finish(data, _language(record.get("language")))
        proposal.dropped = sorted(set(record) - _RIS_FIELDS)
        proposals.append(proposal)
    return proposals


def _from_csl(text: str, source: str, known: frozenset[str]) -> list[Proposal]:
    items = json.loads(text)
    if isinstance(items, dict):
        items = items.get("items", [items])
    proposals = []
    for index, item in enumerate(items, start=1):
        proposal = Proposal(f"{source}: {item.get('id', index)}")
        kind = str(item.get("type", "report"))
        data: dict[str, Any] = {
            "type": _TYPES.get(kind, _TYPES.get(f"{kind}-csl", "report")),
            "title": item.get("title", ""),
        }
        for creator in item.get("author") or item.get("editor") or []:
            if "literal" in creator or (
                "family" in creator and "given" not in creator and is_organisation(creator["family"], known)
            ):
                data.setdefault("organisations", []).append(creator.get("literal") or creator["family"])
            elif "family" in creator:
                person = {"family": creator["family"], **({"given": creator["given"]} if creator.get("given") else {})}
                data.setdefault("authors", []).append(person)
        parts = (item.get("issued") or {}).get("date-parts") or [[]]
        if parts and parts[0]:
            data["year"] = int(parts[0][0])
        optional = {
            "publisher": item.get("publisher"),
            "place": item.get("publisher-place"),
            "edition": str(item["edition"]) if item.get("edition") else None,
            "url": item.get("URL"),
            "doi": item.get("DOI"),
        }
        data |= {name: value for name, value in optional.items() if value}
        if item.get("container-title"):
            data["container"] = {
                name: str(value)
                for name, value in {
                    "title": item["container-title"],
                    "volume": item.get("volume"),
                    "issue": item.get("issue"),
                    "pages": item.get("page"),
                }.items()
                if value
            }
        data["identifiers"] = {k.lower(): str(item[k]) for k in ("ISBN", "ISSN") if item.get(k)}
        proposal.data = _finish(data, _language(item.get("language")))
        proposal.dropped = sorted(set(item) - _CSL_FIELDS)
        proposals.append(proposal)
    return proposals


def _finish(data: dict[str, Any], language: str | None) -> dict[str, Any]:
    """Our record shape: key, language, pending translations, and verification to be done."""
    if not data.get("identifiers"):
        data.pop("identifiers", None)
    names = ("authors", "organisations", "year", "publisher", "place", "url", "doi")
    unchecked: list[str] = [name for name in names if name in data]
    if language is None:
        unchecked.append("languages")
    ordered: dict[str, Any] = {"key": _key(data), "type": data.pop("type"), "title": data.pop("title")}
    ordered["languages"] = [language or "en"]
    ordered |= data
    ordered["annotation"] = {
        "en": "Annotation to be written: this entry was imported and has not been reviewed.",
        "awaiting_translation": ["es"],
    }
    today = dt.date.today().isoformat()
    ordered["verification"] = {
        "status": "unverified",
        "evidence": [
            {
                "at": "the imported reference list",
                "note": {
                    "en": f"imported on {today}; check every field against the work itself",
                    "es": f"importado el {today}; compruebe cada campo con la obra misma",
                },
            }
        ],
        "unchecked": unchecked,
    }
    return ordered


def read_references(path: Path, organisations: Iterable[str] = ()) -> list[Proposal]:
    """Proposals for every record in a BibTeX, RIS or CSL-JSON file (chosen by content).

    Args:
        path: The exported file.
        organisations: Names of organisations already in our data, so that an export that
            writes one without braces or institutional words still reads as an organisation.
    """
    known = frozenset(organisation_key(name) for name in organisations)
    text = path.read_text(encoding="utf-8-sig")
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        return _from_csl(text, path.name, known)
    if re.search(r"^TY  - ", text, re.M):
        return _from_ris(text, path.name, known)
    return _from_bibtex(text, path.name, known)


@dataclass(frozen=True)
class _Work:
    """What duplicate detection compares: DOI, main title, year and creators."""

    key: str
    doi: str
    title: str
    main_title: str
    year: int | None
    creators: frozenset[str]

    @classmethod
    def of(cls, key: str, data: dict[str, Any]) -> _Work:
        title = re.sub(r"\b(19|20)\d{2}\b", " ", normalise_title(str(data.get("title", ""))))
        main = re.split(r"[:.?!]| - | — ", str(data.get("title", "")))[0]
        people = {normalise_title(str(person.get("family", ""))) for person in data.get("authors") or []}
        orgs = {organisation_key(str(name)) for name in data.get("organisations") or []}
        year = data.get("year")
        return cls(
            key,
            str(data.get("doi") or "").casefold(),
            " ".join(title.split()),
            " ".join(re.sub(r"\b(19|20)\d{2}\b", " ", normalise_title(main)).split()),
            int(year) if year else None,
            frozenset(people | orgs) - {""},
        )

    def same_as(self, other: _Work) -> bool:
        """Same DOI; or agreeing titles, the same year, and a creator in common when both name one.

        Titles agree allowing for a subtitle, a year in the title, accents and case.
        """
        if self.doi and self.doi == other.doi:
            return True
        if self.year and other.year and self.year != other.year:
            return False
        if self.creators and other.creators and not self.creators & other.creators:
            return False
        score = max(fuzz.ratio(self.title, other.title), fuzz.ratio(self.main_title, other.main_title))
        return score >= _SAME_TITLE


_SAME_TITLE = 92
"""Least rapidfuzz ratio (0–100) at which two normalised titles are one title written two ways."""


def find_duplicates(proposals: list[Proposal], existing: Iterable[Reference]) -> None:
    """Mark proposals that match an existing entry, or an earlier proposal of the same file."""
    works = [_Work.of(ref.key, ref.model_dump()) for ref in existing]
    keys = {work.key for work in works}
    for proposal in proposals:
        if proposal.problem:
            continue
        work = _Work.of(proposal.key, proposal.data)
        proposal.duplicate_of = next((other.key for other in works if work.same_as(other)), None)
        if proposal.duplicate_of:
            continue
        key, suffix = proposal.data["key"], 1
        while key in keys:
            suffix += 1
            key = f"{proposal.data['key']}_{suffix}"
        proposal.data["key"] = key
        keys.add(key)
        works.append(_Work.of(key, proposal.data))


def check_proposals(proposals: list[Proposal], languages: tuple[str, ...]) -> None:
    """Mark every new proposal that would not validate, saying what it lacks: it is not written."""
    for proposal in proposals:
        if proposal.duplicate_of or proposal.problem:
            continue
        try:
            Reference.model_validate(proposal.data, context={"languages": languages})
        except ValidationError as exc:
            found = []
            for error in exc.errors():
                loc = _field_of(error)
                found.append(f"{field_label(loc) or 'entry'}: {editor_message(error, Reference, loc)}")
            proposal.problem = "cannot be written as it is; " + "; ".join(found)


def _field_of(error: Any) -> tuple[str | int, ...]:
    loc = tuple(part for part in error["loc"] if not str(part).startswith("function-after"))
    field = (error.get("ctx") or {}).get("field")
    return (*loc, *field.split(".")) if field else loc


def write_proposals(proposals: list[Proposal], folder: Path) -> None:
    """Write every new proposal as ``<key>.yaml``; never overwrite an existing file."""
    for proposal in proposals:
        if proposal.duplicate_of or proposal.problem:
            continue
        target = folder / f"{proposal.key}.yaml"
        if target.exists():
            proposal.problem = f"{target.name} already exists; not overwritten"
            continue
        header = "# yaml-language-server: $schema=../schemas/reference.schema.json\n"
        body = yaml.safe_dump(proposal.data, allow_unicode=True, sort_keys=False, width=100)
        target.write_text(header + body, encoding="utf-8")
        proposal.written = target
