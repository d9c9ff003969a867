"""Build the whole site safely: validate, build elsewhere, check, zip, then swap in.

A failed build (bad data, a page that loads an external resource, a leaked restricted value)
leaves the previous ``site/`` and its zip exactly as they were.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from ctkb.catalog import cached_catalog
from ctkb.offline import finish_site
from ctkb.pages import check_site
from ctkb.project import Project
from ctkb.site import PROFILES

# Material 9.x announces its end of life on every build; ctkb knows (see README).
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@dataclass(frozen=True)
class BuiltSite:
    site_dir: Path
    zip_path: Path
    page_count: int


def build_site(project: Project, output: Path | None = None, profile: str = "public") -> BuiltSite:
    """Build into a temporary folder next to `output`, then replace `output` with it.

    The internal profile includes restricted fields, marks every page "INTERNAL", and goes to
    its own folder (``site-internal/``) with its own zip name, so it cannot be mistaken for the
    public site.

    Raises:
        DataInvalidError: the data has problems (nothing is built).
        ToolError: a program the build runs (Node, WeasyPrint) failed.
        mkdocs.exceptions.MkDocsException: MkDocs failed, e.g. a warning in strict mode.
        SiteCheckError: the built site breaks a publication rule.
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; use one of {', '.join(PROFILES)}")
    catalog = cached_catalog(project)
    check_site(catalog)
    internal = profile == "internal"
    output = (output or project.root / ("site-internal" if internal else "site")).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=output.parent))
    try:
        config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(staging))
        config.extra["ctkb_profile"] = profile  # what the hooks read (see ctkb.site.profile_of)
        mkdocs_build(config)
        zip_path = finish_site(staging, catalog.restricted_values(), internal=internal)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    pages = sum(1 for _ in output.rglob("*.html"))
    return BuiltSite(output, output / zip_path.name, pages)


def _swap(new: Path, target: Path) -> None:
    """Replace `target` by `new` with two renames, so a reader never sees half a site."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def configure_logging(verbose: bool) -> None:
    """Show MkDocs' warnings (and progress when verbose) the way the mkdocs command does."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    # Facts editors should see on every build (handbook page counts, field kit sizes), not only with --verbose.
    logging.getLogger("mkdocs.plugins.ctkb.summary").setLevel(logging.INFO)
