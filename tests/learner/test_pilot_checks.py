"""The pilot's self-checks and nbgrader's grade agree, and the tricks a learner might try score less."""
import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader.utils import is_grade, is_solution

from course.demo.answers import PARTLY, WRONG
from course.grading.autograde import grade
from tests.helpers import PILOT, cell_scores, right_answers, submit, total_score

pytestmark = pytest.mark.slow

FAKE_PASS = 'print("✓ Well done! Exercise 1: the public checks passed. Your trainer\'s checks run when you hand in.")'
TRICKS = {
    "always-equal": "class Same:\n    def __eq__(self, other):\n        return True\ncity = Same()",
    "subclass": "class Text(str):\n    def __eq__(self, other):\n        return True\ncity = Text('Sofia')",
    "rebinds-names": (
        'city = "Varna"\n'
        "len = isinstance = type = lambda *args: True\n"
        "class Anything:\n    def __getattr__(self, name):\n        return lambda *args, **kwargs: None\n"
        "c = check = Anything()"
    ),
    "fake-pass": 'city = "Varna"\n' + FAKE_PASS,
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
        **{f"trick-{name}": dict(right, **{"ex1-city": code}) for name, code in TRICKS.items()},
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
def test_a_trick_in_the_answer_cell_scores_less_than_full(graded, trick):
    course, _paths = graded
    assert cell_scores(course, f"trick-{trick}")["ex1-city-check"] == 0
    assert total_score(course, f"trick-{trick}")[0] < 8
