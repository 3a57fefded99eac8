"""Questions with instant feedback: Predict (choice or short answer) and Parsons (put lines in order).

Every question works with widgets (all labelled, all usable by keyboard, no
drag) and without them: the text version tells the learner which function to
call (``answer_predict``, ``answer_parsons``).
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field

from course.i18n import _
from course.learner.lesson_data import lookup
from course.learner.show import inline_html, show, show_control

RIGHT, WRONG = "✓", "✗"


@dataclass
class Predict:
    name: str
    question: str
    options: list[str]
    answer: object
    explanation: str = ""

    def verdict(self, choice: object) -> tuple[bool, str]:
        """(right?, feedback in words) for the learner's *choice*."""
        if choice is None or str(choice).strip() == "":
            return False, _("Choose or type an answer first.")
        if self.options:
            choice = self._option(choice)
            if choice is None:
                return False, _("Answer with one of the choices, or its number from 1 to {count}.").format(
                    count=len(self.options))
        answer = self.answer
        if self.options and type(answer) is int and 1 <= answer <= len(self.options):
            answer = self.options[answer - 1]
        if _same(choice, answer):
            return True, " ".join([RIGHT, _("Right!"), self.explanation]).strip()
        return False, " ".join([WRONG, _("Not this one. You answered {choice}. Look again, or run the code to see.")
                                .format(choice=repr(choice))])

    def _option(self, choice: object) -> str | None:
        if isinstance(choice, int) and not isinstance(choice, bool) and 1 <= choice <= len(self.options):
            return self.options[choice - 1]
        for option in self.options:
            if _same(option, choice):
                return option
        return None


@dataclass
class Parsons:
    name: str
    lines: list[str]
    explanation: str = ""
    order: list[int] = field(default_factory=list)  # order[position] = index of the line in the right order

    def __post_init__(self):
        if not self.order:
            self.order = shuffled(len(self.lines), seed="\n".join(self.lines))

    def move(self, position: int, step: int) -> int:
        """Move the line at *position* by *step* (-1 up, +1 down); return its new position."""
        target = position + step
        if not (0 <= position < len(self.order) and 0 <= target < len(self.order)):
            return position
        self.order[position], self.order[target] = self.order[target], self.order[position]
        return target

    def verdict(self) -> tuple[bool, str]:
        for position, index in enumerate(self.order):
            if index != position:
                if index > position:
                    words = _("Not yet. Line {number} ({line}) should come later.")
                else:
                    words = _("Not yet. Line {number} ({line}) should come earlier.")
                return False, " ".join([WRONG, words.format(number=position + 1, line=self.lines[index])])
        return True, " ".join([RIGHT, _("Right order!"), self.explanation]).strip()

    def labels(self) -> list[tuple[str, int]]:
        return [(f"{position + 1}. {self.lines[index]}", position) for position, index in enumerate(self.order)]

    def listing(self) -> str:
        return "\n".join(label for label, _position in self.labels())


_questions: dict[str, object] = {}
_FROM_DATA = object()


def _from_data(section: str, name: str) -> dict | None:
    """The named item of the lesson data file, or None (the learner was told) when it is missing."""
    found = lookup(section, name)
    if isinstance(found, dict):
        return found
    return None


def _same(a: object, b: object) -> bool:
    """Answers match when their words match (spaces at the ends, small/capital letters and quotes aside)."""
    def words(value):
        return " ".join(str(value).strip().strip("\"'").casefold().split())

    return words(a) == words(b)


def shuffled(count: int, *, seed: str) -> list[int]:
    """A fixed shuffle of range(count) that is never already in order (when count > 1)."""
    import random

    order = list(range(count))
    random.Random(zlib.crc32(seed.encode("utf-8"))).shuffle(order)
    if count > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


# --- Predict ------------------------------------------------------------------------

def predict(question: str, *, answer: object = _FROM_DATA, options: list | None = None, explanation: str = "",
            name: str = "") -> None:
    """Ask *question*: multiple choice when *options* are given, short answer otherwise.

    ``predict("predict-print")`` (a name only) reads the question from the lesson data file, so that the
    answer is not in the cell a learner reads (see :mod:`course.learner.lesson_data`).
    """
    if answer is _FROM_DATA:
        data = _from_data("predict", question)
        if data is None:
            return
        name, question = question, data.get("question", "")
        answer, options, explanation = data.get("answer"), data.get("options"), data.get("explanation", "")
    name = str(name or f"q{len(_questions) + 1}")
    item = Predict(name, str(question), [str(o) for o in (options or [])], answer, str(explanation))
    _questions[name] = item
    show_control(lambda: _predict_widget(item), text=_predict_text(item))


def answer_predict(name: str, choice: object) -> bool:
    """Answer the Predict question *name* in text: the choice's words or its number."""
    item = _questions.get(str(name))
    if not isinstance(item, Predict):
        show(_("There is no question called \"{name}\". Run the question's cell first.").format(name=name))
        return False
    right, words = item.verdict(choice)
    show(words, status=True)
    return right


