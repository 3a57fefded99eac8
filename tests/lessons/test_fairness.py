"""A check of fairness over every lesson: typing in the values the solution produces must not earn full points.

For each answer cell of a "compute or decide" exercise, the solution is run once (in a
Jupyter kernel, as the learner would), and the values it leaves in the names the cell
sets or changes are written back as literals (``waiting_count = 3``, a table as
``pd.DataFrame({...})``). A learner's copy with that one cell replaced by those literals
(its comment lines kept, as a learner who copies would keep them) is handed in beside
the right answers. Each lesson is one grading batch. The exercise must then score less
than full: its checks run the learner's logic on other inputs.

Exempt, so not replaced:
- cells with the metadata ``"codensocial": {"literal_answer_ok": true}``: a literal IS the
  right answer there (``city = "Sofia"``);
- cells that define a function: their checks call the function with new inputs already.

Run with ``-s`` to see the figures per lesson.
"""
from __future__ import annotations

import ast
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

from course.authoring.release import release
from course.grading.autograde import grade
from tests.helpers import copy_course, right_answers
from tests.lessons.lessons import LESSONS, autograded_answers, grade_id, is_answer, lesson_notebooks, read_lesson
from tests.lessons.grading import SOLUTION, hand_in, read_scores

OK_KEY = "literal_answer_ok"
MARK = "__FAIRNESS__"
# Runs first in the kernel: writes a value as Python source that rebuilds it from literals.
LITERAL_WRITER = r'''
def __fair_literal(value):
    import math
    kind = type(value).__module__ + "." + type(value).__name__
    if value is None or type(value) in (bool, int, str):
        return repr(value)
    if type(value) is float:
        return repr(value) if math.isfinite(value) else f'float("{value}")'
    if type(value) in (list, tuple):
        items = [__fair_literal(item) for item in value]
        if None in items:
            return None
        return ("[" + ", ".join(items) + "]") if type(value) is list else ("(" + "".join(i + ", " for i in items) + ")")
    if type(value) is dict:
        pairs = [(__fair_literal(k), __fair_literal(v)) for k, v in value.items()]
        return None if any(None in pair for pair in pairs) else "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
    if kind.startswith("numpy.") and hasattr(value, "item") and getattr(value, "shape", None) == ():
        return __fair_literal(value.item())
    if kind.startswith("pandas.") and kind.endswith(".DataFrame"):
        columns, index = __fair_literal(value.to_dict("list")), __fair_literal(list(value.index))
        return None if None in (columns, index) else f"pd.DataFrame({columns}, index={index})"
    if kind.startswith("pandas.") and kind.endswith(".Series"):
        items, index = __fair_literal(list(value)), __fair_literal(list(value.index))
        return None if None in (items, index) else f"pd.Series({items}, index={index}, name={value.name!r})"
    return None

def __fair_capture(names):
    import json
    lines = []
    for name in names:
        if name in globals():
            written = __fair_literal(globals()[name])
            if written is not None:
                lines.append(f"{name} = {written}")
    print("''' + MARK + r'''" + json.dumps(lines))
'''


@dataclass
class Fairness:
    """One lesson's figures: which cells were typed in, and what the typed-in copy scored."""

    lesson: str
    exempt: dict[str, str] = field(default_factory=dict)  # answer -> why
    literal: dict[str, str] = field(default_factory=dict)  # answer -> the code handed in
    scores: dict[str, tuple[float, float]] = field(default_factory=dict)  # answer -> (score, max) of its tests
    solution: dict[str, tuple[float, float]] = field(default_factory=dict)


def literal_ok(cell) -> bool:
    return bool(cell.metadata.get("codensocial", {}).get(OK_KEY))


def defines_function(source: str) -> bool:
    return any(isinstance(node, (ast.FunctionDef, ast.ClassDef)) for node in ast.parse(source).body)


