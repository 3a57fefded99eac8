"""Python's errors explained in plain words (the words only; tests/learner/test_kernel.py runs them in IPython)."""
import pytest

from course.learner.checks import CheckFailed
from course.learner.explain import explanation


def raised(code: str, namespace: dict | None = None) -> BaseException:
    try:
        exec(compile(code, "<cell>", "exec"), dict(namespace or {}))
    except BaseException as error:  # noqa: BLE001 (we want whatever the learner's code raises)
        return error
    raise AssertionError("no error")


@pytest.mark.parametrize("code, words", [
    ("print(Hello)", 'If you meant text, put it in quotes: "Hello".'),
    ('total = "Total: " + 5', "You joined text and a number with +"),
    ('int("12a")', "cannot turn this text into a number"),
    ('{"a": 1}["b"]', "The dictionary has no key 'b'"),
    ("[1, 2][5]", "Positions start at 0"),
    ("1 / 0", "You divided by zero"),
    ("x = 3\nx()", "not a function"),
    ('print("hi)', "A quote is missing on line 1"),
    ("print((1)", "A bracket is missing or extra"),
    ("if True:\nprint(1)", "The spaces at the start of line 2"),
    ("x = = 2", "Python could not read line 1"),
    ("len()", "more or fewer values"),
    ("x = None\nx[0]", "Square brackets"),
    ("[].remove(1)", "cannot be used here"),
])
def test_each_error_gets_plain_words(code, words):
    assert words in explanation(raised(code))


def test_a_misspelt_name_gets_a_suggestion():
    words = explanation(raised("print(citty)"), namespace={"city": "Sofia"})
    assert "Python does not know the name `citty`" in words and "Did you mean `city`?" in words


def test_the_kits_own_failure_and_other_errors_are_not_explained():
    assert explanation(CheckFailed("x")) is None
    assert explanation(RuntimeError("x")) is None
    assert explanation(KeyboardInterrupt()) is None
