"""The whole catalogue: every content type loaded, cross-checked, and its public projection.

Cross-type rules (a term's sources must be bibliography keys, related terms must exist) live
here because no single content module can check them. Templates, search, exports and the zip
only ever see `Catalog.public()`, a copy with every restricted field emptied.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel

from ctkb import prose
from ctkb.actors import Actor, check_public_contacts, load_actors
from ctkb.bibliography import Reference, load_bibliography
from ctkb.checklists import check_checklists, checklists
from ctkb.errors import DataInvalidError, ErrorList
from ctkb.forms import Form, load_forms
from ctkb.frameworks import Framework, FrameworkItem, load_frameworks
from ctkb.glossary import Term, load_glossary
from ctkb.indicators import Indicator, load_indicators
from ctkb.project import Project
from ctkb.records import Record
from ctkb.roles import Role, load_roles
from ctkb.vocabularies import Vocabulary, load_vocabularies
from ctkb.workflows import Workflow, check_graph, load_workflows

DATA_FOLDERS = (
    "glossary",
    "bibliography",
    "vocabularies",
    "frameworks",
    "indicators",
    "roles",
    "forms",
    "workflows",
    "actors",
)
ACTOR_VOCABULARIES = {"type": "actor-types", "services": "services", "populations": "populations"}
"""Actor field → the vocabulary its ids come from."""
VOCABULARY_FIELDS = {"topics": "topics", "regions": "regions", "audience": "audiences"}
"""Reference field → the vocabulary its ids come from."""
INDICATOR_VOCABULARIES = {
    "element": "elements",
    "exploitation": "exploitation-forms",
    "contexts": "contexts",
    "audience": "audiences",
}
"""Indicator field → the vocabulary its ids come from."""

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: caches key on it
class Catalog:
    project: Project
    glossary: dict[str, Term]
    bibliography: dict[str, Reference]
    vocabularies: dict[str, Vocabulary]
    frameworks: dict[str, Framework]
    indicators: dict[str, Indicator]
    roles: dict[str, Role]
    forms: dict[str, Form]
    workflows: dict[str, Workflow]
    actors: dict[str, Actor]
    is_public: bool = False

    def records(self) -> Iterator[Record]:
        yield from self.glossary.values()
        yield from self.bibliography.values()
        yield from self.vocabularies.values()
        yield from self.frameworks.values()
        yield from self.indicators.values()
        yield from self.roles.values()
        yield from self.forms.values()
        yield from self.workflows.values()
        yield from self.actors.values()

    def framework_item(self, ref: str) -> tuple[Framework, FrameworkItem] | None:
        """The framework and item a ``framework:item`` reference names, if both exist."""
        framework_id, _, item_id = ref.partition(":")
        framework = self.frameworks.get(framework_id)
        item = framework.item(item_id) if framework else None
        return (framework, item) if framework and item else None

    @property
    def active_indicators(self) -> list[Indicator]:
        return [indicator for indicator in self.indicators.values() if not indicator.is_retired]

    def label(self, vocabulary: str, term: str, lang: str) -> str:
        return self.vocabularies[vocabulary].label(term, lang)

    def public(self) -> Catalog:
        """A copy without restricted values: the only thing that may be published."""
        return replace(
            self,
            glossary={key: public_copy(term) for key, term in self.glossary.items()},
            bibliography={key: public_copy(ref) for key, ref in self.bibliography.items()},
            indicators={key: public_copy(indicator) for key, indicator in self.indicators.items()},
            roles={key: public_copy(role) for key, role in self.roles.items()},
            forms={key: public_copy(form) for key, form in self.forms.items()},
            workflows={key: public_copy(workflow) for key, workflow in self.workflows.items()},
            actors={key: public_copy(actor) for key, actor in self.actors.items()},
            is_public=True,
        )

    def restricted_values(self) -> set[str]:
        """Every non-empty restricted value, so a build can prove none of them leaked."""
        found: set[str] = set()
        for record in self.records():
            found.update(_restricted_in(record))
        return {value for value in found if len(value) >= 4}


def public_copy(model: M) -> M:
    """`model` with every field marked restricted set to its default, at any depth."""
    update: dict[str, Any] = {}
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if _is_restricted(field.json_schema_extra):
            update[name] = field.get_default(call_default_factory=True)
        elif isinstance(value, BaseModel):
            update[name] = public_copy(value)
        elif isinstance(value, tuple) and any(isinstance(item, BaseModel) for item in value):
            update[name] = tuple(public_copy(item) if isinstance(item, BaseModel) else item for item in value)
    return model.model_copy(update=update) if update else model


def _is_restricted(extra: Any) -> bool:
    return isinstance(extra, dict) and extra.get("restricted") is True


def _restricted_in(model: BaseModel) -> Iterable[str]:
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if _is_restricted(field.json_schema_extra):
            yield from _strings(value)
        elif isinstance(value, BaseModel):
            yield from _restricted_in(value)
        elif isinstance(value, tuple):
            for item in value:
                if isinstance(item, BaseModel):
                    yield from _restricted_in(item)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for item in value.model_dump().values():
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


@dataclass(frozen=True)
class Lookup:
    """What cross-reference checks consult, gathered once per validation.

    `files` holds, per data folder, the ids of every file in it, loaded or not: a file that
    exists but failed to load is not reported again as a dangling reference, since its own
    errors already are and the editor should fix those first.
    """

    catalog: Catalog
    files: dict[str, set[str]]
    checklist_slugs: set[str]

    @classmethod
    def of(cls, catalog: Catalog) -> Lookup:
        files = {
            folder: {path.stem for path in catalog.project.data_dir(folder).rglob("*.yaml")} for folder in DATA_FOLDERS
        }
        return cls(catalog, files, {checklist.slug for checklist in checklists(catalog)})

    def check(
        self,
        record: Record,
        loc: tuple[str | int, ...],
        values: str | tuple[str, ...],
        folder: str,
        what: str,
        errors: ErrorList,
    ) -> None:
        """Each id in `values` names a record of `folder`; `loc` points at the field in the file."""
        known = getattr(self.catalog, folder)
        items = [(loc, values)] if isinstance(values, str) else [((*loc, i), v) for i, v in enumerate(values)]
        for at, value in items:
            if value not in known and value not in self.files[folder]:
                record.report(errors, at, f"no {what} '{value}' (expected a file {folder}/{value}.yaml)")

    def sources(self, record: Record, keys: tuple[str, ...], errors: ErrorList) -> None:
        """Each key of the record's `sources` must be a bibliography entry."""
        self.check(record, ("sources",), keys, "bibliography", "bibliography entry has the key", errors)


