"""The directory of actors: who identifies, refers, receives referrals and coordinates, per country.

One YAML file per organisation, national body, coordination mechanism or network under
``actors/``. Public facts only come with the evidence of where they were seen; contact details
that would endanger people if published (shelter addresses, focal points' names, phones and
e-mails) live under ``restricted`` and reach only the internal build. A phone number or e-mail
typed by mistake into a public field is refused (`ctkb.contacts`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Literal, get_args

import pycountry
from markupsafe import Markup
from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ctkb.bibliography import Reference
from ctkb.contacts import NOT_PROSE
from ctkb.content import ContentType, Helpers, Printable, SourcePage
from ctkb.errors import ErrorList
from ctkb.evidence import AS_PUBLISHED, Evidence
from ctkb.facets import Facet, build_facets
from ctkb.records import (
    RESTRICTED,
    CitationKey,
    CountryCode,
    EditorNote,
    LanguageCode,
    Record,
    RecordId,
    Url,
    _Part,
    references,
    vocabulary,
    vocabulary_of,
)
from ctkb.regionmap import region_map
from ctkb.roles import Role
from ctkb.text import RichText, Text, country_name, sort_key, ui_strings

if TYPE_CHECKING:
    from ctkb.catalog import Catalog, Lookup
    from ctkb.render import Renderer


def _check_area(value: str) -> str:
    if pycountry.subdivisions.get(code=value) is None:  # type: ignore[no-untyped-call]
        raise PydanticCustomError(
            "ctkb", "'{value}' is not an ISO 3166-2 subdivision code (e.g. MX-CHP for Chiapas)", {"value": value}
        )
    return value


AreaCode = Annotated[str, AfterValidator(_check_area)]
ReferralRole = Literal["identifies", "refers", "receives-referrals", "coordinates"]


class Hotline(_Part):
    """A public hotline: only with the evidence of where the number was published."""

    number: str = Field(
        pattern=r"^\+?[0-9][0-9 ()-]{1,20}$", description="The number as published.", json_schema_extra=NOT_PROSE
    )
    name: Text = Field(description="What the line is for.")
    evidence: Evidence = Field(description="Where the number was seen and what the source showed.")


class DataPractice(_Part):
    """What an actor does with case data or training, as a public source showed it.

    The mapping of actors says who collects what and through whom training goes: each such
    claim stands only with the evidence of where it was seen.
    """

    kind: RecordId = Field(
        description="What it does (vocabularies/data-practices.yaml).", json_schema_extra=vocabulary("data-practices")
    )
    what: Text = Field(description="What exactly, in our words: the data, report, registry or training, as seen.")
    system: str | None = Field(
        default=None,
        description="The registry, information system or report named, as published.",
        json_schema_extra=AS_PUBLISHED,
    )
    evidence: Evidence = Field(description="Where it was seen and what the source showed.")


class Restricted(_Part):
    """Contact details that must never be published; only the internal build shows them."""

    address: str | None = Field(default=None, description="Street address (e.g. of a shelter).")
    focal_point: str | None = Field(default=None, description="Name of the focal point.")
    phone: str | None = Field(default=None, description="Direct or personal phone number.")
    email: str | None = Field(default=None, description="Direct or personal e-mail address.")


class Actor(Record):
    """An organisation, national body, coordination mechanism or network in the referral chain."""

    id: RecordId = Field(description="Stable identifier, also the file name: <country>-<slug> or reg-<slug>.")
    name: str = Field(
        min_length=2, description="Official name in the original language.", json_schema_extra=AS_PUBLISHED
    )
    acronym: str | None = Field(default=None, description="Acronym, as the actor uses it.")
    name_language: str = Field(default="es", description="Language of the name (en, es).")
    name_translation: dict[str, str] = Field(
        default_factory=dict, description="Our translation of the name into each other site language."
    )
    description: RichText = Field(description="What it is and what it does in the referral chain, in our words.")
    type: RecordId = Field(
        description="Kind of actor (vocabularies/actor-types.yaml).", json_schema_extra=vocabulary("actor-types")
    )
    level: Literal["national", "regional", "local", "transnational"] = Field(
        description="national; regional (a state or province); local (municipal); transnational."
    )
    country: CountryCode | None = Field(default=None, description="ISO 3166-1 code; omitted for transnational actors.")
    countries: tuple[CountryCode, ...] = Field(
        default=(), description="Member countries of a transnational actor, as seen (none if not named)."
    )
    areas: tuple[AreaCode, ...] = Field(default=(), description="ISO 3166-2 codes of the states or provinces covered.")
    area_note: Text | None = Field(default=None, description="Coverage as seen, when narrower than the areas.")
    services: tuple[RecordId, ...] = Field(
        min_length=1, description="Services (vocabularies/services.yaml).", json_schema_extra=vocabulary("services")
    )
    populations: tuple[RecordId, ...] = Field(
        default=(),
        description="Populations (vocabularies/populations.yaml).",
        json_schema_extra=vocabulary("populations"),
    )
    referral: tuple[ReferralRole, ...] = Field(
        default=(), description="Role in referral: identifies, refers, receives-referrals, coordinates."
    )
    sop_roles: tuple[RecordId, ...] = Field(
        default=(), description="Workflow roles (roles/) this actor can hold.", json_schema_extra=references("roles")
    )
    member_of: tuple[RecordId, ...] = Field(
        default=(),
        description="Ids of coordination bodies or networks it sits on.",
        json_schema_extra=references("actors"),
    )
    chair: Text | None = Field(default=None, description="Who presides (an institution, never a person), as seen.")
    members: tuple[str, ...] = Field(
        default=(), description="Member institutions as seen, in the original language.", json_schema_extra=AS_PUBLISHED
    )
    legal_basis: CitationKey | None = Field(
        default=None,
        description="Bibliography key of the law creating it.",
        json_schema_extra=references("bibliography"),
    )
    legal_basis_note: Text | None = Field(default=None, description="The provision, as seen.")
    languages: tuple[LanguageCode, ...] = Field(
        default=(), description="Languages it works in (ISO 639-1, e.g. es, en, and indigenous languages' codes)."
    )
    website: Url | None = Field(
        default=None, description="Public website, only if seen in a source.", json_schema_extra=NOT_PROSE
    )
    hotlines: tuple[Hotline, ...] = Field(default=(), description="Public hotlines, each with its evidence.")
    data_practices: tuple[DataPractice, ...] = Field(
        default=(),
        description="Case data it records, publishes or feeds into a national system, and training it coordinates or "
        "gives; each with its evidence.",
    )
    restricted: Annotated[
        Restricted | None,
        Field(
            description="Never published: addresses, focal points' names, phones, e-mails.",
            json_schema_extra=RESTRICTED,
        ),
    ] = None
    evidence: tuple[Evidence, ...] = Field(min_length=1, description="Where each fact was seen and what it showed.")
    checked: dt.date = Field(description="When the entry was last checked against its evidence.")
    unchecked: tuple[str, ...] = Field(default=(), description="Fields still to be confirmed; flagged on the page.")
    note: Text | None = Field(default=None, description="Caveats: dates, name variants, what changed.")
    editor_note: EditorNote = None

    @model_validator(mode="after")
    def _consistent(self) -> Actor:
        if self.level == "transnational":
            if self.country:
                raise PydanticCustomError(
                    "ctkb",
                    "a transnational actor has no single country: list the member countries seen under countries",
                    {"field": "country"},
                )
        elif self.country is None or self.countries:
            raise PydanticCustomError(
                "ctkb", "give the country (countries is only for transnational actors)", {"field": "country"}
            )
        unknown = [name for name in self.unchecked if name not in type(self).model_fields]
        if unknown:
            raise PydanticCustomError(
                "ctkb",
                "unchecked names fields that do not exist: {names}",
                {"names": ", ".join(unknown), "field": "unchecked"},
            )
        return self

    @property
    def countries_covered(self) -> tuple[str, ...]:
        return (self.country,) if self.country else self.countries

    def is_unchecked(self, field: str) -> bool:
        return field in self.unchecked


def area_name(code: str) -> str:
    """``MX-CHP`` → ``Chiapas`` (subdivision names are the same in both site languages)."""
    subdivision = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    return str(subdivision.name) if subdivision else code


def directory_countries(actors: list[Actor]) -> list[str]:
    """Countries with at least one national, regional or local actor, by code."""
    return sorted({actor.country for actor in actors if actor.country})


def check(known: Lookup, errors: ErrorList) -> None:
    """Not a member of itself, and a translated name (contact details: see `ctkb.contacts`)."""
    languages = known.catalog.project.languages
    for actor in known.catalog.of(Actor).values():
        if actor.id in actor.member_of:
            actor.report(
                errors, ("member_of", actor.member_of.index(actor.id)), "an actor cannot be a member of itself"
            )
        for code in languages:
            if code != actor.name_language and not actor.name_translation.get(code):
                actor.report(
                    errors, ("name_translation",), f"add the name in '{code}': the name is in '{actor.name_language}'"
                )


@dataclass(frozen=True)
class DirectoryIndex:
    actors: list[Actor]
    countries: list[str]
    by_country: dict[str, list[Actor]]


@dataclass(frozen=True)
class ActorPage:
    actor: Actor
    listed_members: list[Actor]
    law: Reference | None
    roles: dict[str, Role]
    actors: dict[str, Actor]


@dataclass(frozen=True)
class CountryPage:
    code: str
    hotlines: list[tuple[Actor, Hotline]]
    laws: list[Reference]
    coordination: list[Actor]
    members_of: dict[str, list[Actor]]
    referral: dict[str, list[Actor]]
    by_type: list[tuple[str, list[Actor]]]
    regional: list[Actor]
    roles: dict[str, Role]
    actors: dict[str, Actor]
    data_practices: list[tuple[Actor, DataPractice]]
    """Who records, publishes or feeds case data; `training`: who coordinates or gives training."""
    training: list[tuple[Actor, DataPractice]]


TRAINING_PRACTICES = ("coordinates-training", "trains")


@dataclass(frozen=True)
class CountryDirectory:
    """A country's printable referral directory, for its page and its PDFs alike."""

    code: str
    actors_in_country: list[Actor]


