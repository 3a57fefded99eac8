"""Self-checks: right answers pass, wrong ones fail with a specific message, tricks fail."""
import builtins
import json
import time

import pytest

from course.learner import checks as c


def failure(check, *args, **kwargs) -> str:
    with pytest.raises(c.CheckFailed) as raised:
        check(*args, **kwargs)
    return raised.value.message


class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__


class SneakyStr(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


class NastyRepr:
    def __repr__(self):
        raise RuntimeError("boom")

    def __eq__(self, other):
        raise RuntimeError("boom")


# --- right and wrong -----------------------------------------------------------------

def test_the_right_text_passes_and_returns_nothing():
    assert c.text("city", equals="Sofia", namespace={"city": "Sofia"}) is None


def test_a_missing_variable_is_named_in_plain_words():
    message = failure(c.text, "city", equals="Sofia", namespace={})
    assert "cannot find a variable called `city`" in message


@pytest.mark.parametrize("value, words", [
    ("sofia", "small and capital letters"),
    ("So fia", "Check the spaces"),
    ("Town: {town}", "curly brackets"),
    ("Varna", "It should be 'Sofia'"),
])
def test_each_kind_of_wrong_text_gets_its_own_message(value, words):
    assert words in failure(c.text, "city", equals="Sofia", namespace={"city": value})


def test_printed_instead_of_kept_is_explained():
    """city = print("Sofia") leaves None: the message says so."""
    message = failure(c.text, "city", equals="Sofia", namespace={"city": None})
    assert "None" in message and "print" in message


def test_wrong_type_says_what_was_written_and_what_is_expected():
    message = failure(c.text, "city", equals="Sofia", namespace={"city": 42})
    assert message == "You wrote 42 (a whole number) in `city`. The answer should be text in quotes."
    message = failure(c.number, "n", equals=16, namespace={"n": [16]})
    assert "[16] (a list)" in message and "whole number, without quotes" in message


@pytest.mark.parametrize("value, words, not_words", [
    ("7", "a number in quotes", "decimal"),
    ("seven", "which is text", "in quotes, so"),
    (7.5, "a decimal number. Write a whole number", "quotes"),
    (True, "True and False are answers to a question", "quotes"),
    ((1, 0), "because of a comma", "quotes"),
])
def test_a_number_written_the_wrong_way_gets_advice_for_that_case(value, words, not_words):
    """Does 7.5, True or 1,000 get its own advice instead of "a number in quotes"?"""
    message = failure(c.whole_number, "favourite_number", namespace={"favourite_number": value})
    assert words in message and not_words not in message


def test_any_whole_number_passes_the_whole_number_check():
    assert c.whole_number("favourite_number", namespace={"favourite_number": 1000}) is None
    assert c.whole_number("favourite_number", namespace={"favourite_number": -3}) is None


def test_a_decimal_with_a_comma_gets_the_comma_advice_in_a_money_check():
    """45,50 makes a tuple: the money check says to write a dot, not "a tuple"."""
    message = failure(c.number, "transport", equals=45.5, namespace={"transport": (45, 50)})
    assert "comma" in message and "45.50" in message and "tuple" not in message


def test_forgotten_brackets_are_spotted():
    message = failure(c.text, "upper", equals="A", namespace={"upper": "a".upper})
    assert "function, not its result" in message


def test_off_by_one_is_named():
    assert "one away" in failure(c.number, "n", equals=16, namespace={"n": 15})
    assert "one away" not in failure(c.number, "n", equals=16, namespace={"n": 3})


def test_contains_startswith_and_lines():
    ns = {"card": "Name: A\nTown: B"}
    assert "has 2 lines. It needs 3" in failure(c.text, "card", lines=3, namespace=ns)
    assert "Line 2 of `card` should start with 'Skill: '" in failure(
        c.text, "card", line_starts=["Name: ", "Skill: "], namespace=ns)
    assert "should contain 'Plovdiv'" in failure(c.text, "card", contains=["Plovdiv"], namespace=ns)
    assert "should start with 'Town'" in failure(c.text, "card", startswith="Town", namespace=ns)
    c.text("card", lines=2, line_starts=["Name: ", "Town: "], contains=["A"], startswith="Name", namespace=ns)


def test_decimal_numbers_compare_with_tolerance():
    c.number("x", equals=0.3, namespace={"x": 0.1 + 0.2})
    assert "not the number" in failure(c.number, "x", equals=0.3, namespace={"x": 0.4})


# --- common mistakes -----------------------------------------------------------------------

def test_the_first_matching_mistake_gives_its_message():
    mistakes = [(15, "Count the space."), (lambda v: v > 100, "Far too big."), (15, "never reached")]
    assert failure(c.number, "n", equals=16, mistakes=mistakes, namespace={"n": 15}) == "Count the space."
    assert failure(c.number, "n", equals=16, mistakes=mistakes, namespace={"n": 500}) == "Far too big."


def test_mistakes_never_turn_a_right_answer_into_a_failure():
    c.number("n", equals=16, mistakes=[(lambda v: True, "always")], namespace={"n": 16})


def test_broken_mistakes_fall_back_to_the_general_message():
    """A predicate that raises, a malformed entry or a mistake list that is not a list never crash the kit."""
    def raises(value):
        raise ZeroDivisionError

    for mistakes in ([(raises, "x")], [("only one item",)], [None], 42, [(lambda v: "yes", "truthy but not True")]):
        assert "one away" in failure(c.number, "n", equals=16, mistakes=mistakes, namespace={"n": 15})


def test_a_mistake_given_as_a_value_matches_its_own_type_only():
    """16.0 is not the mistake "16" (text), and an AlwaysEqual object matches no mistake."""
    mistakes = [("16", "You typed quotes.")]
    assert failure(c.number, "n", equals=15, mistakes=mistakes, namespace={"n": "16"}) == "You typed quotes."
    assert failure(c.number, "n", equals=15, mistakes=mistakes, namespace={"n": AlwaysEqual()}) != "You typed quotes."


# --- hard to fool --------------------------------------------------------------------------

def test_an_object_whose_eq_is_always_true_fails():
    assert "value of type AlwaysEqual" in failure(c.text, "city", equals="Sofia", namespace={"city": AlwaysEqual()})
    failure(c.number, "n", equals=16, namespace={"n": AlwaysEqual()})


def test_a_subclass_of_the_expected_type_fails():
    message = failure(c.text, "city", equals="Sofia", namespace={"city": SneakyStr("Sofia")})
    assert "SneakyStr" in message
    failure(c.number, "n", equals=1, namespace={"n": True})  # bool is a subclass of int


def test_names_the_learner_rebinds_change_nothing():
    """A learner namespace with its own len, isinstance, type, print, str and c still fails the check."""
    namespace = {
        "city": "Varna", "len": lambda *a: 3, "isinstance": lambda *a: True, "type": lambda *a: str,
        "print": lambda *a: None, "str": AlwaysEqual, "c": None, "repr": lambda *a: "'Sofia'",
    }
    failure(c.text, "city", equals="Sofia", namespace=namespace)


def test_patching_builtins_after_import_changes_nothing():
    """Even len, type and callable replaced in the builtins module do not fool the kit (bound at import)."""
    saved = builtins.len, builtins.type, builtins.callable
    outcomes = []
    try:
        builtins.len, builtins.type, builtins.callable = (lambda *a: 3), (lambda *a: str), (lambda *a: False)
        for name, value, kwargs in [("card", "one line", {"lines": 3}), ("city", AlwaysEqual(), {"equals": "Sofia"})]:
            try:
                c.text(name, namespace={name: value}, **kwargs)
                outcomes.append("passed")
            except c.CheckFailed as failed:
                outcomes.append(failed.message)
    finally:
        builtins.len, builtins.type, builtins.callable = saved
    assert "has 1 line." in outcomes[0]
    assert outcomes[1] != "passed"


def test_the_failure_shows_only_friendly_lines():
    error = c.CheckFailed("`city` holds 'x'.")
    assert error.lines()[0] == "✗ Not yet. `city` holds 'x'."
    lines = error._render_traceback_()
    assert lines == ["✗ Not yet. The message above says what to change."]
    assert not any("Traceback" in line or "AssertionError" in line for line in error.lines() + lines)
    assert isinstance(error, AssertionError)


def shown_bundles(monkeypatch) -> list[dict]:
    """Every mime bundle the learner toolkit displays, in order."""
    from course.learner import show

    bundles = []
    monkeypatch.setattr(show, "show_bundle", lambda bundle, display_id=None: bundles.append(bundle))
    return bundles


def test_a_failed_check_is_announced_with_its_code_marks_rendered(monkeypatch):
    """Is a failed self-check shown in a live region, with `city` as code and no backticks left?"""
    bundles = shown_bundles(monkeypatch)
    with pytest.raises(c.CheckFailed) as failed:
        c.text("city", equals="Sofia", namespace={"city": "sofia"})
    (bundle,) = bundles
    html = bundle["text/html"]
    assert 'role="status"' in html and 'aria-live="polite"' in html
    assert "<code>city</code>" in html and "`" not in html
    assert html.count("<p>") == 2  # the message, then what to do next: two paragraphs
    assert bundle["text/plain"] == "\n".join(failed.value.lines())


def test_a_passed_check_is_announced(monkeypatch):
    bundles = shown_bundles(monkeypatch)
    c.exercise("ex1", number=1)
    c.public_checks_passed()
    c.passed()
    assert len(bundles) == 2 and all('role="status"' in b["text/html"] for b in bundles)
    assert "✓ Well done! Exercise 1" in bundles[0]["text/html"]


def test_that_wants_exactly_true():
    c.that(True, "fine")
    for truthy in (1, "yes", [0], AlwaysEqual()):
        assert failure(c.that, truthy, "not True") == "not True"


# --- anything at all -------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    None, 10**5000, "x" * 1_000_000, [list(range(10**5))], {"a": NastyRepr()}, NastyRepr(), object(),
    float("nan"), b"Sofia", type, print,
], ids=lambda value: type(value).__name__)
def test_any_value_gives_a_short_clear_message(value):
    message = failure(c.text, "city", equals="Sofia", namespace={"city": value})
    assert len(message) < 400


