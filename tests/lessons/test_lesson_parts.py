"""The parts issue 15 asks of every lesson: an honest role model, a work box, a stop point in long lessons.

- "Someone like me" says in one line that the person is an example, not a real person.
- "Where this is used at work" names an entry role of the e-Competence Framework (e-CF) and its level.
- A lesson of more than 90 minutes has a stop point in its middle part that says how to pick up again
  with the command palette (Ctrl + Shift + C, "run all above"); no lesson sends learners to the
  menus with "Run > Run All Above" (Alt does not open JupyterLab's menus).
"""
from __future__ import annotations

import re

import pytest
from nbformat.v4 import new_markdown_cell, new_notebook

from tests.lessons.lessons import LESSONS, read_lesson

LABEL = re.compile(r"^\*An example based on common paths: [^*]+ is not a real person\.\*$", re.MULTILINE)
WORK_BOX = re.compile(r"^## Where this is used at work", re.MULTILINE)
LONG_MINUTES = 90


def part_problems(nb) -> list[str]:
    cells = [cell.source for cell in nb.cells if cell.cell_type == "markdown"]
    text = "\n".join(cells)
    problems = []
    if not LABEL.search(text):
        problems.append('no "*An example based on common paths: <Name> is not a real person.*" line')
    if "made from the stories of many learners" in text:
        problems.append('a role model is "made from the stories of many learners"')
    boxes = [cell for cell in cells if WORK_BOX.search(cell)]
    if not boxes or not any("e-CF" in box and re.search(r"level e-\d", box) for box in boxes):
        problems.append('no "Where this is used at work" box naming an e-CF role and its level (e-1, e-2)')
    if "Run > Run All Above" in text or "Run All Above Selected Cell** in the menu" in text:
        problems.append("a learner is sent to the Run menu; teach the command palette (Ctrl + Shift + C)")
    minutes = nb.metadata.get("codensocial", {}).get("estimated_minutes") or 0
    middle = cells[len(cells) // 4: len(cells) * 85 // 100]
    if minutes > LONG_MINUTES and not any("Ctrl + Shift + C" in cell and "run all above" in cell for cell in middle):
        problems.append(f"{minutes} minutes but no stop point in the middle that says how to pick up again "
                        "(Ctrl + Shift + C, run all above)")
    return problems


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_has_an_honest_role_model_a_work_box_and_a_stop_point(lesson):
    assert part_problems(read_lesson(lesson)) == []


def test_a_lesson_without_the_parts_is_reported():
    """Negative control: the old label, no work box, the Run menu and no stop point in a long lesson."""
    nb = new_notebook(cells=[new_markdown_cell("*Ana is not a real person. Her story is made from the stories of "
                                               "many learners.*"),
                             new_markdown_cell("After a break, choose **Run > Run All Above Selected Cell**.")])
    nb.metadata["codensocial"] = {"estimated_minutes": 150}
    assert len(part_problems(nb)) == 5
