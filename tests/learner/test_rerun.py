"""Re-running a learner's answer with other given values (course.learner.rerun)."""
import pytest

from course.learner import checks as c
from course.learner import rerun
from course.learner.checks import CheckFailed

GIVEN_CELL = 'statuses = ["applied", "waiting", "interview", "waiting"]'
ANSWER = '''# Exercise 6 (m3-ex6)
waiting_count = 0
for status in statuses:
    if status == "waiting":
        waiting_count = waiting_count + 1
'''
HARD_CODED = "# Exercise 6 (m3-ex6)\nwaiting_count = 2\n"
TEST_CELL = 'from course.learner import checks as c, rerun\nwith rerun.again("m3-ex6", given={}):\n    pass'


def learner(*cells):
    """A learner's namespace after running *cells* in order, with IPython's input history."""
    namespace = {"_ih": ["", *cells]}
    for cell in cells:
        exec(cell, namespace)
    return namespace


def waiting_check(namespace, statuses, expected):
    with rerun.again("m3-ex6", given={"statuses": statuses}, results=("waiting_count",),
                     namespace=namespace) as other:
        c.number("waiting_count", equals=expected, namespace=other)


def test_a_right_answer_passes_with_other_values():
    """Does the learner's loop, run again on another list, give that list's count?"""
    namespace = learner(GIVEN_CELL, ANSWER)
    waiting_check(namespace, ["waiting", "waiting", "waiting", "applied", "waiting"], 4)
    waiting_check(namespace, [], 0)


def test_a_hard_coded_answer_fails_and_says_which_values_were_used():
    """Does typing the expected number in fail the re-run, with the other values named?"""
    namespace = learner(GIVEN_CELL, HARD_CODED)
    assert namespace["waiting_count"] == 2
    with pytest.raises(CheckFailed) as failed:
        waiting_check(namespace, ["waiting"], 1)
    assert "other values" in failed.value.message and "['waiting']" in failed.value.message


def test_the_given_list_copied_into_the_answer_cell_is_replaced():
    """Does a learner who wrote the given list in their answer cell still get their logic checked?"""
    copied = ANSWER.replace("waiting_count = 0", GIVEN_CELL + "\nwaiting_count = 0")
    namespace = learner(copied)
    waiting_check(namespace, ["waiting"], 1)


def test_an_old_value_never_passes():
    """When the answer no longer makes the variable, is the old value ignored?"""
    namespace = learner(GIVEN_CELL, ANSWER, "# Exercise 6 (m3-ex6)\ncount = 1\n")
    with pytest.raises(CheckFailed) as failed:
        waiting_check(namespace, ["waiting"], 1)
    assert "`waiting_count`" in failed.value.message


def test_the_newest_marked_cell_counts_and_test_cells_are_skipped():
    """Is the newest run of the answer cell used, never the test cell that names the marker?"""
    namespace = learner(GIVEN_CELL, HARD_CODED, ANSWER, TEST_CELL)
    assert rerun.answer_source("m3-ex6", namespace["_ih"]) == ANSWER
    assert rerun.answer_source("m3-ex", namespace["_ih"]) is None  # a whole word, not a prefix
    assert rerun.answer_source("m3-ex60", [ANSWER]) is None


def test_a_missing_marker_asks_to_put_it_back():
    namespace = learner(GIVEN_CELL, "waiting_count = 2\n")
    with pytest.raises(CheckFailed) as failed:
        waiting_check(namespace, ["waiting"], 1)
    assert "m3-ex6" in failed.value.message


def test_an_error_in_the_second_run_is_a_friendly_failure():
    """Does code that breaks on other values fail with a message, not a traceback?"""
    namespace = learner(GIVEN_CELL, "# m3-ex6\nwaiting_count = statuses.count('waiting') // (len(statuses) - 1)\n")
    with pytest.raises(CheckFailed) as failed:
        waiting_check(namespace, ["waiting"], 1)
    assert "ZeroDivisionError" in failed.value.message


def test_given_values_are_copied_and_printing_is_not_shown(capsys):
    """Can the answer change the given list without changing the check's own copy, and is its print hidden?"""
    given = {"statuses": ["waiting"]}
    namespace = learner(GIVEN_CELL, "# m3-ex6\nstatuses.append('waiting')\nprint('hello')\nwaiting_count = 0\n")
    capsys.readouterr()
    other = rerun.run("m3-ex6", given=given, results=("waiting_count",), namespace=namespace)
    assert given["statuses"] == ["waiting"] and other["statuses"] == ["waiting", "waiting"]
    assert namespace["statuses"] == ["applied", "waiting", "interview", "waiting", "waiting"]
    assert "hello" not in capsys.readouterr().out


def test_earlier_functions_and_imports_are_there():
    """Can the answer use a function the learner defined in an earlier cell?"""
    namespace = learner("def double(number):\n    return number * 2\n", "given = 1", "# m4-ex1\nresult = double(given)\n")
    other = rerun.run("m4-ex1", given={"given": 21}, results=("result",), namespace=namespace)
    assert other["result"] == 42


@pytest.mark.slow
def test_in_a_real_kernel_the_history_holds_the_answer(tmp_path):
    """In a Jupyter kernel (cells run in order, as nbgrader runs them), does the check find the answer
    in IPython's history, pass a right answer and fail a hard-coded one?"""
    from tests.learner.kernel import errors, run_cells, texts

    check = ('from course.learner import checks as c, rerun\n'
             'with rerun.again("m3-ex6", given={"statuses": ["waiting"]}, results=("waiting_count",)) as other:\n'
             '    c.number("waiting_count", equals=1, namespace=other)\n'
             'print("passed")')
    cells = run_cells([GIVEN_CELL, ANSWER, check, HARD_CODED, check], cwd=tmp_path)
    assert not errors(cells[2]) and "passed" in texts(cells[2])
    assert errors(cells[4]) and "other values" in texts(cells[4])


def test_a_given_cell_copied_into_the_answer_is_left_out_but_a_line_using_it_stays():
    """Is `jobs = read_table()` in the answer cell left out (the other table is used), `jobs = jobs[1:]` kept?"""
    namespace = learner("def read_table():\n    return [1, 2, 3, 4]\n", "jobs = read_table()",
                        "# m5-ex1\njobs = read_table()\njobs = jobs[1:]\nrow_count = len(jobs)\n")
    other = rerun.run("m5-ex1", given={"jobs": [7, 8]}, results=("row_count",), namespace=namespace)
    assert namespace["row_count"] == 3 and other["row_count"] == 1


def test_about_words_replace_a_big_value_in_the_message():
    namespace = learner("# m5-ex1\nrow_count = 60\n")
    with pytest.raises(CheckFailed) as failed:
        with rerun.again("m5-ex1", given={"jobs": list(range(12))}, results=("row_count",), namespace=namespace,
                         about="12 rows of the table"):
            c.number("row_count", equals=12, namespace={"row_count": 60})
    assert "12 rows of the table" in failed.value.message and "[0, 1" not in failed.value.message


def test_an_answer_typed_before_the_marker_is_still_found():
    """Enter puts the cursor at the very start of the cell: is an answer glued before the marker still found?"""
    from course.learner.rerun import answer_source

    glued = 'city = "Sofia"# m1-ex1 (keep this line)\n\n# Write your answer on the empty line above this one.\n'
    assert answer_source("m1-ex1", ["print(1)", glued]) == glued
    assert answer_source("m1-ex1", ['rerun.again("m1-ex1", given={})']) is None  # a string is not the marker
