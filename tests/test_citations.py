"""Citation formatting (through CSL styles) and the export formats, parsed back by their readers."""

from __future__ import annotations

import io
import json
from typing import Any

import rispy
from conftest import REPO
from pybtex.database import parse_string
from pybtex.errors import set_strict_mode

from ctkb.bibliography import Reference
from ctkb.catalog import load_catalog
from ctkb.citations import (
    BIBTEX_REQUIRED,
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
from ctkb.project import Project

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
    # The Spanish edition of the APA manual writes "y", with no comma before it.
    assert str(formatter.in_text(Cite("tyldum2005unobserved", "12"))) == "(Tyldum y Brunovskis, 2005, p. 12)"
    assert str(formatter.references["tyldum2005unobserved"]).startswith("Tyldum, G. y Brunovskis, A. (2005).")
    # A locator must not leak into the reference list (a citeproc-py defect we work around).
    assert "17-34" in str(formatter.references["tyldum2005unobserved"])


def test_a_name_written_in_lowercase_keeps_its_case() -> None:
    """danah boyd: citeproc-py took "danah" for a particle and printed "boyd, . danah ."."""
    musto = ref(
        **ARTICLE | {"authors": [{"family": "Musto", "given": "Jennifer Lynne"}, {"family": "boyd", "given": "danah"}]}
    )
    assert str(format_reference(musto, "apa", "en")).startswith("Musto, J. L., &amp; boyd, d. (2005).")
    assert str(format_reference(musto, "apa", "es")).startswith("Musto, J. L. y boyd, d. (2005).")
    assert str(format_reference(musto, "chicago-author-date", "en")).startswith(
        "Musto, Jennifer Lynne, and danah boyd."
    )
    assert str(format_reference(musto, "chicago-author-date", "es")).startswith("Musto, Jennifer Lynne, y danah boyd.")


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


def test_every_export_says_what_is_not_verified() -> None:
    """What the page flags as not verified is not handed to a reference manager as fact."""
    partial = ref(verification={"status": "partial", "unchecked": ["publisher", "place"]})
    unverified = ref(key="x2013", verification={"status": "unverified"})
    english, spanish = "Not verified: publisher, place.", "Sin verificar: editorial, lugar."
    assert parse_string(to_bibtex([partial], "en"), "bibtex").entries["cndh2013diagnostico"].fields["note"] == english
    assert rispy.load(io.StringIO(to_ris([partial], "es")))[0]["notes"] == [spanish]
    assert json.loads(to_csl_json([partial], "es"))[0]["note"] == spanish
    assert to_csv([partial], "en").splitlines()[1].endswith(f',partial,"{english}"')
    assert "ninguno de estos datos" in json.loads(to_csl_json([unverified], "es"))[0]["note"]
    assert "note" not in to_csl(ref(), "en")  # a verified entry carries no caveat
    assert "note" not in to_csl(partial)  # …and formatting a citation never prints one


def test_bibtex_export_of_the_shipped_bibliography_is_valid() -> None:
    """Every entry has the fields its BibTeX type requires, or is @misc (nothing is guessed)."""
    refs = sorted(load_catalog(Project.load(REPO)).of(Reference).values(), key=lambda item: item.key)
    set_strict_mode(True)
    try:
        data = parse_string(to_bibtex(refs, "en"), "bibtex")
    finally:
        set_strict_mode(False)
    assert len(data.entries) == len(refs)
    for key, entry in data.entries.items():
        present = set(entry.fields) | {role for role, people in entry.persons.items() if people}
        assert set(BIBTEX_REQUIRED[entry.type]) <= present, (key, entry.type)
    assert data.entries["cndh2013diagnostico"].fields["institution"]  # a report names its institution


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
