"""Shared helpers for the tests: isolated courses and submissions built in code."""
from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
from nbgrader.utils import is_solution

from course.config import Course, load_course
from course.demo.cohort import solutions
from course.nbgrader_api import gradebook_for

REPO = Path(__file__).resolve().parent.parent
PILOT = "01-first-words"
PILOT_NOTEBOOK = f"{PILOT}.ipynb"


def copy_course(target: Path) -> Course:
    """A course in *target* with the repository's configuration, lessons and translations (no generated folders)."""
    shutil.copytree(REPO / "config", target / "config")
    shutil.copytree(REPO / "source", target / "source", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copytree(REPO / "locale", target / "locale", ignore=shutil.ignore_patterns("*.md"))
    return load_course(target)


def right_answers(course: Course, lesson: str = PILOT) -> dict[str, str]:
    answers: dict[str, str] = {}
    for notebook in sorted((course.folder("source") / lesson).glob("*.ipynb")):
        answers.update(solutions(notebook))
    return answers


def submit(course: Course, student: str, answers: dict[str, str], *, lesson: str = PILOT,
           notebook: str | None = None) -> Path:
    """Put a submission in submitted/<student>/<lesson>/: the release with *answers* (by grade_id) filled in.

    The release's other files (a lesson's data sets) come along, as they do in a learner's real submission.
    """
    notebook = notebook or f"{lesson}.ipynb"
    folder = course.folder("submitted") / student / lesson
    folder.mkdir(parents=True, exist_ok=True)
    released = course.folder("release") / lesson
    for extra in released.rglob("*"):
        if extra.is_file() and extra.suffix != ".ipynb" and ".ipynb_checkpoints" not in extra.parts:
            (folder / extra.relative_to(released)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(extra, folder / extra.relative_to(released))
    nb = nbformat.read(released / notebook, as_version=4)
    for cell in nb.cells:
        if is_solution(cell) and cell.metadata["nbgrader"]["grade_id"] in answers:
            cell.source = answers[cell.metadata["nbgrader"]["grade_id"]]
    path = folder / notebook
    nbformat.write(nb, path)
    (folder / "timestamp.txt").write_text("2026-01-15 10:00:00.000000 UTC")
    return path


def cell_scores(course: Course, student: str, lesson: str = PILOT) -> dict[str, float]:
    """The gradebook's score of every graded cell of one submission, by grade_id."""
    with gradebook_for(course) as gradebook:
        submission = gradebook.find_submission(lesson, student)
        return {grade.name: grade.score for notebook in submission.notebooks for grade in notebook.grades}


def total_score(course: Course, student: str, lesson: str = PILOT) -> tuple[float, float]:
    with gradebook_for(course) as gradebook:
        submission = gradebook.find_submission(lesson, student)
        return submission.score, submission.max_score
