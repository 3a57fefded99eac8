"""Self-checks that grade.

A lesson's nbgrader test cell *is* its self-check. It imports this module in
the cell itself and calls a few checks by variable name::

    from course.learner import checks as c
    c.exercise("ex1-city-check", number=1)
    c.text("city", equals="Sofia", mistakes=[("sofia", "Start with a capital S.")])
    c.public_checks_passed()
    ### BEGIN HIDDEN TESTS
    c.text("city", equals="Sofia")
    ### END HIDDEN TESTS

A failed check raises :class:`CheckFailed`. IPython shows only its friendly
lines (``_render_traceback_``), and the cell still ends with an ``error``
output: that is what makes nbgrader give 0 points for the cell. Nothing here
ever swallows a failure.

Hard to fool, on purpose:

- values are compared with the expected value's own type (``type(v) is str``,
  never ``isinstance``) and its own ``__eq__`` (``str.__eq__(expected, v)``),
  so a subclass or an object whose ``==`` is always True fails;
- the builtins used here are bound when the module is imported, and the test
  cell re-imports the module, so names a learner rebinds in their own cells
  (``c``, ``len``, ``print``, ``isinstance``) change nothing;
- the grade comes from the error output, so printing a fake "passed" line
  changes nothing either.
"""
from __future__ import annotations

import builtins
import contextlib
import reprlib
import sys
from collections.abc import Iterable

from course.i18n import _, ngettext
from course.learner import progress
from course.learner.show import show

# Bound once, at import: rebinding these in a learner's namespace (or even in builtins later) changes nothing.
_type, _len, _callable, _repr, _str, _int, _float, _bool = (
    builtins.type, builtins.len, builtins.callable, builtins.repr, str, int, float, bool,
)
_list, _tuple, _dict, _enumerate, _abs, _max, _zip = list, tuple, dict, enumerate, abs, max, zip
_str_eq, _int_eq, _float_eq = str.__eq__, int.__eq__, float.__eq__
_dict_get = dict.get
_getframe = sys._getframe
_MISSING = object()
_SHORT = reprlib.Repr()
_SHORT.maxstring, _SHORT.maxother, _SHORT.maxlist, _SHORT.maxlong = 60, 60, 6, 40

_state = {"exercise": "", "number": None, "part": None, "parts": None, "held": 0}


class CheckFailed(AssertionError):
    """A self-check that did not pass, with a message for the learner.

    :func:`fail` shows the message (:meth:`lines`) in a live region, which screen
    readers announce, with its `code` marks rendered. IPython then shows the one
    line of :meth:`_render_traceback_` instead of a traceback; the cell still has
    an error output, so nbgrader gives 0, and its ``evalue`` is the message.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def _render_traceback_(self) -> list[str]:
        return [_("✗ Not yet. The message above says what to change.")]

    def lines(self) -> list[str]:
        """The learner's message: what is not right yet, and what to do next."""
        return [
            _("✗ Not yet. {message}").format(message=self.message),
            _("Change your answer and run your answer cell. Then run this check again."),
        ]


# --- naming the exercise ------------------------------------------------------

def exercise(check_id: str, *, number: int | None = None, part: int | None = None,
             parts: int | None = None) -> None:
    """Name the check that follows (for messages and My progress)."""
    _state.update(exercise=_str(check_id), number=number, part=part, parts=parts)


def _exercise_words() -> str:
    number, part, parts = _state["number"], _state["part"], _state["parts"]
    if number is None:
        return _("this exercise")
    if part is not None and parts is not None:
        return _("Exercise {number}, part {part} of {parts}").format(number=number, part=part, parts=parts)
    return _("Exercise {number}").format(number=number)


def fail(message: str) -> None:
    """Record the failure and raise :class:`CheckFailed` with *message*."""
    if _state["exercise"]:
        progress.record(exercise=_state["exercise"], passed=False)
    failure = CheckFailed(message)
    if not _state["held"]:
        show("\n".join(failure.lines()), status=True)
    raise failure


@contextlib.contextmanager
def held_back():
    """Failures inside are raised but not shown: the caller shows one message that says more."""
    _state["held"] += 1
    try:
        yield
    finally:
        _state["held"] -= 1


def passed() -> None:
    """Every check of this cell passed (the cell has no hidden checks)."""
    _record_pass()
    show(_("✓ Well done! {exercise}: every check passed.").format(exercise=_exercise_words()), status=True)


def public_checks_passed() -> None:
    """The checks the learner can see passed; more checks run when the trainer grades."""
    _record_pass()
    show(_("✓ Well done! {exercise}: the public checks passed. Your trainer's checks run when you hand in.").format(
        exercise=_exercise_words()), status=True)


def _record_pass() -> None:
    if _state["exercise"]:
        progress.record(exercise=_state["exercise"], passed=True)


# --- describing values in words -------------------------------------------------

def shown(value: object) -> str:
    """A short, safe picture of *value* (never runs learner code that could crash or hang)."""
    try:
        if _type(value) is _str and _len(value) > 60:
            return _repr(value[:57]) + "…"
        if _type(value) is _int and _abs(value) > 10**40:
            return _("a very big number")
        if _type(value) in (_str, _int, _float, _bool, _type(None)):
            return _repr(value)
        if _type(value) in (_list, _tuple, _dict):
            return _SHORT.repr(value)
    except Exception:
        pass
    return "<" + kind(value) + ">"


