"""Predict and Parsons questions: verdicts in words, widgets by keyboard or click, a text way too."""
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


def test_predict_widget_is_labelled_and_checks_on_click(capsys):
    q.predict("What shows?", options=OPTIONS, answer=1, name="p-widget")
    box = q._predict_widget(q._questions["p-widget"])
    question, choice, check, feedback = box.children
    assert choice.description == "Your answer" and check.description == "Check" and check.tooltip
    check.click()
    assert "Choose or type an answer first" in feedback.value
    choice.value = OPTIONS[0]
    check.click()
    assert "✓ Right!" in feedback.value and "role='status'" in feedback.value


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
    box = q._parsons_widget(item)
    intro, lines, buttons, feedback = box.children
    up, down, check = buttons.children
    rows = lines.children
    assert [b.description for b in (up, down, check)] == ["Move up", "Move down", "Check order"]
    assert all(b.tooltip for b in (up, down, check, *rows))
    assert rows[0].description == '1. full_name = first_name + " Diallo"'
    check.click()
    assert "should come later" in feedback.value
    up.click()
    assert "First choose a line" in feedback.value
    rows[1].click()
    assert rows[1].description == '2. first_name = "Amina" (chosen)' and rows[1].icon == "hand-o-right"
    assert "Chosen: line 2" in feedback.value
    up.click()
    assert "It is now line 1 of 4" in feedback.value
    assert rows[0].description == '1. first_name = "Amina" (chosen)' and rows[1].icon == ""
    up.click()
    assert "cannot move further" in feedback.value
    check.click()
    assert "✓ Right order!" in feedback.value


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
