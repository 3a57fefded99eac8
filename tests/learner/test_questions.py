"""Predict and Parsons questions: verdicts in words, widgets by keyboard or click, a text way too."""
import json

import pytest

from course.learner import questions as q

OPTIONS = ["Hello! then, on a new line, Bye!", "Hello! Bye! on one line", "An error"]


def test_predict_accepts_the_right_choice_by_number_or_words():
    item = q.Predict("p", "What shows?", OPTIONS, answer=1, explanation="Each print starts a new line.")
    assert item.verdict(1) == (True, "✓ Right! Each print starts a new line.")
    assert item.verdict("  hello! then, on a new line, bye! ")[0]
    right, words = item.verdict(2)
    assert not right and words.startswith("✗ Not this one.")


@pytest.mark.parametrize("choice", [None, "", 0, 4, True, "something else", [1]])
def test_predict_answers_nonsense_with_a_clear_line(choice):
    right, words = q.Predict("p", "?", OPTIONS, answer=1).verdict(choice)
    assert not right and words


def test_short_answer_compares_words_not_types():
    item = q.Predict("len", "How many characters?", [], answer=10)
    assert item.verdict("10")[0] and item.verdict(10)[0] and item.verdict(" 10 ")[0]
    assert not item.verdict("8")[0]


def test_predict_widget_is_a_named_group_and_checks_on_click(capsys):
    """Do the radios have a group name (the question), and does Check answer in the live region?"""
    q.predict("What does `print` show?", options=OPTIONS, answer=1, name="p-widget")
    control = q._predict_widget(q._questions["p-widget"])
    assert control.legend == "Predict: What does <code>print</code> show?"
    assert control.options == OPTIONS and control.check_label == "Check"
    assert "arrow keys change your choice" in control.help and "Esc to go back to the cell" in control.help
    control.press("check")
    assert "Choose or type an answer first" in control.status
    control.value = 0
    control.press("check")
    assert "✓ Right!" in control.status
    control.value = 2
    control.press("check")
    assert "✗ Not this one" in control.status
    assert control.answered == 3  # every press is answered: the page knows the kernel is there
    assert "run all above" in control.offline  # what the page says when no kernel answers


def test_the_answer_never_reaches_the_page():
    """Is the right answer kept out of the widget state the page (and a saved notebook) holds?"""
    q.predict("What is 2 + 2, in words?", answer="four", name="p-short", explanation="Two and two.")
    control = q._predict_widget(q._questions["p-short"])
    state = control.get_state()
    assert "four" not in json.dumps(state)
    assert control.field == "Your answer" and "Press Enter to check it" in control.help
    control.text = " Four "
    control.press("check")
    assert "✓ Right! Two and two." in control.status


def test_predict_in_text_mode(capsys, monkeypatch):
    monkeypatch.setenv("CODENSOCIAL_TEXT", "1")
    q.predict("How many?", answer=10, name="p-text")
    assert 'answer_predict("p-text", "YOUR ANSWER")' in capsys.readouterr().out
    assert q.answer_predict("p-text", "10") is True
    assert q.answer_predict("no-such-question", 1) is False
    assert "no question called" in capsys.readouterr().out


LINES = ['first_name = "Amina"', 'full_name = first_name + " Diallo"', 'line = f"Name: {full_name}"', "print(line)"]


def test_parsons_starts_shuffled_the_same_way_every_time():
    first, again = q.Parsons("p", LINES), q.Parsons("p", LINES)
    assert first.order == again.order != [0, 1, 2, 3]
    assert sorted(first.order) == [0, 1, 2, 3]
    assert q.shuffled(2, seed="x") != [0, 1]


def test_parsons_says_which_line_is_out_of_place():
    item = q.Parsons("p", LINES, order=[1, 0, 2, 3])
    right, words = item.verdict()
    assert not right and words == '✗ Not yet. Line 1 (full_name = first_name + " Diallo") should come later.'
    item.move(1, -1)
    assert item.verdict()[0] is True
    assert item.move(0, -1) == 0  # the first line cannot go further up
    assert item.move(3, +1) == 3


def test_parsons_widget_uses_buttons_only_and_says_what_happens():
    item = q.Parsons("p", LINES, order=[1, 0, 2, 3])
    control = q._parsons_widget(item)
    assert control.actions == ["Move up", "Move down", "Check order"]
    assert control.legend and "Esc to go back to the cell" in control.help
    assert control.lines[0] == '1. full_name = first_name + " Diallo"' and control.chosen == -1
    control.press("check")
    assert "should come later" in control.status
    control.press("move", step=-1)
    assert "First choose a line" in control.status
    control.press("choose", position=1)
    assert control.chosen == 1 and "Chosen: line 2" in control.status
    control.press("move", step=-1)
    assert "It is now line 1 of 4" in control.status
    assert control.lines[0] == '1. first_name = "Amina"' and control.chosen == 0
    control.press("move", step=-1)
    assert "cannot move further" in control.status
    control.press("choose", position=99)  # a made-up message from the page changes nothing
    control.press("move", step=5)
    assert control.chosen == 0
    control.press("check")
    assert "✓ Right order!" in control.status


def test_answer_parsons_in_text(capsys):
    q.parsons(LINES, name="p-text")
    item = q._questions["p-text"]
    right_numbers = [item.order.index(index) + 1 for index in range(4)]
    assert q.answer_parsons("p-text", right_numbers) is True
    assert q.answer_parsons("p-text", list(reversed(right_numbers))) is False
    assert item.order != [0, 1, 2, 3]  # answering in text does not move the widget's lines
    for nonsense in ([1, 2], [1, 1, 2, 3], "1234", None, [1.0, 2, 3, 4], 5):
        assert q.answer_parsons("p-text", nonsense) is False
    assert "Give each line number from 1 to 4 once" in capsys.readouterr().out
    assert q.answer_parsons("unknown", [1]) is False


def test_a_parsons_problem_with_too_few_lines_is_shown_as_text(capsys):
    q.parsons(["print(1)"], name="tiny")
    q.parsons(None, name="empty")
    assert "Put these lines in the right order" in capsys.readouterr().out


def test_answers_in_text_are_announced(monkeypatch):
    """In text mode, is the verdict of answer_predict and answer_parsons shown in a live region?"""
    from course.learner import show

    bundles = []
    monkeypatch.setattr(show, "show_bundle", lambda bundle, display_id=None: bundles.append(bundle))
    monkeypatch.setenv("CODENSOCIAL_TEXT", "1")
    q.predict("What does `len(\"abc\")` give?", answer=3, name="p-text")
    q.answer_predict("p-text", "3")
    q.parsons(LINES, name="p-order")
    q.answer_parsons("p-order", [1, 2, 3, 4])
    question, verdict, listing, order = bundles
    assert "<code>len(&quot;abc&quot;)</code>" in question["text/html"] and "role=" not in question["text/html"]
    assert 'role="status"' in verdict["text/html"] and "✓ Right!" in verdict["text/html"]
    assert 'role="status"' in order["text/html"] and "role=" not in listing["text/html"]
