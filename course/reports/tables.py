"""Report tables as pandas DataFrames, read from nbgrader's gradebook in bulk.

One function builds each table from named column constants. Nothing here
writes to disk.
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

STUDENT = "student"
LESSON = "lesson"
NOTEBOOK = "notebook"
CELL = "exercise"
SCORE = "score"
MAX_SCORE = "max_score"
PERCENT = "percent"
AUTO = "auto_graded"
WAITING = "waiting_for_trainer"
LATE = "late"
PENALTY = "late_penalty"
SUBMITTED_AT = "submitted_at"
PASSED = "passed"
PASS_RATE = "pass_rate"
LEARNERS = "learners"

SCORE_COLUMNS = [STUDENT, LESSON, NOTEBOOK, CELL, SCORE, MAX_SCORE, AUTO, WAITING, LATE, PENALTY, SUBMITTED_AT]


def scores(gradebook: Gradebook) -> pd.DataFrame:
    """One row per learner x lesson x graded cell, read with a single query.

    The score follows nbgrader: the trainer's manual score when there is one,
    else the autograder's, plus any extra credit.
    """
    query = (
        gradebook.db.query(
            Student.id,
            Assignment.name,
            Notebook.name,
            GradeCell.name,
            GradeCell.max_score,
            GradeCell.cell_type,
            Grade.auto_score,
            Grade.manual_score,
            Grade.extra_credit,
            Grade.needs_manual_grade,
            SubmittedAssignment.timestamp,
            SubmittedAssignment.late_submission_penalty,
            Assignment.duedate,
        )
        .join(SubmittedNotebook, Grade.notebook_id == SubmittedNotebook.id)
        .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
        .join(Student, SubmittedAssignment.student_id == Student.id)
        .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
        .join(GradeCell, Grade.cell_id == GradeCell.id)
        .join(Notebook, GradeCell.notebook_id == Notebook.id)
    )
    raw = pd.DataFrame(
        query.all(),
        columns=[
            STUDENT, LESSON, NOTEBOOK, CELL, MAX_SCORE, "cell_type", "auto", "manual",
            "extra", WAITING, SUBMITTED_AT, PENALTY, "duedate",
        ],
    )
    if raw.empty:
        return pd.DataFrame(columns=SCORE_COLUMNS)
    chosen = raw["manual"].where(raw["manual"].notna(), raw["auto"])
    raw[SCORE] = chosen.fillna(0.0).astype(float) + raw["extra"].fillna(0.0).astype(float)
    raw[MAX_SCORE] = raw[MAX_SCORE].astype(float)
    raw[AUTO] = raw["auto"].notna()
    raw[WAITING] = raw[WAITING].astype(bool)
    raw[PENALTY] = raw[PENALTY].fillna(0.0).astype(float)
    raw[LATE] = raw["duedate"].notna() & (raw[SUBMITTED_AT] > raw["duedate"])
    return raw[SCORE_COLUMNS].sort_values([STUDENT, LESSON, NOTEBOOK, CELL]).reset_index(drop=True)


def lessons(score_rows: pd.DataFrame) -> pd.DataFrame:
    """One row per learner x lesson: score (less any late penalty), max, percent, late, waiting."""
    columns = [SCORE, MAX_SCORE, PERCENT, LATE, WAITING]
    if score_rows.empty:
        return pd.DataFrame(columns=columns, index=pd.MultiIndex.from_tuples([], names=[STUDENT, LESSON]))
    grouped = score_rows.groupby([STUDENT, LESSON])
    table = pd.DataFrame(
        {
            SCORE: grouped[SCORE].sum() - grouped[PENALTY].first(),
            MAX_SCORE: grouped[MAX_SCORE].sum(),
            LATE: grouped[LATE].any(),
            WAITING: grouped[WAITING].sum().astype(int),
        }
    )
    table[SCORE] = table[SCORE].clip(lower=0.0)
    table[PERCENT] = (100.0 * table[SCORE] / table[MAX_SCORE].where(table[MAX_SCORE] > 0)).round(1).fillna(0.0)
    return table[columns].sort_index()


def exercises(score_rows: pd.DataFrame) -> pd.DataFrame:
    """One row per lesson x autograded cell: how many learners passed it, and the pass rate."""
    columns = [LEARNERS, PASSED, PASS_RATE]
    auto = score_rows[score_rows[AUTO]] if not score_rows.empty else score_rows
    if auto.empty:
        return pd.DataFrame(columns=columns, index=pd.MultiIndex.from_tuples([], names=[LESSON, CELL]))
    passed = auto[SCORE] >= auto[MAX_SCORE]
    grouped = passed.groupby([auto[LESSON], auto[CELL]])
    table = pd.DataFrame({LEARNERS: grouped.size(), PASSED: grouped.sum().astype(int)})
    table[PASS_RATE] = (100.0 * table[PASSED] / table[LEARNERS]).round(1)
    return table[columns].sort_index()
