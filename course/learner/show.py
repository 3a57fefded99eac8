"""Putting things on the learner's screen, always with a text version.

Every display carries ``text/plain`` and ``text/html`` (and, for widgets, the
widget view in the same mime bundle), so nbconvert, a text-only front end or a
screen-reader user who chose text mode reads the same content in words. In the
HTML each line is its own paragraph, and the lesson marks `code` and **bold**
become real code and bold text, so a screen reader never reads the marks aloud.
A result (a self-check, a hint) is shown in a live region (``role="status"``),
which screen readers announce.
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


def show(text: str, *, markdown: str | None = None, display_id: str | bool | None = None, status: bool = False):
    """Show *text* (and its *markdown* form, when given); a result (*status*) is announced.

    Returns the display handle, if any.
    """
    bundle = text_bundle(text, status=status)
    if markdown is not None:  # the caller's own markdown is what the learner sees
        bundle["text/markdown"] = markdown
        if not status:
            del bundle["text/html"]
    return show_bundle(bundle, display_id=display_id)


def text_bundle(text: str, *, status: bool = False) -> dict:
    """*text* as plain text, and as HTML and markdown with one paragraph per line (marks rendered)."""
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    return {"text/plain": text, "text/html": paragraphs(text, status=status), "text/markdown": "\n\n".join(lines)}


def paragraphs(text: str, *, status: bool = False) -> str:
    """Safe HTML for *text*: one paragraph per line; a live region when it is a *status*."""
    body = "".join(f"<p>{inline_html(line.strip())}</p>" for line in str(text).splitlines() if line.strip())
    role = ' role="status" aria-live="polite"' if status else ""
    return f'<div class="codensocial-text"{role}>{body}</div>'


def show_bundle(bundle: dict, *, display_id: str | bool | None = None):
    """Display a ready mime bundle; outside IPython, print its text."""
    if _shell() is None:
        _print(bundle.get("text/plain", ""))
        return None
    from IPython.display import display

    return display(bundle, raw=True, display_id=display_id)


def show_widget(widget, *, text: str, markdown: str | None = None) -> None:
    """Display *widget* with *text* as its fallback in the same bundle."""
    bundle = text_bundle(text)
    if markdown is not None:
        bundle["text/markdown"] = markdown
    try:
        view = widget._repr_mimebundle_() or {}
        if isinstance(view, tuple):  # (data, metadata), as anywidget's controls give it
            view = view[0] or {}
        bundle.update(view)
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
    """Lesson text with its `code` and **bold** marks as safe HTML (the marks themselves are gone)."""
    escaped = html.escape(str(text))
    coded = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", coded)
