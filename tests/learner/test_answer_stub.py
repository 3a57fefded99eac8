"""What a learner finds in an answer cell of a released lesson (the course's nbgrader stub)."""
from pathlib import Path

import nbformat
from nbgrader.preprocessors import ClearSolutions
from traitlets.config.loader import PyFileConfigLoader

CONFIG = Path(__file__).resolve().parents[2] / "config" / "nbgrader_config.py"


def released_answer(solution: str) -> str:
    """The answer cell as the course's settings release it (nbgrader's ClearSolutions, the course's stub)."""
    config = PyFileConfigLoader(CONFIG.name, path=str(CONFIG.parent)).load_config()
    cell = nbformat.v4.new_code_cell(f"### BEGIN SOLUTION\n{solution}\n### END SOLUTION")
    cell.metadata["nbgrader"] = {"solution": True, "grade": False, "locked": False, "grade_id": "a",
                                 "schema_version": 3}
    nb = nbformat.v4.new_notebook(cells=[cell], metadata={"kernelspec": {"language": "python", "name": "python3", "display_name": "Python 3"}})
    released, _resources = ClearSolutions(config=config).preprocess(nb, {})
    return released.cells[0].source


def test_pressing_enter_and_typing_never_glues_the_answer_to_the_comment():
    """Does an answer cell start with an empty line, where JupyterLab's cursor lands after Enter?"""
    source = released_answer('city = "Sofia"')
    assert "Sofia" not in source
    first, second, *_rest = source.split("\n")
    assert first == "" and second.startswith("# Write your answer")
    typed = 'city = "Sofia"' + source  # what typing at the cursor (the very start of the cell) gives
    assert typed.split("\n")[:2] == ['city = "Sofia"', second]