def test_a_check_that_breaks_never_passes():
    """An author's mistake (a number as the expected text) raises: the cell errors, nbgrader gives 0."""
    with pytest.raises(Exception):
        c.text("x", equals=5, namespace={"x": "5"})


def test_call_turns_errors_in_learner_code_into_a_message():
    def broken(x):
        return x / 0

    assert c.call("double", 4, namespace={"double": lambda x: 2 * x}) == 8
    message = failure(c.call, "broken", 1, namespace={"broken": broken})
    assert "stopped with an error: ZeroDivisionError" in message
    assert "should be a function" in failure(c.call, "f", namespace={"f": 3})


def test_variable_reads_the_callers_namespace():
    city = "Sofia"  # noqa: F841 (a local is not a learner's variable)
    assert c.variable("city", namespace={"city": "Varna"}) == "Varna"
    assert failure(c.variable, "no_such_name_anywhere")


# --- results and progress ---------------------------------------------------------------------

def test_success_says_public_checks_never_full_marks(capsys):
    c.exercise("ex1-city-check", number=1)
    c.public_checks_passed()
    c.exercise("ex2-space", number=2, part=2, parts=2)
    c.passed()
    out = capsys.readouterr().out
    assert "✓" in out and "Exercise 1: the public checks passed" in out
    assert "Exercise 2, part 2 of 2: every check passed" in out
    assert "full marks" not in out.lower()


