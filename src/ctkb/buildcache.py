"""Results kept between builds, keyed by everything that decides them.

Editors rebuild many times a day, mostly after changing one record; formatting every reference
with citeproc-py is the costliest step and its result depends only on the references, the style,
the language and the code that formats them. A result is stored under the hash of all of those
(the code by its source text and the versions of the libraries it calls), so a change to any of
them makes a new entry and nothing stale is ever read. Entries are small text files in the
user's cache folder (``$XDG_CACHE_HOME/ctkb`` or ``~/.cache/ctkb``); deleting it is always safe.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from functools import cache
from importlib import metadata
from pathlib import Path


def cache_dir(namespace: str) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ctkb" / namespace


@cache
def code_version(files: tuple[str, ...], packages: tuple[str, ...]) -> str:
    """A digest of source files (paths) and installed package versions: what a cached result depends on."""
    digest = hashlib.sha256()
    for name in files:
        digest.update(Path(name).read_bytes())
    for package in packages:
        digest.update(f"{package}={metadata.version(package)}".encode())
    return digest.hexdigest()


def cached_text(namespace: str, parts: Iterable[str], compute: Callable[[], str]) -> str:
    """`compute()`, or the text it returned before for the same `parts`."""
    digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    path = cache_dir(namespace) / f"{digest}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    text = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)  # atomic: a parallel build never reads half an entry
    except OSError:
        pass  # no writable cache folder: the build is only slower
    return text
