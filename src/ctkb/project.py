"""Where the project's files are and which languages the site has.

The languages are read from the i18n plugin in ``mkdocs.yml``, the one place they are
declared, so adding a language is a matter of configuration and a locale file, not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs-specific tags such as ``!ENV``."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    root: Path
    languages: tuple[str, ...]
    """Site languages, default first."""

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    def data_dir(self, name: str) -> Path:
        return self.root / name

    @classmethod
    def load(cls, root: Path | str = ".") -> Project:
        root = Path(root).resolve()
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        config: dict[str, Any] = yaml.load(text, Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader subclass
        for plugin in config.get("plugins", []):
            if isinstance(plugin, dict) and "i18n" in plugin:
                entries = plugin["i18n"]["languages"]
                ordered = sorted(entries, key=lambda entry: not entry.get("default", False))
                return cls(root, tuple(entry["locale"] for entry in ordered))
        raise ValueError("mkdocs.yml: plugins: the i18n plugin with its languages is missing")


def find_root(start: Path | None = None) -> Path:
    """The nearest folder, from `start` upwards, holding mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise FileNotFoundError("no mkdocs.yml here or in any parent folder")