def _ordered(catalog: Catalog) -> list[Actor]:
    """By country, then by name in Spanish collation (most names are Spanish), everywhere."""
    return sorted(catalog.of(Actor).values(), key=lambda actor: (actor.country or "~", sort_key(actor.name, "es")))


def pages(catalog: Catalog) -> Iterator[SourcePage]:
    """The directory with its map, a page per actor, and a page per country."""
    actors = _ordered(catalog)
    if not actors:
        return
    refs = catalog.of(Reference)
    by_id, roles = catalog.of(Actor), catalog.of(Role)
    countries = directory_countries(actors)
    by_country = {code: [actor for actor in actors if actor.country == code] for code in countries}
    members_of = {actor.id: [other for other in actors if actor.id in other.member_of] for actor in actors}
    yield SourcePage("actors/index", "pages/actors-index.md.j2", DirectoryIndex(actors, countries, by_country))
    for actor in actors:
        law = refs.get(actor.legal_basis or "")
        view = ActorPage(actor, members_of[actor.id], law, roles, by_id)
        yield SourcePage(f"actors/{actor.id}", "pages/actor.md.j2", view)
    for code in countries:
        here = by_country[code]
        types = list(dict.fromkeys(actor.type for actor in here))
        country = CountryPage(
            code=code,
            hotlines=[(actor, line) for actor in here for line in actor.hotlines],
            laws=list({key: refs[key] for actor in here if (key := actor.legal_basis)}.values()),
            coordination=[a for a in here if a.type == "coordination-body" and a.level == "national"],
            members_of=members_of,
            referral={role: [a for a in here if role in a.referral] for role in get_args(ReferralRole)},
            by_type=[(type_id, [actor for actor in here if actor.type == type_id]) for type_id in types],
            regional=[actor for actor in actors if code in actor.countries],
            roles=roles,
            actors=by_id,
            data_practices=[(a, p) for a in here for p in a.data_practices if p.kind not in TRAINING_PRACTICES],
            training=[(a, p) for a in here for p in a.data_practices if p.kind in TRAINING_PRACTICES],
        )
        yield SourcePage(f"actors/countries/{code.lower()}", "pages/country.md.j2", country)