def test_results_are_recorded_without_anything_personal(progress_file):
    c.exercise("ex1-city-check", number=1)
    failure(c.text, "city", equals="Sofia", namespace={"city": "Varna"})
    c.exercise("ex2-space", number=2)
    c.public_checks_passed()
    data = json.loads(progress_file.read_text())
    results = [r for lesson in data["lessons"].values() for r in lesson["results"].values()]
    assert sorted(r["passed"] for r in results) == [False, True]
    assert set(results[0]) == {"passed", "time"}


def test_a_progress_file_that_cannot_be_written_never_stops_a_check(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CODENSOCIAL_PROGRESS", str(blocker / "progress.json"))
    c.exercise("ex1", number=1)
    c.public_checks_passed()
    failure(c.text, "city", equals="Sofia", namespace={})


def test_kit_overhead_of_a_self_check_is_well_under_100_ms(progress_file, capsys):
    """Median time of a whole self-check (lookup, compare, message, progress file) over many calls."""
    namespace = {"card": "Name: Ioana Popescu\nTown: Plovdiv\nSkill: customer service"}
    timings = []
    for _round in range(200):
        start = time.perf_counter()
        c.exercise("ex5-values", number=5)
        c.text("card", lines=3, line_starts=["Name: ", "Town: ", "Skill: "], namespace=namespace)
        c.public_checks_passed()
        timings.append(time.perf_counter() - start)
    timings.sort()
    assert timings[len(timings) // 2] < 0.010  # median under 10 ms: a tenth of the budget
    assert timings[len(timings) * 9 // 10] < 0.100  # 9 in 10 under budget even on a busy shared machine


def test_truth_passes_the_right_boolean_and_names_the_wrong_one():
    """Does the True/False check pass the right answer, and say what is wrong with "False" in quotes?"""
    assert c.truth("can_pay", equals=True, namespace={"can_pay": True}) is None
    assert "Here it should be True" in failure(c.truth, "can_pay", equals=True, namespace={"can_pay": False})
    message = failure(c.truth, "can_pay", equals=False, namespace={"can_pay": "False"})
    assert "True or False, without quotes" in message
    assert "True or False" in failure(c.truth, "can_pay", equals=True, namespace={"can_pay": 1})
