"""Country legal frameworks: the provisions checked, the points not checked, and the legal basis shown on procedures."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from ctkb.build import BuiltSite
from ctkb.catalog import load_catalog
from ctkb.laws import KEY_TOPICS, Basis, Law, Provision, by_country
from ctkb.pages import render_sources
from ctkb.project import Project

LANGS = {"languages": ("en", "es")}
PROVISION = {
    "topic": "definition",
    "summary": {"en": "Defines it.", "es": "La define."},
    "evidence": {"at": "example.org/law", "note": {"en": "seen", "es": "visto"}},
    "status": "secondary",
}


def test_valid_law_loads_with_its_points_checked_and_not_checked(tiny_project: Project) -> None:
    law = load_catalog(tiny_project).of(Law)["gt"]
    assert law.law == "un2000palermo" and law.country == "GT"
    assert law.checked_topics == ["definition"]
    assert law.unchecked_topics == [topic for topic in KEY_TOPICS if topic != "definition"]
    assert law.provisions[0].anchor == "art-3-definition"


def test_article_is_one_article_number_as_the_law_numbers_it() -> None:
    assert Provision.model_validate({**PROVISION, "article": 84}, context=LANGS).article == "84"
    assert Provision.model_validate({**PROVISION, "article": "367-B"}, context=LANGS).article == "367-B"
    with pytest.raises(ValidationError, match="'4-5' is not an article number"):
        Provision.model_validate({**PROVISION, "article": "4-5"}, context=LANGS)


def test_tiny_pages_show_the_law_and_the_legal_basis_of_step_and_role(tiny_project: Project) -> None:
    sources = render_sources(load_catalog(tiny_project).public())
    law = sources["es/laws/gt.md"]
    assert '<li id="art-3-definition"><strong>Artículo 3</strong> · Definición de la trata' in law
    # the step and role open with the law's country chosen in their "Show the legal basis for"
    assert '<a href="../workflows/referral.html?country=GT#step-refer">' in law
    assert '<a href="../workflows/roles/case-manager.html?country=GT">' in law
    assert 'id="not-checked"' in law and "No punición de las víctimas" in law
    step = sources["en/workflows/referral.md"].split('<li id="step-refer">')[1].split("</li>\n<li id=")[0]
    assert "<dt>Legal basis</dt>" in step
    assert 'In Guatemala, <a href="../laws/gt.html#art-3-definition">article 3 of the Protocol</a>' in step
    role = sources["es/workflows/roles/case-manager.md"]
    assert 'En Guatemala: <a href="../../laws/gt.html#art-3-definition">Protocolo, artículo 3</a>' in role
    assert 'id="legal-basis"' not in sources["en/workflows/roles/first-responder.md"]


def _page(site: BuiltSite, lang: str, path: str) -> str:
    folder = site.site_dir / ("" if lang == "en" else lang)
    return (folder / f"{path}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "article", "code_article", "non_punishment", "not_checked"),
    [
        ("en", "Article 4", "Article 202 ter of the Criminal Code", "Non-punishment of victims", "Not checked."),
        ("es", "Artículo 4", "Código Penal, artículo 202 ter", "No punición de las víctimas", "No revisado."),
    ],
)
def test_guatemala_page_shows_its_articles_one_in_the_criminal_code_and_what_was_not_checked(
    shipped_site: BuiltSite, lang: str, article: str, code_article: str, non_punishment: str, not_checked: str
) -> None:
    page = _page(shipped_site, lang, "laws/gt")
    assert f'<li id="art-4-coordination"><strong>{article}</strong>' in page
    # The offence is defined in the Criminal Code, not in the decree: the page names where.
    assert f'<li id="art-202-ter-definition"><strong>{code_article}</strong>' in page
    unchecked = page.split('id="not-checked"')[1].split("</ul>")[0]
    assert (
        f'<li data-topic="non-punishment"><strong>{non_punishment}</strong>: <span class="ctkb-unchecked">{not_checked}'
        in unchecked
    )
    assert 'data-topic="coordination"' not in unchecked and 'data-topic="definition"' not in unchecked


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", 'In Nicaragua, <a href="../laws/ni.html#art-29-assistance">article 29 of Law No. 896</a>'),
        ("es", 'En Nicaragua: <a href="../laws/ni.html#art-29-assistance">Ley No. 896, artículo 29</a>'),
    ],
)
def test_grounded_step_and_role_show_their_legal_basis(shipped_site: BuiltSite, lang: str, line: str) -> None:
    workflow = _page(shipped_site, lang, "workflows/identification-referral")
    step = workflow.split('<li id="step-protect-child">')[1].split('<li id="step-')[0]
    assert line in step
    assert 'class="ctkb-legal-basis"' not in workflow.split('<li id="step-notice-indicators">')[1].split("</li>")[0]
    role = _page(shipped_site, lang, "workflows/roles/child-protection")
    assert line.replace('href="../', 'href="../../') in role


def test_laws_index_counts_key_points_and_lists_state_laws_after_mexico(shipped_site: BuiltSite) -> None:
    for lang, checked, campeche in (
        ("en", "1 of 5", '<a href="mx-cam.html">Campeche (Mexico)</a>'),
        ("es", "1 de 5", '<a href="mx-cam.html">Campeche (México)</a>'),
    ):
        page = _page(shipped_site, lang, "laws/index")
        rows = re.findall(r'<th scope="row"><a href="([a-z-]+)\.html">', page)
        assert rows == ["gt", "hn", "mx", "mx-cam", "mx-chp", "mx-roo", "mx-tab", "ni", "sv"]
        assert checked in page and campeche in page


def test_state_law_page_shows_its_verified_article_and_is_no_basis_where_it_grounds_nothing(
    shipped_site: BuiltSite,
) -> None:
    page = _page(shipped_site, "en", "laws/mx-cam")
    assert '<h1 id="mx-cam">Legal framework: Campeche (Mexico)' in page
    article = page.split('<li id="art-2-coordination">')[1].split("</li>")[0]
    assert "Inter-Institutional Commission" in article
    assert "ctkb-verification--verified" in article
    # A state's law applies in that state only: it is not listed as "not checked" on every step.
    step = _page(shipped_site, "en", "workflows/identification-referral").split('<li id="step-protect-child">')[1]
    assert "Campeche" not in step.split("</dl>")[0]


def test_a_state_law_is_listed_only_where_it_grounds(tiny_project: Project) -> None:
    catalog = load_catalog(tiny_project)
    national = catalog.of(Law)["gt"]
    state = Law.model_validate(
        {
            "id": "mx-cam",
            "country": "MX",
            "area": "MX-CAM",
            "law": "un2000palermo",
            "short_title": {"en": "x", "es": "x"},
        },
        context=LANGS,
    )
    grounded = Basis(national, national.provisions[0])
    assert by_country([grounded], [national, state]) == [(national, [grounded])]
    on_state = Basis(state, national.provisions[0])
    assert by_country([on_state], [national, state]) == [(national, []), (state, [on_state])]
    assert by_country([], [national, state]) == []


@pytest.mark.parametrize(
    ("lang", "checked", "line"),
    [
        (
            "en",
            "5 of 5",
            'In Mexico, <a href="../laws/mx.html#art-37-non-punishment">article 37 of the General Law of 2012</a>',
        ),
        (
            "es",
            "5 de 5",
            'En México: <a href="../laws/mx.html#art-37-non-punishment">Ley General de 2012, artículo 37</a>',
        ),
    ],
)
def test_mexico_law_answers_every_key_point_and_grounds_the_non_punishment_check(
    shipped_site: BuiltSite, lang: str, checked: str, line: str
) -> None:
    page = _page(shipped_site, lang, "laws/mx")
    assert f"<dd>{checked}</dd>" in page
    assert 'id="not-checked"' not in page
    assert '<a href="https://www.diputados.gob.mx/LeyesBiblio/pdf/LGPSEDMTP.pdf" rel="noopener">' in page
    step = _page(shipped_site, lang, "workflows/investigation-prosecution").split(
        '<li id="step-check-non-punishment">'
    )[1]
    assert line in step.split('<li id="step-')[0]
