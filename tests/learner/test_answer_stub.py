"""What a learner finds in an answer cell of a released lesson."""
import nbformat
from nbgrader.utils import is_solution

from tests.helpers import PILOT, PILOT_NOTEBOOK


def test_pressing_enter_and_typing_never_glues_the_answer_to_the_comment(released):
    """Does an answer cell start with an empty line, where JupyterLab's cursor lands after Enter?"""
    nb = nbformat.read(released.folder("release") / PILOT / PILOT_NOTEBOOK, as_version=4)
    code_answers = [cell.source for cell in nb.cells if is_solution(cell) and cell.cell_type == "code"]
    assert code_answers
    for source in code_answers:
        first, second, *_rest = source.split("\n")
        assert first == "", repr(source)
        typed = 'city = "Sofia"' + source  # what typing at the cursor (the very start) gives
        assert typed.split("\n")[0] == 'city = "Sofia"' and second.startswith("# ")
