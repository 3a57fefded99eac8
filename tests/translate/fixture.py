"""A tiny lesson built in code, and a course around it, for the translation tests.

The lesson has what a translator meets in a real one: a heading, a list, a paragraph that tells the
learner what to type ("Goal reached"), comments, a solution and a check that both hold that answer,
an f-string with a field, a hint, and lesson-data.yml with a Predict question, a Parsons puzzle and hints.
Its Spanish translation is written by hand in files/hello.es.po.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course.config import Course, load_course
from tests.helpers import REPO

LESSON = "90-hello"
SPANISH_PO = Path(__file__).parent / "files" / "hello.es.po"

LESSON_DATA = """\
predict:
  hello-predict:
    question: What will the code below show?
    options: ["Goal reached", "An error message", "42"]
    answer: 0
    explanation: The variable holds the text, so print shows it.
parsons:
  hello-parsons:
    lines: ["goal = 'Goal reached'", "print(goal)"]
    explanation: First make the variable, then show it.
hints:
  hello-ex1: ["Write the name, then =, then the text in quotes.", "The answer has this shape: goal = \\"...\\""]
"""


def graded(cell, grade_id: str, *, points: float = 0, solution: bool = False, grade: bool = False):
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "grade": grade, "solution": solution, "locked": not solution,
                                 "schema_version": 3, **({"points": points} if grade else {})}
    return cell


def lesson_notebook() -> nbformat.NotebookNode:
    cells = [
        new_markdown_cell("# Saying hello\n\nBy the end you can:\n\n- keep text in a variable\n- write a small "
                          "function\n\n**Time:** about 10 minutes.", id="intro"),
        new_code_cell("from course.learner import *  # the helpers of this course", id="setup"),
        new_markdown_cell("## Exercise 1\n\nMake a variable called `goal`.\nPut the text \"Goal reached\" in it.",
                          id="ex1-text"),
        new_code_cell('predict("hello-predict")', id="ex1-predict"),
        graded(new_code_cell("### BEGIN SOLUTION\ngoal = \"Goal reached\"\n### END SOLUTION", id="ex1"),
               "fx-goal", solution=True),
        graded(new_code_cell(
            "# Self-check for Exercise 1. Run this cell.\nfrom course.learner import checks as c\n"
            "c.text(\"goal\", equals=\"Goal reached\", mistakes=[\n"
            "    (\"goal reached\", \"Start the text with a capital letter.\"),\n])\n"
            "### BEGIN HIDDEN TESTS\nc.text(\"goal\", equals=\"Goal reached\")\n### END HIDDEN TESTS", id="ex1-check"),
               "fx-goal-check", points=1, grade=True),
        new_code_cell('hints("hello-ex1")', id="ex1-hints"),
        new_markdown_cell("## Exercise 2\n\nWrite a function `greet(name)`.\nIt gives back a greeting with the name.",
                          id="ex2-text"),
        graded(new_code_cell("### BEGIN SOLUTION\ndef greet(name):\n    return f\"Hello {name}, welcome back\"\n"
                             "### END SOLUTION", id="ex2"), "fx-greet", solution=True),
        graded(new_code_cell(
            "# Self-check for Exercise 2.\nfrom course.learner import checks as c\n"
            "c.that(c.call(\"greet\", \"Ana\") == \"Hello Ana, welcome back\", "
            "\"greet(\\\"Ana\\\") should give: Hello Ana, welcome back\")\n"
            "### BEGIN HIDDEN TESTS\n"
            "c.that(c.call(\"greet\", \"Luca\") == \"Hello Luca, welcome back\", \"Use the parameter name.\")\n"
            "### END HIDDEN TESTS", id="ex2-check"), "fx-greet-check", points=2, grade=True),
        new_markdown_cell("Well done. You can stop here.", id="end"),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["codensocial"] = {"module": 90, "title": "Saying hello", "language": "en"}
    return nb


def cell(nb, cell_id: str):
    """The cell of *nb* with the id *cell_id*."""
    return next(each for each in nb.cells if each.get("id") == cell_id)


def write_lesson(source: Path) -> Path:
    folder = source / LESSON
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(lesson_notebook(), folder / f"{LESSON}.ipynb")
    (folder / "lesson-data.yml").write_text(LESSON_DATA, encoding="utf-8")
    return folder


def fixture_course(target: Path, *, spanish: bool = True, language: str = "") -> Course:
    """A course in *target* with the repository's settings, the tiny lesson only, and its Spanish PO.

    *language*, when given, is the cohort's language (c.CourseKit.language).
    """
    shutil.copytree(REPO / "config", target / "config")
    if language:
        with open(target / "config" / "nbgrader_config.py", "a", encoding="utf-8") as config:
            config.write(f"\nc.CourseKit.language = {language!r}\n")
    write_lesson(target / "source")
    if spanish:
        po = target / "locale" / "es" / "LC_MESSAGES" / f"{LESSON}.po"
        po.parent.mkdir(parents=True)
        shutil.copy(SPANISH_PO, po)
    return load_course(target)
