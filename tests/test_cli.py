"""The editor's view: commands, their messages and exit codes, and a site that survives bad data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ctkb.build import BuiltSite
from ctkb.project import Project

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BROKEN = (
    "id: victim\nterm:\n  en: Victim\n  es: Víctima\ndefinition:\n  en: Harmed.\n"
    "related: [nobody]\nterm:\n  en: again\n"
)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=ENV, check=False, timeout=300)


def test_every_command_has_help(tmp_path: Path) -> None:
    for command in ("validate", "build", "serve", "schema"):
        result = run(str(BIN / "ctkb"), command, "--help", cwd=tmp_path)
        assert result.returncode == 0
        assert "Usage: ctkb " + command in result.stdout


def test_validate_ok(tiny_project: Project) -> None:
    result = run(str(BIN / "ctkb"), "validate", cwd=tiny_project.root)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "OK: 3 glossary terms, 2 bibliography entries, 18 vocabularies, 1 frameworks, "
        "2 indicators (1 retired) on 4 checklists, 2 roles, 2 code lists, 3 dictionary fields, "
        "1 statistical indicators, 1 forms, 1 workflows, 3 actors, 1 legal frameworks, 1 assessment areas, "
        "1 exercises, 1 curricula, 1 test banks, 0 consultation rounds.",
        # The fixture's glossary/referral.yaml waits for one Spanish text: editors see what is left.
        "Translations (es): 214 of 215 texts translated; awaiting translation: glossary terms (1).",
    ]


def test_validate_and_mkdocs_report_the_same_list_without_traceback(tiny_project: Project) -> None:
    (tiny_project.root / "glossary" / "victim.yaml").write_text(BROKEN, encoding="utf-8")
    expected = "glossary/victim.yaml:8: term: duplicate key: 'term' is already set on line 2; keep only one"
    validate = run(str(BIN / "ctkb"), "validate", cwd=tiny_project.root)
    assert validate.returncode == 1
    assert validate.stderr.splitlines()[0] == expected
    mkdocs = run(str(BIN / "mkdocs"), "build", "-q", cwd=tiny_project.root)
    assert mkdocs.returncode == 1
    assert expected in mkdocs.stderr
    for output in (validate.stderr, mkdocs.stderr):
        assert "Traceback" not in output
        assert "ValidationError" not in output


def test_failed_build_leaves_previous_site_and_zip_untouched(tiny_site: BuiltSite, tiny_project: Project) -> None:
    # Reuse the tiny site as "the previous build" of this project.
    previous = tiny_project.root / "site"
    subprocess.run(["cp", "-r", str(tiny_site.site_dir), str(previous)], check=True)
    before = {p: p.stat().st_mtime_ns for p in previous.rglob("*")}
    (tiny_project.root / "glossary" / "victim.yaml").write_text(BROKEN, encoding="utf-8")
    result = run(str(BIN / "ctkb"), "build", cwd=tiny_project.root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "The previous site and zip were left unchanged." in result.stderr
    assert {p: p.stat().st_mtime_ns for p in previous.rglob("*")} == before
    assert not list(tiny_project.root.glob(".site-build-*"))


def test_schema_check_names_a_stale_schema(tiny_project: Project) -> None:
    repo = Path(__file__).resolve().parent.parent
    subprocess.run(["cp", "-r", str(repo / "schemas"), str(tiny_project.root / "schemas")], check=True)
    current = run(str(BIN / "ctkb"), "schema", "--check", cwd=tiny_project.root)
    assert current.returncode == 0, current.stderr
    stale = tiny_project.root / "schemas" / "glossary-term.schema.json"
    stale.write_text(stale.read_text(encoding="utf-8") + " ", encoding="utf-8")
    result = run(str(BIN / "ctkb"), "schema", "--check", cwd=tiny_project.root)
    assert result.returncode == 1
    assert "schemas out of date: glossary-term.schema.json; run `ctkb schema`" in result.stderr


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_a_broken_mkdocs_yml_is_reported_with_its_line(tiny_project: Project) -> None:
    config = tiny_project.root / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original.replace("  name: material\n", "  name: material\n  font false\n"), encoding="utf-8")
    result = run(str(BIN / "ctkb"), "validate", cwd=tiny_project.root)
    assert result.returncode == 1
    assert result.stderr.startswith("mkdocs.yml:")
    assert "YAML syntax" in result.stderr.splitlines()[0]
    assert "Traceback" not in result.stderr

    config.write_text(original.replace("      languages:\n", "      langauges:\n"), encoding="utf-8")
    result = run(str(BIN / "ctkb"), "validate", cwd=tiny_project.root)
    assert result.returncode == 1
    line = line_of(original, "  - i18n:")
    assert result.stderr.splitlines()[0] == (
        f"mkdocs.yml:{line}: plugins, i18n: languages is missing: list the site's languages (- locale: en …), "
        "as the README shows"
    )
    assert "Traceback" not in result.stderr


def test_validate_checks_nav_plugins_and_hooks_before_any_build(tiny_project: Project) -> None:
    config = tiny_project.root / "mkdocs.yml"
    broken = (
        config.read_text(encoding="utf-8")
        .replace("literature-review.md", "literature-reveiw.md")
        .replace("  - offline\n", "  - offlline\n")
        .replace("  - hooks/ctkb_hooks.py\n", "  - hooks/ctkb_hook.py\n")
    )
    config.write_text(broken, encoding="utf-8")
    result = run(str(BIN / "ctkb"), "validate", cwd=tiny_project.root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    hook = line_of(broken, "  - hooks/ctkb_hook.py")
    assert f"mkdocs.yml:{hook}: hooks: no file hooks/ctkb_hook.py: the hooks connect ctkb to MkDocs" in lines
    nav = line_of(broken, "literature-reveiw.md")
    assert (
        f"mkdocs.yml:{nav}: nav: 'literature-reveiw.md' is neither a page generated from the data nor a file "
        "docs/en/literature-reveiw.md"
    ) in lines
    plugin = next(line for line in lines if ": plugins: " in line)
    assert plugin.startswith(
        f"mkdocs.yml:{line_of(broken, '  - offlline')}: plugins: no plugin 'offlline' is installed"
    )
    assert "Traceback" not in result.stderr
