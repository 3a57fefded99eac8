"""The lesson-writing rules: a good lesson passes, and each broken rule is found and named."""
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from course.authoring.lint import Lesson, findings
from course.authoring.readability import blocks, readability

NAME = "09-test-lesson"


def graded(cell, grade_id, *, grade, solution, points=None, locked=False):
    cell.metadata["nbgrader"] = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
                                 "solution": solution, "task": False}
    if points is not None:
        cell.metadata["nbgrader"]["points"] = points
    return cell


def exercise(number):
    answer = graded(new_code_cell(f"### BEGIN SOLUTION\nx{number} = {number}\n### END SOLUTION"),
                    f"m9-ex{number}", grade=False, solution=True)
    test = graded(new_code_cell(f'c.number("x{number}", equals={number})\n### BEGIN HIDDEN TESTS\n'
                                f'c.number("x{number}", equals={number})\n### END HIDDEN TESTS'),
                  f"m9-ex{number}-check", grade=True, solution=False, points=1, locked=True)
    return [new_markdown_cell(f"### Exercise {number}\n\nMake a variable. Give it the number {number}."), answer, test]


def good_cells():
    cells = [
        new_markdown_cell("# A test lesson\n\nBy the end you can make a variable."),
        new_code_cell('from course.learner import *\nstart_lesson("09-test-lesson", checks=6)'),
        new_markdown_cell("## Someone like me\n\nAna is not a real person. She learned to code at 50."),
        new_markdown_cell("## You already do this\n\nYou save a number in your phone under a name."),
        new_code_cell('predict("What will it show?", options=["1", "2"], answer=1, name="m9-predict")'),
        new_code_cell('parsons(["a = 1", "print(a)"], name="m9-order")'),
    ]
    for number in range(1, 7):
        cells += exercise(number)
    cells += [
        new_markdown_cell("## Reflection\n\nWrite two sentences about this lesson."),
        graded(new_markdown_cell("An example answer."), "m9-reflection", grade=True, solution=True, points=1),
        new_code_cell('confidence_check(moment="lesson-end", lesson="09-test-lesson")', metadata={"tags": ["confidence-check"]}),
        new_code_cell("my_progress()"),
        new_markdown_cell("## Glossary\n\n| word | what it means |\n|---|---|\n| variable | A name for a value. |"),
    ]
    return cells


def lesson(cells=None, *, module=9, name=NAME):
    nb = new_notebook(cells=good_cells() if cells is None else cells)
    nb.metadata["codensocial"] = {"module": module, "title": "A test lesson", "estimated_minutes": 120,
                                  "digcomp": [{"code": "3.4", "level": 1}], "language": "en"}
    return Lesson(name, Path("source") / name / f"{name}.ipynb", nb)


def messages(*lessons):
    return [finding.message for finding in findings(list(lessons))]


def with_cell(index, cell):
    cells = good_cells()
    cells[index] = cell
    return lesson(cells)


def test_a_lesson_that_follows_the_guide_has_no_findings():
    assert messages(lesson()) == []


@pytest.mark.parametrize("first, expected", [
    ("## Not a title", "level-1 heading"),
    ("Some words first\n\n", "level-1 heading"),
])
def test_the_first_cell_starts_with_the_title(first, expected):
    assert any(expected in m for m in messages(with_cell(0, new_markdown_cell(first))))


def test_a_second_h1_an_empty_heading_and_a_skipped_level_are_found():
    found = messages(with_cell(2, new_markdown_cell("# Again\n\n##\n\n#### Too deep")))
    assert any("one level-1 heading" in m for m in found)
    assert any("heading is empty" in m for m in found)
    assert any("a level is skipped" in m for m in found)


@pytest.mark.parametrize("markdown", ['![](photo.png)', '![image](photo.png)', '<img src="a.png">',
                                      '![team.jpg](team.jpg)'])
def test_an_image_needs_alt_text_that_says_what_it_shows(markdown):
    assert any("alt text" in m for m in messages(with_cell(3, new_markdown_cell("## You already do this\n\n" + markdown))))


def test_good_alt_text_passes():
    cell = new_markdown_cell("## You already do this\n\n![A bus timetable with three times](bus.png)")
    assert messages(with_cell(3, cell)) == []


@pytest.mark.parametrize("markdown", ["Read [here](https://example.org).", "See https://example.org today.",
                                      "[https://example.org](https://example.org)", '<a href="x">click here</a>'])
def test_link_text_says_where_it_goes(markdown):
    assert any("link" in m.lower() for m in messages(with_cell(3, new_markdown_cell("## You already do this\n\n" + markdown))))


