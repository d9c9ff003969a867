"""Running the project's small Node scripts (``node/``) at build time.

Node is already needed for npm; these scripts draw the workflow diagrams and the region map as
static SVG. A failure stops the build with a `ToolError` (a plain message, never a traceback,
and not blamed on the data), so no half-built site is written.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ctkb.errors import ToolError

SCRIPTS = Path(__file__).parent / "node"


def run(script: str, payload: str, what: str) -> str:
    """The script's standard output for `payload` on its standard input."""
    try:
        result = subprocess.run(  # noqa: S603 - fixed command, our own script
            ["node", str(SCRIPTS / script)],  # noqa: S607 - node from PATH, like npm
            input=payload,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
    except FileNotFoundError:
        raise ToolError(f"node is not installed; it draws {what} (make site installs it)") from None
    if result.returncode != 0:
        raise ToolError(f"drawing {what} failed: {result.stderr.strip()[:500]}")
    return result.stdout
