"""Lesson 04-functions: its self-checks call the learner's functions, and the hidden tests use other inputs."""
import ast

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.utils import is_grade

from course.authoring.release import release
from course.grading.autograde import grade
from tests.helpers import REPO, cell_scores, copy_course, right_answers, submit

LESSON = "04-functions"
SOURCE = REPO / "source" / LESSON / f"{LESSON}.ipynb"

# Functions that know only the examples the learner can see: a lookup table, no real work.
HARD_CODED = {
    "m4-ex2-heading": 'def heading(title):\n    return {"skills": "SKILLS", "work experience": "WORK EXPERIENCE"}[title]',
    "m4-ex3-name": (
        "def format_name(first, last):\n"
        '    return {"Karim": "Name: Karim Haddad", "Ioana": "Name: Ioana Popescu"}[first]'),
    "m4-ex4-phone": (
        "def format_phone(number):\n"
        '    return {"000 111 222": "Phone: 000 111 222", "000 333 444": "Phone: 000 333 444"}[number]'),
    "m4-ex5-skill-line": (
        "def format_skill_line(skill, years):\n"
        '    return {3: "Excel (years: 3)", 10: "cooking (years: 10)"}[years]'),
    "m4-ex6-language": (
        'def format_language(language, level="basic"):\n'
        '    return {"Spanish": "Spanish: basic", "French": "French: fluent"}[language]'),
    "m4-ex7-section": 'def cv_section(title, lines):\n    return {"skills": "SKILLS\\nExcel\\nfirst aid"}[title]',
    "m4-ex8-job": (
        'def format_job(job, place, start, end="today"):\n'
        '    return {2019: "Cook at Hotel Sol, 2019 - today", 2015: "Driver at City Bus, 2015 - 2020"}[start]'),
}


def calls_in(code: str) -> set[tuple]:
    """The arguments of every c.call("name", ...) in *code*, as (name, *values)."""
    found = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "call":
            found.add(tuple(ast.literal_eval(arg) if not isinstance(arg, ast.List) else repr(ast.literal_eval(arg))
                            for arg in node.args))
    return found


def check_cells() -> dict[str, str]:
    nb = nbformat.read(SOURCE, as_version=4)
    return {cell.metadata["nbgrader"]["grade_id"]: cell.source
            for cell in nb.cells if cell.cell_type == "code" and is_grade(cell) and "c.call(" in cell.source}


def test_hidden_tests_call_each_function_with_inputs_the_learner_never_sees():
    cells = check_cells()
    assert len(cells) == 10
    for grade_id, source in cells.items():
        visible, hidden = source.split("### BEGIN HIDDEN TESTS")
        seen, unseen = calls_in(visible), calls_in(hidden)
        assert seen and unseen, grade_id
        assert not seen & unseen, grade_id


@pytest.fixture(scope="module")
def course_with_lesson(tmp_path_factory):
    course = copy_course(tmp_path_factory.mktemp("m4") / "course")
    release(LESSON, course=course)
    return course


@pytest.mark.slow
def test_functions_that_only_know_the_visible_examples_pass_the_self_checks_but_not_the_grading(
        course_with_lesson, tmp_path):
    """Does a learner who hard-codes the examples get the green self-checks and still no points?"""
    answers = dict(right_answers(course_with_lesson, LESSON), **HARD_CODED)
    path = submit(course_with_lesson, "hard-coded", answers, lesson=LESSON)

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=30, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    failed_checks = [cell.metadata["nbgrader"]["grade_id"] for cell in nb.cells
                     if is_grade(cell) and cell.cell_type == "code"
                     and any(out.output_type == "error" for out in cell.outputs)]
    assert failed_checks == []

    grade(LESSON, course=course_with_lesson, student="hard-coded")
    scores = cell_scores(course_with_lesson, "hard-coded", LESSON)
    assert scores["m4-ex1-price-check"] == 1  # a variable, answered right
    assert {k: v for k, v in scores.items() if k in check_cells()} == dict.fromkeys(check_cells(), 0)
