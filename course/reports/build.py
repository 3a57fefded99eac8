"""`course report`: gradebook + notebooks -> tables -> HTML, Excel and CSV under reports/<date>/.

The recipe (:func:`report`): read everything in bulk -> hide learner IDs ->
build the tables -> render -> write every file at the end.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

import pandas as pd

from course.config import Course
from course.curriculum import Curriculum, load_curriculum
from course.errors import CourseError
from course.i18n import N_, _
from course.nbgrader_api import gradebook_for
from course.reports import html, notebooks, read, tables
from course.reports.columns import LESSON, STUDENT
from course.reports.excel import write_workbook
from course.reports.pseudonyms import load_key, pseudonym
from course.reports.rules import Rules
from course.reports.safe import csv_safe


@dataclass(frozen=True)
class Inputs:
    """What the report reads, with learner IDs already pseudonymised unless asked otherwise."""

    scores: pd.DataFrame
    learners: pd.DataFrame
    lesson_list: pd.DataFrame
    answers: pd.DataFrame
    mistakes: pd.DataFrame
    skipped: pd.DataFrame = field(default_factory=lambda: notebooks.skipped_table([]))  # not read, and why
    blank: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=[STUDENT, LESSON]))  # no answer written


@dataclass(frozen=True)
class Tables:
    """Every table of the report; the field name is the CSV file name."""

    scores: pd.DataFrame
    lessons: pd.DataFrame
    progress: pd.DataFrame
    exercises: pd.DataFrame
    mistakes: pd.DataFrame
    confidence_answers: pd.DataFrame
    confidence: pd.DataFrame
    cohort_confidence: pd.DataFrame
    competences: pd.DataFrame
    skipped: pd.DataFrame


# Sheet titles of the workbook, in the order of the report.
SHEETS = {
    "progress": N_("Progress"),
    "lessons": N_("Lessons"),
    "exercises": N_("Exercises"),
    "mistakes": N_("Typical mistakes"),
    "confidence": N_("Confidence"),
    "cohort_confidence": N_("Confidence of the cohort"),
    "competences": N_("DigComp"),
    "scores": N_("Scores"),
    "confidence_answers": N_("Confidence answers"),
    "skipped": N_("Notebooks not read"),
}


# A sheet holds at most this many rows; a longer table gets a one-line note that points to its CSV file.
# openpyxl writes about 30,000 cells a second on a 2-core machine, and a cohort of 1,000 learners has
# 220,000 score rows. A course group of 10-30 learners (11 lessons: about 6,600 score rows) stays below it.
WORKBOOK_ROWS = 10_000


@dataclass(frozen=True)
class Report:
    folder: Path
    html: Path
    xlsx: Path
    csv: dict[str, Path]
    tables: Tables

    @property
    def lessons(self) -> pd.DataFrame:
        return self.tables.lessons

    @property
    def exercises(self) -> pd.DataFrame:
        return self.tables.exercises

    # The first report's file names, kept for the demo and trainers' scripts.
    @property
    def learners_csv(self) -> Path:
        """The learner x lesson table (lessons.csv)."""
        return self.csv["lessons"]

    @property
    def exercises_csv(self) -> Path:
        return self.csv["exercises"]


def report(*, course: Course, real_ids: bool = False, folder: Path | None = None, rules: Rules = Rules(),
           today: pd.Timestamp | None = None, curriculum: Curriculum | None = None) -> Report:
    """Write the trainer report; learners are pseudonymised unless *real_ids*.

    *today* (default: now, UTC) is when "nothing submitted for N days" is
    counted from; *curriculum* defaults to course/curriculum.yml.
    """
    inputs = read_inputs(course)
    if not real_ids:
        inputs = pseudonymise(inputs, load_key(course.secret_path))
    curriculum = curriculum or load_curriculum()
    today = today if today is not None else pd.Timestamp.now(tz="UTC").tz_localize(None)
    built = build_tables(inputs, curriculum=curriculum, rules=rules, today=today)
    page = html.render(built, title=_("Code-n-Social: course report"), pseudonymised=not real_ids, rules=rules,
                       statements=statement_texts())
    return write(folder or course.reports_dir / date.today().isoformat(), page, built)


def read_inputs(course: Course, *, with_notebooks: bool = True) -> Inputs:
    """The gradebook's tables (bulk queries) and what the notebooks say; a clear error without a gradebook."""
    db_url = course.coursedir.db_url
    if db_url.startswith("sqlite:///") and not Path(db_url.removeprefix("sqlite:///")).exists():
        raise CourseError(_("There is no gradebook yet. Release and grade a lesson first: course release, course grade."))
    with gradebook_for(course) as gradebook:
        scores, learners, lesson_list = read.scores(gradebook), read.learners(gradebook), read.lessons(gradebook)
    nowhere = Path("/nonexistent")
    answers, unread_answers = notebooks.read_confidence(course.folder("submitted") if with_notebooks else nowhere)
    mistakes, blank, unread = notebooks.read_autograded(course.folder("autograded") if with_notebooks else nowhere)
    return Inputs(
        scores=scores, learners=learners, lesson_list=lesson_list, answers=answers, mistakes=mistakes,
        skipped=pd.concat([unread_answers, unread], ignore_index=True), blank=blank,
    )


