"""Hints come one at a time, by button or by next_hint()."""
from course.learner import hinting as h

TEXTS = ["Use quotes.", "Write `name = ...`.", 'The shape is `name = "text"`.']


def test_next_hint_reveals_one_more_each_time(capsys):
    h.hints("ex-a", TEXTS)
    assert h.next_hint("ex-a") == "Use quotes."
    assert h.next_hint("ex-a") == "Write `name = ...`."
    out = capsys.readouterr().out
    assert "Hint 1 of 3: Use quotes." in out and "Hint 2 of 3" in out and "Hint 3" not in out
    h.next_hint("ex-a")
    assert h.next_hint("ex-a") is None
    assert "You have seen all 3 hints" in capsys.readouterr().out


def test_an_unknown_hint_name_says_what_to_do(capsys):
    assert h.next_hint("no-such-exercise") is None
    assert "Run the hint cell of the exercise first" in capsys.readouterr().out


def test_the_button_is_labelled_with_how_many_are_left():
    h._hints.pop("ex-b", None)
    h.hints("ex-b", TEXTS)
    box = h._hint_widget("ex-b")
    button, shown = box.children
    assert button.description == "Show next hint (1 of 3)" == button.tooltip
    assert shown.value == ""
    button.click()
    assert button.description == "Show next hint (2 of 3)"
    assert "Hint 1 of 3: Use quotes." in shown.value
    button.click()
    button.click()
    button.click()
    assert button.description == "All hints shown (3 of 3)"
    assert shown.value.count("codensocial-hint") == 3
    assert "<code>name = &quot;text&quot;</code>" in shown.value


def test_hints_in_text_mode_tell_how_to_get_them(capsys, monkeypatch):
    monkeypatch.setenv("CODENSOCIAL_TEXT", "1")
    h.hints("ex-c", TEXTS)
    assert 'next_hint("ex-c")' in capsys.readouterr().out


def test_odd_input_does_not_crash(capsys):
    h.hints("ex-d", None)
    h.hints(3, [1, 2])
    assert h.next_hint(3) == "1"