def changed_names(source: str) -> list[str]:
    """Names the code sets (``x = ...``, ``for x in``) or changes in place (``x.append(...)``), in order."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            found.append(node.id)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and isinstance(node.func.value, ast.Name)):
            found.append(node.func.value.id)
    return list(dict.fromkeys(found))


def comment_lines(source: str) -> list[str]:
    return [line for line in source.splitlines()
            if line.strip().startswith("#") and line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")]


def typed_in_answers(lesson: str, folder: Path, workdir: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(answer -> literal code, answer -> why exempt) for every autograded answer cell of *lesson*."""
    checked = autograded_answers(read_lesson(lesson, folder.parent))
    literal, exempt = {}, {}
    for path in lesson_notebooks(folder):
        nb = nbformat.read(path, as_version=4)
        wanted = {}
        for cell in nb.cells:
            if not is_answer(cell) or grade_id(cell) not in checked:
                continue
            if literal_ok(cell):
                exempt[grade_id(cell)] = OK_KEY
            elif defines_function(cell.source):
                exempt[grade_id(cell)] = "defines a function"
            else:
                wanted[grade_id(cell)] = cell
        literal.update(_run_and_capture(nb, wanted, workdir))
    return literal, exempt


def _run_and_capture(nb, wanted: dict, workdir: Path) -> dict[str, str]:
    """Run the solution notebook with a capture cell after each wanted answer; the literal code per answer."""
    if not wanted:
        return {}
    cells, capture_of = [new_code_cell(LITERAL_WRITER)], {}
    for cell in nb.cells:
        cells.append(new_code_cell(cell.source) if cell.cell_type == "code" else cell)
        if cell.cell_type == "code" and is_answer(cell) and grade_id(cell) in wanted:
            capture_of[len(cells)] = grade_id(cell)
            cells.append(new_code_cell(f"__fair_capture({changed_names(cell.source)!r})"))
    run = nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)
    NotebookClient(run, timeout=60, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(workdir)}}).execute()
    literal = {}
    for position, answer in capture_of.items():
        printed = "".join(out.get("text", "") for out in run.cells[position].outputs if out.output_type == "stream")
        lines = json.loads(printed.split(MARK, 1)[1].splitlines()[0]) if MARK in printed else []
        assert lines, f"{answer}: none of its values could be written as literals"
        needs_pandas = any("pd." in line for line in lines)
        code = comment_lines(wanted[answer].source) + (["import pandas as pd"] if needs_pandas else []) + lines
        literal[answer] = "\n".join(code)
    return literal


def measure(lesson: str, course_folder: Path) -> Fairness:
    """Release the lesson, hand in the right answers and one typed-in copy per cell, grade them in one batch."""
    course = copy_course(course_folder)
    source = course.folder("source") / lesson
    workdir = course_folder / "run"
    shutil.copytree(source, workdir)
    result = Fairness(lesson)
    result.literal, result.exempt = typed_in_answers(lesson, source, workdir)
    release(lesson, course=course)
    right = right_answers(course, lesson)
    hand_in(course, SOLUTION, right, lesson)
    students = {answer: f"typed-{number}" for number, answer in enumerate(result.literal, start=1)}
    for answer, student in students.items():
        hand_in(course, student, dict(right, **{answer: result.literal[answer]}), lesson)
    summary = grade(lesson, course=course)
    assert [(o.student, o.reason) for o in summary.failed] == []
    scores = read_scores(course, lesson, [SOLUTION, *students.values()])
    checked = autograded_answers(read_lesson(lesson, course.folder("source")))
    for answer, student in students.items():
        tests = checked[answer]
        result.scores[answer] = (sum(scores[student][t][0] for t in tests), sum(scores[student][t][1] for t in tests))
        result.solution[answer] = (sum(scores[SOLUTION][t][0] for t in tests), sum(scores[SOLUTION][t][1] for t in tests))
    return result


