"""Citation formatting (through CSL styles) and the export formats, parsed back by their readers."""

from __future__ import annotations

import io
import json
from typing import Any

import rispy
from pybtex.database import parse_string

from ctkb.bibliography import Reference
from ctkb.citations import (
    Cite,
    Formatter,
    coins,
    format_reference,
    highwire_meta,
    to_bibtex,
    to_csl,
    to_csl_json,
    to_csv,
    to_ris,
)

LANGS = {"languages": ("en", "es")}


def ref(**fields: Any) -> Reference:
    base: dict[str, Any] = {
        "key": "cndh2013diagnostico",
        "type": "report",
        "title": "Diagnóstico sobre la Situación de la Trata de Personas en México",
        "languages": ["es"],
        "title_translation": {"en": "Assessment of the situation of trafficking in persons in Mexico"},
        "organisations": ["Comisión Nacional de los Derechos Humanos (CNDH)"],
        "year": 2013,
        "publisher": "CNDH",
        "place": "México",
        "annotation": {"en": "A national *assessment*.", "es": "Un **diagnóstico** nacional."},
        "verification": {"status": "verified"},
    }
    return Reference.model_validate(base | fields, context=LANGS)


ARTICLE = {
    "key": "tyldum2005unobserved",
    "type": "article",
    "title": "Describing the unobserved: methodological challenges in empirical studies on human trafficking",
    "languages": ["en"],
    "title_translation": {"es": "Describir lo no observado"},
    "authors": [{"family": "Tyldum", "given": "Guri"}, {"family": "Brunovskis", "given": "Anette"}],
    "organisations": [],
    "year": 2005,
    "publisher": None,
    "place": None,
    "container": {"title": "International Migration", "volume": "43", "issue": "1-2", "pages": "17-34"},
    "doi": "10.1111/j.0020-7985.2005.00310.x",
}


def test_apa_in_spanish_with_corporate_author_and_spanish_title() -> None:
    # APA 7: corporate author in full, publisher omitted when it is the author, title in italics.
    assert str(format_reference(ref(), "apa", "es")) == (
        "Comisión Nacional de los Derechos Humanos (CNDH). (2013). "
        "<i>Diagnóstico sobre la Situación de la Trata de Personas en México</i>."
    )


def test_apa_article_and_in_text_citation_with_page() -> None:
    article = ref(**ARTICLE)
    assert str(format_reference(article, "apa", "en")) == (
        "Tyldum, G., &amp; Brunovskis, A. (2005). Describing the unobserved: methodological challenges in "
        "empirical studies on human trafficking. <i>International Migration</i>, <i>43</i>(1-2), 17–34. "
        "https://doi.org/10.1111/j.0020-7985.2005.00310.x"
    )
    formatter = Formatter([article, ref()], "apa", "es")
    assert str(formatter.in_text(Cite("tyldum2005unobserved", "12"))) == "(Tyldum &amp; Brunovskis, 2005, p. 12)"
    # A locator must not leak into the reference list (a citeproc-py defect we work around).
    assert "17-34" in str(formatter.references["tyldum2005unobserved"])


def test_chicago_keeps_full_given_names() -> None:
    text = str(format_reference(ref(**ARTICLE), "chicago-author-date", "en"))
    assert text.startswith("Tyldum, Guri, and Anette Brunovskis. 2005.")


def test_undated_work_in_each_language() -> None:
    undated = ref(year=None, verification={"status": "unverified"})
    assert "(s.&nbsp;f.)" in str(format_reference(undated, "apa", "es"))
    assert "(n.d.)" in str(format_reference(undated, "apa", "en"))


def test_csl_json_carries_language_and_annotation() -> None:
    item = to_csl(ref(), "es")
    assert item["language"] == "es"
    assert item["author"] == [{"literal": "Comisión Nacional de los Derechos Humanos (CNDH)"}]
    assert item["abstract"] == "Un diagnóstico nacional."
    assert "publisher" not in item  # same as the author
    assert json.loads(to_csl_json([ref()]))[0]["id"] == "cndh2013diagnostico"


def test_bibtex_parses_back_with_corporate_author_intact() -> None:
    data = parse_string(to_bibtex([ref(), ref(**ARTICLE)], "en"), "bibtex")
    report = data.entries["cndh2013diagnostico"]
    assert report.type == "techreport"
    assert str(report.persons["author"][0]) == "{Comisión Nacional de los Derechos Humanos (CNDH)}"
    assert report.fields["title"] == "Diagnóstico sobre la Situación de la Trata de Personas en México"
    article = data.entries["tyldum2005unobserved"]
    assert article.fields["journal"] == "International Migration"
    assert article.fields["pages"] == "17--34"
    assert [str(p) for p in article.persons["author"]] == ["Tyldum, Guri", "Brunovskis, Anette"]


def test_ris_parses_back() -> None:
    records = rispy.load(io.StringIO(to_ris([ref(), ref(**ARTICLE)], "es")))
    assert [r["type_of_reference"] for r in records] == ["RPRT", "JOUR"]
    assert records[1]["start_page"] == "17" and records[1]["end_page"] == "34"
    assert records[1]["doi"] == "10.1111/j.0020-7985.2005.00310.x"
    assert records[0]["abstract"] == "Un diagnóstico nacional."


def test_csv_has_a_header_and_one_row_per_entry() -> None:
    lines = to_csv([ref(), ref(**ARTICLE)]).splitlines()
    assert lines[0].startswith("key,type,title")
    assert len(lines) == 3


def test_zotero_metadata() -> None:
    meta = dict(highwire_meta(ref(**ARTICLE)))
    assert meta["citation_journal_title"] == "International Migration"
    assert meta["citation_firstpage"] == "17"
    assert ("citation_author", "Brunovskis, Anette") in highwire_meta(ref(**ARTICLE))
    kev = coins(ref())
    assert kev.startswith("ctx_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Abook")
    assert "rft.aucorp=Comisi%C3%B3n%20Nacional" in kev
