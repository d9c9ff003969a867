"""The training package: curricula, exercises, test banks, printed tests and the scoring command."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO
from pypdf import PdfReader

from ctkb.build import BuiltSite
from ctkb.catalog import Catalog, load_catalog
from ctkb.cli import main
from ctkb.curricula import Curriculum
from ctkb.exercises import Exercise
from ctkb.pages import render_sources
from ctkb.project import Project
from ctkb.testbanks import TestBank, parallel_forms


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog(Project.load(REPO)).public()


@pytest.fixture(scope="module")
def tiny_sources(project_factory) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return render_sources(load_catalog(project_factory()).public())


def test_agenda_times_follow_the_sessions_and_breaks(tiny_sources: dict[str, str]) -> None:
    agenda = tiny_sources["en/training/tiny-course/agenda.md"]
    times = re.findall(r'<td class="ctkb-time">([^<]+)</td>', agenda)
    assert times == ["09:00–10:30", "10:30–10:45", "10:45–11:45"]  # 90 min, a 15-min break, 60 min
    assert "Break (15 min)" in agenda
    assert "Objectives: 1</span>" in agenda and "Objectives: 2</span>" in agenda
    assert "Receso (15 min)" in tiny_sources["es/training/tiny-course/agenda.md"]


def test_session_page_links_the_pages_it_teaches_and_the_safeguarding(tiny_sources: dict[str, str]) -> None:
    session = tiny_sources["en/training/tiny-course/referring.md"]
    assert (
        '<a href="../../workflows/referral.html#step-refer">Screening and referral, Step 2: Refer with consent</a>'
        in session
    )
    assert '<a href="../../workflows/roles/first-responder.html">' in session
    assert "Pause and offer support privately." in session  # shown with every session
    assert '<a href="handout-referring.html">' in session
    signs = tiny_sources["es/training/tiny-course/signs.md"]
    assert '<a href="../../checklists/context-workplace.html">Lista de verificación:' in signs
    assert '<a href="../exercises/ex-tiny-farm.html">Trabajadores agrícolas</a>' in signs


def test_exercise_says_it_is_fictional_and_links_indicators_and_steps(tiny_sources: dict[str, str]) -> None:
    page = tiny_sources["en/training/exercises/ex-tiny-farm.md"]
    assert "Fictional composite, not a real case." in page
    assert '<a href="../../indicators/ind-001.html">IND-001.' in page
    assert (
        '<a href="../../workflows/referral.html#step-notice">Screening and referral, Step 1: Notice indicators</a>'
        in page
    )
    assert '<a href="../tiny-course/signs.html">Signs</a>' in page  # where it is used


def test_pre_and_post_tests_are_parallel_forms_without_answers(tiny_sources: dict[str, str]) -> None:
    pre, post = (
        tiny_sources["en/training/tiny-course/pre-test.md"],
        tiny_sources["en/training/tiny-course/post-test.md"],
    )
    # q01, q03, q05 (1st and 3rd of "notice", 1st of "refer") are on the pre-test; q02 and q04 on the post-test
    assert pre.count('class="ctkb-test-question"') == 3 and post.count('class="ctkb-test-question"') == 2
    assert "What does a sign show?" in pre and "What does a sign show?" not in post
    assert "One sign proves trafficking." in post and "a) True" in post
    for form in (pre, post):
        assert "Participant code" in form and "Do not write your name." in form
        assert "✓" not in form and "Indicators suggest but do not prove." not in form  # no answers, no rationale
    assert re.search(r"Pre-test, 3 questions, version [0-9a-f]{6}\.", pre)


def test_answer_key_gives_each_forms_letters_and_the_blank_sheets(tiny_sources: dict[str, str]) -> None:
    key = tiny_sources["en/training/tiny-course/answer-key.md"]
    pre, post = key.split("<h2>Post-test")
    assert re.findall(r"<td>\d+</td><td><strong>([a-e])</strong>", pre) == ["b", "a", "a"]
    assert re.findall(r"<td>\d+</td><td><strong>([a-e])</strong>", post) == ["b", "a"]
    assert "(False)" in post and "(True)" in post
    assert 'href="../../downloads/training/tiny-course-pre-answers.csv"' in key


def test_quiz_holds_every_question_with_its_rationale_and_page(tiny_sources: dict[str, str]) -> None:
    quiz = tiny_sources["es/training/tiny-course/quiz.md"]
    assert quiz.count("<fieldset") == 5
    assert 'data-answer="b"' in quiz and "Los indicadores sugieren pero no prueban." in quiz
    assert '<a href="../../indicators/ind-001.html">Lea: IND-001.' in quiz
    assert " action=" not in quiz and "localStorage" not in quiz


def _sheet(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _score(root: Path, pre: Path, post: Path, out: Path) -> tuple[int, str]:
    args = ["training", "score", "--root", str(root), "--pre", str(pre), "--post", str(post)]
    result = CliRunner().invoke(main, [*args, "--curriculum", "tiny-course", "--out", str(out)])
    return result.exit_code, result.output


def test_scores_by_participant_and_objective_as_computed_by_hand(tiny_project: Project, tmp_path: Path) -> None:
    # Pre-test: 1 = q01 (notice, b), 2 = q03 (refer, a), 3 = q05 (notice, a).
    # Post-test: 1 = q02 (notice, false = b), 2 = q04 (refer, true = a).
    pre = _sheet(tmp_path / "pre.csv", "participant,version,1,2,3\nP01,,b,a,c\nP02,,a,b,a\nP03,,b,a,a\n")
    post = _sheet(tmp_path / "post.csv", "participant;1;2\nP01;b;a\nP02;a;Verdadero\nP04;b;a\n")  # semicolons
    out = tmp_path / "report"
    code, output = _score(tiny_project.root, pre, post, out)
    assert code == 0, output
    assert "2 participants on both sheets (1 only before, 1 only after)" in output
    with (out / "participants.csv").open(encoding="utf-8") as file:
        rows = {row["participant"]: row for row in csv.DictReader(file)}
    assert (rows["P01"]["pre_percent"], rows["P01"]["post_percent"], rows["P01"]["gain_points"]) == (
        "66.7",
        "100.0",
        "33.3",
    )
    assert (rows["P02"]["pre_percent"], rows["P02"]["post_percent"], rows["P02"]["gain_points"]) == (
        "33.3",
        "50.0",
        "16.7",
    )
    assert rows["P03"]["paired"] == "no" and rows["P03"]["post_percent"] == "" and rows["P04"]["pre_percent"] == ""
    with (out / "objectives.csv").open(encoding="utf-8") as file:
        objectives = {row["objective"]: row for row in csv.DictReader(file)}
    # notice: before P01 1/2, P02 1/2 → 50; after P01 1/1, P02 0/1 → 50.  refer: 50 → 100.
    assert (objectives["notice"]["pre_mean_percent"], objectives["notice"]["post_mean_percent"]) == ("50.0", "50.0")
    assert (objectives["refer"]["pre_mean_percent"], objectives["refer"]["post_mean_percent"]) == ("50.0", "100.0")
    assert objectives["refer"]["gain_points"] == "50.0" and objectives["refer"]["paired_participants"] == "2"
    assert (objectives["overall"]["pre_mean_percent"], objectives["overall"]["post_mean_percent"]) == ("50.0", "75.0")
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "50.0% before, 75.0% after, a gain of 25.0 points; 2 of them improved." in summary
    assert "Only on the pre-test (not compared): P03." in summary
    assert "Only on the post-test (not compared): P04." in summary
    assert "<svg" in (out / "summary.html").read_text(encoding="utf-8")
    assert "<desc" in (out / "chart.svg").read_text(encoding="utf-8")


def test_malformed_sheets_are_reported_by_line_and_nothing_is_written(tiny_project: Project, tmp_path: Path) -> None:
    pre = _sheet(
        tmp_path / "pre.csv",
        "participant,version,1,2,3\nMaria Lopez,,b,a,c\nP02,,a,e,a\nP02,,a,b,a\nP05,zzzzzz,a,a,a\n",
    )
    post = _sheet(tmp_path / "post.csv", "participant,1\nP01,b\n")
    out = tmp_path / "report"
    code, output = _score(tiny_project.root, pre, post, out)
    assert code == 1
    assert "pre.csv:2: participant: 'Maria Lopez' is not a participant code (it looks like a name" in output
    assert "pre.csv:3: question 2: 'e' is not one of its options: write a, b, c, or leave it empty" in output
    assert "pre.csv:4: participant: 'P02' is also on line 3" in output
    assert "pre.csv:5: version: 'zzzzzz' is another version of the form" in output
    assert "post.csv:1: no column for question(s) 2: this form has 2 questions" in output
    assert "nothing was written" in output and not out.exists()


def test_blank_answer_sheets_match_the_forms(tiny_project: Project, shipped_site: BuiltSite) -> None:
    catalog = load_catalog(Project.load(REPO))
    for curriculum_id, bank in catalog.of(TestBank).items():
        for form in parallel_forms(catalog.of(Curriculum)[curriculum_id], bank):
            sheet = shipped_site.site_dir / "downloads" / "training" / f"{curriculum_id}-{form.which}-answers.csv"
            header = sheet.read_text(encoding="utf-8").strip().split(",")
            assert header == ["participant", "version", *[str(n) for n in range(1, len(form.questions) + 1)]]


# The shipped package, as the issue asks for it.


def test_two_curricula_of_two_days_with_a_bank_each(shipped: Catalog) -> None:
    curricula = shipped.of(Curriculum)
    assert set(curricula) >= {"identification-referral", "data-management"}
    for curriculum in curricula.values():
        assert curriculum.days == 2
        assert curriculum.id in shipped.of(TestBank), curriculum.id
        for day, rows in curriculum.agenda():
            teaching = sum(row.session.minutes for row in rows if row.session)
            assert 240 <= teaching <= 480, (curriculum.id, day, teaching)
        methods = {method for session in curriculum.sessions for method in session.methods}
        assert "quiz" in methods and methods & {"case-study", "exercise", "role-play"}, curriculum.id


def test_at_least_eight_fictional_exercises_including_referral_and_data_protection(shipped: Catalog) -> None:
    exercises = shipped.of(Exercise)
    assert len(exercises) >= 8
    kinds = {exercise.kind for exercise in exercises.values()}
    assert {"case-study", "referral", "data-protection"} <= kinds
    referral = next(e for e in exercises.values() if e.kind == "referral")
    assert len([step for step in referral.steps if step.startswith("identification-referral#")]) >= 4
    assert any(e.forms for e in exercises.values() if e.kind == "data-protection")
    used = {exercise_id for c in shipped.of(Curriculum).values() for s in c.sessions for exercise_id in s.exercises}
    assert set(exercises) <= used, set(exercises) - used  # every exercise has a session


def test_every_bank_has_forty_questions_covering_every_objective_on_both_forms(shipped: Catalog) -> None:
    for curriculum in shipped.of(Curriculum).values():
        bank = shipped.of(TestBank)[curriculum.id]
        assert len(bank.questions) >= 40, curriculum.id
        pre, post = parallel_forms(curriculum, bank)
        objectives = {objective.id for objective in curriculum.objectives}
        assert {q.objective for q in pre.questions} == objectives == {q.objective for q in post.questions}
        assert not {q.id for q in pre.questions} & {q.id for q in post.questions}
        assert abs(len(pre.questions) - len(post.questions)) <= len(objectives)
        assert {q.kind for q in bank.questions} == {"multiple-choice", "true-false", "scenario"}


def test_answers_cannot_be_guessed_from_the_wording(shipped: Catalog) -> None:
    """The usual giveaways: the right option is the longest, always the same letter, or 'all of the above'."""
    for bank in shipped.of(TestBank).values():
        choice = [q for q in bank.questions if q.kind != "true-false"]
        for lang in ("en", "es"):
            longest = [
                q.id
                for q in choice
                if max(range(len(q.options)), key=lambda i: len(q.options[i].get(lang) or ""))
                == "abcde".index(q.answer)
            ]
            assert len(longest) <= len(choice) * 0.4, (bank.id, lang, longest)
        letters = [q.letter for q in choice]
        assert max(letters.count(letter) for letter in "abcd") <= len(choice) * 0.4, (bank.id, letters)
        truths = [q.answer for q in bank.questions if q.kind == "true-false"]
        assert 0.3 <= truths.count(True) / len(truths) <= 0.7, bank.id
        for question in choice:
            for option in question.options:
                words = f"{option.get('en')} {option.get('es')}".lower()
                assert not re.search(r"all of the above|none of the above|todas las anteriores|ninguna de las", words)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_printed_tests_and_handouts(shipped_site: BuiltSite, paper: str) -> None:
    catalog = load_catalog(Project.load(REPO))
    for lang in ("en", "es"):
        folder = shipped_site.site_dir / ("" if lang == "en" else lang) / "training" / "pdf"
        for curriculum in catalog.of(Curriculum).values():
            agenda = PdfReader(folder / f"{curriculum.id}-agenda-{paper}.pdf")
            assert len(agenda.pages) <= 3, (lang, curriculum.id)
            for session in curriculum.sessions:
                handout = PdfReader(folder / f"{curriculum.id}-handout-{session.id}-{paper}.pdf")
                assert len(handout.pages) <= 2, (lang, session.id, len(handout.pages))
            for which in ("pre", "post"):
                test = PdfReader(folder / f"{curriculum.id}-{which}-test-{paper}.pdf")
                assert len(test.pages) <= 6, (lang, which, len(test.pages))
                text = "".join(page.extract_text() for page in test.pages)
                assert ("Participant code" if lang == "en" else "Código de participante") in text


def test_facilitators_pages_are_left_out_of_search(shipped_site: BuiltSite) -> None:
    """Participants searching the site do not land on the answer key or the annotated test bank."""
    for folder in (shipped_site.site_dir, shipped_site.site_dir / "es"):
        index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        pages = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert "training/identification-referral/quiz.html" in pages
        assert "training/identification-referral/pre-test.html" in pages
        assert not {page for page in pages if page.endswith(("/test-bank.html", "/answer-key.html"))}


def test_the_safeguarding_note_is_found_on_its_course_page_only(shipped_site: BuiltSite) -> None:
    """Every session repeats it for the facilitator at hand; a search lists the course, not each session."""
    for folder, phrase in (
        (shipped_site.site_dir, "A participant discloses their own experience"),
        (shipped_site.site_dir / "es", "propia experiencia:"),
    ):
        index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        found = {doc["location"].split("#")[0] for doc in index["docs"] if phrase in doc["text"]}
        assert found == {"training/data-management/index.html", "training/identification-referral/index.html"}
        session = (folder / "training" / "data-management" / "why-data.html").read_text(encoding="utf-8")
        assert phrase in session  # still shown on the session page
