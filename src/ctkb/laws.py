"""Country legal frameworks: each country's anti-trafficking law and the provisions we checked.

One YAML file per country's law under ``laws/``. A provision is one article, summarised in our
own words, with the evidence of where it was seen and whether that source is the law's official
text (or an official page) or a secondary one. The five key points every law page answers
(definition, non-punishment, assistance, coordination, referral) are listed as "not checked"
when no provision covers them, so a reader can tell a gap in our reading from a gap in the law.
A provision may name the workflow steps and roles it grounds; their pages show it as the legal
basis, per country.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ctkb import pagelinks
from ctkb.actors import AreaCode, area_name
from ctkb.bibliography import Reference
from ctkb.content import ContentType, Helpers, SourcePage
from ctkb.evidence import Evidence
from ctkb.records import (
    CitationKey,
    CountryCode,
    EditorNote,
    Record,
    RecordId,
    _Part,
    references,
    vocabulary,
)
from ctkb.text import Text, country_name

if TYPE_CHECKING:
    from ctkb.catalog import Catalog, Lookup
    from ctkb.errors import ErrorList
    from ctkb.render import Renderer

KEY_TOPICS = ("definition", "non-punishment", "assistance", "coordination", "referral")
"""The points every law page answers, checked or not (vocabularies/legal-topics.yaml labels them)."""


def _article_as_text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _check_article(value: str) -> str:
    if not re.fullmatch(r"[0-9]+(-?[A-Z]| bis| ter| quater)?", value):
        raise PydanticCustomError(
            "ctkb",
            "'{value}' is not an article number: write one article as the law numbers it, e.g. 4, 367-B or 5 bis",
            {"value": value},
        )
    return value


Article = Annotated[str, BeforeValidator(_article_as_text), AfterValidator(_check_article)]


class Provision(_Part):
    """One article of the law, as a source showed it, and what it grounds in the procedures."""

    topic: RecordId = Field(
        description="What the article is about (vocabularies/legal-topics.yaml).",
        json_schema_extra=vocabulary("legal-topics"),
    )
    article: Article = Field(description="The article's number as the law numbers it, e.g. 4 (one article each).")
    instrument: Text | None = Field(
        default=None,
        description="The law the article is in when it is not this one, e.g. the criminal code that holds the "
        "offence, as lines name it (the Criminal Code); leave it out for an article of this law.",
    )
    summary: Text = Field(description="What the article does, in our own words (never a quotation).")
    evidence: Evidence = Field(description="Where the article was seen and what the source showed.")
    status: Literal["verified", "secondary"] = Field(
        description="verified: seen in the law's official text or an official page; secondary: seen only in a "
        "secondary source (a database of laws, an encyclopedia, a news item)."
    )
    grounds: tuple[str, ...] = Field(
        default=(),
        description="Workflow steps (workflow-id#step-id) and roles (role id) this article is the legal basis of.",
    )

    @property
    def anchor(self) -> str:
        """Its id on the law's page: ``art-4-coordination`` (an article may serve two points)."""
        return f"art-{self.article.lower().replace(' ', '-')}-{self.topic}"


class Law(Record):
    """A country's anti-trafficking law, and the provisions of it that were checked."""

    id: RecordId = Field(
        description="Stable identifier, also the file name: the country code in lower case (gt), or the state's "
        "code for a state law (mx-cam)."
    )
    country: CountryCode = Field(description="ISO 3166-1 code of the country, as the directory of actors uses it.")
    area: AreaCode | None = Field(
        default=None,
        description="For a state's own law, the state's ISO 3166-2 code, as the directory of actors uses it "
        "(MX-CAM); none for a national law.",
    )
    law: CitationKey = Field(
        description="Bibliography key of the law (its public text is linked from there).",
        json_schema_extra=references("bibliography"),
    )
    short_title: Text = Field(description="How lines such as 'article 4 of …' name the law, e.g. Decree 9-2009.")
    note: Text | None = Field(default=None, description="What else was seen, or not seen, about the law, in our words.")
    provisions: tuple[Provision, ...] = Field(
        default=(), description="The articles checked, one per item; the key points without one show as not checked."
    )
    editor_note: EditorNote = None

    @model_validator(mode="after")
    def _area_in_country(self) -> Law:
        if self.area and not self.area.startswith(f"{self.country}-"):
            raise PydanticCustomError(
                "ctkb",
                "{area} is not a state of {country}",
                {"area": self.area, "country": self.country, "field": "area"},
            )
        return self

    @model_validator(mode="after")
    def _one_entry_per_point(self) -> Law:
        seen: set[str] = set()
        for index, provision in enumerate(self.provisions):
            if provision.anchor in seen:
                raise PydanticCustomError(
                    "ctkb",
                    "article {article} is already listed for {topic}: give each point of an article once",
                    {"article": provision.article, "topic": provision.topic, "field": f"provisions.{index}.article"},
                )
            seen.add(provision.anchor)
        return self

    @property
    def checked_topics(self) -> list[str]:
        """The key points at least one provision covers, in the order of `KEY_TOPICS`."""
        covered = {provision.topic for provision in self.provisions}
        return [topic for topic in KEY_TOPICS if topic in covered]

    @property
    def unchecked_topics(self) -> list[str]:
        return [topic for topic in KEY_TOPICS if topic not in self.checked_topics]


