"""Where the project's files are and which languages the site has.

The languages are read from the i18n plugin in ``mkdocs.yml``, the one place they are
declared, so adding a language is a matter of configuration and a locale file, not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CONFIG = "mkdocs.yml"


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs-specific tags such as ``!ENV``."""


ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


class ConfigError(Exception):
    """mkdocs.yml cannot be used; the message says where (``mkdocs.yml:line: field: …``)."""


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
        """The project whose mkdocs.yml is in `root`.

        Raises:
            ConfigError: mkdocs.yml is not valid YAML, or does not declare the site's languages.
        """
        root = Path(root).resolve()
        text = (root / CONFIG).read_text(encoding="utf-8")
        try:
            node = yaml.compose(text, Loader=ConfigLoader)
            config: Any = yaml.load(text, Loader=ConfigLoader)  # noqa: S506 - a SafeLoader subclass
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            where = f"{CONFIG}:{mark.line + 1}" if mark else CONFIG
            problem = (exc.problem or exc.context or "cannot be read").rstrip(".")
            raise ConfigError(f"{where}: YAML syntax: {problem}; check indentation, colons and quotes") from None
        plugins = config.get("plugins", []) if isinstance(config, dict) else []
        for index, plugin in enumerate(plugins if isinstance(plugins, list) else []):
            if isinstance(plugin, dict) and "i18n" in plugin:
                entries = (plugin["i18n"] or {}).get("languages")
                line = _line_of(node, ("plugins", index))
                if not isinstance(entries, list) or not entries:
                    raise ConfigError(
                        f"{CONFIG}:{line}: plugins, i18n: languages is missing: list the site's languages "
                        "(- locale: en …), as the README shows"
                    )
                if not all(isinstance(entry, dict) and entry.get("locale") for entry in entries):
                    raise ConfigError(f"{CONFIG}:{line}: plugins, i18n, languages: give each language a locale")
                ordered = sorted(entries, key=lambda entry: not entry.get("default", False))
                return cls(root, tuple(str(entry["locale"]) for entry in ordered))
        raise ConfigError(f"{CONFIG}: plugins: the i18n plugin with its languages is missing")


def _line_of(node: Any, loc: tuple[str | int, ...]) -> int:
    """Line of the value at `loc` in a composed YAML document (1 if it cannot be found)."""
    for part in loc:
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        elif isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == part), None)
        else:
            return 1
        if node is None:
            return 1
    return int(node.start_mark.line) + 1


def find_root(start: Path | None = None) -> Path:
    """The nearest folder, from `start` upwards, holding mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise FileNotFoundError("no mkdocs.yml here or in any parent folder")
