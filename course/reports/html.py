"""A one-page, self-contained, accessible HTML report for trainers."""
from __future__ import annotations

from datetime import datetime
from html import escape

import pandas as pd

from course.i18n import _, current_language
from course.reports import tables as t

STYLE = """
body { font-family: system-ui, sans-serif; font-size: 1.1rem; line-height: 1.5; max-width: 60rem;
       margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff; }
table { border-collapse: collapse; margin: 1rem 0 2rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .5rem; }
th, td { border: 1px solid #555; padding: .35rem .7rem; text-align: left; }
tbody th, tbody td { white-space: nowrap; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: #e8e8e8; }
"""


def render(lesson_table: pd.DataFrame, exercise_table: pd.DataFrame, *, title: str, pseudonymised: bool) -> str:
    """The report page: a plain-words summary, then learners x lessons, then exercises."""
    lang = current_language()
    made = datetime.now().strftime("%Y-%m-%d %H:%M")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{escape(lang)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            f"<h1>{escape(title)}</h1>",
            f"<p>{escape(_('Made on {when}.').format(when=made))}</p>",
            _summary(lesson_table, pseudonymised),
            f"<h2>{escape(_('Learners and lessons'))}</h2>",
            _table(
                _learner_rows(lesson_table),
                caption=_("Score of each learner in each lesson"),
                headers=[_("Learner"), _("Lesson"), _("Score"), _("Out of"), _("Percent"), _("Late"),
                         _("Answers waiting for the trainer")],
            ),
            f"<h2>{escape(_('Exercises'))}</h2>",
            _table(
                _exercise_rows(exercise_table),
                caption=_("How many learners passed each automatically checked exercise"),
                headers=[_("Lesson"), _("Exercise"), _("Learners"), _("Passed"), _("Pass rate (%)")],
            ),
            "</main>",
            "</body>",
            "</html>",
        ]
    )


def _summary(lesson_table: pd.DataFrame, pseudonymised: bool) -> str:
    if lesson_table.empty:
        return f"<p>{escape(_('No graded work yet.'))}</p>"
    learners = lesson_table.index.get_level_values(t.STUDENT).nunique()
    lessons = lesson_table.index.get_level_values(t.LESSON).nunique()
    mean = lesson_table[t.PERCENT].mean()
    lines = [
        _("{learners} learners, {lessons} lesson(s) graded.").format(learners=learners, lessons=lessons),
        _("Average score: {mean:.0f} percent.").format(mean=mean),
    ]
    if pseudonymised:
        lines.append(_("Learners are shown by pseudonym. Your course folder holds the key."))
    return "<p>" + "<br>".join(escape(line) for line in lines) + "</p>"


def _learner_rows(lesson_table: pd.DataFrame) -> list[list[str]]:
    rows = []
    for (student, lesson), row in lesson_table.iterrows():
        rows.append(
            [
                student,
                lesson,
                _number(row[t.SCORE]),
                _number(row[t.MAX_SCORE]),
                _number(row[t.PERCENT]),
                _("yes") if row[t.LATE] else _("no"),
                str(int(row[t.WAITING])),
            ]
        )
    return rows


def _exercise_rows(exercise_table: pd.DataFrame) -> list[list[str]]:
    return [
        [lesson, cell, str(int(row[t.LEARNERS])), str(int(row[t.PASSED])), _number(row[t.PASS_RATE])]
        for (lesson, cell), row in exercise_table.iterrows()
    ]


def _number(value: float) -> str:
    return f"{value:g}"


def _table(rows: list[list[str]], *, caption: str, headers: list[str]) -> str:
    if not rows:
        return f"<p>{escape(_('Nothing to show yet.'))}</p>"
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = []
    for row in rows:
        first, *rest = row
        cells = [f'<th scope="row">{escape(first)}</th>']
        cells += [
            f'<td class="number">{escape(v)}</td>' if _is_number(v) else f"<td>{escape(v)}</td>" for v in rest
        ]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
