"""Whatever the YAML holds, nothing executable reaches a page."""

from __future__ import annotations

import pytest

from ctkb.render import Renderer, front_matter_string, rich_html
from ctkb.text import RichText, Text

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[click][1]\n\n[1]: javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    '<div onmouseover="alert(1)">x</div>',
    "<iframe src=https://example.org></iframe>",
    '<svg onload="alert(1)"></svg>',
    "<style>body{display:none}</style>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_rich_text_is_sanitised(payload: str) -> None:
    html = str(rich_html(payload)).lower()
    for forbidden in ("<script", "javascript:", "onerror", "onload", "onmouseover", "<iframe", "<style", "<svg"):
        assert forbidden not in html


def test_rich_text_keeps_the_allowed_subset() -> None:
    html = str(rich_html("**bold**, *italic* and [a link](https://example.org)"))
    assert "<strong>bold</strong>" in html
    assert "<em>italic</em>" in html
    assert 'href="https://example.org"' in html


def test_plain_text_is_escaped_even_if_validation_was_bypassed() -> None:
    hostile = Text.model_construct(en="<b onclick=x>A & B</b>", es="[x](javascript:y)")
    assert str(Renderer("en", "en").text(hostile)) == "&lt;b onclick=x&gt;A &amp; B&lt;/b&gt;"
    assert str(Renderer("es", "en").text(hostile)) == "[x](javascript:y)"  # inside HTML: Markdown never sees it


def test_pending_translation_falls_back_visibly() -> None:
    text = RichText.model_construct(en="Only English", awaiting_translation=("es",))
    html = str(Renderer("es", "en").text(text))
    assert '<div lang="en"><p>Only English</p></div>' in html
    assert "Traducción pendiente" in html


def test_front_matter_title_is_escaped_and_quoted() -> None:
    assert str(front_matter_string('</title><script>x</script> "A": B')) == (
        '"&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &#34;A&#34;: B"'
    )
