"""Everything a report needs from nbgrader's gradebook, read in bulk (one query per table).

Works with any gradebook nbgrader supports (``db_url``: SQLite, PostgreSQL, ...).
"""
from __future__ import annotations

import pandas as pd
from nbgrader.api import (
    Assignment,
    Grade,
    GradeCell,
    Gradebook,
    Notebook,
    Student,
    SubmittedAssignment,
    SubmittedNotebook,
)

from course.reports.columns import (
    AUTO, CELL, DUE, LATE, LESSON, MAX_SCORE, NAME, NOTEBOOK, PENALTY, SCORE, STUDENT, SUBMITTED_AT, TO_MARK,
)

SCORE_COLUMNS = [STUDENT, LESSON, NOTEBOOK, CELL, SCORE, MAX_SCORE, AUTO, TO_MARK, LATE, PENALTY, SUBMITTED_AT]
_RAW = [STUDENT, LESSON, NOTEBOOK, CELL, MAX_SCORE, "auto", "manual", "extra", TO_MARK, SUBMITTED_AT, "extension",
        PENALTY, DUE]


def scores(gradebook: Gradebook) -> pd.DataFrame:
    """One row per learner x lesson x graded cell, from a single joined query.

    The score follows nbgrader: the trainer's manual score when there is one,
    else the autograder's, plus any extra credit. ``to_mark`` is true while a
    cell waits for the trainer; its score is 0 until then. ``late_penalty`` is
    the notebook's penalty (nbgrader subtracts it once per notebook).
    """
    query = (
        gradebook.db.query(
            Student.id, Assignment.name, Notebook.name, GradeCell.name, GradeCell.max_score,
            Grade.auto_score, Grade.manual_score, Grade.extra_credit, Grade.needs_manual_grade,
            SubmittedAssignment.timestamp, SubmittedAssignment.extension,
            SubmittedNotebook.late_submission_penalty, Assignment.duedate,
        )
        .join(SubmittedNotebook, Grade.notebook_id == SubmittedNotebook.id)
        .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
        .join(Student, SubmittedAssignment.student_id == Student.id)
        .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
        .join(GradeCell, Grade.cell_id == GradeCell.id)
        .join(Notebook, GradeCell.notebook_id == Notebook.id)
    )
    raw = pd.DataFrame(query.all(), columns=_RAW)
    if raw.empty:
        return pd.DataFrame(columns=SCORE_COLUMNS)
    chosen = raw["manual"].where(raw["manual"].notna(), raw["auto"])
    raw[SCORE] = chosen.fillna(0.0).astype(float) + raw["extra"].fillna(0.0).astype(float)
    raw[MAX_SCORE] = raw[MAX_SCORE].astype(float)
    raw[AUTO] = raw["auto"].notna() & raw["manual"].isna()
    raw[TO_MARK] = raw[TO_MARK].astype(bool)
    raw[PENALTY] = raw[PENALTY].fillna(0.0).astype(float)
    raw[SUBMITTED_AT] = pd.to_datetime(raw[SUBMITTED_AT])
    deadline = pd.to_datetime(raw[DUE]) + pd.to_timedelta(raw["extension"].fillna(pd.Timedelta(0)))
    raw[LATE] = deadline.notna() & (raw[SUBMITTED_AT] > deadline)
    return raw[SCORE_COLUMNS].sort_values([STUDENT, LESSON, NOTEBOOK, CELL]).reset_index(drop=True)


def learners(gradebook: Gradebook) -> pd.DataFrame:
    """Every learner in the gradebook (also those who submitted nothing), with the name if known."""
    rows = gradebook.db.query(Student.id, Student.first_name, Student.last_name).all()
    table = pd.DataFrame(rows, columns=[STUDENT, "first", "last"])
    table[NAME] = (table["first"].fillna("") + " " + table["last"].fillna("")).str.strip()
    return table.set_index(STUDENT)[[NAME]].sort_index()


def lessons(gradebook: Gradebook) -> pd.DataFrame:
    """Every lesson in the gradebook with its due date (none when not set)."""
    rows = gradebook.db.query(Assignment.name, Assignment.duedate).all()
    table = pd.DataFrame(rows, columns=[LESSON, DUE])
    table[DUE] = pd.to_datetime(table[DUE])
    return table.set_index(LESSON).sort_index()
