from __future__ import annotations

import pytest
from conftest import REPO
from pydantic import ValidationError

from ctkb.errors import ErrorList
from ctkb.text import Text, initial, language_name, sort_key, ui_strings
from ctkb.yamlfile import load_yaml

LANGS = {"languages": ("en", "es")}


def test_spanish_collation_puts_n_tilde_after_n_and_ignores_accents() -> None:
    words = ["oso", "ñandú", "nuez", "Árbol", "azul", "Niño"]
    assert sorted(words, key=lambda w: sort_key(w, "es")) == ["Árbol", "azul", "Niño", "nuez", "ñandú", "oso"]


def test_english_collation_treats_n_tilde_as_n() -> None:
    assert sorted(["nuez", "ñandú", "nada"], key=lambda w: sort_key(w, "en")) == ["nada", "ñandú", "nuez"]


def test_initial_letter_per_language() -> None:
    assert initial("Ñandú", "es") == "Ñ"
    assert initial("Ñandú", "en") == "N"
    assert initial("Ética", "es") == "E"
    assert initial("«Trata»", "es") == "T"


def test_text_requires_every_language() -> None:
    with pytest.raises(ValidationError, match="'es' text \\(Español\\) is missing"):
        Text.model_validate({"en": "Victim"}, context=LANGS)


def test_awaiting_translation_is_explicit_and_visible() -> None:
    text = Text.model_validate({"en": "Victim", "awaiting_translation": ["es"]}, context=LANGS)
    assert text.get("es") is None
    assert text.get("en") == "Victim"


def test_default_language_cannot_be_awaited() -> None:
    with pytest.raises(ValidationError, match="only list languages other than 'en'"):
        Text.model_validate({"es": "Víctima", "awaiting_translation": ["en"]}, context=LANGS)


def test_a_third_language_is_configuration() -> None:
    """Languages come from the validation context (mkdocs.yml), not from the code."""
    three = {"languages": ("en", "es", "fr")}
    with pytest.raises(ValidationError, match="'fr' text"):
        Text.model_validate({"en": "Victim", "es": "Víctima"}, context=three)
    assert Text.model_validate({"en": "A", "es": "B", "fr": "C"}, context=three).get("fr") == "C"


def test_plain_less_than_is_not_mistaken_for_html() -> None:
    text = Text.model_validate({"en": "Children (< 18) and adults > 60", "es": "Menores de 18"}, context=LANGS)
    assert text.get("en") == "Children (< 18) and adults > 60"


def test_ui_strings_have_the_same_keys_in_every_language() -> None:
    def keys(data: object, prefix: str = "") -> set[str]:
        if not isinstance(data, dict):
            return {prefix}
        return {k for key, value in data.items() if key != "fields" for k in keys(value, f"{prefix}.{key}")}

    assert keys(ui_strings("en")) == keys(ui_strings("es"))
    assert language_name("es") == "Español"


def test_ui_strings_repeat_no_key() -> None:
    """PyYAML keeps the last of two equal keys: a repeated key would silently replace a string."""
    locales = sorted((REPO / "src" / "ctkb" / "locales").glob("*.yaml"))
    assert len(locales) >= 2
    for locale in locales:
        errors = ErrorList()
        assert load_yaml(locale, REPO, errors) is not None, list(errors)
