"""Column names shared by every report table, and their labels for people.

The names are the CSV headers (stable, for scripts); the labels are what the
HTML report and the Excel workbook show, in the cohort's language.
"""
from __future__ import annotations

from course.i18n import N_, _

STUDENT = "student"
NAME = "name"
LESSON = "lesson"
NOTEBOOK = "notebook"
CELL = "exercise"
SCORE = "score"
MAX_SCORE = "max_score"
GRADED_MAX = "graded_max"
PERCENT = "percent"
AUTO = "auto_graded"
MANUAL = "trainer_marks"
TO_MARK = "to_mark"
WAITING = TO_MARK  # older name, kept for callers of the first report
LATE = "late"
PENALTY = "late_penalty"
SUBMITTED_AT = "submitted_at"
DUE = "due"
# progress
SUBMITTED = "lessons_submitted"
LESSONS = "lessons_open"
TREND = "trend"
LAST_ACTIVITY = "last_activity"
AT_RISK = "at_risk"
REASONS = "reasons"
# exercises and typical mistakes
LEARNERS = "learners"
PASSED = "passed"
PASS_RATE = "pass_rate"
MEAN = "mean_percent"
DISCRIMINATION = "discrimination"
MISTAKE = "mistake"
HITS = "hits"
MISTAKES = "mistakes_hit"
TOP_MISTAKE = "top_mistake"
FLAGS = "flags"
# confidence
MOMENT = "moment"
SAVED_AT = "saved_at"
STATEMENT = "statement"
RATING = "rating"
FIRST = "first"
LATEST = "latest"
CHANGE = "change"
ROSE = "rose"
FELL = "fell"
# competences
COMPETENCE = "competence"
TITLE = "title"
LEVEL = "level"
EVIDENCED = "evidenced"
SHOWN = "exercises_shown"
OUT_OF = "exercises_mapped"

LABELS = {
    STUDENT: N_("Learner"),
    NAME: N_("Name"),
    LESSON: N_("Lesson"),
    NOTEBOOK: N_("Notebook"),
    CELL: N_("Exercise"),
    SCORE: N_("Score"),
    MAX_SCORE: N_("Out of"),
    GRADED_MAX: N_("Points marked so far"),
    PERCENT: N_("Percent of marked points"),
    AUTO: N_("Marked automatically"),
    MANUAL: N_("Marked by the trainer"),
    TO_MARK: N_("To mark"),
    LATE: N_("Late"),
    PENALTY: N_("Late penalty"),
    SUBMITTED_AT: N_("Submitted at"),
    DUE: N_("Due"),
    SUBMITTED: N_("Lessons submitted"),
    LESSONS: N_("Lessons so far"),
    TREND: N_("Change since the lesson before (points)"),
    LAST_ACTIVITY: N_("Last submission"),
    AT_RISK: N_("Needs a call"),
    REASONS: N_("Why"),
    LEARNERS: N_("Learners"),
    PASSED: N_("Passed"),
    PASS_RATE: N_("Pass rate (%)"),
    MEAN: N_("Mean score (%)"),
    DISCRIMINATION: N_("Discrimination"),
    MISTAKE: N_("Typical mistake"),
    HITS: N_("Times hit"),
    MISTAKES: N_("Typical mistakes hit"),
    TOP_MISTAKE: N_("Most frequent mistake"),
    FLAGS: N_("Looks"),
    MOMENT: N_("Moment"),
    SAVED_AT: N_("Saved at"),
    STATEMENT: N_("Statement"),
    RATING: N_("Rating (1-5)"),
    FIRST: N_("First rating"),
    LATEST: N_("Latest rating"),
    CHANGE: N_("Change"),
    ROSE: N_("Learners whose rating rose"),
    FELL: N_("Learners whose rating fell"),
    COMPETENCE: N_("DigComp competence"),
    TITLE: N_("Competence"),
    LEVEL: N_("Level"),
    EVIDENCED: N_("Shown"),
    SHOWN: N_("Exercises passed"),
    OUT_OF: N_("Exercises for it"),
}


def label(column: str) -> str:
    """The readable name of *column* in the current language."""
    return _(LABELS[column]) if column in LABELS else column