def figures(result: Fairness) -> str:
    typed = sum(score for score, _ in result.scores.values())
    full = sum(most for _, most in result.scores.values())
    lines = [f"{result.lesson}: {len(result.literal)} answer cells typed in, {len(result.exempt)} exempt; "
             f"typed-in answers score {typed:g} of {full:g} points on their checks"]
    lines += [f"  {answer}: {score:g}/{most:g}" for answer, (score, most) in result.scores.items()]
    lines += [f"  {answer}: exempt ({why})" for answer, why in result.exempt.items()]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    found: dict[str, Fairness] = {}

    def get(lesson: str) -> Fairness:
        if lesson not in found:
            found[lesson] = measure(lesson, tmp_path_factory.mktemp("fair") / "course")
            print("\n" + figures(found[lesson]))
        return found[lesson]
    return get


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS)
def test_typing_in_the_solutions_values_does_not_earn_full_points(measured, lesson):
    """For each compute-or-decide answer: does the typed-in copy score less than the right answer?"""
    result = measured(lesson)
    assert result.solution and all(score == most for score, most in result.solution.values()), result.solution
    unfair = {answer: f"{score:g}/{most:g} with {result.literal[answer]!r}"
              for answer, (score, most) in result.scores.items() if score >= most}
    assert unfair == {}, f"{lesson}: these typed-in answers still earn full points:\n{figures(result)}"


def test_the_literal_writer_rebuilds_values_and_names_are_found():
    """Quick: the names a cell sets or changes, the comment lines kept, and values written as literals."""
    source = "# m3-ex3\n### BEGIN SOLUTION\njobs.append('x')\nhas_cook = 'cook' in jobs\nfor job in jobs:\n    n = 1\n"
    assert changed_names(source) == ["jobs", "has_cook", "job", "n"]
    assert comment_lines(source) == ["# m3-ex3"]
    namespace: dict = {}
    exec(LITERAL_WRITER, namespace)
    write = namespace["__fair_literal"]
    assert write([1, "a", (2.5,), {"k": None}]) == "[1, 'a', (2.5, ), {'k': None}]"
    assert write(float("nan")) == 'float("nan")' and write(object()) is None
    assert defines_function("def f():\n    return 1") and not defines_function("x = 1")


@pytest.mark.slow
def test_tables_and_columns_are_written_as_literals_that_rebuild_them():
    """Is a pandas table (with an empty cell) or one column typed back in exactly as it was?"""
    namespace: dict = {}
    exec(LITERAL_WRITER, namespace)
    write = namespace["__fair_literal"]
    pandas = pytest.importorskip("pandas")
    table = pandas.DataFrame({"town": ["Lyon", "Sofia"], "pay": [1200.0, float("nan")]}, index=[3, 7])
    rebuilt: dict = {}
    exec("import pandas as pd\nt = " + write(table) + "\ns = " + write(table["pay"]), rebuilt)
    assert rebuilt["t"].equals(table) and rebuilt["s"].equals(table["pay"]) and rebuilt["s"].name == "pay"


@pytest.mark.slow
def test_nbgrader_itself_gives_the_same_scores_to_re_run_checks(tmp_path):
    """Under `nbgrader autograde` (its own kernel, history on), does a re-run check pass the right answer,
    fail the typed-in one, and agree with the kit's engine cell by cell?"""
    from course.nbgrader_api import api_for
    from tests.helpers import cell_scores

    lesson = "03-lists-and-loops"
    course = copy_course(tmp_path / "course")
    release(lesson, course=course)
    right = right_answers(course, lesson)
    typed = dict(right, **{"m3-ex6-waiting": "# m3-ex6 (keep this line)\nwaiting_count = 3"})
    hand_in(course, "right", right, lesson)
    hand_in(course, "typed", typed, lesson)
    api = api_for(course)
    for student in ("right", "typed"):
        assert api.autograde(lesson, student, force=True, create=True)["success"]
    by_nbgrader = {student: cell_scores(course, student, lesson) for student in ("right", "typed")}
    assert by_nbgrader["right"]["m3-ex6-waiting-check"] == 1 and by_nbgrader["typed"]["m3-ex6-waiting-check"] == 0
    assert not grade(lesson, course=course, force=True).failed
    assert {student: cell_scores(course, student, lesson) for student in ("right", "typed")} == by_nbgrader
