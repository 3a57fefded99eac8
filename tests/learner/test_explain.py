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


@pytest.mark.parametrize("code, built_in", [("prnt('hi')", "print"), ("Print('hi')", "print"), ("Len('abc')", "len"),
                                            ("x = true", "True"), ("inptu()", "input")])
def test_a_misspelt_built_in_gets_the_built_in_name_and_no_quotes_advice(code, built_in):
    """Does `prnt` or `Print` get "did you mean print?", never "put it in quotes" nor a lesson helper like hints?"""
    lesson_names = {"hints": object(), "predict": object(), "parsons": object(), "city": "Sofia"}
    words = explanation(raised(code), namespace=lesson_names)
    assert f"Did you mean `{built_in}`?" in words
    assert "quotes" not in words and "`hints`" not in words


def test_a_word_meant_as_text_still_gets_the_quotes_advice():
    words = explanation(raised("print(Sofia)"), namespace={"hints": object()})
    assert 'put it in quotes: "Sofia"' in words and "Did you mean" not in words


def test_a_pandas_key_error_speaks_of_a_table_column():
    """A wrong column name in pandas is explained as a column of a table, not a dictionary key."""
    pandas = pytest.importorskip("pandas")
    words = explanation(raised("table['Town']", {"table": pandas.DataFrame({"town": ["Lyon"]})}))
    assert "The table has no column 'Town'" in words and "dictionary" not in words
    assert "dictionary" in explanation(raised('{"a": 1}["b"]'))