def _predict_text(item: Predict) -> str:
    lines = [_("Question: {question}").format(question=item.question)]
    lines += [f"  {n}. {option}" for n, option in enumerate(item.options, start=1)]
    how = _("To answer in text, run: answer_predict(\"{name}\", NUMBER)") if item.options else _(
        "To answer in text, run: answer_predict(\"{name}\", \"YOUR ANSWER\")")
    return "\n".join(lines + [how.format(name=item.name)])


def _predict_widget(item: Predict):
    """Radio buttons in a group named by the question (or a labelled text field), Check, and the result.

    The arrow keys change the choice (the control keeps them from JupyterLab); Esc goes back to the cell.
    """
    from course.learner.controls import Choice

    if item.options:
        keys = _("Keyboard: from this cell, press Tab to reach the answers. The arrow keys change your choice. "
                 "Press Tab again to reach Check, then press Enter. Press Esc to go back to the cell.")
    else:
        keys = _("Keyboard: from this cell, press Tab to reach the answer box and type your answer. "
                 "Press Enter to check it. Press Esc to go back to the cell.")
    control = Choice(legend=f"{_('Predict')}: {inline_html(item.question)}", help=keys, options=item.options,
                     field=_("Your answer"), check_label=_("Check"))

    def on_check(_message) -> None:
        _right, words = item.verdict(control.answer())
        control.status = inline_html(words)

    control.when("check", on_check)
    return control


# --- Parsons --------------------------------------------------------------------------

def parsons(lines: list[str] | str, *, name: str = "", explanation: str = "") -> None:
    """Ask the learner to put *lines* (given here in the right order) back in order.

    ``parsons("parsons-card")`` (a name only) reads the lines from the lesson data file, so that the
    right order is not in the cell a learner reads.
    """
    if isinstance(lines, str):
        data = _from_data("parsons", lines)
        if data is None:
            return
        name, lines, explanation = lines, data.get("lines") or [], data.get("explanation", "")
    lines = [str(line) for line in (lines or [])]
    name = str(name or f"q{len(_questions) + 1}")
    item = Parsons(name, lines, str(explanation))
    _questions[name] = item
    show_control(lambda: _parsons_widget(item), text=_parsons_text(item), text_only=len(lines) < 2)


def answer_parsons(name: str, order: list) -> bool:
    """Answer the Parsons problem *name* in text: the line numbers, in the order you think is right."""
    item = _questions.get(str(name))
    if not isinstance(item, Parsons):
        show(_("There is no Parsons problem called \"{name}\". Run its cell first.").format(name=name))
        return False
    count = len(item.lines)
    if not _is_permutation(order, count):
        show(_("Give each line number from 1 to {count} once, for example answer_parsons(\"{name}\", [2, 1, ...]).")
             .format(count=count, name=name))
        return False
    shown_order = list(item.order)
    item.order = [shown_order[number - 1] for number in order]
    right, words = item.verdict()
    item.order = shown_order
    show(words, status=True)
    return right


def _is_permutation(order: object, count: int) -> bool:
    try:
        numbers = list(order)
    except TypeError:
        return False
    return all(type(n) is int for n in numbers) and sorted(numbers) == list(range(1, count + 1))


def _parsons_text(item: Parsons) -> str:
    return "\n".join([
        _("Put these lines in the right order:"),
        item.listing(),
        _("To answer in text, run: answer_parsons(\"{name}\", [the line numbers in the right order])").format(
            name=item.name),
    ])


def _parsons_widget(item: Parsons):
    """One button per line (press it to choose that line), then Move up / Move down / Check order.

    Only buttons, so Tab and Space or Enter do everything; Esc goes back to the cell.
    """
    from course.learner.controls import LineOrder

    control = LineOrder(
        legend=inline_html(_("Put these lines in the right order:")),
        help=_("Press a line to choose it, then press Move up or Move down. Keyboard: from this cell, press Tab "
               "to reach the lines. Press Space on a line to choose it. Press Tab to reach Move up or Move down, "
               "and press Space again. Press Esc to go back to the cell."),
        actions=[_("Move up"), _("Move down"), _("Check order")])

    def say(words: str) -> None:
        control.status = inline_html(words)

    def refresh() -> None:
        control.lines = [label for label, _position in item.labels()]

    def choose(message: dict) -> None:
        position = message.get("position")
        if type(position) is not int or not 0 <= position < len(item.lines):
            return
        control.chosen = position
        say(_("Chosen: line {number}, {line}. Now press Move up or Move down.").format(
            number=position + 1, line=item.lines[item.order[position]]))

    def move(message: dict) -> None:
        position, step = control.chosen, message.get("step")
        if position < 0 or step not in (-1, 1):
            say(_("First choose a line: press the line you want to move."))
            return
        control.chosen = moved = item.move(position, step)
        refresh()
        if moved == position:
            say(_("This line cannot move further that way. It is line {number} of {count}.").format(
                number=moved + 1, count=len(item.lines)))
            return
        say(_("Moved: {line}. It is now line {number} of {count}.").format(
            line=item.lines[item.order[moved]], number=moved + 1, count=len(item.lines)))

    control.when("choose", choose)
    control.when("move", move)
    control.when("check", lambda _message: say(item.verdict()[1]))
    refresh()
    return control
