"""The learner version of a lesson gives nothing away."""
import json

import nbformat
import pytest
from nbgrader.utils import is_solution

from tests.helpers import PILOT, PILOT_NOTEBOOK, right_answers

pytestmark = pytest.mark.slow


def test_release_holds_no_solution_and_no_hidden_test(released):
    text = (released.folder("release") / PILOT / PILOT_NOTEBOOK).read_text(encoding="utf-8")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
        assert marker not in text
    # the hidden checks themselves are gone, not only their markers
    assert 'full_name.split(" ") == ["Ioana", "Popescu"]' not in text
    for answer in right_answers(released).values():
        for line in answer.splitlines():
            if len(line) > 12:
                assert line not in text, line


def test_every_answer_cell_starts_with_the_friendly_stub(released):
    nb = nbformat.read(released.folder("release") / PILOT / PILOT_NOTEBOOK, as_version=4)
    code_answers = [c for c in nb.cells if is_solution(c) and c.cell_type == "code"]
    assert code_answers
    assert all(c.source.startswith("\n# Write your answer on the empty line above") for c in code_answers)
    text_answers = [c for c in nb.cells if is_solution(c) and c.cell_type == "markdown"]
    assert text_answers and all(c.source == "Write your answer here." for c in text_answers)


def test_release_has_no_outputs(released):
    nb = json.loads((released.folder("release") / PILOT / PILOT_NOTEBOOK).read_text(encoding="utf-8"))
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
