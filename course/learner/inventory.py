"""The skills inventory: "which of these do you already do?", saved inside the notebook.

Twelve everyday activities, each one a DigComp 2.2 competence. The learner ticks
the ones they do; the kit then names, in plain words, the DigComp areas they
already use. Like the confidence check, the answers live in the cell's output, as
a display whose mime bundle holds ``application/vnd.codensocial.inventory+json``.
Every change updates that display (same display_id), so JupyterLab writes the
answers into the .ipynb at the next save, and after a kernel restart the
inventory reads the notebook file on disk and ticks the saved answers again.
Not graded: skipping is fine.
"""
from __future__ import annotations

from pathlib import Path

from course.curriculum import AREAS
from course.i18n import N_, _
from course.learner.confidence import last_saved
from course.learner.progress import now
from course.learner.settings import text_mode
from course.learner.show import show, show_bundle, show_widget

MIME = "application/vnd.codensocial.inventory+json"
VERSION = 1

# id -> (DigComp 2.2 code, the activity in everyday words)
ACTIVITIES = {
    "find-timetable": ("1.1", N_("I look up a bus or train timetable online.")),
    "check-news": ("1.2", N_("I check if a news story or an offer on the internet is true.")),
    "save-file": ("1.3", N_("I save a file or a photo in a folder and find it again later.")),
    "video-call": ("2.1", N_("I take part in a video call.")),
    "send-photo": ("2.2", N_("I send a message with a photo.")),
    "online-form": ("2.3", N_("I fill in an online form, for example to book an appointment.")),
    "write-post": ("3.1", N_("I write a short text, a post or a document on a phone or computer.")),
    "lock-phone": ("4.1", N_("I lock my phone with a PIN, a pattern or my fingerprint.")),
    "spot-scam": ("4.2", N_("I recognise a scam message and do not answer it.")),
    "fix-app": ("5.1", N_("When an app stops working, I close it and open it again.")),
    "phone-setting": ("5.2", N_("I change a setting on my phone, for example the text size.")),
    "learn-online": ("5.4", N_("I watch a video to learn how to do something new.")),
}

shown_last: dict = {}  # the latest inventory's checkboxes, by activity id (tests tick them as a learner would)
_latest: dict = {}  # lesson -> the value last shown in this kernel, saved or not yet


def record(*, lesson: str, done: dict, saved_at: str | None) -> dict:
    """The JSON value saved in the notebook (version 1): every activity, ticked or not, and its codes."""
    ticked = {key: done.get(key) is True for key in ACTIVITIES}
    return {
        "version": VERSION,
        "lesson": lesson,
        "saved_at": saved_at,
        "done": ticked,
        "digcomp": sorted({ACTIVITIES[key][0] for key, yes in ticked.items() if yes}),
    }


def areas_used(value: dict) -> dict[str, list[str]]:
    """The DigComp areas the ticked activities belong to: area number -> competence codes."""
    found: dict[str, list[str]] = {}
    for code in value.get("digcomp", []):
        found.setdefault(code.split(".")[0], []).append(code)
    return found


def summary(value: dict) -> str:
    """What the answers say, in encouraging plain words."""
    used = areas_used(value)
    if not used:
        return _("That is fine. Everyone starts somewhere. In this course you will practise all five areas.")
    lines = [_("Well done! You already use {count} of the 5 areas of digital skills:").format(count=len(used))]
    lines += [f"- {_(AREAS[area])} ({', '.join(codes)})" for area, codes in sorted(used.items())]
    lines.append(_("These are real digital skills. This course builds on them."))
    return "\n".join(lines)


def bundle(value: dict) -> dict:
    """The mime bundle: the JSON value, plus the answers and the summary in words."""
    title = _("Skills inventory")
    lines = [f"- [{'x' if value['done'].get(key) else ' '}] {_(text)}" for key, (_code, text) in ACTIVITIES.items()]
    words = summary(value)
    return {
        MIME: value,
        "text/plain": "\n".join([title, *lines, "", words]),
        "text/markdown": "\n".join([f"**{title}**", "", *lines, "", words]),
    }