def check(known: Lookup, errors: ErrorList) -> None:
    """Every ground names a workflow step or a role; the vocabulary holds the key points."""
    laws = known.catalog.of(Law)
    vocabularies = known.catalog.vocabularies
    for law in laws.values():
        for index, provision in enumerate(law.provisions):
            for position, ground in enumerate(provision.grounds):
                message = _ground_problem(known, ground)
                if message:
                    law.report(errors, ("provisions", index, "grounds", position), message)
    topics = vocabularies.get("legal-topics")
    missing = [topic for topic in KEY_TOPICS if topics is not None and topic not in topics.terms]
    if laws and topics is not None and missing:
        topics.report(errors, ("terms",), f"add the key points every law page lists: {', '.join(missing)}")


def _ground_problem(known: Lookup, ground: str) -> str | None:
    if "#" in ground:
        return pagelinks.problem(known, f"workflows/{ground}", written=ground)
    if known.names("roles", ground):
        return None
    return f"no role '{ground}' (expected a file roles/{ground}.yaml; write a workflow step as workflow-id#step-id)"


@dataclass(frozen=True)
class Basis:
    """One article grounding a step or a role, with its law: a line of "Legal basis"."""

    law: Law
    provision: Provision

    @property
    def law_title(self) -> Text:
        """How the line names the article's law: the provision's own instrument, or this law."""
        return self.provision.instrument or self.law.short_title


def legal_bases(catalog: Catalog) -> dict[str, list[Basis]]:
    """Ground (``workflow#step`` or role id) → the articles grounding it, by country then article."""
    found: dict[str, list[Basis]] = {}
    for law in ordered(catalog):
        for provision in law.provisions:
            for ground in provision.grounds:
                found.setdefault(ground, []).append(Basis(law, provision))
    return found


def by_country(bases: list[Basis], laws: Iterable[Law]) -> list[tuple[Law, list[Basis]]]:
    """The bases grouped by law, every national law included: an empty group reads "not checked".

    A state's law is listed only where one of its articles grounds the step or role: the national
    laws apply everywhere, a state's only in that state. Nothing at all when no article grounds the
    step or role, so only grounded ones carry the list.
    """
    if not bases:
        return []
    groups = [(law, [basis for basis in bases if basis.law.id == law.id]) for law in laws]
    return [(law, found) for law, found in groups if found or law.area is None]


def ordered(catalog: Catalog) -> list[Law]:
    """The laws entered, by country code, each country's states after it.

    The order of the index and of every "legal basis" list.
    """
    return sorted(catalog.of(Law).values(), key=lambda law: (law.country, law.area or "", law.id))


@dataclass(frozen=True)
class LawsIndex:
    laws: list[Law]
    references: dict[str, Reference]
    key_topics: tuple[str, ...]


@dataclass(frozen=True)
class LawPage:
    law: Law
    reference: Reference
    key_topics: tuple[str, ...]
    provisions: list[tuple[Provision, list[str]]]
    """Each provision with what it grounds, as page links (``workflows/id#step``, ``roles/id``)."""


def ground_link(ground: str) -> str:
    """A ground as a page link: ``workflow#step`` → ``workflows/workflow#step``, a role → ``roles/id``."""
    return f"workflows/{ground}" if "#" in ground else f"roles/{ground}"


def pages(catalog: Catalog) -> Iterator[SourcePage]:
    """The index (which says so when no law is entered) and a page per country's law."""
    laws = ordered(catalog)
    refs = catalog.of(Reference)
    yield SourcePage("laws/index", "pages/laws-index.md.j2", LawsIndex(laws, refs, KEY_TOPICS))
    for law in laws:
        provisions = [
            (provision, [ground_link(ground) for ground in provision.grounds]) for provision in law.provisions
        ]
        view = LawPage(law, refs[law.law], KEY_TOPICS, provisions)
        yield SourcePage(f"laws/{law.id}", "pages/law.md.j2", view)


def place(law: Law, lang: str) -> str:
    """Where the law applies, as the lines about it name it: ``Guatemala``, ``Campeche (Mexico)``."""
    country = country_name(law.country, lang)
    return f"{area_name(law.area)} ({country})" if law.area else country


def with_country(url: str, country: str) -> str:
    """The link with ``?country=`` before its fragment: the step or role opens on that country's basis."""
    target, hash_, anchor = url.partition("#")
    return f"{target}?country={country}{hash_}{anchor}"


def helpers(catalog: Catalog, renderer: Renderer) -> Helpers:
    return {"law_place": functools.partial(place, lang=renderer.lang), "with_country": with_country}


CONTENT = ContentType(
    folder="laws",
    model=Law,
    schema="law",
    noun="law",
    plural="legal frameworks",
    check=check,
    pages=pages,
    helpers=helpers,
)
