"""The learner's controls, drawn with the browser's own form elements (see controls.js).

ipywidgets' radio buttons and drop-downs lose their arrow keys to JupyterLab (it moves to
another cell) and have no group name. These controls keep every key inside them, go back to
the cell on Esc, put a group name (fieldset and legend) on every group of choices, and show
each result in a live region that screen readers announce. The words all come from here,
through ``_``; the answers stay in the kernel (nothing to read in the page or the saved
widget state): the page sends the learner's action, Python answers.
"""
from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import anywidget
import traitlets

from course.i18n import _

HERE = Path(__file__).parent

CSS = """
.codensocial-control fieldset { border: 1px solid var(--jp-border-color1, #767676); border-radius: 4px;
  padding: 0.5em 1em; margin: 0.25em 0; }
.codensocial-control legend { font-weight: bold; padding: 0 0.25em; }
.codensocial-control .codensocial-help { margin: 0.25em 0 0.5em; }
.codensocial-control label.codensocial-option { display: block; margin: 0.25em 0; }
.codensocial-control .codensocial-rating { margin: 0.4em 0; }
.codensocial-control button, .codensocial-control select, .codensocial-control input[type=text] {
  font: inherit; color: var(--jp-ui-font-color1, #000); background: var(--jp-layout-color1, #fff);
  border: 1px solid var(--jp-border-color1, #767676); border-radius: 3px; padding: 0.2em 0.6em; margin: 0.2em 0.4em 0.2em 0; }
.codensocial-control button.codensocial-line { font-family: var(--jp-code-font-family, monospace); text-align: left; }
.codensocial-control button[aria-pressed=true] { border-width: 3px; font-weight: bold; }
.codensocial-control :focus-visible { outline: 3px solid var(--jp-brand-color1, #1a5fb4); outline-offset: 2px; }
.codensocial-control .codensocial-status:empty { display: none; }
.codensocial-control .codensocial-status { margin: 0.25em 0; }
"""


class Control(anywidget.AnyWidget):
    """What every control has: a kind, a group name (legend), the keyboard help and a live result."""

    _esm = HERE / "controls.js"
    _css = CSS
    kind = traitlets.Unicode().tag(sync=True)
    legend = traitlets.Unicode().tag(sync=True)  # safe HTML
    help = traitlets.Unicode().tag(sync=True)  # plain text
    status = traitlets.Unicode().tag(sync=True)  # safe HTML, announced when it changes
    answered = traitlets.Int(0).tag(sync=True)  # how many of the page's messages Python has answered
    offline = traitlets.Unicode().tag(sync=True)  # safe HTML, shown when a press gets no answer

    def __init__(self, **kwargs):
        kwargs.setdefault("offline", html.escape(_(
            "This is the saved copy: it does not answer yet. Run the cells above again: press Esc, then "
            "Ctrl + Shift + C, type run all above, and press Enter. Then run this cell with Shift + Enter.")))
        super().__init__(**kwargs)

    def when(self, event: str, action: Callable[[dict], None]) -> None:
        """Run *action(message)* when the page sends *event* (a press of one of the control's buttons)."""
        def receive(_widget, content, _buffers) -> None:
            if isinstance(content, dict) and content.get("event") == event:
                try:
                    action(content)
                finally:
                    self.answered += 1
        self.on_msg(receive)

    def press(self, event: str, **content) -> None:
        """Act as the page does when the learner presses a button (for tests and scripts)."""
        self._handle_custom_msg({"event": event, **content}, [])


class Choice(Control):
    """A Predict question: radio buttons in a named group (or one text field), and a Check button."""

    kind = traitlets.Unicode("choice").tag(sync=True)
    options = traitlets.List(traitlets.Unicode()).tag(sync=True)
    value = traitlets.Int(-1).tag(sync=True)  # the chosen option's index, -1 for none
    field = traitlets.Unicode().tag(sync=True)  # the text field's label
    text = traitlets.Unicode().tag(sync=True)
    check_label = traitlets.Unicode().tag(sync=True)

    def answer(self) -> object:
        """The learner's answer: the chosen option's words, the typed text, or None."""
        if self.options:
            return self.options[self.value] if 0 <= self.value < len(self.options) else None
        return self.text


class Ratings(Control):
    """One labelled drop-down per statement (typing its number chooses it); 0 is "no answer"."""

    kind = traitlets.Unicode("ratings").tag(sync=True)
    statements = traitlets.List(traitlets.Unicode()).tag(sync=True)
    scale = traitlets.List(traitlets.Unicode()).tag(sync=True)  # scale[0] is the words for no answer
    values = traitlets.List(traitlets.Int()).tag(sync=True)


class Ticks(Control):
    """One labelled checkbox per statement (Space ticks it)."""

    kind = traitlets.Unicode("ticks").tag(sync=True)
    statements = traitlets.List(traitlets.Unicode()).tag(sync=True)
    ticked = traitlets.List(traitlets.Bool()).tag(sync=True)


class HintButton(Control):
    """"Show next hint"; the hints shown so far are the live region's words (``status``)."""

    kind = traitlets.Unicode("hints").tag(sync=True)
    button_label = traitlets.Unicode().tag(sync=True)


class LineOrder(Control):
    """Parsons: one button per line (press to choose), then Move up, Move down, Check order."""

    kind = traitlets.Unicode("parsons").tag(sync=True)
    lines = traitlets.List(traitlets.Unicode()).tag(sync=True)
    chosen = traitlets.Int(-1).tag(sync=True)
    actions = traitlets.List(traitlets.Unicode()).tag(sync=True)  # the words of Move up, Move down, Check order
