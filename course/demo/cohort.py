"""A synthetic cohort: each learner fills in the released notebook in a known way."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.utils import is_grade, is_solution

from course.demo import answers
from course.i18n import N_, _
from course.learner import confidence

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"


@dataclass(frozen=True)
class Learner:
    student: str
    profile: str
    late: bool = False


# The kinds of submission a trainer meets, each with a plain label.
PROFILES = {
    "right": N_("fully right"),
    "partly": N_("partly right"),
    "first-half": N_("first half done"),
    "wrong": N_("typical mistakes"),
    "blank": N_("blank"),
    "raises": N_("code that raises an error"),
    "endless": N_("an endless loop"),
}

COHORT = [
    Learner("demo-ana", "right"),
    Learner("demo-bogdan", "right"),
    Learner("demo-chiara", "partly"),
    Learner("demo-dimitar", "first-half"),
    Learner("demo-elena", "wrong"),
    Learner("demo-fatima", "right"),
    Learner("demo-giorgi", "wrong"),
    Learner("demo-hamid", "blank"),
    Learner("demo-ioana", "raises"),
    Learner("demo-jean", "endless"),
    Learner("demo-karim", "right", late=True),
    Learner("demo-lucia", "partly"),
]


def label(learner: Learner) -> str:
    text = _(PROFILES[learner.profile])
    return text + (", " + _("late") if learner.late else "")


def solutions(source_notebook: Path) -> dict[str, str]:
    """The right answer of each answer cell in a source notebook, without nbgrader's markers."""
    nb = nbformat.read(source_notebook, as_version=4)
    return {
        cell.metadata["nbgrader"]["grade_id"]: strip_markers(cell.source)
        for cell in nb.cells
        if is_solution(cell)
    }


def strip_markers(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if line.strip() not in (BEGIN, END))


def fill_in(notebook: Path, *, lesson: str, profile: str, right: dict[str, str]) -> None:
    """Write the answers of *profile* into a learner's copy of a released notebook."""
    nb = nbformat.read(notebook, as_version=4)
    answer_cells = [cell for cell in nb.cells if is_solution(cell)]
    for position, cell in enumerate(answer_cells):
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        text = _answer(profile, lesson, grade_id, position, len(answer_cells), right, cell)
        if text is not None:
            cell.source = text
    for cell in nb.cells:
        if "confidence-check" in cell.metadata.get("tags", []):
            cell.outputs = _confidence_outputs(profile, lesson)
    nbformat.write(nb, notebook)


# How sure each kind of learner says they feel (1-5 per statement, in STATEMENTS order); None skips the check.
CONFIDENCE = {
    "right": (4, 4, 3, 4, 5),
    "partly": (3, 2, 2, 4, 3),
    "first-half": (3, 2, 1, 3, 3),
    "wrong": (3, 2, 2, 2, 2),
    "raises": (2, 1, 1, 2, 3),
    "endless": (2, None, 1, None, 2),
    "blank": None,
}


def _confidence_outputs(profile: str, lesson: str) -> list:
    """The saved output of the confidence check, as JupyterLab writes it when the learner saves."""
    ratings = CONFIDENCE.get(profile)
    if ratings is None:
        return []
    value = confidence.record(
        moment="lesson-end",
        lesson=lesson,
        answers=dict(zip(confidence.STATEMENTS, ratings)),
        saved_at="2026-01-01T10:00:00Z",
    )
    return [nbformat.v4.new_output("display_data", data=confidence.bundle(value))]


def _answer(profile, lesson, grade_id, position, count, right, cell) -> str | None:
    """The text a learner of *profile* writes in one answer cell; None leaves it blank."""
    manual = is_grade(cell) and cell.cell_type == "markdown"
    if manual:
        return answers.REFLECTION if profile in ("right", "partly", "first-half") else None
    if profile == "right":
        return right[grade_id]
    if profile == "blank":
        return None
    if profile == "wrong":
        return answers.WRONG.get(lesson, {}).get(grade_id)
    if profile == "raises":
        return answers.RAISES
    if profile == "endless":
        return answers.ENDLESS if position == 0 else right[grade_id]
    if profile == "first-half":
        return right[grade_id] if position < count // 2 else None
    if profile == "partly":
        designed = answers.PARTLY.get(lesson, {}).get(grade_id)
        return right[grade_id] if designed == "right" else designed
    raise ValueError(f"unknown profile {profile!r}")
