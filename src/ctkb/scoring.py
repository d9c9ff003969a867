"""Score pre- and post-test answer sheets: per participant, per learning objective, and the gain.

Facilitators type the paper tests into a spreadsheet, one row per participant, keyed by the
anonymous code the participant wrote instead of a name, and save it as CSV: the header is
``participant``, optionally ``version`` (the code printed at the foot of the form), then the
question numbers 1, 2 … as on the form; a cell holds the letter ticked, or nothing. The blank
sheets offered for download have exactly that header. Only participants present on both sheets
count towards the gain; the others are listed, never silently dropped.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctkb.errors import ErrorList
from ctkb.testbanks import FORMS, TestForm, TestQuestion, parallel_forms

if TYPE_CHECKING:
    from ctkb.catalog import Catalog
    from ctkb.curricula import Curriculum

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,23}$")
WORDS = {"true": "a", "t": "a", "v": "a", "verdadero": "a", "false": "b", "f": "b", "falso": "b"}
"""What a true-false cell may hold besides its letter (a is true, b is false on the printed form)."""


@dataclass(frozen=True)
class Sheet:
    """One form's answers: participant code → the letter given per question (None: no answer)."""

    form: TestForm
    answers: dict[str, list[str | None]]

    def correct(self, code: str, questions: list[TestQuestion] | None = None) -> tuple[int, int]:
        """(right answers, questions asked) of `code`, over `questions` of this form (default: all)."""
        asked = self.form.questions if questions is None else questions
        given = self.answers[code]
        right = sum(1 for index, q in enumerate(self.form.questions) if q in asked and given[index] == q.letter)
        return right, len(asked)


def blank_sheet(form: TestForm) -> str:
    """The CSV header a facilitator fills in, one row per participant."""
    numbers = [str(number) for number in range(1, len(form.questions) + 1)]
    return ",".join(["participant", "version", *numbers]) + "\n"


def write_downloads(catalog: Catalog, folder: Path) -> None:
    """The blank answer sheets of every pre- and post-test, under ``downloads/training/``."""
    from ctkb.curricula import Curriculum
    from ctkb.testbanks import TestBank

    curricula = catalog.of(Curriculum)
    for curriculum_id, bank in sorted(catalog.of(TestBank).items()):
        if curriculum_id not in curricula:
            continue
        for form in parallel_forms(curricula[curriculum_id], bank):
            target = folder / "training" / f"{curriculum_id}-{form.which}-answers.csv"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(blank_sheet(form), encoding="utf-8")


