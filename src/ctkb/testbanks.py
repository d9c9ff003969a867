"""Test banks: a curriculum's questions, from which the pre-test, post-test and quiz are drawn.

One YAML file per curriculum under ``testbanks/``, named like the curriculum. Each question is
tied to one learning objective and to the page where its answer is found. The pre-test and the
post-test are parallel forms dealt from the bank: an objective's questions go to the pre-test,
the post-test, the pre-test … in the order they are written, so both forms cover every objective
(each needs at least two questions) and a question is never on both. Answers are letters on both
forms (a true/false question prints as a) true, b) false), so one answer sheet layout scores all.
"""

from __future__ import annotations

import hashlib
import string
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ctkb import pagelinks
from ctkb.content import ContentType, Printable, SourcePage
from ctkb.records import EditorNote, Record, RecordId, _Part, refuse_repeats
from ctkb.text import Text

if TYPE_CHECKING:
    from ctkb.catalog import Catalog, Lookup
    from ctkb.curricula import Curriculum, Objective
    from ctkb.errors import ErrorList

Kind = Literal["multiple-choice", "true-false", "scenario"]
Form = Literal["pre", "post"]
FORMS: tuple[Form, ...] = ("pre", "post")
LETTERS = string.ascii_lowercase[:5]


class TestQuestion(_Part):
    __test__ = False  # not a pytest test class, despite its name
    id: RecordId = Field(description="Identifier, unique within the bank, e.g. q01.")
    objective: RecordId = Field(description="The curriculum's learning objective it tests.")
    kind: Kind = Field(description="multiple-choice, true-false, or scenario (a short situation, then options).")
    scenario: Text | None = Field(default=None, description="The short situation (scenario questions only).")
    stem: Text = Field(description="The question.")
    options: tuple[Text, ...] = Field(
        default=(), description="Three to five options (multiple-choice and scenario); none for true-false."
    )
    answer: str | bool = Field(description="The correct option's letter (a, b …); for true-false, true or false.")
    rationale: Text = Field(description="One sentence: why that answer is right, from the linked page.")
    page: str = Field(description="The page where the answer is found, as folder/id (e.g. indicators/ind-003).")

    @model_validator(mode="after")
    def _answerable(self) -> TestQuestion:
        if self.kind == "true-false":
            if self.options:
                raise PydanticCustomError("ctkb", "a true-false question has no options", {"field": "options"})
            if not isinstance(self.answer, bool):
                raise PydanticCustomError("ctkb", "write true or false", {"field": "answer"})
        else:
            if not 3 <= len(self.options) <= len(LETTERS):
                raise PydanticCustomError(
                    "ctkb",
                    "give three to five options (found {count})",
                    {"count": len(self.options), "field": "options"},
                )
            letters = LETTERS[: len(self.options)]
            if isinstance(self.answer, bool) or self.answer not in letters:
                raise PydanticCustomError(
                    "ctkb", "write the letter of the correct option: one of {letters}",
                    {"letters": ", ".join(letters), "field": "answer"},
                )  # fmt: skip
        if (self.kind == "scenario") != (self.scenario is not None):
            message = (
                "a scenario question needs its scenario"
                if self.kind == "scenario"
                else "only a scenario question has a scenario"
            )
            raise PydanticCustomError("ctkb", message, {"field": "scenario"})
        return self

    @property
    def letter(self) -> str:
        """The correct answer as it is written on an answer sheet."""
        if isinstance(self.answer, bool):
            return "a" if self.answer else "b"
        return self.answer

    @property
    def letters(self) -> str:
        return "ab" if self.kind == "true-false" else LETTERS[: len(self.options)]


class TestBank(Record):
    """The questions of one curriculum."""

    __test__ = False

    id: RecordId = Field(description="The curriculum's id, also the file name.")
    questions: tuple[TestQuestion, ...] = Field(min_length=2, description="Its questions.")
    editor_note: EditorNote = None

    @model_validator(mode="after")
    def _unique(self) -> TestBank:
        refuse_repeats(((f"questions.{i}.id", q.id) for i, q in enumerate(self.questions)), "question")
        return self

    def form(self, which: Form) -> list[TestQuestion]:
        """The questions of the pre- or post-test, in bank order (see the module's docstring)."""
        seen: dict[str, int] = {}
        chosen = []
        for question in self.questions:
            position = seen.get(question.objective, 0)
            seen[question.objective] = position + 1
            if FORMS[position % 2] == which:
                chosen.append(question)
        return chosen

    def version(self, which: Form) -> str:
        """A short code printed on a form and checked on its answer sheets: it changes with the form."""
        questions = self.form(which)
        text = "\n".join(f"{q.id}:{q.letter}:{len(q.letters)}" for q in questions)
        return hashlib.sha256(f"{self.id}\n{which}\n{text}".encode()).hexdigest()[:6]

    def by_objective(self, objective_id: str) -> list[TestQuestion]:
        return [question for question in self.questions if question.objective == objective_id]


