"""Python's error messages, explained in plain words under the usual message.

``explain_errors()`` (run by a lesson's setup cell) asks IPython to call us for
NameError, TypeError, ValueError, KeyError, IndexError and ZeroDivisionError,
and wraps ``showsyntaxerror`` for SyntaxError and IndentationError. Each time we
FIRST let IPython show the error as usual (so the cell keeps its error output
and nbgrader grades exactly as before), then show the explanation.
The kit's own CheckFailed is never explained this way: it speaks for itself.
"""
from __future__ import annotations

import builtins
import difflib
import re

from course.i18n import _
from course.learner.show import show

EXPLAINED = (NameError, TypeError, ValueError, KeyError, IndexError, ZeroDivisionError)


def explain_errors() -> bool:
    """Explain common errors in plain words from now on. False outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return False
    shell = get_ipython()
    if shell is None:
        return False
    # Python's plain traceback form: an error raised deep inside a library (a pandas KeyError)
    # takes seconds to show in IPython's richer form, which reads every library file it passes.
    shell.InteractiveTB.set_mode(mode="Plain")
    shell.set_custom_exc(EXPLAINED, _explain_after_traceback)
    if not getattr(shell.showsyntaxerror, "_codensocial", False):
        shell.showsyntaxerror = _wrap_syntax_errors(shell, shell.showsyntaxerror)
    return True


def _explain_after_traceback(shell, etype, value, tb, tb_offset=None):
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    _show_explanation(value, shell.user_ns)
    return None


def _wrap_syntax_errors(shell, original):
    def showsyntaxerror(*args, **kwargs):
        original(*args, **kwargs)
        _show_explanation(shell._get_exc_info()[1], shell.user_ns)

    showsyntaxerror._codensocial = True
    return showsyntaxerror


def _show_explanation(error: BaseException, namespace: dict) -> None:
    try:
        words = explanation(error, namespace=namespace)
        if words:
            show(_("What this means: {words}").format(words=words),
                 markdown=_("**What this means:** {words}").format(words=words))
    except Exception:  # an explanation must never hide or replace the error itself
        pass


def explanation(error: BaseException, *, namespace: dict | None = None) -> str | None:
    """Plain words for *error*, or None for errors we do not explain."""
    for kind, explain in EXPLAINERS:
        if isinstance(error, kind):
            return explain(error, namespace or {})
    return None


def _message(error: BaseException) -> str:
    return str(error.args[0]) if error.args else ""


def _name_error(error: NameError, namespace: dict) -> str:
    name = getattr(error, "name", None) or _quoted(_message(error)) or "?"
    words = _("Python does not know the name `{name}`. Check the spelling, or run the cell that creates it first.").format(
        name=name)
    close = close_name(name, namespace)
    if close:
        return words + " " + _("Did you mean `{other}`?").format(other=close)
    return words + " " + _('If you meant text, put it in quotes: "{name}".').format(name=name)


def close_name(name: str, namespace: dict) -> str | None:
    """The known name *name* is most likely a typo of: one of Python's built-in names or the learner's own.

    The same name in other small and capital letters wins (``Print`` -> ``print``); otherwise the
    closest spelling, a little stricter for built-in names, which the learner did not choose.
    """
    own = [k for k in namespace if isinstance(k, str) and not k.startswith("_")]
    built_in = [k for k in dir(builtins) if not k.startswith("_")]
    same_letters = {k.casefold(): k for k in own + built_in}
    if same_letters.get(name.casefold(), name) != name:
        return same_letters[name.casefold()]
    found = difflib.get_close_matches(name, own, n=1) + difflib.get_close_matches(name, built_in, n=1, cutoff=0.75)
    return max(found, key=lambda k: difflib.SequenceMatcher(None, name, k).ratio(), default=None)


def _type_error(error: TypeError, namespace: dict) -> str:
    text = _message(error)
    if "concatenate" in text or ('unsupported operand' in text and "str" in text):
        return _("You joined text and a number with +. Turn the number into text first with str(...), "
                 "or use an f-string.")
    if "not callable" in text:
        return _("You put brackets ( ) after something that is not a function. Look for a variable "
                 "with the same name as a function, or brackets that should not be there.")
    if "argument" in text:
        return _("A function got more or fewer values than it needs. Check what goes inside its brackets.")
    if "not subscriptable" in text or "indices must be" in text:
        return _("Square brackets [ ] were used on the wrong kind of value, or with the wrong kind of position.")
    return _("A value has the wrong type for what you asked, for example text where a number is needed.")


def _value_error(error: ValueError, namespace: dict) -> str:
    if "invalid literal for int" in _message(error) or "could not convert" in _message(error):
        return _("Python cannot turn this text into a number. Check that it holds only digits.")
    return _("The type of the value is right, but the value itself cannot be used here.")


def _key_error(error: KeyError, namespace: dict) -> str:
    key = error.args[0] if error.args else "?"
    if _raised_in_pandas(error):
        return _("The table has no column {key}. Check the spelling and the small and capital letters. "
                 "The names of the columns are in the header row: run `.columns` on the table to see them.").format(
            key=repr(key))
    return _("The dictionary has no key {key}. Check the spelling and the small and capital letters.").format(
        key=repr(key))


def _raised_in_pandas(error: BaseException) -> bool:
    """Did the error come from inside pandas (a column looked up in a table)?"""
    tb = error.__traceback__
    while tb is not None:
        if str(tb.tb_frame.f_globals.get("__name__", "")).startswith("pandas."):
            return True
        tb = tb.tb_next
    return False


def _index_error(error: IndexError, namespace: dict) -> str:
    return _("You asked for a position that does not exist. Positions start at 0, so the last one is "
             "the length minus 1.")


def _zero_division(error: ZeroDivisionError, namespace: dict) -> str:
    return _("You divided by zero, and nobody can do that. Check the number after / or %.")


def _syntax_error(error: SyntaxError, namespace: dict) -> str:
    line, text = error.lineno or "?", _message(error)
    if isinstance(error, IndentationError):
        return _("The spaces at the start of line {line} are not right. Lines inside a block start with "
                 "4 spaces; other lines start at the left edge.").format(line=line)
    if "unterminated string" in text or "EOL" in text:
        return _("A quote is missing on line {line}. Text needs a quote at the start and at the end.").format(
            line=line)
    if "never closed" in text or "unmatched" in text or "does not match" in text:
        return _("A bracket is missing or extra near line {line}. Every ( needs a ).").format(line=line)
    return _("Python could not read line {line}. Look for a missing quote, bracket, comma or colon.").format(
        line=line)


def _quoted(text: str) -> str | None:
    found = re.search(r"'([^']+)'", text)
    return found.group(1) if found else None


# Subclasses before their parents (IndentationError is a SyntaxError).
EXPLAINERS = [
    (SyntaxError, _syntax_error),
    (NameError, _name_error),
    (ZeroDivisionError, _zero_division),
    (KeyError, _key_error),
    (IndexError, _index_error),
    (TypeError, _type_error),
    (ValueError, _value_error),
]