def clean_done(done: object) -> tuple[dict, list[str]]:
    """The ticked activities (id -> True) and one plain line for each item that was not understood.

    An item is an activity's id ("send-photo") or its number in the list (1 to 12).
    """
    if done is None:
        return {}, []
    if isinstance(done, str) or not isinstance(done, (list, tuple, set)):
        return {}, [_("done should be a list, like this: done=[\"send-photo\", \"video-call\"]")]
    keys, kept, problems = list(ACTIVITIES), {}, []
    for item in done:
        if type(item) is int and 1 <= item <= len(keys):
            kept[keys[item - 1]] = True
        elif isinstance(item, str) and item in ACTIVITIES:
            kept[item] = True
        else:
            problems.append(_("I do not know the activity {item}. Use a number from 1 to {count}, "
                              "or a name from the list above.").format(item=repr(item), count=len(keys)))
    return kept, problems


def recover(*, lesson: str, path: Path | None = None) -> dict | None:
    """The last saved inventory of this lesson in the notebook file, if any."""
    return last_saved(MIME, lambda value: value.get("lesson") == lesson, path=path)


def skills_inventory(*, lesson: str = "00-welcome", done: list | None = None) -> None:
    """Ask which everyday digital activities the learner already does. Skipping is fine.

    With *done* (ids or numbers, e.g. ``["send-photo", 4]``) the answers are recorded at once, in text.
    """
    given, problems = clean_done(done)
    for problem in problems:
        show(problem)
    if done is not None:
        value = record(lesson=lesson, done=given, saved_at=now())
        _latest[lesson] = value
        show_bundle(bundle(value))
        return
    previous = _latest.get(lesson) or recover(lesson=lesson) or {}
    state = {key: _ticked(previous.get("done"), key) for key in ACTIVITIES}
    value = record(lesson=lesson, done=state, saved_at=previous.get("saved_at"))
    if text_mode():
        show(_text_instructions(lesson))
        show_bundle(bundle(value))
        return
    _show_widgets(lesson=lesson, state=state, value=value)


def _ticked(done: object, key: str) -> bool:
    return isinstance(done, dict) and done.get(key) is True


def _text_instructions(lesson: str) -> str:
    lines = [_("Which of these do you already do? Choose all that are true for you. You can skip this.")]
    lines += [f"  {n}. {key}: {_(text)}" for n, (key, (_code, text)) in enumerate(ACTIVITIES.items(), start=1)]
    lines.append(_("To answer in text, run: skills_inventory(lesson=\"{lesson}\", done=[1, 4, 5])").format(
        lesson=lesson))
    return "\n".join(lines)


class _Tick:
    """One activity's checkbox in the shown inventory: ``.value`` is True when ticked, as a learner sets it."""

    def __init__(self, control, row: int):
        self.control, self.row = control, row

    @property
    def value(self) -> bool:
        return self.control.ticked[self.row]

    @value.setter
    def value(self, ticked: bool) -> None:
        values = list(self.control.ticked)
        values[self.row] = ticked is True
        self.control.ticked = values


def _show_widgets(*, lesson: str, state: dict, value: dict) -> None:
    control = _ticks_control(state)
    shown_last.clear()
    shown_last.update({key: _Tick(control, row) for row, key in enumerate(ACTIVITIES)})
    show_widget(control, text=_text_instructions(lesson))
    handle = show_bundle(bundle(value), display_id=True)

    def on_change(change) -> None:
        state.update({key: ticked is True for key, ticked in zip(ACTIVITIES, change["new"])})
        _latest[lesson] = value = record(lesson=lesson, done=state, saved_at=now())
        if handle is not None:
            handle.update(bundle(value), raw=True)

    control.observe(on_change, names="ticked")


def _ticks_control(state: dict):
    """A labelled checkbox per activity, in a group named by the question; the keys stay inside it."""
    from course.learner.controls import Ticks

    return Ticks(
        legend=_("Which of these do you already do?"),
        help=_("Tick all that are true for you. Keyboard: from this cell, press Tab to reach a sentence, then "
               "press Space to tick it. Press Tab for the next sentence. Press Esc to go back to the cell. "
               "Your answers are kept when you save the notebook."),
        statements=[_(text) for _code, text in ACTIVITIES.values()],
        ticked=[state.get(key) is True for key in ACTIVITIES])
