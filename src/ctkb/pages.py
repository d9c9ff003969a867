"""Which pages the data generates, for which language, and their Markdown sources.

Generated pages are never written into ``docs/``: the MkDocs hook adds them as files that
exist only in memory (see ``hooks/ctkb_hooks.py``), keyed like real folder-structure files
(``en/glossary/<id>.md``, ``es/glossary/<id>.md``), so mkdocs-static-i18n treats them like
hand-written pages: language switcher, sitemap and search all work.
"""

from __future__ import annotations

import functools
import posixpath
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, get_args

from markupsafe import Markup

from ctkb import diagrams
from ctkb.actors import Actor, ReferralRole, area_name, directory_countries
from ctkb.bibliography import Reference
from ctkb.catalog import Catalog
from ctkb.checklists import checklists
from ctkb.citations import STYLES, Formatter, coins, highwire_meta
from ctkb.indicators import ROUNDS, Change, Indicator, set_version
from ctkb.regionmap import region_map
from ctkb.render import Renderer
from ctkb.schemas import model_docs
from ctkb.text import country_name, initial, sort_key


@dataclass(frozen=True)
class SourcePage:
    """A generated page: `path` without language folder or suffix, e.g. ``glossary/x``."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)

    def href(self, target: str, suffix: str = ".html") -> str:
        """Relative link from this page to `target` (``glossary/x`` or ``glossary/x#part``).

        Pages get ``.html``; pass ``suffix=""`` for a file such as ``downloads/x.bib``.
        """
        target, _, anchor = target.partition("#")
        link = posixpath.relpath(target, posixpath.dirname(self.path) or ".") + suffix
        return f"{link}#{anchor}" if anchor else link


def site_pages(catalog: Catalog) -> list[SourcePage]:
    pages = [
        SourcePage("glossary/index", "pages/glossary-index.md.j2", {"terms": list(catalog.glossary.values())}),
        SourcePage(
            "bibliography/index", "pages/bibliography-index.md.j2", {"references": list(catalog.bibliography.values())}
        ),
        SourcePage("data-format", "pages/data-format.md.j2"),
    ]
    cited_by: dict[str, list[Any]] = {key: [] for key in catalog.bibliography}
    for term in catalog.glossary.values():
        for key in term.sources:
            cited_by[key].append(term)
        pages.append(
            SourcePage(
                f"glossary/{term.id}",
                "pages/glossary-term.md.j2",
                {
                    "term": term,
                    "related": [catalog.glossary[other] for other in term.related],
                    "sources": [catalog.bibliography[key] for key in term.sources],
                },
            )
        )
    for ref in catalog.bibliography.values():
        context = {"ref": ref, "cited_by": cited_by[ref.key], "related": related_references(ref, catalog)}
        pages.append(SourcePage(f"bibliography/{ref.key}", "pages/reference.md.j2", context))
    if catalog.indicators:
        pages += indicator_pages(catalog)
    if catalog.workflows:
        pages += workflow_pages(catalog)
    if catalog.actors:
        pages += actor_pages(catalog)
    return pages


def actor_pages(catalog: Catalog) -> list[SourcePage]:
    """The directory with its map, a page per actor, and a page and printable directory per country."""
    actors = sorted(catalog.actors.values(), key=lambda actor: (actor.country or "~", sort_key(actor.name, "es")))
    countries = directory_countries(actors)
    by_country = {code: [actor for actor in actors if actor.country == code] for code in countries}
    members_of = {actor.id: [other for other in actors if actor.id in other.member_of] for actor in actors}
    common = {"roles": catalog.roles, "actors": catalog.actors}
    pages = [
        SourcePage(
            "actors/index",
            "pages/actors-index.md.j2",
            {"actors": actors, "countries": countries, "by_country": by_country},
        )
    ]
    for actor in actors:
        context = {
            **common,
            "actor": actor,
            "listed_members": members_of[actor.id],
            "law": catalog.bibliography.get(actor.legal_basis or ""),
        }
        pages.append(SourcePage(f"actors/{actor.id}", "pages/actor.md.j2", context))
    for code in countries:
        here = by_country[code]
        coordination = [actor for actor in here if actor.type == "coordination-body" and actor.level == "national"]
        laws = list({key: catalog.bibliography[key] for actor in here if (key := actor.legal_basis)}.values())
        types = list(dict.fromkeys(actor.type for actor in here))
        context = {
            **common,
            "code": code,
            "laws": laws,
            "coordination": coordination,
            "members_of": members_of,
            "referral": {role: [a for a in here if role in a.referral] for role in get_args(ReferralRole)},
            "by_type": [(type_id, [actor for actor in here if actor.type == type_id]) for type_id in types],
            "regional": [actor for actor in actors if code in actor.countries],
        }
        pages.append(SourcePage(f"actors/countries/{code.lower()}", "pages/country.md.j2", context))
        context = {"code": code, "actors_in_country": here}
        pages.append(SourcePage(f"actors/countries/{code.lower()}-print", "pages/country-print.md.j2", context))
    return pages


def actor_facets(actors: list[Actor], catalog: Catalog, renderer: Renderer) -> list[Facet]:
    """Facets of the directory: country, area, type, service, population, role in referral."""
    ui, lang = renderer.ui["actors"], renderer.lang
    labels: dict[str, Callable[[str], str]] = {
        "country": lambda value: country_name(value, lang),
        "area": area_name,
        "type": functools.partial(catalog.label, "actor-types", lang=lang),
        "service": functools.partial(catalog.label, "services", lang=lang),
        "population": functools.partial(catalog.label, "populations", lang=lang),
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


def region_maps(catalog: Catalog) -> dict[str, Markup]:
    """Language → the directory's region map, with each country's page and number of actors."""
    actors = list(catalog.actors.values())
    maps = {}
    for lang in catalog.project.languages:
        ui = Renderer(lang, catalog.project.default_language).ui["actors"]
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


def workflow_pages(catalog: Catalog) -> list[SourcePage]:
    """Workflows, roles ("what is my part?") and forms, with their indexes."""
    workflows = list(catalog.workflows.values())
    roles = sorted(catalog.roles.values(), key=lambda role: role.id)
    forms = list(catalog.forms.values())
    colours = diagrams.role_colours([role.id for role in roles])
    common = {"roles": catalog.roles, "forms": catalog.forms, "workflows": catalog.workflows}
    pages = [
        SourcePage(
            "workflows/index", "pages/workflows-index.md.j2", {"workflows": workflows, "roles": roles, "forms": forms}
        ),
        SourcePage("forms/index", "pages/forms-index.md.j2", {"forms": forms}),
    ]
    for workflow in workflows:
        involved = list(dict.fromkeys(role for step in workflow.steps for role in step.roles))
        leads = list(dict.fromkeys(step.roles[0] for step in workflow.steps))
        context = {
            **common,
            "workflow": workflow,
            "involved": [catalog.roles[role] for role in involved],
            "leads": [catalog.roles[role] for role in leads],
            "colours": colours,
            "indicators": catalog.indicators,
            "sources": [catalog.bibliography[key] for key in workflow.sources],
        }
        pages.append(SourcePage(f"workflows/{workflow.id}", "pages/workflow.md.j2", context))
    for role in roles:
        lead = [(wf, [step for step in wf.steps if step.roles[0] == role.id]) for wf in workflows]
        other = [(wf, [step for step in wf.steps if role.id in step.roles[1:]]) for wf in workflows]
        context = {
            "role": role,
            "lead_steps": [(wf, steps) for wf, steps in lead if steps],
            "other_steps": [(wf, steps) for wf, steps in other if steps],
            "role_forms": [form for form in forms if role.id in form.roles],
            "sources": [catalog.bibliography[key] for key in role.sources],
        }
        pages.append(SourcePage(f"workflows/roles/{role.id}", "pages/role.md.j2", context))
    for form in forms:
        used_in = [(wf, step) for wf in workflows for step in wf.steps if form.id in step.forms]
        context = {
            "form": form,
            "roles": catalog.roles,
            "used_in": used_in,
            "sources": [catalog.bibliography[key] for key in form.sources],
        }
        pages.append(SourcePage(f"forms/{form.id}", "pages/form.md.j2", context))
        pages.append(SourcePage(f"forms/{form.id}-print", "pages/form-print.md.j2", {"form": form}))
    return pages


def workflow_diagrams(catalog: Catalog) -> dict[tuple[str, str], Markup]:
    """(language, workflow id) → the workflow's diagram as inline SVG, drawn in one batch."""
    colours = diagrams.role_colours(list(catalog.roles))
    outcomes = catalog.vocabularies.get("outcomes")
    sources = {}
    for lang in catalog.project.languages:
        role_names = {role.id: str(role.name.get(lang)) for role in catalog.roles.values()}
        outcome_names = {term: catalog.label("outcomes", term, lang) for term in (outcomes.terms if outcomes else {})}
        for workflow in catalog.workflows.values():
            dot = diagrams.workflow_dot(workflow, lang, colours, role_names, outcome_names)
            sources[f"{lang}/{workflow.id}"] = dot
    svgs = diagrams.render_svgs(sources)
    return {
        (name.partition("/")[0], name.partition("/")[2]): Markup(svg)  # noqa: S704 - Graphviz output, labels escaped
        for name, svg in svgs.items()
    }


def indicator_pages(catalog: Catalog) -> list[SourcePage]:
    """Index, one page per indicator, framework and review round, the crosswalk and checklists."""
    indicators = sorted(catalog.indicators.values(), key=lambda ind: ind.id)
    active = [ind for ind in indicators if not ind.is_retired]
    lists = checklists(catalog)
    elements = list(catalog.vocabularies["elements"].terms)
    covering: dict[str, list[Indicator]] = {}
    for ind in active:
        for ref in ind.crosswalk:
            covering.setdefault(ref, []).append(ind)
    frameworks = list(catalog.frameworks.values())
    set_date, set_round = set_version(indicators)
    rounds = review_rounds(indicators)
    coverage = {
        framework.id: (sum(f"{framework.id}:{item.id}" in covering for item in framework.items), len(framework.items))
        for framework in frameworks
    }
    common = {"elements": elements, "frameworks": frameworks, "coverage": coverage, "version": (set_date, set_round)}
    pages = [
        SourcePage(
            "indicators/index",
            "pages/indicators-index.md.j2",
            {"indicators": active, "retired": [ind for ind in indicators if ind.is_retired], **common},
        ),
        SourcePage("indicators/frameworks/index", "pages/frameworks-index.md.j2", common),
        SourcePage("indicators/crosswalk", "pages/crosswalk.md.j2", {"indicators": active, **common}),
        SourcePage("indicators/changes/index", "pages/changes-index.md.j2", {"rounds": rounds}),
        SourcePage("checklists/index", "pages/checklists-index.md.j2", {"checklists": lists}),
    ]
    for ind in indicators:
        context = {
            "ind": ind,
            "crosswalk": [found for ref in ind.crosswalk if (found := catalog.framework_item(ref))],
            "strength_item": catalog.framework_item(ind.strength_from) if ind.strength_from else None,
            "sources": [catalog.bibliography[key] for key in ind.sources],
            "checklists": [checklist for checklist in lists if ind.id in checklist.ids],
            "successor": catalog.indicators.get(ind.replaced_by or ""),
        }
        pages.append(SourcePage(f"indicators/{ind.id}", "pages/indicator.md.j2", context))
    for framework in frameworks:
        sources = [catalog.bibliography[key] for key in framework.sources]
        context = {"framework": framework, "covering": covering, "sources": sources, "coverage": coverage}
        pages.append(SourcePage(f"indicators/frameworks/{framework.id}", "pages/framework.md.j2", context))
    for round_id, changes in rounds.items():
        context = {"round_id": round_id, "changes": changes}
        pages.append(SourcePage(f"indicators/changes/{round_id}", "pages/changes.md.j2", context))
    for checklist in lists:
        context = {"checklist": checklist, "groups": checklist.by_element(elements), "version": (set_date, set_round)}
        pages.append(SourcePage(f"checklists/{checklist.slug}", "pages/checklist.md.j2", context))
    return pages


def review_rounds(indicators: list[Indicator]) -> dict[str, list[tuple[Indicator, Change]]]:
    """Round → every change made in it, by date then indicator id (empty for rounds not held)."""
    rounds: dict[str, list[tuple[Indicator, Change]]] = {round_id: [] for round_id in ROUNDS}
    for ind in indicators:
        for change in ind.history:
            rounds[change.round].append((ind, change))
    for changes in rounds.values():
        changes.sort(key=lambda pair: (pair[1].date, pair[0].id))
    return rounds


def related_references(ref: Reference, catalog: Catalog, most: int = 5) -> list[Reference]:
    """Works sharing the most topics with `ref` (then regions), newest first among equals."""
    scored = []
    for other in catalog.bibliography.values():
        if other.key == ref.key:
            continue
        score = 2 * len(set(ref.topics) & set(other.topics)) + len(set(ref.regions) & set(other.regions))
        if set(ref.topics) & set(other.topics):
            scored.append((-score, -(other.year or 0), other.key, other))
    return [other for *_, other in sorted(scored)[:most]]


def az_groups(records: list[Any], attr: str, renderer: Renderer) -> list[tuple[str, list[Any]]]:
    """Records sorted by the language's collation of `attr`, grouped by initial letter."""
    lang = renderer.lang
    ordered = sorted(records, key=lambda record: sort_key(renderer.plain(getattr(record, attr)), lang))
    groups: dict[str, list[Any]] = {}
    for record in ordered:
        groups.setdefault(initial(renderer.plain(getattr(record, attr)), lang), []).append(record)
    return list(groups.items())


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    name: str
    """The ``data-*`` attribute of list items it filters on, and its URL parameter."""
    title: str
    options: list[FacetOption]
    open: bool = False


def bibliography_facets(
    refs: list[Reference], catalog: Catalog, renderer: Renderer
) -> tuple[list[Facet], tuple[int, int]]:
    """Facets of the bibliography index, with the options present and their counts."""
    ui, lang = renderer.ui, renderer.lang
    labels: dict[str, Callable[[str], str]] = {
        "type": lambda value: str(ui["bibliography"]["types"][value]),
        "language": lambda value: str(ui["language_names"].get(value, value)),
        "region": lambda value: catalog.label("regions", value, lang),
        "country": lambda value: country_name(value, lang),
        "topic": lambda value: catalog.label("topics", value, lang),
        "audience": lambda value: catalog.label("audiences", value, lang),
        "usefulness": lambda value: str(ui["bibliography"]["ratings"][value]),
    }
    values: dict[str, Callable[[Reference], Iterable[str]]] = {
        "type": lambda ref: [ref.type],
        "language": lambda ref: ref.languages,
        "region": lambda ref: ref.regions,
        "country": lambda ref: ref.countries,
        "topic": lambda ref: ref.topics,
        "audience": lambda ref: ref.audience,
        "usefulness": lambda ref: [ref.usefulness.rating if ref.usefulness else "unrated"],
    }
    titles = ui["bibliography"]["facets"]
    order = {"usefulness": ["high", "medium", "low", "unrated"]}
    facets = build_facets(refs, values, labels, titles, lang, order, opened=("type", "topic"))
    years = [ref.year for ref in refs if ref.year]
    return facets, (min(years, default=1900), max(years, default=2100))


def indicator_facets(indicators: list[Indicator], catalog: Catalog, renderer: Renderer) -> list[Facet]:
    """Facets of the indicator index; a vocabulary's own order is kept (it is meaningful)."""
    ui, lang = renderer.ui["indicators"], renderer.lang
    vocabularies = {"element": "elements", "exploitation": "exploitation-forms", "context": "contexts"}
    labels: dict[str, Callable[[str], str]] = {
        name: functools.partial(catalog.label, vocabulary, lang=lang) for name, vocabulary in vocabularies.items()
    }
    labels["applies"] = lambda value: str(ui["applies"][value])
    labels["strength"] = lambda value: str(ui["strengths"][value])
    values: dict[str, Callable[[Indicator], Iterable[str]]] = {
        "element": lambda ind: [ind.element],
        "exploitation": lambda ind: ind.exploitation,
        "context": lambda ind: ind.contexts,
        "applies": applies_values,
        "strength": lambda ind: [ind.strength or "none"],
    }
    order = {name: list(catalog.vocabularies[vocabulary].terms) for name, vocabulary in vocabularies.items()}
    order["applies"] = ["adults", "children"]
    order["strength"] = ["strong", "medium", "weak", "none"]
    return build_facets(indicators, values, labels, ui["facets"], lang, order, opened=tuple(values))


def checklist_title(slug: str, catalog: Catalog, renderer: Renderer) -> str:
    """E.g. "Checklist: Workplaces and labour inspection" for ``context-workplace``."""
    kind, _, term = slug.partition("-")
    vocabulary = "contexts" if kind == "context" else "audiences"
    return str(renderer.ui["checklists"][f"{kind}_title"].format(term=catalog.label(vocabulary, term, renderer.lang)))


def applies_values(ind: Indicator) -> list[str]:
    """``both`` counts as adults and as children, so either filter finds it."""
    return ["adults", "children"] if ind.applies_to == "both" else [ind.applies_to]


def build_facets(
    records: list[Any],
    values: dict[str, Callable[[Any], Iterable[str]]],
    labels: dict[str, Callable[[str], str]],
    titles: dict[str, str],
    lang: str,
    order: dict[str, list[str]],
    opened: tuple[str, ...] = (),
) -> list[Facet]:
    """One facet per entry of `values`, with the options present, in `order` or by label."""
    facets = []
    for name, label in labels.items():
        counts = Counter(value for record in records for value in values[name](record))
        if name in order:
            ordered = [value for value in order[name] if value in counts]
        else:
            by_label = {value: sort_key(label(value), lang) for value in counts}
            ordered = sorted(counts, key=by_label.__getitem__)
        options = [FacetOption(value, label(value), counts[value]) for value in ordered]
        facets.append(Facet(name, str(titles[name]), options, open=name in opened))
    return facets


def render_sources(catalog: Catalog, internal: bool = False) -> dict[str, str]:
    """``<lang>/<path>.md`` → Markdown, for every generated page in every language.

    Only a public catalogue may be rendered: this is the gate restricted fields cannot pass.
    """
    if not catalog.is_public and not internal:
        raise ValueError("render_sources() needs catalog.public(): restricted fields must not reach pages")
    project = catalog.project
    sources: dict[str, str] = {}
    svgs = workflow_diagrams(catalog)
    maps = region_maps(catalog) if catalog.actors else {}
    for lang in project.languages:
        renderer = Renderer(lang, project.default_language, internal)
        formatted = {style: Formatter(catalog.bibliography.values(), style, lang).references for style in STYLES}
        helpers = {
            "languages": project.languages,
            "styles": STYLES,
            "citation": lambda key, style, formatted=formatted: formatted[style][key],
            "label": lambda vocabulary, term, lang=lang: catalog.label(vocabulary, term, lang),
            "country": lambda code, lang=lang: country_name(code, lang),
            "coins": coins,
            "bibliography_facets": lambda refs, renderer=renderer: bibliography_facets(refs, catalog, renderer),
            "indicator_facets": lambda inds, renderer=renderer: indicator_facets(inds, catalog, renderer),
            "applies_values": applies_values,
            "diagram_svg": lambda workflow_id, lang=lang: svgs[(lang, workflow_id)],
            "region_svg": lambda lang=lang: maps[lang],
            "actor_facets": lambda items, renderer=renderer: actor_facets(items, catalog, renderer),
            "area": area_name,
            "checklist_title": lambda slug, renderer=renderer: checklist_title(slug, catalog, renderer),
            "highwire": highwire_meta,
            "az_groups": lambda records, attr, renderer=renderer: az_groups(records, attr, renderer),
            "model_docs": lambda lang=lang: model_docs(lang, project.default_language),
        }
        for page in site_pages(catalog):
            sources[f"{lang}/{page.path}.md"] = renderer.render(
                page.template, page=page, href=page.href, **helpers, **page.context
            )
    return sources
