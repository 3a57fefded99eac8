"""The toolkit inside a real IPython kernel: friendly failures that still count as errors, explained
errors, the confidence check's live display and its recovery from the saved notebook."""
import json
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from course.learner.confidence import MIME
from tests.learner.kernel import errors, run_cells, texts

CHECK = '''from course.learner import checks as c
c.exercise("ex1-city-check", number=1)
c.text("city", equals="Sofia")
c.public_checks_passed()'''

TRICKS = '''class AlwaysEqual:
    def __eq__(self, other):
        return True
city = AlwaysEqual()
class FakeChecks:
    def __getattr__(self, name):
        return lambda *a, **k: print("✓ Well done! Exercise 1: the public checks passed.")
c = FakeChecks()
len = isinstance = type = lambda *a: True
print("✓ Well done! Exercise 1: the public checks passed.")'''

SAVED = {"version": 1, "moment": "lesson-end", "lesson": "R", "saved_at": "2026-11-28T10:00:00Z",
         "answers": {"run-code": 2, "write-program": None, "fix-error": 3, "ask-help": None, "it-future": 1}}

CELLS = {
    "setup": "from course.learner import *\nexplain_errors()\nstart_lesson('L', checks=1)",
    "name_error": "city = 'Sofia'\nprint(citty)",
    "syntax_error": 'print("hi)',
    "indentation_error": "if True:\nprint(1)",
    "type_error": 'total = "Total: " + 5',
    "library_error": "import pandas as pd\npd.DataFrame({'town': [1]})['Town']",
    "check_missing": "del city\n" + CHECK,
    "check_wrong": "city = 'sofia'\n" + CHECK,
    "check_right": "city = 'Sofia'\n" + CHECK,
    "tricks": TRICKS,
    "check_after_tricks": CHECK,
    "confidence": 'confidence_check(moment="lesson-end", lesson="L")',
    "confidence_change": 'from course.learner.confidence import shown_last\nshown_last["run-code"].value = 4',
    "rerun": 'confidence_check(moment="lesson-end", lesson="L")\n'
             "print('prefilled', {k: w.value for k, w in shown_last.items()})",
    "recover": "import os\nos.environ['JPY_SESSION_NAME'] = 'saved.ipynb'\n"
               'confidence_check(moment="lesson-end", lesson="R")\n'
               "print('prefilled', {k: w.value for k, w in shown_last.items()})",
    "progress": "my_progress()",
}


@pytest.fixture(scope="module")
def cells(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kernel")
    saved = new_code_cell("confidence_check()")
    saved.outputs = [new_output("display_data", data={MIME: SAVED, "text/plain": "saved"})]
    nbformat.write(new_notebook(cells=[saved]), folder / "saved.ipynb")
    env = {"CODENSOCIAL_PROGRESS": str(folder / "progress.json")}
    executed = run_cells(list(CELLS.values()), cwd=folder, env=env)
    result = dict(zip(CELLS, executed))
    result["progress_file"] = folder / "progress.json"
    return result


@pytest.mark.parametrize("cell, words", [
    ("name_error", "Did you mean `city`?"),
    ("syntax_error", "A quote is missing on line 1"),
    ("indentation_error", "The spaces at the start of line 2"),
    ("type_error", "You joined text and a number with +"),
])
def test_an_error_keeps_its_error_output_and_gets_plain_words_after_it(cells, cell, words):
    outputs = cells[cell].outputs
    kinds = [out.output_type for out in outputs]
    assert kinds[0] == "error", kinds  # nbgrader still sees the error
    explained = [out for out in outputs[1:] if words in out.get("data", {}).get("text/plain", "")]
    assert explained and explained[0].data["text/markdown"].startswith("**What this means:**")


def test_an_error_from_inside_a_library_shows_the_plain_traceback(cells):
    """Is the traceback in Python's plain form, which is quick to show for an error deep in pandas?"""
    [error] = [out for out in cells["library_error"].outputs if out.output_type == "error"]
    assert error.ename == "KeyError"
    plain = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(error.traceback))
    assert plain.startswith("Traceback (most recent call last)")


