"""Lessons 00-02b: a typed-in answer does not pass a compute-or-decide exercise (the checks run in-process, fast).

The answer cells run in order with the right answers, as a learner's kernel would (with IPython's
input history in ``_ih``, which the re-run checks read); then one answer is swapped for the literal
values the right answer produces, and the exercise's self-check cells must not all pass.
tests/lessons/test_lessons_graded.py grades the same cases with nbgrader (course/demo/mistakes).
"""
from __future__ import annotations

import ast

import nbformat
import pytest
from nbgrader.utils import is_grade, is_solution

from course.demo.cohort import strip_markers
from course.learner.checks import CheckFailed
from tests.helpers import REPO

LESSONS = ["00-welcome", "01-first-words", "02a-numbers", "02b-decisions"]
# The hard-coded answers that passed lesson 02's checks before (issue 15), by answer cell.
FROM_THE_ISSUE = [
    ("02b-decisions", "m2-ex7-can-pay", "can_pay = False"),
    ("02b-decisions", "m2-ex7-can-pay", "can_pay = cash > basket"),
    ("02b-decisions", "m2-ex7-can-pay", "can_pay = cash == basket"),
    ("02b-decisions", "m2-ex9-status", 'status = "Goal reached"'),
    ("02b-decisions", "m2-ex10-level", 'level = "High"'),
    ("02b-decisions", "m2-ex12-message", 'budget_message = "Warning: spending is more than income."'),
]


def kind(cell) -> str:
    meta = cell.metadata.get("nbgrader", {})
    if cell.cell_type != "code" or not meta:
        return ""
    if is_solution(cell) and not is_grade(cell):
        return "answer"
    if is_grade(cell) and not is_solution(cell):
        return "check"
    return "given" if meta.get("locked") else ""


def cells(lesson):
    nb = nbformat.read(REPO / "source" / lesson / f"{lesson}.ipynb", as_version=4)
    return [(kind(cell), cell) for cell in nb.cells if kind(cell)]


def first_comment(source: str) -> str:
    return next((line for line in source.splitlines() if line.startswith("# ")), "")


def run_lesson(lesson: str, swap: dict[str, str]) -> dict[str, bool]:
    """Run given, answer and check cells in order (answers in *swap* replaced); whether each check passed."""
    namespace: dict = {"_ih": []}
    verdicts, answer = {}, None
    for role, cell in cells(lesson):
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        source = strip_markers(cell.source)
        if role == "answer":
            answer = grade_id
            if grade_id in swap:
                source = first_comment(source) + "\n" + swap[grade_id]
        namespace["_ih"].append(source)
        if role != "check":
            exec(compile(source, grade_id, "exec"), namespace)
            continue
        try:
            exec(compile(source, grade_id, "exec"), namespace)
            verdicts[f"{answer} {grade_id}"] = True
        except CheckFailed:
            verdicts[f"{answer} {grade_id}"] = False
    return verdicts


def literal_answers(lesson: str) -> dict[str, str]:
    """Each compute-or-decide answer as literal assignments of the values the right answer makes."""
    namespace, answers = {}, {}
    for role, cell in cells(lesson):
        if role == "check":
            continue
        source = strip_markers(cell.source)
        exec(source, namespace)
        if role != "answer" or cell.metadata.get("codensocial", {}).get("literal_answer_ok"):
            continue
        names = [t.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Assign)
                 for t in node.targets if isinstance(t, ast.Name)]
        answers[cell.metadata["nbgrader"]["grade_id"]] = "\n".join(f"{n} = {namespace[n]!r}" for n in dict.fromkeys(names))
    return answers


def checks_of(verdicts: dict[str, bool], answer: str) -> dict[str, bool]:
    return {key: passed for key, passed in verdicts.items() if key.split()[0] == answer}


@pytest.fixture(autouse=True)
def quiet(monkeypatch, capsys):
    monkeypatch.setenv("CODENSOCIAL_PROGRESS", "off")


@pytest.mark.parametrize("lesson", LESSONS)
def test_right_answers_pass_every_check_in_process(lesson):
    """Do the right answers pass every self-check when run as a learner would (the control)?"""
    verdicts = run_lesson(lesson, {})
    assert verdicts and all(verdicts.values()), verdicts


@pytest.mark.parametrize("lesson", LESSONS)
def test_typed_in_values_do_not_pass_a_compute_or_decide_exercise(lesson):
    """Does each compute-or-decide exercise fail when its answer is the solution's values typed in?"""
    literals = literal_answers(lesson)
    assert literals
    for answer, code in literals.items():
        verdicts = checks_of(run_lesson(lesson, {answer: code}), answer)
        assert verdicts and not all(verdicts.values()), (answer, code)


@pytest.mark.parametrize("lesson, answer, code", FROM_THE_ISSUE)
def test_the_hard_coded_answers_of_the_issue_fail(lesson, answer, code):
    """Do can_pay = False, cash > basket, cash == basket and a literal status, level or message now fail?"""
    verdicts = checks_of(run_lesson(lesson, {answer: code}), answer)
    assert verdicts and not any(verdicts.values())