def check_references(catalog: Catalog, errors: ErrorList) -> None:
    """Every reference between records resolves, and each content type's cross-type rules hold."""
    known = Lookup.of(catalog)
    for term in catalog.glossary.values():
        known.check(term, ("related",), term.related, "glossary", "glossary term has the id", errors)
        known.sources(term, term.sources, errors)
        if term.id in term.related:
            term.report(errors, ("related", term.related.index(term.id)), "a term cannot be related to itself")
    for ref in catalog.bibliography.values():
        check_vocabularies(ref, VOCABULARY_FIELDS, catalog, errors)
    for framework in catalog.frameworks.values():
        known.sources(framework, framework.sources, errors)
    for indicator in catalog.indicators.values():
        check_indicator(indicator, known, errors)
    check_indicator_ids(known, errors)
    check_checklists(catalog, errors)
    for role in catalog.roles.values():
        known.sources(role, role.sources, errors)
    for form in catalog.forms.values():
        known.sources(form, form.sources, errors)
        known.check(form, ("roles",), form.roles, "roles", "role", errors)
    for workflow in catalog.workflows.values():
        check_workflow(workflow, known, errors)
    for actor in catalog.actors.values():
        check_actor(actor, known, errors)


def check_actor(actor: Actor, known: Lookup, errors: ErrorList) -> None:
    """Vocabularies, roles, memberships, law, translated name, and no contact details in public text."""
    catalog = known.catalog
    check_vocabularies(actor, ACTOR_VOCABULARIES, catalog, errors)
    known.check(actor, ("sop_roles",), actor.sop_roles, "roles", "role", errors)
    known.check(actor, ("member_of",), actor.member_of, "actors", "actor", errors)
    if actor.id in actor.member_of:
        actor.report(errors, ("member_of", actor.member_of.index(actor.id)), "an actor cannot be a member of itself")
    if actor.legal_basis:
        known.check(
            actor, ("legal_basis",), actor.legal_basis, "bibliography", "bibliography entry has the key", errors
        )
    for code in catalog.project.languages:
        if code != actor.name_language and not actor.name_translation.get(code):
            actor.report(
                errors, ("name_translation",), f"add the name in '{code}': the name is in '{actor.name_language}'"
            )
    check_public_contacts(actor, errors)


def check_workflow(workflow: Workflow, known: Lookup, errors: ErrorList) -> None:
    """The graph, and every role, form, indicator, checklist, outcome and workflow a step names."""
    catalog = known.catalog
    check_graph(workflow, errors)
    known.sources(workflow, workflow.sources, errors)
    check_vocabularies(workflow, {"principles": "principles"}, catalog, errors)
    outcomes = catalog.vocabularies.get("outcomes")
    slugs = known.checklist_slugs
    for index, step in enumerate(workflow.steps):
        at: tuple[str | int, ...] = ("steps", index)
        known.check(workflow, (*at, "roles"), step.roles, "roles", "role", errors)
        known.check(workflow, (*at, "forms"), step.forms, "forms", "form", errors)
        known.check(workflow, (*at, "indicators"), step.indicators, "indicators", "indicator", errors)
        for position, ref in enumerate(step.indicators):
            if ref in catalog.indicators and catalog.indicators[ref].is_retired:
                workflow.report(errors, (*at, "indicators", position), f"'{ref}' is retired: use its successor")
        for position, slug in enumerate(step.checklists):
            if slug not in slugs:
                workflow.report(
                    errors, (*at, "checklists", position), f"no checklist '{slug}' (known: {', '.join(sorted(slugs))})"
                )
        if step.end and (outcomes is None or step.end not in outcomes.terms):
            names = ", ".join(outcomes.terms) if outcomes else ""
            workflow.report(errors, (*at, "end"), f"'{step.end}' is not in vocabularies/outcomes.yaml (known: {names})")
        if step.continues and (step.continues not in catalog.workflows or step.continues == workflow.id):
            workflow.report(errors, (*at, "continues"), f"no other workflow has the id '{step.continues}'")