def kind(value: object) -> str:
    """What sort of value this is, in plain words."""
    words = {
        _str: _("text"), _int: _("a whole number"), _float: _("a decimal number"),
        _bool: _("True or False"), _type(None): _("nothing (None)"), _list: _("a list"),
        _tuple: _("a tuple"), _dict: _("a dictionary"),
    }
    if _type(value) in words:
        return words[_type(value)]
    if _callable(value):
        return _("a function")
    return _("a value of type {name}").format(name=_type(value).__name__)


def expected_kind(expected_type: type) -> str:
    words = {
        _str: _("text in quotes"), _int: _("a whole number, without quotes"),
        _float: _("a number, without quotes"), _bool: _("True or False, without quotes"),
        _list: _("a list in square brackets [ ]"),
    }
    return words.get(expected_type, kind(expected_type))


# --- finding the learner's values ----------------------------------------------------

def variable(name: str, *, namespace: dict | None = None) -> object:
    """The value of the learner's variable *name* (a friendly failure when there is none)."""
    if namespace is None:
        namespace = _getframe(1).f_globals
    return _lookup(name, namespace)


def _lookup(name: str, namespace: dict) -> object:
    value = _dict_get(namespace, name, _MISSING)
    if value is _MISSING:
        fail(_("I cannot find a variable called `{name}`. Check the name, small and capital letters too. "
               "Then run your answer cell.").format(name=name))
    return value


def call(name: str, *args: object, namespace: dict | None = None) -> object:
    """Call the learner's function *name* with *args*; its errors become a friendly failure."""
    if namespace is None:
        namespace = _getframe(1).f_globals
    function = _lookup(name, namespace)
    if not _callable(function):
        fail(_("`{name}` should be a function, but it holds {value} ({kind}).").format(
            name=name, value=shown(function), kind=kind(function)))
    try:
        return function(*args)
    except Exception as error:
        fail(_("Your function `{name}` stopped with an error: {error}: {detail}").format(
            name=name, error=_type(error).__name__, detail=_short_text(error)))


def _short_text(error: BaseException) -> str:
    try:
        detail = error.args[0] if error.args else ""
        return detail[:120] if _type(detail) is _str else ""
    except Exception:
        return ""


# --- the checks ---------------------------------------------------------------------

def text(name: str, *, equals: str | None = None, contains: Iterable[str] = (), startswith: str | None = None,
         lines: int | None = None, line_starts: Iterable[str] = (), mistakes: Iterable = (),
         namespace: dict | None = None) -> None:
    """Check that the learner's variable *name* holds text with the given properties."""
    if namespace is None:
        namespace = _getframe(1).f_globals
    value = _lookup(name, namespace)
    problem = _text_problem(name, value, equals, _tuple(contains), startswith, lines, _tuple(line_starts))
    if problem:
        fail(_mistake_message(value, mistakes) or problem)


def _text_problem(name, value, equals, contains, startswith, lines, line_starts) -> str | None:
    if _type(value) is not _str:
        return _wrong_type(name, value, _str)
    for part in contains:
        if not _str.__contains__(value, part):
            return _("`{name}` should contain {part}. It holds {value}.").format(
                name=name, part=_repr(part), value=shown(value))
    if startswith is not None and not _str.startswith(value, startswith):
        return _("`{name}` should start with {start}. It holds {value}.").format(
            name=name, start=_repr(startswith), value=shown(value))
    problem = _lines_problem(name, value, lines, line_starts)
    if problem is None and equals is not None and _str_eq(equals, value) is not True:
        return _text_difference(name, value, equals)
    return problem


def _lines_problem(name, value, lines, line_starts) -> str | None:
    found = _str.split(value, "\n")
    if lines is not None and _len(found) != lines:
        return ngettext("`{name}` has {count} line. It needs {expected}. Put \\n between the lines.",
                        "`{name}` has {count} lines. It needs {expected}. Put \\n between the lines.",
                        _len(found)).format(name=name, count=_len(found), expected=lines)
    for number, (line, start) in _enumerate(_zip(found, line_starts), start=1):
        if not _str.startswith(line, start):
            return _("Line {number} of `{name}` should start with {start}. It is {line}.").format(
                number=number, name=name, start=_repr(start), line=shown(line))
    return None


def _text_difference(name, value, expected) -> str:
    words = {"name": name, "value": shown(value), "expected": _repr(expected)}
    if _str_eq(_str.casefold(value), _str.casefold(expected)):
        return _("`{name}` holds {value}. Check the small and capital letters: it should be {expected}.").format(**words)
    if _str_eq(_str.replace(value, " ", ""), _str.replace(expected, " ", "")):
        return _("`{name}` holds {value}. Check the spaces: it should be {expected}.").format(**words)
    if "{" in value and "}" in value and "{" not in expected:
        return _("`{name}` holds {value}. It still shows curly brackets: did you put f before the quotes?").format(
            **words)
    return _("`{name}` holds {value}. It should be {expected}.").format(**words)