def test_colour_words_are_found_but_not_inside_code():
    found = messages(with_cell(3, new_markdown_cell("## You already do this\n\nPress the green button.")))
    assert any('"green"' in m for m in found)
    assert messages(with_cell(3, new_markdown_cell("## You already do this\n\nType `color = 'red'` now."))) == []


def test_hand_made_widgets_are_found():
    found = messages(with_cell(5, new_code_cell("import ipywidgets as widgets\nwidgets.Dropdown(options=[1, 2])")))
    assert any("widget by hand" in m for m in found)


def test_saved_outputs_are_found():
    cell = new_code_cell("print(1)", execution_count=3)
    cell.outputs = [nbformat.v4.new_output("stream", text="1\n")]
    assert any("saved output" in m for m in messages(with_cell(5, cell)))


def test_a_graded_cell_without_points_is_found():
    cells = good_cells()
    cells[8].metadata["nbgrader"]["points"] = 0
    assert any("no points" in m for m in messages(lesson(cells)))


def test_a_test_cell_without_hidden_tests_or_visible_checks_is_found():
    cells = good_cells()
    cells[8].source = 'c.number("x1", equals=1)'
    cells[11].source = "### BEGIN HIDDEN TESTS\nc.number('x2', equals=2)\n### END HIDDEN TESTS"
    found = messages(lesson(cells))
    assert any("no hidden tests" in m for m in found)
    assert any("no visible check" in m for m in found)


def test_broken_hidden_test_blocks_are_found():
    cells = good_cells()
    cells[8].source = 'c.number("x1", equals=1)\n### END HIDDEN TESTS\nc.number("x1", equals=1)\n### BEGIN HIDDEN TESTS'
    cells[4].source += "\n### BEGIN HIDDEN TESTS\n### END HIDDEN TESTS"
    found = messages(lesson(cells))
    assert any("once each, in that order" in m for m in found)
    assert any("only for the right kind" in m for m in found)


def test_invalid_nbgrader_metadata_is_found():
    cells = good_cells()
    del cells[8].metadata["nbgrader"]["grade_id"]
    assert any("nbgrader cannot use this cell" in m for m in messages(lesson(cells)))


def test_too_few_exercises_and_missing_parts_are_found():
    cells = [cell for cell in good_cells()
             if "m9-ex6" not in cell.metadata.get("nbgrader", {}).get("grade_id", "")
             and "parsons(" not in cell.source and "Glossary" not in cell.source]
    cells[1].source = cells[1].source.replace("checks=6", "checks=5")
    found = messages(lesson(cells, module=2))
    assert any("5 autograded exercises" in m for m in found)
    assert any("parsons(" in m for m in found)
    assert any('"Glossary"' in m for m in found)


def test_parsons_is_not_asked_of_module_5():
    cells = [cell for cell in good_cells() if "parsons(" not in cell.source]
    assert messages(lesson(cells, module=5)) == []


def test_start_lesson_counts_the_self_checks():
    cells = good_cells()
    cells[1].source = cells[1].source.replace("checks=6", "checks=4")
    assert any("checks=6" in m for m in messages(lesson(cells)))


def test_a_grade_id_used_in_two_lessons_is_found():
    other = lesson(name="10-other")
    twice = [f for f in findings([lesson(), other]) if "more than once" in f.message]
    assert {f.lesson for f in twice} == {NAME, "10-other"}
    assert len(twice) == 2 * 13  # each of the 13 grade_ids, in both lessons


def test_a_long_sentence_and_hard_words_are_found():
    long = "word " * 26
    found = messages(with_cell(3, new_markdown_cell(f"## You already do this\n\n{long.strip()}.")))
    assert any("26 words" in m for m in found)
    hard = " ".join(["Institutionalisation necessitates comprehensive organisational considerations."] * 40)
    found = messages(with_cell(3, new_markdown_cell(f"## You already do this\n\n{hard}")))
    assert any("Reading ease" in m for m in found)


def test_headings_list_items_and_table_cells_end_sentences():
    text = "## A heading\n\n- one item\n- two items\n\n| a | b |\n|---|---|\n| c d | e |\n\nA line\nthat goes on. Then `code` here."
    assert blocks(text) == ["one item", "two items", "a", "b", "c d", "e", "A line that goes on. Then   here."]
    figures = readability([new_markdown_cell(text)])
    assert [s.words for s in figures.sentences] == [2, 2, 1, 1, 2, 1, 5, 2]
