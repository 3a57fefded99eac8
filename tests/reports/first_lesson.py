"""After the first lesson only: a cohort like the demo's, built in code (gradebook and autograded notebooks).

Lesson L1: autograded a1 (2 points) and a2 (2 points); "card", an answer the trainer marks (2 points).

    right    4/4, card waits for the trainer        not stuck
    half     3/4, card waits                         not stuck (75 %)
    low      1/4, card waits                         under 50 % in the only lesson
    raises   0/4, card waits                         scored 0
    blank    0/4, card left as released (nbgrader's automatic 0)   handed in with no answer
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output
from nbgrader.api import Gradebook
from nbgrader.utils import compute_checksum

from course.curriculum import Curriculum

MARKS = {"right": (2, 2), "half": (2, 1), "low": (1, 0), "raises": (0, 0), "blank": (0, 0)}
CURRICULUM = Curriculum(lessons=["L1"], minutes={"L1": 90}, titles={"L1": "First words"}, evidence=[])
WHEN = datetime(2026, 3, 1, 9, 0)


def build_gradebook(db_url: str) -> None:
    with Gradebook(db_url) as gb:
        gb.add_assignment("L1")
        gb.add_notebook("nb", "L1")
        for cell in ("a1", "a2"):
            gb.add_grade_cell(cell, "nb", "L1", max_score=2, cell_type="code")
        gb.add_grade_cell("card", "nb", "L1", max_score=2, cell_type="code")
        gb.add_solution_cell("card", "nb", "L1")
        for student, (a1, a2) in MARKS.items():
            gb.update_or_create_student(student)
            gb.add_submission("L1", student, timestamp=WHEN)
            for cell, score in (("a1", a1), ("a2", a2)):
                grade = gb.find_grade(cell, "nb", "L1", student)
                grade.auto_score, grade.needs_manual_grade = score, False
            card = gb.find_grade("card", "nb", "L1", student)
            blank = student == "blank"
            card.auto_score, card.needs_manual_grade = (0.0, False) if blank else (None, True)
        gb.db.commit()


def answer_cell(grade_id: str, source: str, *, points: float | None = None) -> nbformat.NotebookNode:
    """An answer cell as nbgrader releases it (checksum of the released text), then *source* written in."""
    meta = {"nbgrader": {"solution": True, "grade": points is not None, "locked": False, "grade_id": grade_id,
                         "schema_version": 3, **({"points": points} if points is not None else {})}}
    cell = new_code_cell("# YOUR CODE HERE\nraise NotImplementedError()", metadata=meta)
    cell.metadata.nbgrader["checksum"] = compute_checksum(cell)
    cell.source = source if source is not None else cell.source
    return cell


def failed_check(grade_id: str) -> nbformat.NotebookNode:
    meta = {"nbgrader": {"grade": True, "solution": False, "locked": True, "grade_id": grade_id, "points": 2,
                         "schema_version": 3}}
    cell = new_code_cell("check()", metadata=meta)
    cell.outputs = [new_output("error", ename="AssertionError", evalue="Not yet.", traceback=["Not yet."])]
    return cell


def write_autograded(autograded: Path) -> None:
    for student in MARKS:
        written = None if student == "blank" else f"card = 'made by {student}'"
        cells = [answer_cell("ans1", None if student == "blank" else "x = 1"), failed_check("a1"),
                 answer_cell("card", written, points=2)]
        path = autograded / student / "L1" / "nb.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(new_notebook(cells=cells), path)
