"""Everything a report needs from nbgrader's gradebook, read in bulk (one query per table).

Works with any gradebook nbgrader supports (``db_url``: SQLite, PostgreSQL, ...). Columns are read
with SQLAlchemy Core selects over nbgrader's own models: plain rows, no ORM objects per grade.
"""
from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import aliased
from nbgrader.api import (
    Assignment,
    Grade,
    GradeCell,
    Gradebook,
    Notebook,
    SolutionCell,
    Student,
    SubmittedAssignment,
    SubmittedNotebook,
)

from course.reports.columns import (
    AUTO, CELL, DUE, LATE, LESSON, MANUAL, MAX_SCORE, NAME, NOTEBOOK, PENALTY, SCORE, STUDENT, SUBMITTED_AT,
    TO_MARK,
)

SCORE_COLUMNS = [STUDENT, LESSON, NOTEBOOK, CELL, SCORE, MAX_SCORE, AUTO, MANUAL, TO_MARK, LATE, PENALTY,
                 SUBMITTED_AT]
_GRADE_ROWS = ["submitted_notebook", NOTEBOOK, CELL, MAX_SCORE, "auto", "manual", "extra", TO_MARK, "answer_cell"]
_NOTEBOOK_ROWS = ["submitted_notebook", STUDENT, LESSON, SUBMITTED_AT, "extension", PENALTY, DUE]


def scores(gradebook: Gradebook) -> pd.DataFrame:
    """One row per learner x lesson x graded cell, from two joined queries (grades; submissions).

    The score follows nbgrader: the trainer's manual score when there is one,
    else the autograder's, plus any extra credit. ``to_mark`` is true while a
    cell waits for the trainer; its score is 0 until then. ``trainer_marks`` is true for a cell the trainer
    marks (an answer cell that is also graded, nbgrader's manual grading). ``late_penalty`` is
    the notebook's penalty (nbgrader subtracts it once per notebook).
    Dates are read once per submission, not once per grade: that halves the time.
    """
    answer = aliased(SolutionCell, flat=True)  # SolutionCell and GradeCell share nbgrader's base cell table
    grades = _frame(gradebook, _GRADE_ROWS, select(
        Grade.notebook_id, Notebook.name, GradeCell.name, GradeCell.max_score, Grade.auto_score, Grade.manual_score,
        Grade.extra_credit, Grade.needs_manual_grade, answer.id,
    ).join(GradeCell, Grade.cell_id == GradeCell.id).join(Notebook, GradeCell.notebook_id == Notebook.id)
     .outerjoin(answer, (answer.notebook_id == GradeCell.notebook_id) & (answer.name == GradeCell.name)))
    if grades.empty:
        return pd.DataFrame(columns=SCORE_COLUMNS)
    submissions = _frame(gradebook, _NOTEBOOK_ROWS, select(
        SubmittedNotebook.id, Student.id, Assignment.name, SubmittedAssignment.timestamp, SubmittedAssignment.extension,
        SubmittedNotebook.late_submission_penalty, Assignment.duedate,
    ).join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
     .join(Student, SubmittedAssignment.student_id == Student.id)
     .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id))
    raw = grades.merge(_submission_columns(submissions), on="submitted_notebook", how="inner")
    chosen = raw["manual"].where(raw["manual"].notna(), raw["auto"])
    raw[SCORE] = chosen.fillna(0.0).astype(float) + raw["extra"].fillna(0.0).astype(float)
    raw[MAX_SCORE] = raw[MAX_SCORE].astype(float)
    raw[AUTO] = raw["auto"].notna() & raw["manual"].isna()
    raw[TO_MARK] = raw[TO_MARK].astype(bool)
    raw[MANUAL] = raw["answer_cell"].notna()
    return raw[SCORE_COLUMNS].sort_values([STUDENT, LESSON, NOTEBOOK, CELL]).reset_index(drop=True)


def _submission_columns(submissions: pd.DataFrame) -> pd.DataFrame:
    submissions[PENALTY] = submissions[PENALTY].fillna(0.0).astype(float)
    submissions[SUBMITTED_AT] = pd.to_datetime(submissions[SUBMITTED_AT])
    extension = pd.to_timedelta(submissions["extension"].astype("object").where(submissions["extension"].notna(), None))
    deadline = pd.to_datetime(submissions[DUE]) + extension.fillna(pd.Timedelta(0))
    submissions[LATE] = deadline.notna() & (submissions[SUBMITTED_AT] > deadline)
    return submissions[["submitted_notebook", STUDENT, LESSON, SUBMITTED_AT, PENALTY, LATE]]


def _frame(gradebook: Gradebook, columns: list[str], statement) -> pd.DataFrame:
    """Run a Core SELECT on the gradebook's connection: plain tuples, no ORM objects, built column by column
    (three times faster than DataFrame.from_records for a quarter of a million rows)."""
    rows = gradebook.db.execute(statement).all()
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(dict(zip(columns, zip(*rows))))


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
