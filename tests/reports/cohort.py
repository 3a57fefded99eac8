"""A small cohort with known answers, built in code: gradebook, confidence answers, failed checks.

Lesson L1 (due 2026-03-01): autograded c1 (1 point) and c2 (2 points), a reflection m1 (2 points, marked
by the trainer). Lesson L2 (due 2026-03-08, added to the gradebook after L1 was graded): d1, d2 (1 point each).

    s1  L1: 1, 2, reflection 2     L2: 1, 1       everything right
    s2  L1: 0, 1, reflection waits L2: 0, 0       low twice in a row; confidence falls
    s3  L1: 1, 0, reflection waits (a day late)   quiet since 2 March
    s4  in the gradebook, nothing submitted
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output
from nbgrader.api import Gradebook

from course.curriculum import Curriculum, Evidence
from course.reports.notebooks import CONFIDENCE_MIME

TODAY = datetime(2026, 3, 20, 12, 0)
L1_MARKS = {
    "s1": ({"c1": 1, "c2": 2}, 2, datetime(2026, 3, 1, 9, 0)),
    "s2": ({"c1": 0, "c2": 1}, None, datetime(2026, 3, 1, 10, 0)),
    "s3": ({"c1": 1, "c2": 0}, None, datetime(2026, 3, 2, 8, 0)),
}
L2_MARKS = {"s1": ({"d1": 1, "d2": 1}, datetime(2026, 3, 7, 9, 0)), "s2": ({"d1": 0, "d2": 0}, datetime(2026, 3, 8, 9, 0))}
CURRICULUM = Curriculum(
    lessons=["L1", "L2"],
    minutes={"L1": 90, "L2": 60},
    titles={"L1": "First words", "L2": "Decisions"},
    evidence=[Evidence("L1", "c1", "3.4", 1), Evidence("L1", "c2", "3.4", 2), Evidence("L1", "m1", "5.4", 1),
              Evidence("L2", "d1", "1.1", 1)],
)
# (learner, lesson folder, moment, lesson, answers)
CONFIDENCE = [
    ("s1", "L1", "course-start", "", dict.fromkeys(["run-code", "write-program", "fix-error"], 2)),
    ("s1", "L2", "lesson-end", "L2", dict.fromkeys(["run-code", "write-program", "fix-error"], 4)),
    ("s2", "L1", "course-start", "", {"run-code": 4, "write-program": None}),
    ("s2", "L2", "lesson-end", "L2", {"run-code": 2, "write-program": None}),
    ("s3", "L1", "course-start", "", dict.fromkeys(["run-code"], None)),  # skipped everything
]
# (learner, lesson, cell, message) of failed checks in autograded notebooks
FAILED_CHECKS = [
    ("s2", "L1", "c1", "Put the text between quotes."),
    ("s3", "L1", "c2", "Put the text between quotes."),
    ("s2", "L1", "c2", "Use a small letter at the start of the name."),
]


def add_lesson_one(gb: Gradebook) -> None:
    gb.add_assignment("L1", duedate=datetime(2026, 3, 1, 12, 0))
    gb.add_notebook("nb", "L1")
    gb.add_grade_cell("c1", "nb", "L1", max_score=1, cell_type="code")
    gb.add_grade_cell("c2", "nb", "L1", max_score=2, cell_type="code")
    gb.add_grade_cell("m1", "nb", "L1", max_score=2, cell_type="markdown")
    for student in ("s1", "s2", "s3", "s4"):
        gb.update_or_create_student(student, first_name=f"First-{student}", last_name="Family")
    for student, (auto, manual, when) in L1_MARKS.items():
        gb.add_submission("L1", student, timestamp=when)
        set_auto(gb, "L1", student, auto)
        reflection = gb.find_grade("m1", "nb", "L1", student)
        reflection.auto_score, reflection.needs_manual_grade = None, manual is None
        reflection.manual_score = manual
    gb.db.commit()


def add_lesson_two(gb: Gradebook) -> None:
    """A lesson added in the middle of the course, after L1 was graded."""
    gb.add_assignment("L2", duedate=datetime(2026, 3, 8, 12, 0))
    gb.add_notebook("nb", "L2")
    for cell in ("d1", "d2"):
        gb.add_grade_cell(cell, "nb", "L2", max_score=1, cell_type="code")
    for student, (auto, when) in L2_MARKS.items():
        gb.add_submission("L2", student, timestamp=when)
        set_auto(gb, "L2", student, auto)
    gb.db.commit()


def set_auto(gb: Gradebook, lesson: str, student: str, marks: dict[str, float]) -> None:
    for cell, score in marks.items():
        grade = gb.find_grade(cell, "nb", lesson, student)
        grade.auto_score, grade.needs_manual_grade = score, False


def build_gradebook(db_url: str) -> None:
    with Gradebook(db_url) as gb:
        add_lesson_one(gb)
        add_lesson_two(gb)


def confidence_cell(moment: str, lesson: str, answers: dict) -> nbformat.NotebookNode:
    value = {"version": 1, "moment": moment, "lesson": lesson, "saved_at": "2026-03-01T10:00:00Z", "answers": answers}
    cell = new_code_cell("confidence_check()", metadata={"tags": ["confidence-check"]})
    cell.outputs = [new_output("display_data", data={CONFIDENCE_MIME: value, "text/plain": str(answers)})]
    return cell


def write_confidence(submitted: Path) -> None:
    for student, folder, moment, lesson, answers in CONFIDENCE:
        path = submitted / student / folder / "nb.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nb = nbformat.read(path, as_version=4) if path.exists() else new_notebook()
        nb.cells.append(confidence_cell(moment, lesson, answers))
        nbformat.write(nb, path)


def graded_cell(grade_id: str, message: str | None) -> nbformat.NotebookNode:
    meta = {"nbgrader": {"grade": True, "solution": False, "locked": True, "grade_id": grade_id, "points": 1,
                         "schema_version": 3}}
    cell = new_code_cell("assert answer_is_right()", metadata=meta)
    if message:
        traceback = ["\x1b[0;31mAssertionError\x1b[0m   Traceback (most recent call last)",
                     f"\x1b[0;31mAssertionError\x1b[0m: {message}"]
        cell.outputs = [new_output("error", ename="AssertionError", evalue=message, traceback=traceback)]
    return cell


def write_failed_checks(autograded: Path) -> None:
    by_notebook: dict[tuple[str, str], list] = {}
    for student, lesson, cell, message in FAILED_CHECKS:
        by_notebook.setdefault((student, lesson), []).append(graded_cell(cell, message))
    by_notebook.setdefault(("s1", "L1"), []).append(graded_cell("c1", None))
    for (student, lesson), cells in by_notebook.items():
        path = autograded / student / lesson / "nb.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(new_notebook(cells=cells), path)


def course_in(folder):
    """A course folder holding the known cohort: gradebook, confidence answers, failed checks."""
    from tests.helpers import copy_course

    course = copy_course(folder / "course")
    build_gradebook(course.coursedir.db_url)
    write_confidence(course.folder("submitted"))
    write_failed_checks(course.folder("autograded"))
    return course
