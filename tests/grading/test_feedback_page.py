"""The kit's feedback page: what a learner reads after grading, and what it must never show."""
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course import i18n
from course.grading.feedback import Mark, exercises, render

HIDDEN = "assert secret_hidden_value == 42"


def graded_notebook(answer: str) -> nbformat.NotebookNode:
    """A graded lesson: one answer checked by a test cell with hidden tests, one answer the trainer marks."""
    def meta(grade_id, *, grade, solution, points=None):
        return {"nbgrader": {"grade_id": grade_id, "grade": grade, "solution": solution, "locked": not solution,
                             "schema_version": 3, **({"points": points} if points else {})}}

    check = new_code_cell(f"c.text('city')\n### BEGIN HIDDEN TESTS\n{HIDDEN}\n### END HIDDEN TESTS",
                          metadata=meta("ex1-check", grade=True, solution=False, points=1))
    check.outputs = [new_output("stream", name="stdout", text="Checking city...\n"),
                     new_output("error", ename="AssertionError", evalue="city is not a text. <b>Use quotes.</b>",
                                traceback=[f"----> 3 {HIDDEN}", "AssertionError: city is not a text."])]
    return new_notebook(cells=[
        new_markdown_cell("# First words"),
        new_markdown_cell("### Exercise 1: your first variable"),
        new_code_cell(answer, metadata=meta("ex1", grade=False, solution=True)),
        check,
        new_markdown_cell("### Your own card"),
        new_code_cell("print('my card')", metadata=meta("card", grade=True, solution=True, points=2)),
    ])


MARKS = {"ex1-check": Mark(score=0.0, max_score=1.0, waiting=False),
         "card": Mark(score=None, max_score=2.0, waiting=True)}


def page_for(answer: str = 'city = "Sofia"', marks=MARKS) -> str:
    nb = graded_notebook(answer)
    return render(exercises(nb, marks), title="First words", lesson="01-first-words")


def test_each_exercise_shows_answer_result_message_and_points():
    """Does the page show, per exercise, the learner's answer, the result in words, the check's message, the points?"""
    page = page_for()
    assert "Exercise 1: your first variable" in page and "city = &#34;Sofia&#34;" in page
    assert "Not yet: look at the message" in page and "city is not a text." in page
    assert "0 of 1" in page and "Checking city..." in page


def test_hidden_tests_never_appear():
    """Is the hidden tests' code kept out, both from the test cell's source and from the error's traceback?"""
    page = page_for()
    assert "secret_hidden_value" not in page and "BEGIN HIDDEN" not in page and "c.text(" not in page


def test_an_answer_not_marked_yet_waits_for_the_trainer_not_zero():
    """Is an unmarked reflection 'waiting for your trainer', never 0 of 2?"""
    page = page_for()
    card = page[page.index("Your own card"):]
    assert "Waiting for your trainer" in card and "0 of 2" not in card and "print(&#39;my card&#39;)" in card
    marked = page_for(marks={**MARKS, "card": Mark(score=2.0, max_score=2.0, waiting=False, comment="Good <i>")})
    assert "2 of 2" in marked and "Good &lt;i&gt;" in marked and "Waiting" not in marked


def test_learner_markup_is_text_and_nothing_can_run():
    """Does a learner's <script> or <img onerror> reach the page only escaped, under a strict CSP?"""
    page = page_for(answer='city = "<script>alert(1)</script><img src=x onerror=alert(2)>"')
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page
    assert ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            "style-src 'unsafe-inline'; img-src data:\">") in page


def test_the_page_speaks_the_cohort_language_and_prints():
    """Is the page in Spanish (lang and labels) when the cohort is, and does it have print styles?"""
    try:
        i18n.set_language("es")
        page = page_for()
    finally:
        i18n.set_language("en")
    assert '<html lang="es">' in page and "Tu respuesta" in page and "Esperando a tu formador" in page
    assert "@media print" in page


def test_feedback_writes_exchange_files_takes_ids_literally_and_follows_no_link(course):
    """Does course feedback write each learner's page with nbgrader's exchange files, read an ID like [a-z]*
    as itself (not a pattern), and skip a learner folder that is a link?"""
    from datetime import datetime

    from nbgrader.api import Gradebook

    from course.grading.feedback import feedback
    from tests.helpers import PILOT

    with Gradebook(course.coursedir.db_url) as gb:
        gb.add_assignment(PILOT)
        gb.add_notebook("nb", PILOT)
        gb.add_grade_cell("ex1-check", "nb", PILOT, max_score=1, cell_type="code")
        gb.add_grade_cell("card", "nb", PILOT, max_score=2, cell_type="code")
        gb.add_solution_cell("card", "nb", PILOT)
        for student in ("[a-z]*", "s1"):
            gb.update_or_create_student(student)
            gb.add_submission(PILOT, student, timestamp=datetime(2026, 3, 1))
    autograded = course.folder("autograded")
    for student in ("[a-z]*", "s1"):
        folder = autograded / student / PILOT
        folder.mkdir(parents=True)
        nbformat.write(graded_notebook(f"city = '{student}'"), folder / "nb.ipynb")
        (folder / "timestamp.txt").write_text("2026-03-01 00:00:00.000000 UTC")
        (folder / "submission_secret.txt").write_text(f"secret-{student}")
        (folder / "learner-file.txt").write_text("not for the exchange")
    (autograded / "linked").symlink_to(autograded / "s1")

    pages = feedback(PILOT, course=course)

    assert [page.relative_to(course.folder("feedback")).as_posix() for page in pages] == [
        f"[a-z]*/{PILOT}/nb.html", f"s1/{PILOT}/nb.html"]
    assert "city = &#39;[a-z]*&#39;" in pages[0].read_text() and "city = &#39;s1&#39;" in pages[1].read_text()
    assert sorted(path.name for path in pages[1].parent.iterdir()) == [
        "nb.html", "submission_secret.txt", "timestamp.txt"]
    assert not (course.folder("feedback") / "linked").exists()


def test_an_answer_left_as_released_says_so_in_words():
    """Does a reflection left blank (nbgrader's automatic 0 and English "No response.") read as 'no answer yet'?"""
    from nbgrader.utils import compute_checksum

    nb = graded_notebook('city = "Sofia"')
    card = nb.cells[-1]
    card.metadata.nbgrader["checksum"] = compute_checksum(card)
    marks = {**MARKS, "card": Mark(score=0.0, max_score=2.0, waiting=False, comment="No response.")}
    page = render(exercises(nb, marks), title="First words", lesson="L1")
    card_part = page[page.index("Your own card"):]
    assert "No answer here yet" in card_part and "No response." not in card_part and "Not yet" not in card_part
    written = render(exercises(graded_notebook("x"), {**MARKS, "card": Mark(0.0, 2.0, False)}), title="T", lesson="L1")
    assert "No answer here yet" not in written  # the negative control: a written answer marked 0