def check(known: Lookup, errors: ErrorList) -> None:
    """A bank belongs to a curriculum, tests its objectives, covers each on both forms; pages exist."""
    from ctkb.curricula import Curriculum

    curricula = known.catalog.of(Curriculum)
    for bank in known.catalog.of(TestBank).values():
        curriculum = curricula.get(bank.id)
        if curriculum is None:
            if not known.names("curricula", bank.id):
                bank.report(errors, ("id",), f"no curriculum '{bank.id}' (expected a file curricula/{bank.id}.yaml)")
            continue
        objectives = [objective.id for objective in curriculum.objectives]
        for index, question in enumerate(bank.questions):
            if question.objective not in objectives:
                listed = ", ".join(objectives)
                unknown = f"no objective '{question.objective}' in curricula/{bank.id}.yaml (known: {listed})"
                bank.report(errors, ("questions", index, "objective"), unknown)
            if problem := pagelinks.problem(known, question.page):
                bank.report(errors, ("questions", index, "page"), problem)
        for objective in objectives:
            count = len(bank.by_objective(objective))
            if count < 2:
                bank.report(
                    errors,
                    ("questions",),
                    f"objective '{objective}' has {count} question(s): "
                    "give at least two, one for the pre-test and one for the post-test",
                )


@dataclass(frozen=True)
class ObjectiveGroup:
    objective: Objective
    questions: list[TestQuestion]
    pre: int
    """How many of them are on the pre-test (the others are on the post-test)."""
    post: int


@dataclass(frozen=True)
class BankPage:
    """The whole bank by objective, for facilitators."""

    curriculum: Curriculum
    bank: TestBank
    groups: list[ObjectiveGroup]
    on_form: dict[str, Form]
    """Question id → "pre" or "post"."""


@dataclass(frozen=True)
class TestForm:
    """A participant's pre- or post-test: no answers on it, a box for a code instead of a name."""

    __test__ = False

    curriculum: Curriculum
    bank: TestBank
    which: Form
    questions: list[TestQuestion]
    version: str


@dataclass(frozen=True)
class AnswerKey:
    curriculum: Curriculum
    bank: TestBank
    forms: list[TestForm]


@dataclass(frozen=True)
class Quiz:
    curriculum: Curriculum
    questions: list[TestQuestion]


def _banks(catalog: Catalog) -> Iterator[tuple[Curriculum, TestBank]]:
    from ctkb.curricula import ordered

    banks = catalog.of(TestBank)
    for curriculum in ordered(catalog):
        if curriculum.id in banks:
            yield curriculum, banks[curriculum.id]


def parallel_forms(curriculum: Curriculum, bank: TestBank) -> list[TestForm]:
    return [TestForm(curriculum, bank, which, bank.form(which), bank.version(which)) for which in FORMS]


def pages(catalog: Catalog) -> Iterator[SourcePage]:
    for curriculum, bank in _banks(catalog):
        base = f"training/{curriculum.id}"
        on_form = {question.id: form.which for form in parallel_forms(curriculum, bank) for question in form.questions}
        groups = []
        for objective in curriculum.objectives:
            questions = bank.by_objective(objective.id)
            pre = sum(1 for question in questions if on_form[question.id] == "pre")
            groups.append(ObjectiveGroup(objective, questions, pre, len(questions) - pre))
        yield SourcePage(f"{base}/test-bank", "pages/test-bank.md.j2", BankPage(curriculum, bank, groups, on_form))
        yield SourcePage(f"{base}/quiz", "pages/quiz.md.j2", Quiz(curriculum, list(bank.questions)))


def printables(catalog: Catalog) -> Iterator[Printable]:
    for curriculum, bank in _banks(catalog):
        base = f"training/{curriculum.id}"
        forms = parallel_forms(curriculum, bank)
        for form in forms:
            page = SourcePage(f"{base}/{form.which}-test", "pages/test-form-print.md.j2", form)
            yield Printable(page, f"training/pdf/{curriculum.id}-{form.which}-test", "print/test-form.html.j2")
        page = SourcePage(f"{base}/answer-key", "pages/answer-key-print.md.j2", AnswerKey(curriculum, bank, forms))
        yield Printable(page, f"training/pdf/{curriculum.id}-answer-key", "print/answer-key.html.j2")


CONTENT = ContentType(
    folder="testbanks",
    model=TestBank,
    schema="testbank",
    noun="test bank",
    plural="test banks",
    check=check,
    pages=pages,
    printables=printables,
)