def test_a_failed_check_is_an_error_with_friendly_lines_only(cells):
    for cell, words in [("check_missing", "cannot find a variable called `city`"),
                        ("check_wrong", "Check the small and capital letters")]:
        (error,) = errors(cells[cell])
        assert error.ename == "CheckFailed" and words in error.evalue
        assert error.traceback == ["✗ Not yet. The message above says what to change."]
        (shown,) = [out for out in cells[cell].outputs if out.output_type == "display_data"]
        assert shown.data["text/plain"].startswith("✗ Not yet.") and words in shown.data["text/plain"]
        assert 'role="status"' in shown.data["text/html"]
        assert not any("Traceback" in line or "File " in line for line in error.traceback)
        assert "What this means" not in texts(cells[cell])  # the kit's failure is never "explained"
        assert "Well done" not in texts(cells[cell])


def test_a_passed_check_shows_one_friendly_line_and_no_error(cells):
    assert errors(cells["check_right"]) == []
    assert texts(cells["check_right"]).strip() == (
        "✓ Well done! Exercise 1: the public checks passed. Your trainer's checks run when you hand in.")


def test_rebinding_names_and_printing_a_fake_pass_still_fail_the_check(cells):
    assert "Well done" in texts(cells["tricks"])  # the learner's own fake line...
    (error,) = errors(cells["check_after_tricks"])  # ...changes nothing: the check re-imports the kit
    assert "value of type AlwaysEqual" in error.evalue and "value of type AlwaysEqual" in texts(cells["check_after_tricks"])


def confidence_value(cell):
    values = [out.data[MIME] for out in cell.outputs if MIME in out.get("data", {})]
    assert len(values) == 1
    return values[0]


def test_the_confidence_display_is_updated_on_every_change(cells):
    outputs = cells["confidence"].outputs
    assert "application/vnd.jupyter.widget-view+json" in outputs[0].data
    assert "I can open a notebook and run code." in outputs[0].data["text/plain"]
    value = confidence_value(cells["confidence"])
    assert value["answers"]["run-code"] == 4  # the change in the next cell updated this display in place
    assert value["saved_at"] and value["saved_at"].endswith("Z")
    assert value["moment"] == "lesson-end" and value["lesson"] == "L"
    assert "4 of 5: Mostly" in next(out for out in outputs if MIME in out.get("data", {})).data["text/plain"]


def test_running_the_cell_again_keeps_answers_not_saved_yet(cells):
    assert "'run-code': 4" in texts(cells["rerun"])
    assert confidence_value(cells["rerun"])["answers"]["run-code"] == 4


def test_after_a_restart_the_saved_answers_are_filled_in(cells):
    assert "'run-code': 2" in texts(cells["recover"]) and "'fix-error': 3" in texts(cells["recover"])
    value = confidence_value(cells["recover"])
    assert value["answers"] == SAVED["answers"] and value["saved_at"] == SAVED["saved_at"]


def test_checks_are_recorded_for_my_progress(cells):
    data = json.loads(cells["progress_file"].read_text())
    assert data["lessons"]["L"]["checks"] == 1
    assert data["lessons"]["L"]["results"]["ex1-city-check"]["passed"] is False  # the last result counts
    assert "L: 0 of 1 checks passed" in texts(cells["progress"])


def test_text_mode_shows_no_widget_and_everything_still_works(tmp_path):
    """CODENSOCIAL_TEXT=1 (or use_text()): a screen-reader user reads and answers everything in text."""
    cells = run_cells([
        "from course.learner import *",
        'hints("ex1", ["Use quotes.", "Write city = ..."])\nnext_hint("ex1")',
        'predict("How many?", answer=10, name="len")\nanswer_predict("len", "10")',
        'parsons(["a = 1", "b = a + 1", "print(b)"], name="p")',
        'confidence_check(moment="course-start", lesson="")',
        'confidence_check(moment="course-start", lesson="", answers={"run-code": 3})',
    ], cwd=tmp_path, env={"CODENSOCIAL_TEXT": "1"})
    for cell in cells:
        assert errors(cell) == []
        assert not any("application/vnd.jupyter.widget-view+json" in out.get("data", {}) for out in cell.outputs)
    assert "Hint 1 of 2: Use quotes." in texts(cells[1])
    assert "✓ Right!" in texts(cells[2])
    assert 'answer_parsons("p", [the line numbers in the right order])' in texts(cells[3])
    (listing,) = [out.data["text/html"] for out in cells[3].outputs if "text/html" in out.get("data", {})]
    paragraphs = re.findall(r"<p>(.*?)</p>", listing)  # one paragraph per line, never glued to item 3
    assert len(paragraphs) == 5 and paragraphs[-1].startswith("To answer in text, run: answer_parsons(")
    assert "To answer in text, run: confidence_check(" in texts(cells[4])
    assert confidence_value(cells[5])["answers"]["run-code"] == 3
