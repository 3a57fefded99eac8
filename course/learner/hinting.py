"""Hints revealed one at a time, by a button or by typing next_hint("ex3")."""
from __future__ import annotations

from course.i18n import _
from course.learner.lesson_data import lookup
from course.learner.show import inline_html, show, show_control

_hints: dict[str, dict] = {}


_FROM_DATA = object()


def hints(name: str, texts: list[str] | None = _FROM_DATA) -> None:
    """Offer the hints *texts* for exercise *name*, one per press of "Show next hint".

    ``hints("ex1")`` (a name only) reads the hints from the lesson data file, so that they are not in the
    cell a learner reads (see :mod:`course.learner.lesson_data`).
    """
    if texts is _FROM_DATA:
        texts = lookup("hints", name)
        if texts is None:
            return
    if isinstance(texts, str):
        texts = [texts]
    texts = [str(t) for t in (texts or [])]
    state = _hints.setdefault(str(name), {"texts": texts, "shown": 0})
    state["texts"] = texts
    state["shown"] = min(state["shown"], len(texts))
    fallback = _("There are {count} hints for this exercise. To see the next one, run: next_hint(\"{name}\")").format(
        count=len(texts), name=name)
    show_control(lambda: _hint_widget(str(name)), text=fallback, text_only=not texts)


def next_hint(name: str) -> str | None:
    """Show (and return) the next hint for exercise *name*."""
    state = _hints.get(str(name))
    if state is None:
        known = ", ".join(f'"{k}"' for k in _hints) or _("none yet")
        show(_("There are no hints called \"{name}\". Run the hint cell of the exercise first. Known: {known}.").format(
            name=name, known=known))
        return None
    if state["shown"] >= len(state["texts"]):
        show(_("You have seen all {count} hints. Ask your trainer or a classmate: that is what they are there for.")
             .format(count=len(state["texts"])))
        return None
    state["shown"] += 1
    line = _hint_line(state["shown"], state)
    show(line)
    return state["texts"][state["shown"] - 1]


def _hint_line(number: int, state: dict) -> str:
    return _("Hint {number} of {total}: {text}").format(
        number=number, total=len(state["texts"]), text=state["texts"][number - 1])


def _button_label(state: dict) -> str:
    total = len(state["texts"])
    if state["shown"] >= total:
        return _("All hints shown ({total} of {total})").format(total=total)
    return _("Show next hint ({number} of {total})").format(number=state["shown"] + 1, total=total)


def _hint_widget(name: str):
    import ipywidgets as widgets

    state = _hints[name]
    button = widgets.Button(icon="lightbulb-o", layout=widgets.Layout(width="auto"))
    shown = widgets.HTML()

    def refresh() -> None:
        label = _button_label(state)
        button.description = button.tooltip = label
        shown.value = "".join(
            f"<p class='codensocial-hint'>{inline_html(_hint_line(n, state))}</p>" for n in range(1, state["shown"] + 1))

    def reveal(_button) -> None:
        if state["shown"] < len(state["texts"]):
            state["shown"] += 1
        refresh()

    button.on_click(reveal)
    refresh()
    return widgets.VBox([button, shown], layout=widgets.Layout(align_items="flex-start"))
