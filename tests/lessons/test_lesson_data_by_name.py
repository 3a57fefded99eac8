"""Nothing to copy in plain sight: hints, Predict answers and Parsons lines are loaded by name from lesson-data.yml.

A cell that a learner reads calls ``hints("m3-ex1")``, ``predict("m3-predict-loop")`` or
``parsons("m3-order-count")`` with the name only; the data (with the answer or the right
order) sits in ``source/<lesson>/lesson-data.yml``, and every name a cell asks for is there.
"""
from __future__ import annotations

import ast

import pytest
import yaml
from nbformat.v4 import new_code_cell, new_notebook

from tests.lessons.lessons import LESSONS, SOURCE, read_lesson

SECTION = {"hints": "hints", "predict": "predict", "parsons": "parsons"}


def by_name_problems(nb, data: dict) -> list[str]:
    """Calls that carry their data inline, or name an item the lesson data does not have."""
    problems = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SECTION):
                continue
            args = node.args
            if node.keywords or len(args) != 1 or not isinstance(args[0], ast.Constant) or not isinstance(args[0].value, str):
                problems.append(f"cell {number}: {node.func.id}(...) carries its data in the cell; call it by name")
            elif args[0].value not in (data.get(SECTION[node.func.id]) or {}):
                problems.append(f"cell {number}: {node.func.id}({args[0].value!r}) is not in lesson-data.yml")
    return problems


def lesson_data(lesson: str) -> dict:
    path = SOURCE / lesson / "lesson-data.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


@pytest.mark.parametrize("lesson", LESSONS)
def test_hints_predict_and_parsons_are_called_by_name(lesson):
    assert by_name_problems(read_lesson(lesson), lesson_data(lesson)) == []


def test_inline_data_and_unknown_names_are_found():
    """Negative control: a hint list in the cell, a Predict answer in the cell and an unknown name."""
    nb = new_notebook(cells=[new_code_cell('hints("ex1", ["a"])'), new_code_cell('predict("q", answer=1)'),
                             new_code_cell('parsons("nowhere")'), new_code_cell('hints("ex1")')])
    problems = by_name_problems(nb, {"hints": {"ex1": ["a"]}})
    assert len(problems) == 3 and "cell 3" in problems[2] and "not in lesson-data.yml" in problems[2]
