"""The cell facts the lesson checks rely on, on small notebooks built in code (fast)."""
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tests.lessons.lessons import (
    autograded_answers, declared_checks, error_text, exercises, graded_cells, mistake_coverage_problems, same_words,
)


def graded(source, grade_id, *, grade=False, solution=False, points=0, markdown=False):
    meta = {"nbgrader": {"grade_id": grade_id, "grade": grade, "solution": solution, "locked": not solution,
                         "points": points, "schema_version": 3}}
    return (new_markdown_cell if markdown else new_code_cell)(source, metadata=meta)


def lesson(checks=3):
    return new_notebook(cells=[
        new_code_cell(f'start_lesson("l", checks={checks})'),
        graded("a = 1", "ex1-a", solution=True),
        graded("b = 2", "ex1-b", solution=True),
        new_code_cell('hints("ex1", ["..."])'),
        graded("check()", "ex1-check", grade=True, points=1),
        graded("c = 3", "ex2", solution=True),
        graded("check()", "ex2-check", grade=True, points=1),
        graded("check()", "ex2-more", grade=True, points=1),
        graded("print('own')", "own", grade=True, solution=True, points=1),
        graded("practice = 1", "practice", solution=True),
        graded("Text", "reflection", grade=True, solution=True, points=2, markdown=True),
    ])


def test_answers_written_together_share_the_checks_after_them():
    assert autograded_answers(lesson()) == {"ex1-a": ["ex1-check"], "ex1-b": ["ex1-check"],
                                           "ex2": ["ex2-check", "ex2-more"]}
    assert [e.answers for e in exercises(lesson())] == [["ex1-a", "ex1-b"], ["ex2"], ["practice"]]
    assert graded_cells(lesson()) == {"ex1-check", "ex2-check", "ex2-more", "own", "reflection"}


def test_checks_number_is_read_from_start_lesson():
    assert declared_checks(lesson(checks=3)) == 3
    assert declared_checks(new_notebook(cells=[new_code_cell('start_lesson("l")')])) is None


def test_an_answer_without_a_typical_mistake_is_reported():
    """Negative control: ex2 has no mistake, and a mistake names a cell that is not an answer."""
    mistakes = {"ex1-a": [{"code": "a = 2", "says": "a is 2"}], "ex1-b": [{"code": "b = 1", "says": "b"}],
                "ex1-check": [{"code": "x", "says": "y"}]}
    problems = mistake_coverage_problems(lesson(), mistakes, where="m.yml")
    assert len(problems) == 2 and "['ex2']" in problems[0] and "['ex1-check']" in problems[1]
    mistakes = {"ex1-a": [{"code": "a = 2"}], "ex1-b": [{"code": "b", "says": "b"}], "ex2": [{"code": "c", "says": "c"}]}
    assert mistake_coverage_problems(lesson(), mistakes, where="m.yml") == [
        "m.yml: a mistake needs both `code` and `says` in ['ex1-a']"]


def test_error_text_has_no_colour_codes_and_spacing_does_not_matter():
    cell = new_code_cell("x", outputs=[nbformat.v4.new_output(
        "error", ename="CheckFailed", evalue="It needs 3.", traceback=["\x1b[0;31mCheckFailed\x1b[0m: It needs\n 3."])])
    assert "\x1b" not in error_text(cell)
    assert same_words("It needs 3.") in same_words(error_text(cell).split("CheckFailed: ")[1])
