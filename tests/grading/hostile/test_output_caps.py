"""Outputs that a learner makes huge: is every kept output capped, and the notebook as a whole?"""
from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from course.grading.output_caps import cap_notebook, size_of, trim_output
from course.grading.pipeline import score

HUGE = "x" * 4 * 1024 * 1024


def test_a_huge_error_is_cut_and_stays_an_error():
    """A 4 MB exception message: is it cut to the limit, with a note, and still an error (the score)?"""
    out = new_output("error", ename="ValueError" * 1000, evalue=HUGE, traceback=[HUGE, "line"])
    trim_output(out, 100 * 1024)
    assert out.output_type == "error" and size_of(out) < 110 * 1024
    assert "cut this output" in out.evalue and "cut this output" in out.traceback[-1]


def test_a_huge_result_is_cut_and_its_rich_forms_left_out():
    """A 4 MB result with an HTML form: is the text cut with a note and the HTML left out?"""
    out = new_output("execute_result", data={"text/plain": HUGE, "text/html": HUGE}, execution_count=1)
    trim_output(out, 100 * 1024)
    assert size_of(out) < 110 * 1024 and "text/html" not in out.data
    assert "cut this output" in out.data["text/plain"]


def test_small_outputs_are_left_alone():
    """Is an ordinary result (text and HTML) kept exactly?"""
    out = new_output("execute_result", data={"text/plain": "42", "text/html": "<b>42</b>"}, execution_count=1)
    assert trim_output(out, 100 * 1024) == new_output("execute_result", data={"text/plain": "42",
                                                                              "text/html": "<b>42</b>"},
                                                      execution_count=1)


def test_the_notebook_outputs_are_capped_in_all_and_errors_still_score_zero():
    """Many big cells: is the notebook held under its limit, and does a failing test cell still score 0?"""
    failing = new_code_cell("check()", metadata={"nbgrader": {"grade": True, "grade_id": "t1", "points": 1,
                                                              "solution": False, "locked": True}})
    failing.outputs = [new_output("stream", name="stdout", text="y" * 900_000),
                       new_output("error", ename="AssertionError", evalue="no", traceback=["no"])]
    passing = new_code_cell("check()", metadata={"nbgrader": {"grade": True, "grade_id": "t2", "points": 1,
                                                              "solution": False, "locked": True}})
    passing.outputs = [new_output("stream", name="stdout", text="z" * 900_000)]
    nb = new_notebook(cells=[failing, passing, *[new_code_cell("print()") for _ in range(3)]])
    for cell in nb.cells[2:]:
        cell.outputs = [new_output("stream", name="stdout", text="w" * 900_000)]
    cap_notebook(nb, 1024 * 1024)
    assert len(nbformat.writes(nb)) < 1100 * 1024
    assert score(nb)[0] == {"t1": 0, "t2": 1}
    assert "left out this cell's output" in nbformat.writes(nb)