def read_sheet(path: Path, form: TestForm, errors: ErrorList) -> Sheet | None:
    """The answers in `path` for `form`; every problem goes to `errors` as file:line: message."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        errors.add(name, 0, "", f"cannot be read as UTF-8 text ({exc.__class__.__name__}): save it as CSV UTF-8")
        return None
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max(",;\t", key=first.count)  # a spreadsheet in Spanish saves with semicolons
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    count = len(form.questions)
    if not rows or not rows[0] or rows[0][0].strip().lower() != "participant":
        errors.add(name, 1, "", "the first column's heading must be 'participant' (download the blank sheet)")
        return None
    header = [cell.strip().lower() for cell in rows[0]]
    columns: dict[int, int] = {}  # column → question index
    version_column = None
    for column, heading in enumerate(header[1:], start=1):
        if heading == "version":
            version_column = column
        elif heading.isdigit() and 1 <= int(heading) <= count and int(heading) - 1 not in columns.values():
            columns[column] = int(heading) - 1
        elif heading:
            errors.add(
                name, 1, heading, f"not a question of this form: the headings are participant, version, 1 to {count}"
            )
    missing = sorted(set(range(count)) - set(columns.values()))
    if missing:
        listed = ", ".join(str(index + 1) for index in missing)
        errors.add(name, 1, "", f"no column for question(s) {listed}: this form has {count} questions")
        return None
    answers: dict[str, list[str | None]] = {}
    first_line: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        code = row[0].strip()
        if not CODE.match(code):
            hint = " (it looks like a name: write the participant's anonymous code)" if " " in code else ""
            errors.add(
                name,
                line,
                "participant",
                f"'{code}' is not a participant code{hint}: letters, digits, - or _, up to 24",
            )
            continue
        if code in answers:
            errors.add(
                name, line, "participant", f"'{code}' is also on line {first_line[code]}: each code once per sheet"
            )
            continue
        if version_column is not None and version_column < len(row):
            version = row[version_column].strip().lower()
            if version and version != form.version:
                errors.add(
                    name, line, "version",
                    f"'{version}' is another version of the form: this {form.which}-test is version {form.version}",
                )  # fmt: skip
        given: list[str | None] = [None] * count
        for column, index in columns.items():
            cell = row[column].strip().lower() if column < len(row) else ""
            if not cell:
                continue
            question = form.questions[index]
            letter = WORDS.get(cell, cell) if question.kind == "true-false" else cell.rstrip(")")
            if letter not in question.letters:
                allowed = ", ".join(question.letters)
                message = f"'{row[column].strip()}' is not one of its options: write {allowed}, or leave it empty"
                errors.add(name, line, f"question {index + 1}", message)
            else:
                given[index] = letter
        answers[code], first_line[code] = given, line
    if not answers:
        errors.add(name, 2, "", "no participant's answers: one row per participant, under the heading")
    return Sheet(form, answers)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def percent(right: int, asked: int) -> float:
    return 100 * right / asked if asked else 0.0


@dataclass(frozen=True)
class ObjectiveRow:
    number: int
    objective_id: str
    text: str
    pre_questions: int
    post_questions: int
    pre_mean: float | None
    post_mean: float | None

    @property
    def gain(self) -> float | None:
        return None if self.pre_mean is None or self.post_mean is None else self.post_mean - self.pre_mean


@dataclass(frozen=True)
class Scores:
    """Everything the evaluation report needs, computed once from the two sheets."""

    curriculum: Curriculum
    pre: Sheet
    post: Sheet

    @property
    def paired(self) -> list[str]:
        return sorted(set(self.pre.answers) & set(self.post.answers))

    @property
    def pre_only(self) -> list[str]:
        return sorted(set(self.pre.answers) - set(self.post.answers))

    @property
    def post_only(self) -> list[str]:
        return sorted(set(self.post.answers) - set(self.pre.answers))

    def overall(self, code: str, sheet: Sheet) -> float:
        return percent(*sheet.correct(code))

    def objective_rows(self, plain: Any) -> list[ObjectiveRow]:
        """Per objective, the mean share of right answers before and after, over paired participants."""
        rows = []
        for number, objective in enumerate(self.curriculum.objectives, start=1):
            pre_q = [q for q in self.pre.form.questions if q.objective == objective.id]
            post_q = [q for q in self.post.form.questions if q.objective == objective.id]
            pre = [percent(*self.pre.correct(code, pre_q)) for code in self.paired] if pre_q else []
            post = [percent(*self.post.correct(code, post_q)) for code in self.paired] if post_q else []
            rows.append(
                ObjectiveRow(
                    number, objective.id, plain(objective.text), len(pre_q), len(post_q), _mean(pre), _mean(post)
                )
            )
        return rows

    def means(self) -> tuple[float | None, float | None]:
        """Mean overall score before and after, over paired participants."""
        pre = [self.overall(code, self.pre) for code in self.paired]
        post = [self.overall(code, self.post) for code in self.paired]
        return _mean(pre), _mean(post)

    @property
    def improved(self) -> int:
        return sum(1 for code in self.paired if self.overall(code, self.post) > self.overall(code, self.pre))


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def write_report(scores: Scores, out: Path, lang: str, plain: Any, ui: dict[str, Any]) -> list[Path]:
    """participants.csv, objectives.csv, chart.svg, summary.md and summary.html in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    rows = scores.objective_rows(plain)
    written = []
    with (out / "participants.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["participant", "pre_right", "pre_questions", "pre_percent", "post_right", "post_questions",
                         "post_percent", "gain_points", "paired"])  # fmt: skip
        for code in sorted(set(scores.pre.answers) | set(scores.post.answers)):
            pre = scores.pre.correct(code) if code in scores.pre.answers else None
            post = scores.post.correct(code) if code in scores.post.answers else None
            pre_pct = percent(*pre) if pre else None
            post_pct = percent(*post) if post else None
            gain = post_pct - pre_pct if pre_pct is not None and post_pct is not None else None
            writer.writerow([
                code, *(pre or ("", "")), _fmt(pre_pct), *(post or ("", "")), _fmt(post_pct), _fmt(gain),
                "yes" if pre and post else "no",
            ])  # fmt: skip
    written.append(out / "participants.csv")
    with (out / "objectives.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["number", "objective", "text", "pre_questions", "post_questions", "pre_mean_percent",
                         "post_mean_percent", "gain_points", "paired_participants"])  # fmt: skip
        for row in rows:
            writer.writerow([row.number, row.objective_id, row.text, row.pre_questions, row.post_questions,
                             _fmt(row.pre_mean), _fmt(row.post_mean), _fmt(row.gain), len(scores.paired)])  # fmt: skip
        pre_mean, post_mean = scores.means()
        gain = post_mean - pre_mean if pre_mean is not None and post_mean is not None else None
        writer.writerow(["", "overall", ui["overall"], len(scores.pre.form.questions), len(scores.post.form.questions),
                         _fmt(pre_mean), _fmt(post_mean), _fmt(gain), len(scores.paired)])  # fmt: skip
    written.append(out / "objectives.csv")
    svg = chart_svg(rows, ui)
    (out / "chart.svg").write_text(svg, encoding="utf-8")
    written.append(out / "chart.svg")
    (out / "summary.md").write_text(_markdown(scores, rows, plain, ui), encoding="utf-8")
    written.append(out / "summary.md")
    (out / "summary.html").write_text(_html(scores, rows, plain, svg, lang, ui), encoding="utf-8")
    written.append(out / "summary.html")
    return written


