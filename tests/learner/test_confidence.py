"""The confidence check: the shared data format, answers in words, recovery from the saved notebook."""
import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from course.learner import confidence as k

ANSWERS = {"run-code": 4, "write-program": 2, "fix-error": None, "ask-help": 5, "it-future": 3}


def test_the_saved_value_follows_the_shared_format():
    value = k.record(moment="lesson-end", lesson="01-first-words", answers={"run-code": 4},
                     saved_at="2026-11-28T14:20:00Z")
    assert value == {
        "version": 1, "moment": "lesson-end", "lesson": "01-first-words", "saved_at": "2026-11-28T14:20:00Z",
        "answers": {"run-code": 4, "write-program": None, "fix-error": None, "ask-help": None, "it-future": None},
    }
    assert list(k.STATEMENTS) == ["run-code", "write-program", "fix-error", "ask-help", "it-future"]
    assert k.MIME == "application/vnd.codensocial.confidence+json"


def test_the_bundle_says_the_answers_in_words_too():
    bundle = k.bundle(k.record(moment="lesson-end", lesson="L", answers=ANSWERS, saved_at=None))
    assert set(bundle) == {k.MIME, "text/plain", "text/markdown"}
    assert "I can open a notebook and run code. 4 of 5: Mostly" in bundle["text/plain"]
    assert "When my code shows an error, I can find out what to fix. (no answer)" in bundle["text/plain"]
    assert bundle["text/markdown"].startswith("**Confidence check (end of the lesson)**")
    json.dumps(bundle)  # everything in it can be saved in the notebook


@pytest.mark.parametrize("answers, problem", [
    ({"run-cod": 4}, 'I do not know the statement "run-cod"'),
    ({"run-code": 6}, "whole number from 1 to 5"),
    ({"run-code": "4"}, "whole number from 1 to 5"),
    ({"run-code": 4.0}, "whole number from 1 to 5"),
    ({"run-code": True}, "whole number from 1 to 5"),
    ([4, 5], "answers should look like this"),
])
def test_answers_that_make_no_sense_get_one_plain_line_each(answers, problem):
    kept, problems = k.clean_answers(answers)
    assert kept == {} and len(problems) == 1 and problem in problems[0]


def test_text_answers_are_recorded_at_once(capsys):
    k.confidence_check(moment="course-start", answers={"run-code": 4, "ask-help": None, "bad": 9})
    out = capsys.readouterr().out
    assert 'I do not know the statement "bad"' in out
    assert "Confidence check (start of the course)" in out and "4 of 5: Mostly" in out


def test_a_wrong_moment_is_named(capsys):
    k.confidence_check(moment="someday")
    assert "moment should be one of: course-start, lesson-end, course-end." in capsys.readouterr().out


def saved_notebook(path, values):
    cells = []
    for value in values:
        cell = new_code_cell("confidence_check()")
        cell.outputs = [new_output("display_data", data={k.MIME: value, "text/plain": "x"})]
        cells.append(cell)
    nbformat.write(new_notebook(cells=cells), path)
    return path


def test_recovery_takes_the_last_answers_for_the_same_moment_and_lesson(tmp_path):
    older = k.record(moment="lesson-end", lesson="L", answers={"run-code": 1}, saved_at="2026-01-01T00:00:00Z")
    newer = k.record(moment="lesson-end", lesson="L", answers={"run-code": 5}, saved_at="2026-01-02T00:00:00Z")
    other = k.record(moment="course-start", lesson="L", answers={"run-code": 2}, saved_at=None)
    path = saved_notebook(tmp_path / "L.ipynb", [older, newer, other])
    assert k.recover(moment="lesson-end", lesson="L", path=path) == newer
    assert k.recover(moment="lesson-end", lesson="other", path=path) is None


def test_recovery_from_a_missing_or_damaged_notebook_is_simply_nothing(tmp_path, monkeypatch):
    (tmp_path / "bad.ipynb").write_text("{ not json")
    assert k.recover(moment="lesson-end", lesson="L", path=tmp_path / "bad.ipynb") is None
    assert k.recover(moment="lesson-end", lesson="L", path=tmp_path / "missing.ipynb") is None
    assert k.notebook_path() is None
    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "bad.ipynb"))
    assert k.notebook_path() == tmp_path / "bad.ipynb"


def test_every_choice_has_a_label_in_words():
    control = k._ratings_control({"run-code": 4})
    assert control.statements[0] == "I can open a notebook and run code."
    assert control.statements == [k.STATEMENTS[key] for key in k.STATEMENTS]
    assert control.scale == ["No answer", "1: Not at all", "2: A little", "3: Partly", "4: Mostly", "5: Completely"]
    assert control.values == [4, 0, 0, 0, 0]
    assert control.legend == "How sure do you feel?" and "arrow keys" in control.help and "Esc" in control.help
