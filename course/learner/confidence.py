"""The confidence check: five statements, each rated 1 to 5, saved inside the notebook.

The answers live in the cell's output, as a display whose mime bundle holds
``application/vnd.codensocial.confidence+json`` (see the course's data-format
notes). Every change updates that display (same display_id), so JupyterLab
writes the answers into the .ipynb at the next save: no saved widget state is
needed. After a kernel restart the check reads the notebook file on disk and
fills in the answers found there. Skipping is fine: all answers stay null.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from course.i18n import N_, _
from course.learner.progress import now
from course.learner.settings import text_mode
from course.learner.show import show, show_bundle, show_widget

MIME = "application/vnd.codensocial.confidence+json"
VERSION = 1
MOMENTS = ("course-start", "lesson-end", "course-end")
TAG = "confidence-check"

STATEMENTS = {
    "run-code": N_("I can open a notebook and run code."),
    "write-program": N_("I can write a small program that makes a decision."),
    "fix-error": N_("When my code shows an error, I can find out what to fix."),
    "ask-help": N_("I know where to find help when I am stuck."),
    "it-future": N_("I can see myself in a job that uses digital skills."),
}
SCALE = {
    1: N_("Not at all"),
    2: N_("A little"),
    3: N_("Partly"),
    4: N_("Mostly"),
    5: N_("Completely"),
}
MOMENT_WORDS = {
    "course-start": N_("start of the course"),
    "lesson-end": N_("end of the lesson"),
    "course-end": N_("end of the course"),
}


shown_last: dict = {}  # the latest check's choices, by statement id (tests set them as a learner would)
_latest: dict = {}  # (moment, lesson) -> the value last shown in this kernel, saved or not yet


def record(*, moment: str, lesson: str, answers: dict, saved_at: str | None) -> dict:
    """The JSON value saved in the notebook (the shared format, version 1)."""
    return {
        "version": VERSION,
        "moment": moment,
        "lesson": lesson,
        "saved_at": saved_at,
        "answers": {key: answers.get(key) for key in STATEMENTS},
    }


def bundle(value: dict) -> dict:
    """The mime bundle: the JSON value plus the same answers in words."""
    moment = MOMENT_WORDS.get(value["moment"], value["moment"])
    title = _("Confidence check ({moment})").format(moment=_(moment))
    lines = [f"- {_(text)} {_rating_words(value['answers'].get(key))}" for key, text in STATEMENTS.items()]
    return {
        MIME: value,
        "text/plain": "\n".join([title, *lines]),
        "text/markdown": "\n".join([f"**{title}**", "", *lines]),
    }


def _rating_words(rating: int | None) -> str:
    if rating is None:
        return _("(no answer)")
    return _("{rating} of 5: {words}").format(rating=rating, words=_(SCALE[rating]))


def clean_answers(answers: object) -> tuple[dict, list[str]]:
    """Valid answers (id -> 1..5 or None) and one plain line for each thing that was not understood."""
    if answers is None:
        return {}, []
    if not isinstance(answers, dict):
        return {}, [_("answers should look like this: {{\"run-code\": 4, \"ask-help\": 5}}").format()]
    kept, problems = {}, []
    for key, rating in answers.items():
        if key not in STATEMENTS:
            problems.append(_("I do not know the statement \"{key}\". Use one of: {known}.").format(
                key=key, known=", ".join(STATEMENTS)))
        elif rating is not None and not (type(rating) is int and 1 <= rating <= 5):
            problems.append(_("The answer for \"{key}\" should be a whole number from 1 to 5, or None.").format(key=key))
        else:
            kept[key] = rating
    return kept, problems


def notebook_path() -> Path | None:
    """The notebook this kernel belongs to, when Jupyter told the kernel."""
    session = os.environ.get("JPY_SESSION_NAME", "")
    if not session:
        try:
            from IPython import get_ipython

            session = str((get_ipython().user_ns or {}).get("__session__", "") or "")
        except Exception:
            session = ""
    if not session:
        return None
    path = Path(session)
    for candidate in (path, Path.cwd() / path.name):
        if candidate.is_file():
            return candidate
    return None


def last_saved(mime: str, wanted: Callable[[dict], bool], *, path: Path | None = None) -> dict | None:
    """The last output of type *mime* in the notebook file (this kernel's, by default) that *wanted* accepts."""
    path = path or notebook_path()
    if path is None:
        return None
    try:
        notebook = json.loads(Path(path).read_text(encoding="utf-8"))
        found = None
        for cell in notebook.get("cells", []):
            for output in cell.get("outputs", []) or []:
                value = (output.get("data") or {}).get(mime)
                if isinstance(value, dict) and wanted(value):
                    found = value
        return found
    except (OSError, ValueError, AttributeError, TypeError):
        return None


def recover(*, moment: str, lesson: str, path: Path | None = None) -> dict | None:
    """The last saved confidence value for this moment and lesson in the notebook file, if any."""
    return last_saved(MIME, lambda value: value.get("moment") == moment and value.get("lesson") == lesson, path=path)


def confidence_check(*, moment: str = "lesson-end", lesson: str = "", answers: dict | None = None) -> None:
    """Ask how sure the learner feels (5 statements, 1 to 5). Skipping is fine.

    With *answers* ({"run-code": 4, ...}) the answers are recorded at once, in text.
    """
    if moment not in MOMENTS:
        show(_("moment should be one of: {moments}.").format(moments=", ".join(MOMENTS)))
        return
    given, problems = clean_answers(answers)
    for problem in problems:
        show(problem)
    if answers is not None:
        show_bundle(bundle(record(moment=moment, lesson=lesson, answers=given, saved_at=now())))
        return
    previous = _latest.get((moment, lesson)) or recover(moment=moment, lesson=lesson) or {}
    state = {key: _valid(previous.get("answers", {}), key) for key in STATEMENTS}
    value = record(moment=moment, lesson=lesson, answers=state, saved_at=previous.get("saved_at"))
    if text_mode():
        show(_text_instructions(moment, lesson))
        show_bundle(bundle(value))
        return
    _show_widgets(moment=moment, lesson=lesson, state=state, value=value)


def _valid(answers: object, key: str) -> int | None:
    rating = answers.get(key) if isinstance(answers, dict) else None
    return rating if type(rating) is int and 1 <= rating <= 5 else None


def _text_instructions(moment: str, lesson: str) -> str:
    lines = [_("How sure do you feel? For each sentence, choose a number from 1 to 5. You can skip any of them.")]
    lines += [f"  {key}: {_(text)}" for key, text in STATEMENTS.items()]
    lines += ["  " + ", ".join(f"{n} = {_(words)}" for n, words in SCALE.items())]
    lines.append(_("To answer in text, run: confidence_check(moment=\"{moment}\", lesson=\"{lesson}\", "
                   "answers={{\"run-code\": 4, \"ask-help\": 5}})").format(moment=moment, lesson=lesson))
    return "\n".join(lines)


class _Rating:
    """One statement's choice in the shown check: ``.value`` is 0 (no answer) or 1 to 5, as a learner sets it."""

    def __init__(self, control, row: int):
        self.control, self.row = control, row

    @property
    def value(self) -> int:
        return self.control.values[self.row]

    @value.setter
    def value(self, rating: int) -> None:
        values = list(self.control.values)
        values[self.row] = int(rating or 0)
        self.control.values = values


def _show_widgets(*, moment: str, lesson: str, state: dict, value: dict) -> None:
    control = _ratings_control(state)
    shown_last.clear()
    shown_last.update({key: _Rating(control, row) for row, key in enumerate(STATEMENTS)})
    show_widget(control, text=_text_instructions(moment, lesson))
    handle = show_bundle(bundle(value), display_id=True)

    def on_change(change) -> None:
        state.update({key: rating or None for key, rating in zip(STATEMENTS, change["new"])})
        _latest[(moment, lesson)] = value = record(moment=moment, lesson=lesson, answers=state, saved_at=now())
        if handle is not None:
            handle.update(bundle(value), raw=True)

    control.observe(on_change, names="values")


def _ratings_control(state: dict):
    """A drop-down per sentence, in a group named by the question; the keys stay inside it."""
    from course.learner.controls import Ratings

    return Ratings(
        legend=_("How sure do you feel?"),
        help=_("Choose a number from 1 to 5 for each sentence. You can skip any of them. Keyboard: from this cell, "
               "press Tab to reach a sentence, then type its number or use the arrow keys. Press Tab for the next "
               "sentence. Press Esc to go back to the cell. Your answers are kept when you save the notebook."),
        statements=[_(text) for text in STATEMENTS.values()],
        scale=[_("No answer")] + [f"{n}: {_(words)}" for n, words in SCALE.items()],
        values=[state.get(key) or 0 for key in STATEMENTS])