PRE_COLOUR, POST_COLOUR = "#9ecae1", "#08519c"
"""Light and dark blue: told apart in grey and by colour-blind readers; the legend names them."""


def chart_svg(rows: list[ObjectiveRow], ui: dict[str, Any]) -> str:
    """Per objective, two bars (before, after) on a 0–100 % scale; a text alternative in <desc>."""
    left, width, row_height = 36, 300, 30
    height = 10 + row_height * len(rows) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {left + width + 50} {height}" '
        'role="img" aria-labelledby="t d">',
        f'<title id="t">{html.escape(ui["chart_title"])}</title>',
    ]
    described = []
    for index, row in enumerate(rows):
        y = 10 + index * row_height
        parts.append(f'<text x="0" y="{y + 16}" font-size="12">{row.number}</text>')
        for offset, (value, colour) in enumerate(((row.pre_mean, PRE_COLOUR), (row.post_mean, POST_COLOUR))):
            share = width * (value or 0) / 100
            parts.append(f'<rect x="{left}" y="{y + offset * 12}" width="{share:.1f}" height="11" fill="{colour}"/>')
            parts.append(
                f'<text x="{left + share + 4:.1f}" y="{y + offset * 12 + 10}" font-size="10">{_fmt(value)}</text>'
            )
        described.append(f"{row.number}. {row.text}: {_fmt(row.pre_mean)} → {_fmt(row.post_mean)}")
    parts.insert(2, f'<desc id="d">{html.escape("; ".join(described))}</desc>')
    legend_y = height - 10
    for offset, (label, colour) in enumerate(((ui["before"], PRE_COLOUR), (ui["after"], POST_COLOUR))):
        x = left + offset * 120
        parts.append(f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="{legend_y}" font-size="12">{html.escape(label)}</text>')
    parts.append("</svg>\n")
    return "\n".join(parts)


def _intro(scores: Scores, ui: dict[str, Any]) -> list[str]:
    pre_mean, post_mean = scores.means()
    lines = [
        ui["counted"].format(pre=len(scores.pre.answers), post=len(scores.post.answers), paired=len(scores.paired)),
    ]
    if pre_mean is not None and post_mean is not None:
        lines.append(
            ui["gain"].format(pre=_fmt(pre_mean), post=_fmt(post_mean), gain=_fmt(post_mean - pre_mean),
                              improved=scores.improved, paired=len(scores.paired))
        )  # fmt: skip
    if scores.pre_only:
        lines.append(ui["pre_only"].format(codes=", ".join(scores.pre_only)))
    if scores.post_only:
        lines.append(ui["post_only"].format(codes=", ".join(scores.post_only)))
    lines.append(ui["versions"].format(pre=scores.pre.form.version, post=scores.post.form.version))
    return lines


def _markdown(scores: Scores, rows: list[ObjectiveRow], plain: Any, ui: dict[str, Any]) -> str:
    title = f"{ui['title']}: {plain(scores.curriculum.title)}"
    lines = [f"# {title}", ""]
    for line in _intro(scores, ui):
        lines += [line, ""]
    lines += [f"| {ui['objective']} | {ui['before']} | {ui['after']} | {ui['gain_col']} |", "|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row.number}. {row.text} | {_fmt(row.pre_mean)} | {_fmt(row.post_mean)} | {_fmt(row.gain)} |")
    lines += ["", f"![{ui['chart_title']}](chart.svg)", ""]
    return "\n".join(lines)


def _html(scores: Scores, rows: list[ObjectiveRow], plain: Any, svg: str, lang: str, ui: dict[str, Any]) -> str:
    escape = html.escape
    title = escape(f"{ui['title']}: {plain(scores.curriculum.title)}")
    intro = "".join(f"<p>{escape(line)}</p>" for line in _intro(scores, ui))
    head = "".join(
        f'<th scope="col">{escape(text)}</th>' for text in (ui["objective"], ui["before"], ui["after"], ui["gain_col"])
    )
    body = "".join(
        f'<tr><th scope="row">{escape(f"{row.number}. {row.text}")}</th><td>{_fmt(row.pre_mean)}</td>'
        f"<td>{_fmt(row.post_mean)}</td><td>{_fmt(row.gain)}</td></tr>\n"
        for row in rows
    )
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head><body>\n'
        f"<h1>{title}</h1>\n{intro}\n{svg}<table><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>\n"
        "</body></html>\n"
    )


def score_sheets(
    catalog: Catalog, curriculum_id: str, pre_path: Path, post_path: Path, errors: ErrorList
) -> Scores | None:
    """Read both sheets against the curriculum's forms; None (and `errors`) when anything is wrong."""
    from ctkb.curricula import Curriculum
    from ctkb.testbanks import TestBank

    curriculum = catalog.of(Curriculum).get(curriculum_id)
    bank = catalog.of(TestBank).get(curriculum_id)
    if curriculum is None or bank is None:
        known = ", ".join(sorted(catalog.of(TestBank))) or "none"
        errors.add("--curriculum", 0, "", f"no curriculum with a test bank called '{curriculum_id}' (known: {known})")
        return None
    forms = dict(zip(FORMS, parallel_forms(curriculum, bank), strict=True))
    pre = read_sheet(pre_path, forms["pre"], errors)
    post = read_sheet(post_path, forms["post"], errors)
    if errors or pre is None or post is None:
        return None
    return Scores(curriculum, pre, post)
