from __future__ import annotations

import pytest

from ctkb.bibliography import Reference
from ctkb.catalog import load_catalog
from ctkb.citations import Cite
from ctkb.errors import DataInvalidError
from ctkb.project import Project
from ctkb.prose import find_citations, render_citations

TEXT = """# Title

Roles must be agreed [@osce2004nrm, p. 15]. Both [@un2000palermo; @osce2004nrm].

```
[@inside_code]
```
Inline `[@also_code]` and an e-mail [at]example is not a citation; [@broken,] is.
A citation may wrap [@un2000palermo;
@osce2004nrm] across lines.
"""


def test_finds_citations_outside_code_with_lines_and_pages() -> None:
    groups = list(find_citations(TEXT))
    assert [(g.line, g.cites) for g in groups[:2]] == [
        (3, (Cite("osce2004nrm", "15"),)),
        (3, (Cite("un2000palermo"), Cite("osce2004nrm"))),
    ]
    assert len(groups) == 4
    assert groups[2].problem is not None and groups[2].line == 8
    assert groups[3].line == 9 and [c.key for c in groups[3].cites] == ["un2000palermo", "osce2004nrm"]


def test_renders_linked_apa_citations_and_reference_list(tiny_project: Project) -> None:
    refs = load_catalog(tiny_project).public().of(Reference)
    html = render_citations("See [@un2000palermo] and [@osce2004nrm, p. 15].\n", "review.md", "es", refs)
    assert (
        '(<a href="bibliography/osce2004nrm.html" class="ctkb-cite-link">OSCE Office for Democratic Institutions'
        " and Human Rights (ODIHR), 2004, p. 15</a>)"
    ) in html
    assert "## Referencias {#references}" in html
    assert html.count('<p class="ctkb-reference"') == 2
    # APA orders the list by author: OSCE before the (title-led) Protocol.
    assert html.index('id="ref-osce2004nrm"') < html.index('id="ref-un2000palermo"')


def test_pages_without_citations_are_untouched(tiny_project: Project) -> None:
    refs = load_catalog(tiny_project).public().of(Reference)
    assert render_citations("No citations [here](x.md).\n", "x.md", "en", refs) == "No citations [here](x.md).\n"


def test_unknown_key_in_a_page_is_a_data_error(tiny_project: Project) -> None:
    page = tiny_project.root / "docs" / "en" / "literature-review.md"
    page.write_text(page.read_text() + "\nAnd [@nobody2020].\n")
    with pytest.raises(DataInvalidError) as raised:
        load_catalog(tiny_project)
    assert [str(error) for error in raised.value.errors] == [
        "docs/en/literature-review.md:8: citation: no bibliography entry has the key 'nobody2020' "
        "(expected a file bibliography/nobody2020.yaml)"
    ]
