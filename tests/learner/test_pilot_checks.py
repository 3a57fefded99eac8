"""The pilot's self-checks and nbgrader's grade agree, and the tricks a learner might try score less."""
import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.utils import is_grade, is_solution

from course.demo.answers import PARTLY, WRONG
from course.grading.autograde import grade
from tests.helpers import PILOT, cell_scores, right_answers, submit, total_score

pytestmark = pytest.mark.slow

FAKE_PASS = 'print("✓ Well done! Exercise 2, part 2 of 2: the public checks passed.")'
# One trick per exercise, all in one submission: answer cell -> (trick, the check cell it must not pass).
TRICKS = {
    "always-equal": ("ex1-city", "class Same:\n    def __eq__(self, other):\n        return True\ncity = Same()",
                     "ex1-city-check"),
    "fake-pass": ("ex2-full-name", "full_name = first_name + last_name\n" + FAKE_PASS, "ex2-space"),
    "subclass": ("ex3-town-line",
                 "class Text(str):\n    def __eq__(self, other):\n        return True\ntown_line = Text('Town: Plovdiv')",
                 "ex3-town-line-check"),
    "rebinds-names": ("ex4-length-answer",
                      "skill_length = 15\n"
                      "len = isinstance = type = lambda *args: True\n"
                      "class Anything:\n    def __getattr__(self, name):\n        return lambda *args, **kwargs: None\n"
                      "c = check = Anything()",
                      "ex4-length"),
}


def visible_verdicts(notebook) -> dict[str, bool]:
    """Run a learner's notebook as the learner would; True for each test cell that shows no error."""
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=30, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    return {
        cell.metadata["nbgrader"]["grade_id"]: not any(out.output_type == "error" for out in cell.outputs)
        for cell in nb.cells
        if cell.cell_type == "code" and is_grade(cell) and not is_solution(cell)
    }


def designed(answers: dict, right: dict) -> dict:
    return {grade_id: (right[grade_id] if text == "right" else text) for grade_id, text in answers.items()}


@pytest.fixture(scope="module")
def graded(released):
    """Every submission of this module, graded by nbgrader in one batch; visible verdicts from the release."""
    right = right_answers(released)
    submissions = {
        "agree-right": right,
        "agree-partly": designed(PARTLY[PILOT], right),
        "agree-wrong": WRONG[PILOT],
        "tricks": dict(right, **{answer: code for answer, code, _check in TRICKS.values()}),
    }
    paths = {student: submit(released, student, answers) for student, answers in submissions.items()}
    summary = grade(PILOT, course=released)
    assert not summary.failed
    return released, paths


@pytest.mark.parametrize("student", ["agree-right", "agree-partly", "agree-wrong"])
def test_self_check_and_nbgrader_agree(graded, student):
    """For each test cell: the learner's visible check passes exactly when nbgrader gives its points."""
    course, paths = graded
    verdicts = visible_verdicts(paths[student])
    scores = cell_scores(course, student)
    assert len(verdicts) == 8
    assert {grade_id: scores[grade_id] == 1 for grade_id in verdicts} == verdicts


def test_the_three_answers_score_as_designed(graded):
    course, _paths = graded
    assert [total_score(course, s)[0] for s in ("agree-right", "agree-partly", "agree-wrong")] == [8, 4, 1]  # "wrong" still has both names in full_name


@pytest.mark.parametrize("trick", sorted(TRICKS))
def test_a_trick_in_an_answer_cell_earns_nothing_for_that_check(graded, trick):
    course, _paths = graded
    _answer, _code, check = TRICKS[trick]
    assert cell_scores(course, "tricks")[check] == 0


def test_tricks_score_less_than_full_while_honest_answers_still_count(graded):
    course, _paths = graded
    scores = cell_scores(course, "tricks")
    assert scores["ex4-upper"] == scores["ex5-three-lines"] == 1  # honest answers beside the tricks still count
    assert total_score(course, "tricks")[0] < 8
