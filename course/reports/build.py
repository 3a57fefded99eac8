"""`course report`: gradebook -> tables -> CSV + HTML under reports/."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from course.config import Course
from course.errors import CourseError
from course.i18n import _
from course.nbgrader_api import gradebook_for
from course.reports import html, tables
from course.reports.pseudonyms import load_key, pseudonym


@dataclass(frozen=True)
class Report:
    folder: Path
    html: Path
    learners_csv: Path
    exercises_csv: Path
    lessons: pd.DataFrame
    exercises: pd.DataFrame


def report(*, course: Course, real_ids: bool = False, folder: Path | None = None) -> Report:
    """Write the trainer report; learners are pseudonymised unless *real_ids*.

    Steps: read the gradebook in bulk -> hide learner IDs -> build the tables
    -> write CSV and HTML (the only writes, at the end).
    """
    score_rows = read_scores(course)
    if not real_ids:
        score_rows = pseudonymise(score_rows, load_key(course.secret_path))
    lesson_table = tables.lessons(score_rows)
    exercise_table = tables.exercises(score_rows)
    folder = folder or course.reports_dir / date.today().isoformat()
    page = html.render(lesson_table, exercise_table, title=_("Code-n-Social: course report"),
                       pseudonymised=not real_ids)
    return write(folder, page, lesson_table, exercise_table)


def read_scores(course: Course) -> pd.DataFrame:
    """The gradebook's scores, or a clear error when there is no gradebook yet."""
    db_url = course.coursedir.db_url
    if db_url.startswith("sqlite:///") and not Path(db_url.removeprefix("sqlite:///")).exists():
        raise CourseError(_("There is no gradebook yet. Release and grade a lesson first: course release, course grade."))
    with gradebook_for(course) as gradebook:
        return tables.scores(gradebook)


def pseudonymise(score_rows: pd.DataFrame, key: bytes) -> pd.DataFrame:
    hidden = score_rows.copy()
    hidden[tables.STUDENT] = hidden[tables.STUDENT].map(lambda sid: pseudonym(sid, key))
    return hidden


def write(folder: Path, page: str, lesson_table: pd.DataFrame, exercise_table: pd.DataFrame) -> Report:
    folder.mkdir(parents=True, exist_ok=True)
    html_path = folder / "report.html"
    learners_csv = folder / "learners.csv"
    exercises_csv = folder / "exercises.csv"
    lesson_table.to_csv(learners_csv)
    exercise_table.to_csv(exercises_csv)
    html_path.write_text(page, encoding="utf-8")
    return Report(folder, html_path, learners_csv, exercises_csv, lesson_table, exercise_table)
