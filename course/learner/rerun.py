"""Run a learner's answer again, with other given values: fair checks for "compute or decide" exercises.

A check that only looks at the learner's variable passes when the learner types
the expected value in. A fair check runs the learner's *code* again on other
inputs. In a lesson the given values sit in a cell of their own, the answer
cell ends with a marker comment (the release then starts with the empty line
where Enter puts the cursor), and the test cell asks for a re-run::

    ### BEGIN SOLUTION
    ...
    ### END SOLUTION
    # m3-ex6 (keep this line)           <- last line of the answer cell

    from course.learner import checks as c, rerun
    c.exercise("m3-ex6-waiting-check", number=6)
    c.number("waiting_count", equals=3)                      # with the lesson's own list
    with rerun.again("m3-ex6", given={"statuses": ["waiting", "applied"]},
                     results=("waiting_count",)) as other:
        c.number("waiting_count", equals=1, namespace=other)  # the same code, another list

How the answer is found: in IPython's input history (``_ih``, what ``In``
shows), the newest cell that has a comment line with the marker as a whole
word, anywhere after a "#" on a line. nbgrader and the kit's grading engine run the cells in order with the
history on, so that is the answer cell just above the test cell. Cells that
import the course package (the test cells themselves) are never taken.

How it runs: in a copy of the learner's namespace (their imports and earlier
functions are there), with the given values put in and the result names taken
out, so an old value can never pass. Top-level lines that set a given name
afresh (a learner who copied the given cell into the answer cell) are left out,
so the other values are the ones used. What the code prints is not
shown. The given values are deep-copied for every run.

Limits (written here so that lesson authors know them):

- A learner who deletes the marker line gets a message asking to put it back.
- Only the newest run of the marked cell counts; a cell run out of order is
  what the learner last ran, as in the notebook itself.
- The copy of the namespace is shallow: code that changes a shared object in
  place (``df.drop(..., inplace=True)``, ``some_list.append``) changes the
  learner's object too. Give such objects as given values (they are copied).
- The code runs in the same process as the check, like every self-check: a
  learner who sets out to rewrite the checks can (the grading engine flags
  such answers for a trainer, see ``course.grading.guard``).
- A loop that never ends with the other values is stopped by the grading
  engine's time limit, like any cell.
"""
from __future__ import annotations

import ast
import builtins
import contextlib
import copy
import re
import sys
from collections.abc import Iterable, Iterator, Mapping

from course.i18n import _
from course.learner.checks import CheckFailed, fail, held_back, shown

_getframe, _dict, _str, _type, _len = sys._getframe, dict, str, type, len
_deepcopy, _compile, _exec = copy.deepcopy, builtins.compile, builtins.exec
_MISSING = object()
_PRINTED_KEPT = 2000
TEST_CELL_SIGN = "course.learner"


def answer_source(marker: str, history: Iterable[str]) -> str | None:
    """The newest cell in *history* that has a comment line with *marker*; None when there is none."""
    # Anywhere after a "#" on a line: a learner who typed at the very start of the cell glued the answer
    # before the marker ("city = 'Sofia'# m1-ex1 (keep this line)"), and that is still their answer cell.
    pattern = re.compile(r"^[^\n#]*#[^\n]*(?<![\w-])" + re.escape(marker) + r"(?![\w-])", re.MULTILINE)
    for source in reversed(list(history)):
        if _type(source) is _str and TEST_CELL_SIGN not in source and pattern.search(source):
            return source
    return None


def without_given(source: str, given_names: Iterable[str]) -> ast.Module:
    """The parsed *source* without its top-level lines that set a given name afresh.

    A line that only sets given names, from a value that does not use them (``statuses = [...]``,
    ``jobs = pd.read_csv("jobs.csv")``), is the given cell copied into the answer: it is left out, so
    the other values are the ones used. A line that uses the given value (``jobs = jobs[...]``) stays.
    """
    names = set(given_names)
    tree = ast.parse(source)
    tree.body = [statement for statement in tree.body if not _sets_given_afresh(statement, names)]
    return tree


def _sets_given_afresh(statement: ast.stmt, names: set[str]) -> bool:
    if isinstance(statement, ast.Assign):
        targets, value = statement.targets, statement.value
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        targets, value = [statement.target], statement.value
    else:
        return False
    if not all(isinstance(target, ast.Name) and target.id in names for target in targets):
        return False
    return not any(isinstance(node, ast.Name) and node.id in names for node in ast.walk(value))


