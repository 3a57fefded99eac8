"""Putting things on the learner's screen, always with a text version.

Every display carries ``text/plain`` and ``text/markdown`` (and, for widgets,
the widget view in the same mime bundle), so nbconvert, a text-only front end
or a screen-reader user who chose text mode reads the same content in words.
"""
from __future__ import annotations

import html
import re

_print = print


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of the kit
        return None
    return get_ipython()


def show(text: str, *, markdown: str | None = None, display_id: str | bool | None = None):
    """Show *text* (and its *markdown* form). Returns the display handle, if any."""
    bundle = {"text/plain": text, "text/markdown": markdown if markdown is not None else text}
    return show_bundle(bundle, display_id=display_id)


def show_bundle(bundle: dict, *, display_id: str | bool | None = None):
    """Display a ready mime bundle; outside IPython, print its text."""
    if _shell() is None:
        _print(bundle.get("text/plain", ""))
        return None
    from IPython.display import display

    return display(bundle, raw=True, display_id=display_id)


def show_widget(widget, *, text: str, markdown: str | None = None) -> None:
    """Display *widget* with *text* as its fallback in the same bundle."""
    bundle = {"text/plain": text, "text/markdown": markdown if markdown is not None else text}
    try:
        bundle.update(widget._repr_mimebundle_() or {})
    except Exception:  # no widget support: the text is still there
        pass
    bundle["text/plain"] = text
    show_bundle(bundle)


def show_control(build, *, text: str, text_only: bool = False) -> None:
    """Show the widget that *build()* makes, with *text* as its fallback; in text mode (or
    with *text_only*), the text alone, and ipywidgets is never imported."""
    from course.learner.settings import text_mode

    if text_only or text_mode():
        show(text)
    else:
        show_widget(build(), text=text)


def inline_html(text: str) -> str:
    """Lesson text with `code` marks as safe HTML."""
    escaped = html.escape(str(text))
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
