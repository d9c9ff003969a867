"""The Makefile does what its targets say: none of them silently does nothing."""

from __future__ import annotations

import re
import subprocess

from conftest import REPO


def test_every_declared_target_runs_something() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    declared = re.search(r"^\.PHONY:(.*)$", makefile, re.M)
    assert declared is not None
    targets = declared.group(1).split()
    assert {"site", "test", "lint", "types", "unit", "browser"} <= set(targets)
    for target in targets:
        dry = subprocess.run(
            ["make", "-n", "-C", str(REPO), target], capture_output=True, text=True, check=False, timeout=60
        )
        assert dry.returncode == 0, f"make {target}: {dry.stderr}"
        assert "Nothing to be done" not in dry.stdout + dry.stderr, f"make {target} does nothing"
        assert dry.stdout.strip(), f"make {target} runs no command"