def run(marker: str, *, given: Mapping[str, object], results: Iterable[str] = (),
        namespace: dict | None = None, history: Iterable[str] | None = None, about: str | None = None) -> dict:
    """Run the learner's marked answer again with *given* values; the namespace it leaves.

    *namespace* is the learner's (the caller's globals by default); *history* the
    cells run so far (the namespace's ``_ih`` by default); *about* says in words what the other values
    are (``"12 rows of the table"``), for values too big to show. The returned dict is a
    new namespace: pass it to a check as ``namespace=``. A missing result name,
    a missing marker or an error in the re-run is a friendly :class:`CheckFailed`.
    """
    if namespace is None:
        namespace = _getframe(1).f_globals
    source = answer_source(marker, namespace.get("_ih", ()) if history is None else history)
    if source is None:
        fail(_("I cannot find your answer cell. Its last line should be the comment with `{marker}`. "
               "Put that line back, run your answer cell, then run this check again.").format(marker=marker))
    fresh = _fresh_namespace(namespace, given, results)
    _execute(source, given, fresh, about)
    for name in results:
        if _dict.get(fresh, name, _MISSING) is _MISSING:
            fail(_("Your answer cell should make a variable called `{name}`. Check the name, small and capital "
                   "letters too.").format(name=name))
    return fresh


def _fresh_namespace(namespace: Mapping, given: Mapping[str, object], results: Iterable[str]) -> dict:
    fresh = _dict(namespace)
    for name in results:
        fresh.pop(name, None)
    for name, value in given.items():
        fresh[name] = _deepcopy(value)
    return fresh


def _execute(source: str, given: Mapping[str, object], fresh: dict, about: str | None) -> None:
    try:
        code = _compile(without_given(source, given), "<your answer, run again>", "exec")
    except (SyntaxError, ValueError):
        fail(_("Your answer cell has a mistake in how it is written (a SyntaxError). Run it, read the message "
               "and fix it first."))
    printed = _Discard()
    try:
        with contextlib.redirect_stdout(printed):
            _exec(code, fresh)
    except (KeyboardInterrupt, CheckFailed):
        raise
    except BaseException as error:  # SystemExit too: the check must end with a message, not a dead cell
        fail(_("I ran your code again with other values ({given}). It stopped with an error: {error}. "
               "Does your code use the names of the exercise, not fixed values?").format(
            given=about or describe(given), error=_type(error).__name__))
    finally:
        _restore_guard()


class _Discard:
    """Stands in for the screen while the answer runs again: keeps only the start of what is printed."""

    def __init__(self):
        self.kept = ""

    def write(self, text):
        if _len(self.kept) < _PRINTED_KEPT and _type(text) is _str:
            self.kept += text[:_PRINTED_KEPT]
        return _len(text) if _type(text) is _str else 0

    def flush(self):
        return None


def _restore_guard() -> None:
    """Put back the built-ins the grading engine saved, when the answer's second run changed them."""
    guard = getattr(sys, "__codensocial_guard__", None)
    if callable(guard):
        try:
            guard()
        except Exception:  # noqa: BLE001 - a broken guard must not hide the check's own result
            pass


def describe(given: Mapping[str, object]) -> str:
    """The given values in one short line: `statuses = ['waiting', 'applied']`."""
    return "; ".join(f"{name} = {shown(value)}" for name, value in given.items())


@contextlib.contextmanager
def again(marker: str, *, given: Mapping[str, object], results: Iterable[str] = (),
          namespace: dict | None = None, history: Iterable[str] | None = None,
          about: str | None = None) -> Iterator[dict]:
    """Run the answer again (see :func:`run`); a check that fails inside says which values were used."""
    if namespace is None:
        namespace = _getframe(2).f_globals
    other = run(marker, given=given, results=tuple(results), namespace=namespace, history=history, about=about)
    try:
        with held_back():
            yield other
    except CheckFailed as failed:
        fail(_("I ran your code again with other values: {given}. {message} "
               "Use the names of the exercise in your code, not the answer itself.").format(
            given=about or describe(given), message=failed.message))