def pseudonymise(inputs: Inputs, key: bytes) -> Inputs:
    """The same inputs with every learner ID replaced by its pseudonym, and names dropped."""
    names = {}

    def hide(student: str) -> str:
        if student not in names:
            names[student] = pseudonym(student, key)
        return names[student]

    learners = inputs.learners.rename(index=hide).assign(name="")
    learners.index.name = STUDENT
    return Inputs(
        scores=inputs.scores.assign(**{STUDENT: inputs.scores[STUDENT].map(hide)}),
        learners=learners.sort_index(),
        lesson_list=inputs.lesson_list,
        answers=inputs.answers.assign(**{STUDENT: inputs.answers[STUDENT].map(hide)}),
        mistakes=inputs.mistakes.assign(**{STUDENT: inputs.mistakes[STUDENT].map(hide)}),
        skipped=inputs.skipped.assign(**{STUDENT: inputs.skipped[STUDENT].map(hide)}),
        blank=inputs.blank.assign(**{STUDENT: inputs.blank[STUDENT].map(hide)}),
    )


def build_tables(inputs: Inputs, *, curriculum: Curriculum, rules: Rules, today: pd.Timestamp) -> Tables:
    """Every report table from the inputs; no file is touched."""
    lessons = tables.lessons(inputs.scores)
    mistakes = notebooks.mistake_counts(inputs.mistakes)
    confidence = tables.confidence(inputs.answers, lesson_order=curriculum.order)
    answers = inputs.answers.set_index([STUDENT, "lesson", "moment", "statement"]).sort_index()
    return Tables(
        scores=inputs.scores.set_index([STUDENT, "lesson"]).sort_index(),
        lessons=lessons,
        progress=tables.progress(lessons, learners=inputs.learners.index, lesson_count=len(inputs.lesson_list),
                                 learner_confidence=confidence, lesson_order=curriculum.order, today=today,
                                 rules=rules, blank=inputs.blank),
        exercises=tables.exercises(inputs.scores, mistakes, rules=rules),
        mistakes=mistakes,
        confidence_answers=answers,
        confidence=confidence,
        cohort_confidence=tables.cohort_confidence(confidence),
        competences=tables.competences(inputs.scores, curriculum),
        skipped=inputs.skipped.set_index([STUDENT, LESSON]).sort_index(),
    )


def statement_texts() -> dict[str, str]:
    """Confidence statement id -> its words, from the learner toolkit once it is there; else the ids."""
    try:
        from course.learner.confidence import STATEMENTS
    except ImportError:
        return {}
    return {key: _(text) for key, text in STATEMENTS.items()}


def workbook_sheets(built: Tables, csv: dict[str, Path]) -> dict[str, pd.DataFrame]:
    """Sheet title -> table; a raw table too long for the workbook becomes a note naming its CSV file."""
    sheets = {}
    for name, title in SHEETS.items():
        frame = getattr(built, name)
        if len(frame) > WORKBOOK_ROWS:
            note = _("This table has {rows} rows, too many for this workbook: open {file} in the same folder.")
            frame = pd.DataFrame({_("Note"): [note.format(rows=len(frame), file=csv[name].name)]})
        sheets[_(title)] = frame
    return sheets


def write(folder: Path, page: str, built: Tables) -> Report:
    """Write HTML, the workbook and one CSV per table: the report's only writes."""
    folder.mkdir(parents=True, exist_ok=True)
    csv = {}
    for field in fields(Tables):
        csv[field.name] = folder / f"{field.name}.csv"
        csv_safe(getattr(built, field.name)).to_csv(csv[field.name])
    xlsx = write_workbook(folder / "report.xlsx", workbook_sheets(built, csv))
    html_path = folder / "report.html"
    html_path.write_text(page, encoding="utf-8")
    return Report(folder=folder, html=html_path, xlsx=xlsx, csv=csv, tables=built)
