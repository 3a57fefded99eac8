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
    control = h._hint_widget("ex-b")
    assert control.button_label == "Show next hint (1 of 3)"
    assert control.status == ""  # the live region: each hint shown is announced
    control.press("next")
    assert control.button_label == "Show next hint (2 of 3)"
    assert "Hint 1 of 3: Use quotes." in control.status
    control.press("next")
    control.press("next")
    control.press("next")
    assert control.button_label == "All hints shown (3 of 3)"
    assert control.status.count("codensocial-hint") == 3
    assert "<code>name = &quot;text&quot;</code>" in control.status


def test_bold_marks_in_a_hint_are_bold_not_read_aloud():
    """Does hint text "**Shift + Enter**" show bold, with no stars left?"""
    h._hints.pop("ex-bold", None)
    h.hints("ex-bold", ["Press **Shift + Enter** to run `print`."])
    control = h._hint_widget("ex-bold")
    control.press("next")
    assert "<strong>Shift + Enter</strong>" in control.status and "*" not in control.status
    assert "<code>print</code>" in control.status and "`" not in control.status


def test_hints_in_text_mode_tell_how_to_get_them(capsys, monkeypatch):
    monkeypatch.setenv("CODENSOCIAL_TEXT", "1")
    h.hints("ex-c", TEXTS)
    assert 'next_hint("ex-c")' in capsys.readouterr().out


def test_odd_input_does_not_crash(capsys):
    h.hints("ex-d", None)
    h.hints(3, [1, 2])
    assert h.next_hint(3) == "1"


def test_text_mode_instructions_are_separate_paragraphs(monkeypatch):
    """In text mode, is each line of an instruction its own paragraph (not one run-together block)?"""
    from course.learner import show

    bundles = []
    monkeypatch.setattr(show, "show_bundle", lambda bundle, display_id=None: bundles.append(bundle))
    show.show("Put these lines in the right order:\n1. a = 1\n2. print(a)\nTo answer in text, run: answer_parsons()")
    (bundle,) = bundles
    assert bundle["text/html"].count("<p>") == 4
    assert "<p>To answer in text, run: answer_parsons()</p>" in bundle["text/html"]
    assert bundle["text/markdown"].endswith("2. print(a)\n\nTo answer in text, run: answer_parsons()")
