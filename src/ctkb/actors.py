"""The directory of actors: who identifies, refers, receives referrals and coordinates, per country.

One YAML file per organisation, national body, coordination mechanism or network under
``actors/``. Public facts only come with the evidence of where they were seen; contact details
that would endanger people if published (shelter addresses, focal points' names, phones and
e-mails) live under ``restricted`` and reach only the internal build. A phone number or e-mail
typed by mistake into a public field is refused (`check_public_contacts`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import pycountry
from pydantic import AfterValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from ctkb.errors import ErrorList
from ctkb.project import Project
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
    load_records,
)
from ctkb.text import RichText, Text


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

    number: str = Field(pattern=r"^\+?[0-9][0-9 ()-]{1,20}$", description="The number as published.")
    name: Text = Field(description="What the line is for.")
    evidence: str = Field(min_length=10, description="Where the number was seen (address: what it showed).")


class Restricted(_Part):
    """Contact details that must never be published; only the internal build shows them."""

    address: str | None = Field(default=None, description="Street address (e.g. of a shelter).")
    focal_point: str | None = Field(default=None, description="Name of the focal point.")
    phone: str | None = Field(default=None, description="Direct or personal phone number.")
    email: str | None = Field(default=None, description="Direct or personal e-mail address.")


class Actor(Record):
    """An organisation, national body, coordination mechanism or network in the referral chain."""

    id: RecordId = Field(description="Stable identifier, also the file name: <country>-<slug> or reg-<slug>.")
    name: str = Field(min_length=2, description="Official name in the original language.")
    acronym: str | None = Field(default=None, description="Acronym, as the actor uses it.")
    name_language: str = Field(default="es", description="Language of the name (en, es).")
    name_translation: dict[str, str] = Field(
        default_factory=dict, description="Our translation of the name into each other site language."
    )
    description: RichText = Field(description="What it is and what it does in the referral chain, in our words.")
    type: RecordId = Field(description="Kind of actor (vocabularies/actor-types.yaml).")
    level: Literal["national", "regional", "local", "transnational"] = Field(
        description="national; regional (a state or province); local (municipal); transnational."
    )
    country: CountryCode | None = Field(default=None, description="ISO 3166-1 code; omitted for transnational actors.")
    countries: tuple[CountryCode, ...] = Field(
        default=(), description="Member countries of a transnational actor, as seen (none if not named)."
    )
    areas: tuple[AreaCode, ...] = Field(default=(), description="ISO 3166-2 codes of the states or provinces covered.")
    area_note: Text | None = Field(default=None, description="Coverage as seen, when narrower than the areas.")
    services: tuple[RecordId, ...] = Field(min_length=1, description="Services (vocabularies/services.yaml).")
    populations: tuple[RecordId, ...] = Field(default=(), description="Populations (vocabularies/populations.yaml).")
    referral: tuple[ReferralRole, ...] = Field(
        default=(), description="Role in referral: identifies, refers, receives-referrals, coordinates."
    )
    sop_roles: tuple[RecordId, ...] = Field(default=(), description="Workflow roles (roles/) this actor can hold.")
    member_of: tuple[RecordId, ...] = Field(
        default=(), description="Ids of coordination bodies or networks it sits on."
    )
    chair: Text | None = Field(default=None, description="Who presides (an institution, never a person), as seen.")
    members: tuple[str, ...] = Field(default=(), description="Member institutions as seen, in the original language.")
    legal_basis: CitationKey | None = Field(default=None, description="Bibliography key of the law creating it.")
    legal_basis_note: Text | None = Field(default=None, description="The provision, as seen.")
    languages: tuple[LanguageCode, ...] = Field(
        default=(), description="Languages it works in (ISO 639-1, e.g. es, en, and indigenous languages' codes)."
    )
    website: Url | None = Field(default=None, description="Public website, only if seen in a source.")
    hotlines: tuple[Hotline, ...] = Field(default=(), description="Public hotlines, each with its evidence.")
    restricted: Annotated[
        Restricted | None,
        Field(
            description="Never published: addresses, focal points' names, phones, e-mails.",
            json_schema_extra=RESTRICTED,
        ),
    ] = None
    evidence: tuple[str, ...] = Field(min_length=1, description="Where each fact was seen (address: what it showed).")
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


PHONE = re.compile(r"(?<![\w/.-])\+?\(?\d{2,4}\)?[ .-]?\d{3,4}[ .-]?\d{3,4}(?![\w/])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PUBLIC_TEXT_FIELDS = ("name", "description", "area_note", "chair", "members", "legal_basis_note", "note")


def check_public_contacts(actor: Actor, errors: ErrorList) -> None:
    """A phone number or e-mail in a public text field is refused: it belongs under restricted."""
    for field in PUBLIC_TEXT_FIELDS:
        for loc, text in _texts(getattr(actor, field), (field,)):
            found = EMAIL.search(text) or PHONE.search(text)
            if found:
                actor.report(
                    errors,
                    loc,
                    f"'{found.group()}' looks like a phone number or e-mail address: personal contacts go under "
                    "restricted (never published), a public hotline under hotlines with its evidence",
                )


def _texts(value: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _texts(item, (*loc, index))
    elif value is not None and hasattr(value, "__pydantic_extra__"):
        for code, text in (value.__pydantic_extra__ or {}).items():
            if isinstance(text, str):
                yield (*loc, code), text


def load_actors(project: Project, errors: ErrorList) -> list[Actor]:
    return load_records(project.data_dir("actors"), Actor, project, errors)
