"""The learner version of a lesson gives nothing away."""
import json
import re

import nbformat
import pytest
from nbgrader.utils import is_solution

from course.authoring.release import release
from tests.helpers import PILOT, PILOT_NOTEBOOK, right_answers

pytestmark = pytest.mark.slow


MARKER = re.compile(r"# m\d+[a-z]?-[\w-]+ \(keep this line\)\n?")


def test_release_holds_no_solution_and_no_hidden_test(released):
    text = (released.folder("release") / PILOT / PILOT_NOTEBOOK).read_text(encoding="utf-8")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
        assert marker not in text
    # the hidden checks themselves are gone, not only their markers
    assert 'full_name.split(" ") == ["Ioana", "Popescu"]' not in text
    for answer in right_answers(released).values():
        for line in answer.splitlines():
            if len(line) > 12 and not MARKER.fullmatch(line):  # the answer cell's marker line stays, on purpose
                assert line not in text, line


def test_every_answer_cell_starts_with_the_friendly_stub(released):
    nb = nbformat.read(released.folder("release") / PILOT / PILOT_NOTEBOOK, as_version=4)
    code_answers = [c for c in nb.cells if is_solution(c) and c.cell_type == "code"]
    assert code_answers
    # The empty first line is where Enter puts the cursor: nothing the learner types is glued to a comment.
    assert all(c.source.startswith("\n# Write your answer on the empty line above") for c in code_answers)
    text_answers = [c for c in nb.cells if is_solution(c) and c.cell_type == "markdown"]
    assert text_answers and all(c.source == "Write your answer here." for c in text_answers)


def test_release_has_no_outputs(released):
    nb = json.loads((released.folder("release") / PILOT / PILOT_NOTEBOOK).read_text(encoding="utf-8"))
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")


# --- releasing again, and the learner's own copies ---------------------------

def exchange_notebook(course):
    return course.root / "exchange" / "code-n-social" / "outbound" / PILOT / PILOT_NOTEBOOK


def test_releasing_again_publishes_the_new_version(course):
    """Does a second `course release` of a changed lesson publish the new version instead of stopping?"""
    release(PILOT, course=course)
    source = course.folder("source") / PILOT / PILOT_NOTEBOOK
    nb = nbformat.read(source, as_version=4)
    nb.cells[0].source += "\n\nA sentence added for the second version."
    nbformat.write(nb, source)
    again = release(PILOT, course=course)
    assert again.published and again.backup is None
    assert "A sentence added for the second version." in exchange_notebook(course).read_text(encoding="utf-8")


def test_work_done_inside_release_is_kept_before_a_rebuild(course, capsys):
    """Someone worked in release/<lesson> itself: is their notebook copied aside, with one line saying where?"""
    release(PILOT, course=course, publish=False)
    worked = course.folder("release") / PILOT / PILOT_NOTEBOOK
    worked.write_text(worked.read_text(encoding="utf-8").replace("Write your answer here.", "My own answer"))
    again = release(PILOT, course=course, publish=False)
    assert again.backup is not None
    assert "My own answer" in (again.backup / PILOT_NOTEBOOK).read_text(encoding="utf-8")
    assert "My own answer" not in worked.read_text(encoding="utf-8")
    said = capsys.readouterr().out
    assert said.count("\n") == 1 and "release-backups" in said


def test_the_workspace_never_replaces_a_learners_notebook(course, capsys):
    """After `course workspace`, `course release` and `course workspace` again, is the learner's answer still there?"""
    from course.authoring.workspace import prepare_workspace

    first = prepare_workspace(course=course)
    own = course.workspace_dir / PILOT / PILOT_NOTEBOOK
    assert PILOT in first.new and own.is_file()
    own.write_text(own.read_text(encoding="utf-8").replace("Write your answer here.", "My own answer"))
    source = course.folder("source") / PILOT / PILOT_NOTEBOOK
    source.write_text(source.read_text(encoding="utf-8"))  # the trainer changed the lesson
    release(PILOT, course=course)
    second = prepare_workspace(course=course)
    assert PILOT in second.kept and "My own answer" in own.read_text(encoding="utf-8")
    page = (course.workspace_dir / "index.md").read_text(encoding="utf-8")
    assert f"]({PILOT}/{PILOT_NOTEBOOK})" in page and "release/" not in page
