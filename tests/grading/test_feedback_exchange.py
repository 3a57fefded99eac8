"""`course feedback` keeps nbgrader's exchange working: trainers release feedback, learners fetch the kit's page."""
import nbformat
import pytest
from nbgrader.utils import capture_log, is_solution, temp_attrs

from course.demo.run import fetch, learner_copy, submit
from course.grading.collect import collect
from course.grading.autograde import grade
from course.grading.feedback import feedback
from course.grading.sandbox import isolation_problem
from course.nbgrader_api import api_for
from tests.helpers import PILOT, right_answers

pytestmark = pytest.mark.slow


def hand_in(course, student, answers, home):
    """The learner's side through the exchange: fetch, write *answers* (by grade_id), submit."""
    fetch(course, PILOT, student, home)
    for path in learner_copy(course, PILOT, home).glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if is_solution(cell) and cell.metadata["nbgrader"]["grade_id"] in answers:
                cell.source = answers[cell.metadata["nbgrader"]["grade_id"]]
        nbformat.write(nb, path)
    submit(course, PILOT, student, home)


def fetch_feedback(course, student, home):
    api = api_for(course)
    with temp_attrs(api.coursedir, assignment_id=PILOT, student_id=student):
        app = api.exchange.FetchFeedback(coursedir=api.coursedir, authenticator=api.authenticator, parent=api)
        app.assignment_dir = str(home)
        return capture_log(app)


def test_learners_fetch_the_kits_feedback_page_through_the_exchange(released, tmp_path):
    """After course feedback and nbgrader release_feedback, does fetch_feedback give the learner the kit's page,
    without the hidden tests and with the reflection waiting for the trainer?"""
    answers = {**right_answers(released), "reflection": "Joining text was easy."}
    homes = {student: tmp_path / student for student in ("fb-ana", "fb-blank")}
    hand_in(released, "fb-ana", answers, homes["fb-ana"])
    hand_in(released, "fb-blank", {}, homes["fb-blank"])
    collect(PILOT, course=released)
    summary = grade(PILOT, course=released, trust_learner_code=isolation_problem() is not None)
    assert not summary.failed, summary.failed

    pages = feedback(PILOT, course=released)

    assert [page.parent.parent.name for page in pages] == ["fb-ana", "fb-blank"]
    for student, home in homes.items():
        assert api_for(released).release_feedback(PILOT, student)["success"]
        assert fetch_feedback(released, student, home)["success"]
    fetched = list(homes["fb-ana"].rglob("feedback/*/*.html"))
    assert [path.name for path in fetched] == [f"{PILOT}.html"], fetched
    fetched = fetched[0]
    page = fetched.read_text(encoding="utf-8")
    assert "Feedback: First words in Python" in page and "Content-Security-Policy" in page
    assert 'startswith="S"' not in page and "HIDDEN" not in page and 'startswith=\\"S\\"' not in page
    reflection = page[page.index("Joining text was easy."):]
    assert "Waiting for your trainer" in page and "0 of 2" not in reflection[:400]
    # One OS user plays every learner here, so nbgrader's fetch also finds fb-ana's page: look for the blank one.
    blank = [path.read_text(encoding="utf-8") for path in homes["fb-blank"].rglob("feedback/*/*.html")]
    assert any("Not yet" in text and "Joining text was easy." not in text for text in blank)
