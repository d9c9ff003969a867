"""Combine self-assessment answer files (from the interactive page) into a country summary.

A network or national body collects the files organisations chose to share and needs, per
question, how many organisations are at each level, and per area the spread of scores. Names
are left out unless a file gives one and the caller asks for them: the summary is usually
shared further than the files were.
"""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctkb.assessment import LEVELS, Area
from ctkb.errors import ErrorList

HEADER = ["date", "organisation", "country", "question", "level"]
FORMAT = "ctkb-self-assessment"


@dataclass(frozen=True)
class Answers:
    """One organisation's answers, as read from one file."""

    path: str
    date: str
    organisation: str
    country: str
    levels: dict[str, int | None]


def read_answers(path: Path, questions: set[str], errors: ErrorList) -> Answers | None:
    """The answers of a JSON or CSV file the interactive page wrote; problems go to `errors`."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        errors.add(name, 0, "", f"cannot be read as text: {exc.__class__.__name__}")
        return None
    read = _from_json if text.lstrip().startswith("{") else _from_csv
    raw = read(name, text, errors)
    if raw is None:
        return None
    levels: dict[str, int | None] = {}
    for question, level in raw["answers"].items():
        if question not in questions:
            errors.add(name, 0, f"answers, {question}", "not a question of this self-assessment")
        elif level is not None and (isinstance(level, bool) or level not in range(LEVELS)):
            errors.add(name, 0, f"answers, {question}", f"{level!r} is not a level: use 0, 1, 2 or 3")
        else:
            levels[question] = level
    meta = {key: str(raw.get(key) or "") for key in ("date", "organisation", "country")}
    return Answers(name, meta["date"], meta["organisation"], meta["country"], levels)


def _from_json(name: str, text: str, errors: ErrorList) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        errors.add(name, exc.lineno, "", f"not valid JSON: {exc.msg}")
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        errors.add(name, 0, "format", f'not a ctkb self-assessment file (expected "format": "{FORMAT}")')
        return None
    if not isinstance(data.get("answers"), dict):
        errors.add(name, 0, "answers", "missing: expected a mapping of question → level")
        return None
    return data


def _from_csv(name: str, text: str, errors: ErrorList) -> dict[str, Any] | None:
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or rows[0] != HEADER:
        errors.add(name, 1, "", f"not a ctkb self-assessment file (expected the header {','.join(HEADER)})")
        return None
    data: dict[str, Any] = {"date": "", "organisation": "", "country": "", "answers": {}}
    for number, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        if len(row) != len(HEADER):
            errors.add(name, number, "", f"expected {len(HEADER)} columns, found {len(row)}")
            continue
        date, organisation, country, question, level = row
        data.update(date=data["date"] or date, organisation=data["organisation"] or organisation)
        data["country"] = data["country"] or country
        if level.strip() == "":
            data["answers"][question] = None
        elif level.strip().isdigit():
            data["answers"][question] = int(level)
        else:
            errors.add(name, number, "level", f"{level!r} is not a level: use 0, 1, 2 or 3")
    return data


@dataclass
class Summary:
    areas: list[Area]
    files: list[Answers]
    names: bool
    counts: dict[str, list[int]] = field(default_factory=dict)
    """Question id → organisations at level 0, 1, 2, 3, and without an answer."""

    def __post_init__(self) -> None:
        for area in self.areas:
            for question in area.questions:
                qid = f"{area.id}/{question.id}"
                tally = [0] * (LEVELS + 1)
                for answers in self.files:
                    level = answers.levels.get(qid)
                    tally[LEVELS if level is None else level] += 1
                self.counts[qid] = tally

    def area_scores(self, area: Area) -> list[int | None]:
        """Each organisation's score in `area` (0–100, None without an answer there)."""
        scores: list[int | None] = []
        for answers in self.files:
            levels = [answers.levels.get(f"{area.id}/{q.id}") for q in area.questions]
            given = [level for level in levels if level is not None]
            scores.append(round(100 * sum(given) / (3 * len(given))) if given else None)
        return scores

    def area_counts(self, area: Area) -> list[int]:
        """All answers in `area` at each level (and unanswered), pooled over its questions."""
        pooled = [0] * (LEVELS + 1)
        for question in area.questions:
            for index, count in enumerate(self.counts[f"{area.id}/{question.id}"]):
                pooled[index] += count
        return pooled

    @property
    def countries(self) -> list[str]:
        return sorted({answers.country for answers in self.files if answers.country})

    @property
    def organisations(self) -> list[str]:
        return sorted({answers.organisation for answers in self.files if answers.organisation}) if self.names else []


