"""Hints, Predict answers and Parsons lines come from lesson data loaded by name, not from the cell."""
import textwrap

import pytest

from course.learner import hinting as h
from course.learner import questions as q

DATA = textwrap.dedent("""\
    predict:
      predict-print:
        question: What will the code below show?
        options: [two lines, one line, an error]
        answer: 1
        explanation: Each print starts a new line.
    parsons:
      parsons-card:
        lines: ['name = "Ana"', 'line = f"Name: {name}"', 'print(line)']
        explanation: Make the value, then use it.
    hints:
      ex1: [Text goes between quotes., 'The shape is name = "text".']
    """)


@pytest.fixture
def lesson_folder(tmp_path, monkeypatch):
    (tmp_path / "lesson-data.yml").write_text(DATA, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CODENSOCIAL_TEXT", "1")
    return tmp_path


def test_predict_by_name_reads_the_question_and_keeps_the_answer(lesson_folder, capsys):
    """Does predict("name") ask the question from the data file and check against its answer?"""
    q.predict("predict-print")
    shown = capsys.readouterr().out
    assert "What will the code below show?" in shown and "one line" in shown
    assert "answer=1" not in shown and "Each print starts" not in shown
    assert q.answer_predict("predict-print", 1) is True
    assert q.answer_predict("predict-print", 2) is False


def test_parsons_by_name_shows_the_lines_shuffled(lesson_folder, capsys):
    """Does a learner who reads the Parsons cell see the lines in another order than the right one?"""
    q.parsons("parsons-card")
    shown = capsys.readouterr().out
    listed = [line.split(". ", 1)[1] for line in shown.splitlines() if line[:2] in ("1.", "2.", "3.")]
    right = ['name = "Ana"', 'line = f"Name: {name}"', 'print(line)']
    assert sorted(listed) == sorted(right) and listed != right
    item = q._questions["parsons-card"]
    numbers = [item.order.index(index) + 1 for index in range(3)]
    assert q.answer_parsons("parsons-card", numbers) is True


def test_hints_by_name_come_one_at_a_time(lesson_folder, capsys):
    """Do hints("ex1") offer the data file's hints, one per request?"""
    h.hints("ex1")
    assert "Text goes between quotes" not in capsys.readouterr().out
    assert h.next_hint("ex1") == "Text goes between quotes."


@pytest.mark.parametrize("call", [lambda: q.predict("nope"), lambda: q.parsons("nope"), lambda: h.hints("nope")])
def test_a_missing_name_is_one_line_not_a_traceback(lesson_folder, capsys, call):
    """Does a name that is not in the data file give one plain line instead of an error?"""
    call()
    assert 'called "nope"' in capsys.readouterr().out


def test_no_data_file_says_so(tmp_path, monkeypatch, capsys):
    """Does a lesson opened without its data file say what is missing?"""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CODENSOCIAL_TEXT", "1")
    h.hints("ex1")
    assert "lesson-data.yml" in capsys.readouterr().out
