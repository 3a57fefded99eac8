"""The lessons in source/ and the cell facts that the checks over every lesson share.

A lesson is a folder of source/ that holds a notebook; its main notebook is
source/<lesson>/<lesson>.ipynb. The checks are parametrised by :data:`LESSONS`,
so a lesson is checked the moment its folder is merged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.utils import is_grade, is_solution

from tests.helpers import REPO

SOURCE = REPO / "source"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
CHECKS_DECLARED = re.compile(r"start_lesson\((?P<args>[^)]*)\)")
CHECKS_NUMBER = re.compile(r"\bchecks\s*=\s*(?P<number>\d+)")


def find_lessons(source: Path = SOURCE) -> list[str]:
    """Every folder of *source* with a notebook in it, by name (which is course order within a module)."""
    if not source.is_dir():
        return []
    return sorted(
        folder.name
        for folder in source.iterdir()
        if folder.is_dir() and not folder.name.startswith(".") and any(folder.glob("*.ipynb"))
    )


LESSONS = find_lessons()


def lesson_notebooks(folder: Path) -> list[Path]:
    """The notebooks of a lesson folder (a lesson may have up to three), the one named after it first."""
    found = sorted(p for p in folder.glob("*.ipynb"))
    return sorted(found, key=lambda p: (p.stem != folder.name, p.name))


def merged(paths: list[Path]):
    """One notebook with the cells of all *paths* in order, and the metadata of the first."""
    notebooks = [nbformat.read(path, as_version=4) for path in paths]
    nb = notebooks[0]
    nb.cells = [cell for each in notebooks for cell in each.cells]
    return nb


def read_lesson(lesson: str, source: Path = SOURCE):
    """The lesson's cells, over all its notebooks, with the metadata of its main notebook."""
    return merged(lesson_notebooks(source / lesson))


# --- cell predicates ------------------------------------------------------------------------------

def grade_id(cell) -> str:
    return cell.metadata["nbgrader"]["grade_id"]


def is_autograded_test(cell) -> bool:
    """A test cell nbgrader scores by itself: graded, no answer in it, code."""
    return cell.cell_type == "code" and is_grade(cell) and not is_solution(cell)


def is_manually_graded(cell) -> bool:
    """An answer the trainer scores: graded and an answer at once (code or text)."""
    return is_grade(cell) and is_solution(cell)


def is_answer(cell) -> bool:
    """A code cell where the learner writes an answer that test cells check."""
    return cell.cell_type == "code" and is_solution(cell) and not is_grade(cell)


def is_graded(cell) -> bool:
    return is_grade(cell)


# --- facts about one lesson -------------------------------------------------------------------------

@dataclass
class Exercise:
    """Answer cells written one after another, and the test cells that follow them."""

    answers: list[str] = field(default_factory=list)
    tests: list[str] = field(default_factory=list)


def exercises(nb) -> list[Exercise]:
    """The lesson's exercises in order: each answer cell belongs with the test cells after it.

    An exercise may have several answer cells before its checks; a new answer cell after
    a test cell starts the next exercise. A manually graded answer closes the exercise before it.
    """
    found: list[Exercise] = []
    for cell in nb.cells:
        if is_answer(cell):
            if not found or found[-1].tests:
                found.append(Exercise())
            found[-1].answers.append(grade_id(cell))
        elif is_autograded_test(cell):
            if not found:
                found.append(Exercise())
            found[-1].tests.append(grade_id(cell))
        elif is_manually_graded(cell):
            found.append(Exercise())
    return [exercise for exercise in found if exercise.answers or exercise.tests]


def autograded_answers(nb) -> dict[str, list[str]]:
    """Each answer cell that test cells check -> the grade_ids of those test cells."""
    return {answer: exercise.tests for exercise in exercises(nb) if exercise.tests for answer in exercise.answers}


def autograded_tests(nb) -> list[str]:
    return [grade_id(cell) for cell in nb.cells if is_autograded_test(cell)]


def graded_cells(nb) -> set[str]:
    """Every graded cell: autograded tests and manually graded answers."""
    return {grade_id(cell) for cell in nb.cells if is_graded(cell)}


def declared_checks(nb) -> int | None:
    """The ``checks=`` number of the lesson's ``start_lesson(...)`` call, or None without one."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for call in CHECKS_DECLARED.finditer(cell.source):
            number = CHECKS_NUMBER.search(call.group("args"))
            if number:
                return int(number.group("number"))
    return None


def error_text(cell) -> str:
    """What a learner reads in the cell's error output (name, message and traceback), without colour codes."""
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            parts += [output.get("ename", ""), output.get("evalue", ""), *output.get("traceback", [])]
    return ANSI.sub("", "\n".join(parts))


def same_words(text: str) -> str:
    """*text* with every run of spaces and line breaks made one space, to compare messages."""
    return " ".join(text.split())


def mistake_coverage_problems(nb, mistakes: dict, *, where: str) -> list[str]:
    """What is wrong with a lesson's typical mistakes (as read from *where*) for the notebook *nb*."""
    answers = set(autograded_answers(nb))
    without = sorted(answers - {answer for answer, wrongs in mistakes.items() if wrongs})
    unknown = sorted(set(mistakes) - answers)
    incomplete = sorted(a for a, wrongs in mistakes.items() for w in wrongs or [] if not (w.get("code") and w.get("says")))
    problems = [f"{where} has no typical mistake for the answer cells {without}"] if without else []
    problems += [f"{where} names cells that are not answer cells checked by tests: {unknown}"] if unknown else []
    problems += [f"{where}: a mistake needs both `code` and `says` in {incomplete}"] if incomplete else []
    return problems