def write_summary(summary: Summary, out: Path, lang: str, plain: Any, ui: dict[str, str]) -> list[Path]:
    """questions.csv, areas.csv, chart.svg, summary.md and summary.html in `out`; `ui` holds the headings."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    level_columns = [f"level_{level}" for level in range(LEVELS)] + ["unanswered"]
    with (out / "questions.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["area", "question", "text", *level_columns])
        for area in summary.areas:
            for question in area.questions:
                qid = f"{area.id}/{question.id}"
                writer.writerow([area.id, qid, plain(question.text), *summary.counts[qid]])
    written.append(out / "questions.csv")
    with (out / "areas.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["area", "title", *level_columns, "organisations_scored", "median_score"])
        for area in summary.areas:
            scores = sorted(score for score in summary.area_scores(area) if score is not None)
            writer.writerow([area.id, plain(area.title), *summary.area_counts(area), len(scores), _median(scores)])
    written.append(out / "areas.csv")
    svg = chart_svg(summary, plain, ui["chart_title"])
    (out / "chart.svg").write_text(svg, encoding="utf-8")
    written.append(out / "chart.svg")
    (out / "summary.md").write_text(_markdown(summary, plain, ui), encoding="utf-8")
    written.append(out / "summary.md")
    (out / "summary.html").write_text(_html(summary, plain, svg, lang, ui), encoding="utf-8")
    written.append(out / "summary.html")
    return written


def _median(scores: list[int]) -> str:
    if not scores:
        return ""
    middle = len(scores) // 2
    value = scores[middle] if len(scores) % 2 else (scores[middle - 1] + scores[middle]) / 2
    return f"{value:g}"


LEVEL_COLOURS = ("#b2182b", "#ef8a62", "#67a9cf", "#2166ac", "#d9d9d9")
"""Level 0 to 3, then unanswered: a diverging scheme readable in grey and by colour-blind readers."""


def chart_svg(summary: Summary, plain: Any, title: str) -> str:
    """Per area, a bar split by how many answers are at each level (a text alternative in <desc>)."""
    left, width, row = 40, 320, 28
    height = 10 + row * len(summary.areas) + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {left + width + 10} {height}" role="img" '
        'aria-labelledby="t d">',
        f'<title id="t">{html.escape(title)}</title>',
    ]
    described = []
    for index, area in enumerate(summary.areas):
        counts = summary.area_counts(area)
        total = sum(counts) or 1
        y, x = 10 + index * row, float(left)
        parts.append(f'<text x="0" y="{y + 15}" font-size="12">{area.number}</text>')
        for level, count in enumerate(counts):
            share = width * count / total
            if share:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{share:.1f}" height="20" fill="{LEVEL_COLOURS[level]}"/>'
                )
            x += share
        described.append(f"{area.number}. {plain(area.title)}: " + ", ".join(str(count) for count in counts))
    parts.insert(2, f'<desc id="d">{html.escape("; ".join(described))}</desc>')
    legend_y = height - 8
    for level in range(LEVELS + 1):
        label = str(level) if level < LEVELS else "–"
        parts.append(f'<rect x="{left + level * 60}" y="{legend_y - 10}" width="12" height="12" '
                     f'fill="{LEVEL_COLOURS[level]}"/>')  # fmt: skip
        parts.append(f'<text x="{left + level * 60 + 16}" y="{legend_y}" font-size="12">{label}</text>')
    parts.append("</svg>\n")
    return "\n".join(parts)


def _intro(summary: Summary, ui: dict[str, str]) -> list[str]:
    countries = ", ".join(summary.countries) or ui["not_given"]
    lines = [ui["counted"].format(count=len(summary.files), countries=countries)]
    if summary.organisations:
        lines.append(ui["named"].format(names=", ".join(summary.organisations)))
    return lines


def _markdown(summary: Summary, plain: Any, ui: dict[str, str]) -> str:
    lines = [f"# {ui['title']}", "", *_intro(summary, ui)]
    lines += ["", f"| {ui['area']} | 0 | 1 | 2 | 3 | – | {ui['median']} |", "|---|---|---|---|---|---|---|"]
    for area in summary.areas:
        scores = sorted(score for score in summary.area_scores(area) if score is not None)
        counts = " | ".join(str(count) for count in summary.area_counts(area))
        lines.append(f"| {area.number}. {plain(area.title)} | {counts} | {_median(scores)} |")
    lines += ["", f"| {ui['question']} | 0 | 1 | 2 | 3 | – |", "|---|---|---|---|---|---|"]
    for area in summary.areas:
        for number, question in enumerate(area.questions, start=1):
            counts = " | ".join(str(count) for count in summary.counts[f"{area.id}/{question.id}"])
            lines.append(f"| {area.number}.{number} {plain(question.text)} | {counts} |")
    return "\n".join(lines) + "\n"


def _html(summary: Summary, plain: Any, svg: str, lang: str, ui: dict[str, str]) -> str:
    escape = html.escape
    rows = []
    for area in summary.areas:
        scores = sorted(score for score in summary.area_scores(area) if score is not None)
        cells = "".join(f"<td>{count}</td>" for count in summary.area_counts(area))
        title = escape(f"{area.number}. {plain(area.title)}")
        rows.append(f'<tr><th scope="row">{title}</th>{cells}<td>{_median(scores)}</td></tr>')
    intro = "".join(f"<p>{escape(line)}</p>" for line in _intro(summary, ui))
    head = "".join(
        f'<th scope="col">{escape(text)}</th>' for text in (ui["area"], "0", "1", "2", "3", "–", ui["median"])
    )
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(ui["title"])}</title>'
        f"</head><body>\n<h1>{escape(ui['title'])}</h1>\n{intro}\n{svg}"
        f"<table><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n</body></html>\n"
    )