def number(name: str, *, equals: int | float, mistakes: Iterable = (), namespace: dict | None = None) -> None:
    """Check that the learner's variable *name* holds the number *equals*."""
    if namespace is None:
        namespace = _getframe(1).f_globals
    value = _lookup(name, namespace)
    problem = _number_problem(name, value, equals)
    if problem:
        fail(_mistake_message(value, mistakes) or problem)


def _number_problem(name, value, expected) -> str | None:
    if _type(expected) is _int:
        if _type(value) is not _int:
            return _wrong_type(name, value, _int)
        if _int_eq(expected, value) is True:
            return None
        if _abs(value - expected) == 1:
            return _("`{name}` is {value}. That is one away from the answer. Count again: "
                     "did you miss one, or count one too many?").format(name=name, value=shown(value))
        return _("`{name}` is {value}. That is not the number we expect yet.").format(name=name, value=shown(value))
    if _type(value) not in (_int, _float):
        return _wrong_type(name, value, _float)
    if _abs(_float(value) - expected) <= 1e-9 * _max(1.0, _abs(expected)):
        return None
    return _("`{name}` is {value}. That is not the number we expect yet.").format(name=name, value=shown(value))


def whole_number(name: str, *, mistakes: Iterable = (), namespace: dict | None = None) -> None:
    """Check that the learner's variable *name* holds a whole number, any whole number."""
    if namespace is None:
        namespace = _getframe(1).f_globals
    value = _lookup(name, namespace)
    if _type(value) is not _int:
        fail(_mistake_message(value, mistakes) or _wrong_type(name, value, _int))


def _number_advice(name, value, expected_type) -> str | None:
    """Advice for a number written the wrong way: in quotes, with a comma, as True/False or with decimals."""
    if expected_type not in (_int, _float):
        return None
    words = {"name": name, "value": shown(value)}
    if _type(value) is _str and _is_number_text(value):
        return _("`{name}` holds {value}: a number in quotes, so it is text. Take the quotes away.").format(**words)
    if _type(value) is _str:
        return _("`{name}` holds {value}, which is text. Write a number with digits and no quotes, "
                 "like 7.").format(**words)
    if _type(value) is _tuple and _len(value) > 1:
        return _("`{name}` holds more than one number, because of a comma. Python reads 1,000 as two numbers. "
                 "Write 1000 with no comma, and decimals with a dot: 45.50.").format(**words)
    if _type(value) is _bool:
        return _("`{name}` holds {value}. True and False are answers to a question, not numbers. "
                 "Write a number, like 7.").format(**words)
    if _type(value) is _float and expected_type is _int:
        return _("`{name}` holds {value}, a decimal number. Write a whole number, with no dot, "
                 "like 7.").format(**words)
    return None


def _is_number_text(value: str) -> bool:
    digits = _str.replace(_str.replace(_str.strip(value), ".", "", 1), ",", "", 1)
    return _str.isdigit(_str.lstrip(digits, "-"))


def _wrong_type(name, value, expected_type) -> str:
    advice = _number_advice(name, value, expected_type)
    if advice:
        return advice
    if value is None:
        return _("`{name}` holds None, which means nothing. Did you print the value instead of keeping it "
                 "with `=`, or forget `return`?").format(name=name)
    if _callable(value):
        return _("`{name}` holds a function, not its result. Did you forget the brackets () at the end?").format(
            name=name)
    return _("You wrote {value} ({kind}) in `{name}`. The answer should be {expected}.").format(
        value=shown(value), kind=kind(value), name=name, expected=expected_kind(expected_type))


def _mistake_message(value: object, mistakes: Iterable) -> str | None:
    """The message of the first common mistake that *value* matches, if any."""
    try:
        for entry in mistakes:
            if _type(entry) not in (_tuple, _list) or _len(entry) != 2:
                continue
            matcher, message = entry
            if _matches(value, matcher):
                return _str(message)
    except Exception:  # a broken mistake list falls back to the general message
        return None
    return None


def _matches(value: object, matcher: object) -> bool:
    try:
        if _callable(matcher):
            return matcher(value) is True
        return _type(value) is _type(matcher) and _type(matcher).__eq__(matcher, value) is True
    except Exception:  # a predicate that cannot handle this value simply does not match
        return False


def truth(name: str, *, equals: bool, mistakes: Iterable = (), namespace: dict | None = None) -> None:
    """Check that the learner's variable *name* holds the answer of a comparison: True or False."""
    if namespace is None:
        namespace = _getframe(1).f_globals
    value = _lookup(name, namespace)
    if _type(value) is not _bool:
        problem = _wrong_type(name, value, _bool)
    elif value is not equals:
        problem = _("`{name}` is {value}. Here it should be {expected}.").format(
            name=name, value=shown(value), expected=shown(equals))
    else:
        return
    fail(_mistake_message(value, mistakes) or problem)


def that(condition: object, message: str) -> None:
    """A check of your own: fails with *message* unless *condition* is exactly True."""
    if condition is not True:
        fail(_str(message))