def printables(catalog: Catalog) -> Iterator[Printable]:
    """Each country's referral directory: its printable page, and its PDFs from the same view."""
    actors = _ordered(catalog)
    for code in directory_countries(actors):
        view = CountryDirectory(code, [actor for actor in actors if actor.country == code])
        page = SourcePage(f"actors/countries/{code.lower()}-print", "pages/country-print.md.j2", view)
        yield Printable(page, f"actors/pdf/{code.lower()}", "print/directory.html.j2")


def facets(actors: list[Actor], catalog: Catalog, renderer: Renderer) -> list[Facet]:
    """Facets of the directory: country, area, type, service, population, role in referral."""
    ui, lang = renderer.ui["actors"], renderer.lang
    labels: dict[str, Callable[[str], str]] = {
        "country": lambda value: country_name(value, lang),
        "area": area_name,
        "type": functools.partial(catalog.label, vocabulary_of(Actor, "type"), lang=lang),
        "service": functools.partial(catalog.label, vocabulary_of(Actor, "services"), lang=lang),
        "population": functools.partial(catalog.label, vocabulary_of(Actor, "populations"), lang=lang),
        "referral": lambda value: str(ui["referral_roles"][value]),
    }
    values: dict[str, Callable[[Actor], Iterable[str]]] = {
        "country": lambda actor: actor.countries_covered,
        "area": lambda actor: actor.areas,
        "type": lambda actor: [actor.type],
        "service": lambda actor: actor.services,
        "population": lambda actor: actor.populations,
        "referral": lambda actor: actor.referral,
    }
    order = {"referral": list(get_args(ReferralRole))}
    return build_facets(actors, values, labels, ui["facets"], lang, order, opened=("country", "service"))


@functools.lru_cache(maxsize=2)  # one Node run per catalogue, for every language
def region_maps(catalog: Catalog) -> dict[str, Markup]:
    """Language → the directory's region map, with each country's page and number of actors."""
    actors = list(catalog.of(Actor).values())
    maps = {}
    for lang in catalog.project.languages:
        ui = ui_strings(lang)["actors"]
        entries = [
            {
                "code": code,
                "name": country_name(code, lang),
                "href": f"countries/{code.lower()}.html",  # relative to actors/index
                "count": ui["map_count"].format(count=sum(1 for actor in actors if actor.country == code)),
            }
            for code in directory_countries(actors)
        ]
        maps[lang] = region_map(entries, ui["map_title"])
    return maps


def helpers(catalog: Catalog, renderer: Renderer) -> Helpers:
    lang = renderer.lang
    return {
        "actor_facets": lambda items: facets(items, catalog, renderer),
        "region_svg": lambda: region_maps(catalog)[lang],
        "area": area_name,
    }


CONTENT = ContentType(
    folder="actors",
    model=Actor,
    schema="actor",
    noun="actor",
    plural="actors",
    check=check,
    pages=pages,
    printables=printables,
    helpers=helpers,
)