def check_vocabularies(record: Record, fields: dict[str, str], catalog: Catalog, errors: ErrorList) -> None:
    """Each id in the given fields (a single id or a tuple of ids) must be in its vocabulary."""
    for field, vocabulary in fields.items():
        known = catalog.vocabularies.get(vocabulary)
        allowed = known.terms if known else {}
        value = getattr(record, field)
        values = (
            [(field, index, term) for index, term in enumerate(value)]
            if isinstance(value, tuple)
            else [(field, None, value)]
        )
        for name, index, term_id in values:
            if term_id not in allowed:
                loc: tuple[str | int, ...] = (name,) if index is None else (name, index)
                record.report(
                    errors, loc, f"'{term_id}' is not in vocabularies/{vocabulary}.yaml (known: {', '.join(allowed)})"
                )


def check_indicator(indicator: Indicator, known: Lookup, errors: ErrorList) -> None:
    """Vocabularies, sources, crosswalk targets, strengths and successors of one indicator."""
    catalog = known.catalog
    check_vocabularies(indicator, INDICATOR_VOCABULARIES, catalog, errors)
    known.sources(indicator, indicator.sources, errors)
    framework_files = known.files["frameworks"]
    for index, ref in enumerate(indicator.crosswalk):
        framework_id = ref.partition(":")[0]
        failed_to_load = framework_id in framework_files and framework_id not in catalog.frameworks
        if catalog.framework_item(ref) is None and not failed_to_load:
            where = f"frameworks/{framework_id}.yaml" if framework_id in catalog.frameworks else "any framework"
            indicator.report(errors, ("crosswalk", index), f"'{ref}' is not an item of {where}")
    if indicator.strength_from:
        found = catalog.framework_item(indicator.strength_from)
        if found and found[1].strength != indicator.strength:
            indicator.report(
                errors,
                ("strength",),
                f"'{indicator.strength}' differs from the strength of {indicator.strength_from} "
                f"({found[1].strength or 'none'}); copy the framework's strength",
            )
    if indicator.replaced_by and indicator.replaced_by not in catalog.indicators:
        indicator.report(errors, ("replaced_by",), f"no indicator has the id '{indicator.replaced_by}'")


def check_indicator_ids(known: Lookup, errors: ErrorList) -> None:
    """Ids run from ind-001 without gaps: a gap means a file was deleted, and its id could be reused."""
    numbers = {int(stem[4:]) for stem in known.files["indicators"] if stem[4:].isdigit()}
    for missing in sorted(set(range(1, max(numbers, default=0))) - numbers):
        errors.add(
            "indicators",
            0,
            "id",
            f"ind-{missing:03d} is missing: indicators are never deleted and ids never reused; "
            "restore the file and retire the indicator instead (history entry with action: retired)",
        )


def _fingerprint(project: Project) -> tuple[tuple[str, int], ...]:
    files = [path for folder in DATA_FOLDERS for path in project.data_dir(folder).rglob("*.yaml")]
    files += list(project.docs_dir.rglob("*.md"))  # their citations are checked too
    return tuple(sorted((str(path), path.stat().st_mtime_ns) for path in files))


@lru_cache(maxsize=2)
def _cached(project: Project, fingerprint: tuple[tuple[str, int], ...]) -> Catalog:
    return load_catalog(project)


def cached_catalog(project: Project) -> Catalog:
    """`load_catalog`, reused until a data file changes (MkDocs asks once per language)."""
    return _cached(project, _fingerprint(project))


def load_catalog(project: Project) -> Catalog:
    """Load and cross-check every content type.

    Raises:
        DataInvalidError: with every problem found, in every file.
    """
    errors = ErrorList()
    glossary = load_glossary(project, errors)
    bibliography = load_bibliography(project, errors)
    catalog = Catalog(
        project,
        glossary={term.id: term for term in glossary},
        bibliography={ref.key: ref for ref in bibliography},
        vocabularies=load_vocabularies(project, errors),
        frameworks={framework.id: framework for framework in load_frameworks(project, errors)},
        indicators={indicator.id: indicator for indicator in load_indicators(project, errors)},
        roles={role.id: role for role in load_roles(project, errors)},
        forms={form.id: form for form in load_forms(project, errors)},
        workflows={workflow.id: workflow for workflow in load_workflows(project, errors)},
        actors={actor.id: actor for actor in load_actors(project, errors)},
    )
    check_references(catalog, errors)
    prose.check_pages(project.docs_dir, project.root, catalog.bibliography, errors)
    if errors:
        raise DataInvalidError(errors)
    return catalog
