"""The ``ctkb`` command: validate the data, build or serve the site, export the schemas."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ctkb.errors import DataInvalidError
from ctkb.project import ConfigError, Project, find_root

if TYPE_CHECKING:
    from ctkb.catalog import Catalog

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Project folder (the one with mkdocs.yml). Default: found from the current folder.",
)


def _project(root: Path | None) -> Project:
    try:
        return Project.load(root or find_root())
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    except ConfigError as exc:
        click.echo(f"{exc}\nNothing was built.", err=True)
        sys.exit(1)


def _fail_with_data_errors(exc: DataInvalidError, previous: str = "") -> None:
    click.echo(str(exc), err=True)
    if previous:
        click.echo(previous, err=True)
    sys.exit(1)


def _catalog_in(root: Path | None, lang: str | None) -> tuple[Project, Catalog, str]:
    """The project, its loaded data (or the data's errors, and exit) and the language asked for."""
    from ctkb.catalog import load_catalog

    project = _project(root)
    try:
        catalog = load_catalog(project)
    except DataInvalidError as exc:
        _fail_with_data_errors(exc)
    lang = lang or project.default_language
    if lang not in project.languages:
        raise click.BadParameter(f"use one of {', '.join(project.languages)}", param_hint="--lang")
    return project, catalog, lang


@click.group()
@click.version_option(package_name="ctkb")
def main() -> None:
    """ctkb: the Counter-Trafficking Knowledge Base, built from YAML data."""


@main.command()
@root_option
def validate(root: Path | None) -> None:
    """Check every data file and report all problems as path:line: field: message."""
    from ctkb import translations
    from ctkb.catalog import load_catalog
    from ctkb.pages import check_site

    project = _project(root)
    try:
        catalog = load_catalog(project)
        check_site(catalog)
    except DataInvalidError as exc:
        _fail_with_data_errors(exc)
    counts = [content.summary(catalog, content) for content in catalog.types]
    click.echo(f"OK: {', '.join(counts)}.")
    for line in translations.summary(translations.coverage(catalog)):
        click.echo(line)


@main.command()
@root_option
@click.option(
    "--output", type=click.Path(file_okay=False, path_type=Path), default=None, help="Default: site/ (site-internal/)"
)
@click.option(
    "--profile",
    type=click.Choice(["public", "internal"]),  # ctkb.site.PROFILES
    default="public",
    show_default=True,
    help="internal: include restricted fields, every page marked INTERNAL, for an organisation's own copy.",
)
@click.option("-v", "--verbose", is_flag=True, help="Show MkDocs' progress messages.")
def build(root: Path | None, output: Path | None, profile: str, verbose: bool) -> None:
    """Build the site in every language and its offline zip.

    The site is built in a temporary folder and checked (no external resources; no
    restricted values in the public profile) before it replaces the previous one; on any
    failure the previous site and zip stay as they were.
    """
    from mkdocs.exceptions import MkDocsException

    from ctkb.build import build_site, configure_logging
    from ctkb.errors import ToolError
    from ctkb.offline import SiteCheckError, human_size

    project = _project(root)
    configure_logging(verbose)
    unchanged = "The previous site and zip were left unchanged."
    try:
        built = build_site(project, output, profile)
    except DataInvalidError as exc:
        _fail_with_data_errors(exc, unchanged)
    except ToolError as exc:
        click.echo(f"A program the build runs failed (not a problem in the data): {exc}\n{unchanged}", err=True)
        sys.exit(1)
    except SiteCheckError as exc:
        click.echo(f"The built site failed its checks:\n{exc}\n{unchanged}", err=True)
        sys.exit(1)
    except MkDocsException as exc:
        click.echo(f"MkDocs could not build the site: {exc}\n{unchanged}", err=True)
        sys.exit(1)
    size = human_size(built.zip_path.stat().st_size)
    click.echo(f"Built {built.page_count} pages into {built.site_dir} and {built.zip_path.name} ({size}).")


@main.command()
@root_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(root: Path | None, dev_addr: str) -> None:
    """Serve the site locally, rebuilding when data, templates or pages change."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    from ctkb.build import configure_logging
    from ctkb.site import PREVIEW_ENV

    project = _project(root)
    configure_logging(verbose=True)
    os.environ[PREVIEW_ENV] = "1"  # every rebuild leaves out what is slow and only `build` needs
    mkdocs_serve(config_file=str(project.root / "mkdocs.yml"), dev_addr=dev_addr)


@main.command()
@root_option
@click.option("--check", is_flag=True, help="Only check that the committed schemas are current.")
def schema(root: Path | None, check: bool) -> None:
    """Export the JSON Schema of each content type into schemas/ (for editors' tools)."""
    from ctkb.schemas import export_schemas, write_schemas

    project = _project(root)
    if check:
        stale = [
            name
            for name, text in export_schemas(project).items()
            if not (project.root / "schemas" / name).is_file()
            or (project.root / "schemas" / name).read_text(encoding="utf-8") != text
        ]
        if stale:
            raise click.ClickException(f"schemas out of date: {', '.join(stale)}; run `ctkb schema`")
        click.echo("Schemas are current.")
        return
    for path in write_schemas(project):
        click.echo(f"Wrote {path.relative_to(project.root)}")


@main.group()
def bib() -> None:
    """Import references into the bibliography, or export it."""


@bib.command("import")
@root_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--write", is_flag=True, help="Create the new entries' files (default: only show what would happen).")
def bib_import(root: Path | None, file: Path, write: bool) -> None:
    """Propose bibliography entries from a BibTeX, RIS or CSL-JSON FILE (Zotero, Mendeley, EndNote).

    Entries already in the bibliography (same DOI, or the same title, year and author) are
    reported and skipped. New entries are marked unverified, their annotation and title
    translation pending; one that would not validate is listed with what it lacks and not
    written. Existing files are never overwritten. A broken file in the bibliography is named,
    and the import goes on without it.
    """
    from ctkb.actors import CONTENT as ACTORS
    from ctkb.actors import Actor
    from ctkb.bibliography import CONTENT, Reference
    from ctkb.errors import ErrorList
    from ctkb.importer import check_proposals, find_duplicates, read_references, write_proposals
    from ctkb.records import load_records

    project = _project(root)
    broken = ErrorList()
    existing = load_records(project.data_dir(CONTENT.folder), Reference, project, broken)
    for path in sorted({error.path for error in broken}):
        click.echo(f"warning: {path} cannot be read (run `ctkb validate`); duplicates of it are not detected", err=True)
    actors = load_records(project.data_dir(ACTORS.folder), Actor, project, ErrorList())
    organisations = [name for ref in existing for name in ref.organisations] + [actor.name for actor in actors]
    try:
        proposals = read_references(file, organisations)
    except Exception as exc:  # any unreadable input gets one clear line
        raise click.ClickException(f"{file}: cannot be read as BibTeX, RIS or CSL-JSON: {exc}") from None
    find_duplicates(proposals, existing)
    check_proposals(proposals, project.languages)
    if write:
        write_proposals(proposals, project.data_dir(CONTENT.folder))
    width = max((len(p.key) for p in proposals), default=3)
    click.echo(f"{'key':<{width}}  {'type':<9}  {'year':<4}  status / title")
    for proposal in proposals:
        data = proposal.data
        title = str(data.get("title", ""))[:60]
        click.echo(
            f"{proposal.key:<{width}}  {data.get('type', ''):<9}  {data.get('year', ''):<4}  {proposal.status}: {title}"
        )
        if proposal.dropped:
            click.echo(f"{'':<{width}}  dropped fields: {', '.join(proposal.dropped)}")
    new = sum(1 for p in proposals if not p.duplicate_of and not p.problem)
    duplicates = sum(1 for p in proposals if p.duplicate_of)
    action = "written" if write else "would be written (use --write)"
    click.echo(f"{len(proposals)} records: {new} new {action}, {duplicates} duplicates skipped.")
    unwritable = sum(1 for p in proposals if p.problem and not p.written)
    if unwritable:
        click.echo(f"{unwritable} cannot be written as they are: complete them in the export, or by hand.")
    if write and new:
        click.echo("Now check each new file against the work itself and write its annotation; then `ctkb validate`.")


@bib.command("export")
@root_option
@click.option("--format", "fmt", type=click.Choice(["bibtex", "ris", "csl-json", "csv"]), required=True)
@click.option("--lang", default=None, help="Language of the annotations included (default: the site's first).")
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Default: standard output."
)
def bib_export(root: Path | None, fmt: str, lang: str | None, output: Path | None) -> None:
    """Write the whole bibliography (public fields only) as BibTeX, RIS, CSL-JSON or CSV."""
    from ctkb.bibliography import Reference
    from ctkb.catalog import load_catalog
    from ctkb.citations import EXPORTS

    project = _project(root)
    try:
        catalog = load_catalog(project).public()
    except DataInvalidError as exc:
        _fail_with_data_errors(exc)
    refs = sorted(catalog.of(Reference).values(), key=lambda ref: ref.key)
    text = EXPORTS[fmt][1](refs, lang or project.default_language)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {len(refs)} entries to {output}.")
    else:
        click.echo(text, nl=False)


@main.group()
def consult() -> None:
    """Run a consultation round: reviewer workbooks out, their verdicts and comments back in."""


_KINDS_HELP = "Comma-separated: indicators, workflows, forms (default: all three)."


def _kinds(value: str) -> tuple[Any, ...]:
    from ctkb.workbooks import KINDS

    kinds = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown or not kinds:
        raise click.BadParameter(f"unknown type(s) {', '.join(unknown)}: use {', '.join(KINDS)}")
    return kinds


@consult.command("export")
@root_option
@click.option("--round", "round_id", required=True, help="The round's name, e.g. consultation-1.")
@click.option("--types", "types", default="indicators,workflows,forms", show_default=True, help=_KINDS_HELP)
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder.")
def consult_export(root: Path | None, round_id: str, types: str, out: Path) -> None:
    """Write the reviewer workbook (.xlsx) of a round: one sheet per type, one row per item."""
    from ctkb.catalog import load_catalog
    from ctkb.workbooks import export_workbook

    project = _project(root)
    try:
        catalog = load_catalog(project)
    except DataInvalidError as exc:
        _fail_with_data_errors(exc)
    path = out / f"ctkb-{round_id}.xlsx"
    count = export_workbook(catalog, round_id, _kinds(types), path)
    click.echo(f"Wrote {path} ({count} items). Send one copy to each reviewer; names are not asked for.")


@consult.command("import")
@root_option
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--round", "round_id", required=True, help="The round the workbooks were exported for.")
@click.option(
    "--proposals",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the changes reviewers asked for (default: <round>-proposals.yaml here).",
)
def consult_import(root: Path | None, files: tuple[Path, ...], round_id: str, proposals: Path | None) -> None:
    """Read filled workbooks: writes consultations/<round>.yaml (the report page) and a proposal file.

    Every problem is reported as file:sheet!cell: message, and then nothing is written. The data
    is never changed: editors accept a proposal by editing it.
    """
    from ctkb.catalog import load_catalog
    from ctkb.errors import ErrorList
    from ctkb.workbooks import import_workbooks, write_results

    project = _project(root)
    try:
        catalog = load_catalog(project)
    except DataInvalidError as exc:
        _fail_with_data_errors(exc)
    errors = ErrorList()
    found = import_workbooks(catalog, list(files), round_id, errors)
    if errors:
        click.echo("\n".join(str(error) for error in errors), err=True)
        click.echo(f"{len(errors)} problem(s) in the workbooks; nothing was written.", err=True)
        sys.exit(1)
    report, wanted = write_results(found, round_id, project.root, proposals or Path(f"{round_id}-proposals.yaml"))
    click.echo(
        f"{found.reviewers} workbooks: wrote {report} (the round's page) "
        f"and {wanted} ({len(found.proposals)} proposals)."
    )


@main.group()
def assessment() -> None:
    """Work with the answer files of the data-capacity self-assessment."""


@assessment.command("summarise")
@root_option
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder.")
@click.option("--names", is_flag=True, help="List the organisations that named themselves in their files.")
@click.option("--lang", "lang", default=None, help="Language of the titles (default: the site's first language).")
def assessment_summarise(root: Path | None, files: tuple[Path, ...], out: Path, names: bool, lang: str | None) -> None:
    """Combine answer files (JSON or CSV from the self-assessment page) into a summary.

    Writes questions.csv (per question, organisations at each level), areas.csv, chart.svg,
    summary.md and summary.html. Every problem is reported as file: field: message, and then
    nothing is written.
    """
    from ctkb.assessment import ordered
    from ctkb.assessment_summary import Summary, read_answers, write_summary
    from ctkb.errors import ErrorList
    from ctkb.render import Renderer

    project, catalog, lang = _catalog_in(root, lang)
    areas = ordered(catalog)
    questions = {f"{area.id}/{question.id}" for area in areas for question in area.questions}
    errors = ErrorList()
    found = [read_answers(path, questions, errors) for path in files]
    if errors:
        click.echo("\n".join(str(error) for error in errors), err=True)
        click.echo(f"{len(errors)} problem(s) in the answer files; nothing was written.", err=True)
        sys.exit(1)
    summary = Summary(areas, [answers for answers in found if answers is not None], names)
    renderer = Renderer(lang, project.default_language)
    written = write_summary(summary, out, lang, renderer.plain, renderer.ui["assessment"]["summary"])
    click.echo(f"{len(summary.files)} answer files: wrote {', '.join(path.name for path in written)} in {out}.")


@main.group()
def training() -> None:
    """Work with the training package's test results."""


@training.command("score")
@root_option
@click.option("--pre", "pre", type=click.Path(dir_okay=False, exists=True, path_type=Path), required=True,
              help="Answer sheet of the pre-test (CSV).")  # fmt: skip
@click.option("--post", "post", type=click.Path(dir_okay=False, exists=True, path_type=Path), required=True,
              help="Answer sheet of the post-test (CSV).")  # fmt: skip
@click.option("--curriculum", "curriculum", required=True, help="The course's id, e.g. identification-referral.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder.")
@click.option("--lang", "lang", default=None, help="Language of the report (default: the site's first language).")
def training_score(root: Path | None, pre: Path, post: Path, curriculum: str, out: Path, lang: str | None) -> None:
    """Score pre- and post-test answer sheets keyed by anonymous participant code.

    Writes participants.csv (each participant's score before and after, and the gain),
    objectives.csv (per learning objective), chart.svg, summary.md and summary.html. Codes found
    on one sheet only are listed in the summary. Every problem in a sheet is reported as
    file:line: message, and then nothing is written.
    """
    from ctkb.errors import ErrorList
    from ctkb.render import Renderer
    from ctkb.scoring import score_sheets, write_report

    project, catalog, lang = _catalog_in(root, lang)
    errors = ErrorList()
    scores = score_sheets(catalog, curriculum, pre, post, errors)
    if errors or scores is None:
        click.echo("\n".join(str(error) for error in errors), err=True)
        click.echo(f"{len(errors)} problem(s) in the answer sheets; nothing was written.", err=True)
        sys.exit(1)
    renderer = Renderer(lang, project.default_language)
    written = write_report(scores, out, lang, renderer.plain, renderer.ui["training"]["score"])
    click.echo(
        f"{len(scores.paired)} participants on both sheets ({len(scores.pre_only)} only before, "
        f"{len(scores.post_only)} only after): wrote {', '.join(path.name for path in written)} in {out}."
    )
