"""Charts everyone can read: what a matplotlib Figure shows, in words, and self-checks that read it.

A lesson's check reads the *figure object*, never a picture of it: the kind of chart, its title and
axis labels, each bar's label and value, the pattern (hatch) of each bar, the marker shape and colour of
each group of points, the legend. The same facts give the learner a text summary of any chart::

    fig, ax = plt.subplots()
    ax.bar(["Lyon", "Sofia"], [3, 5], hatch="//")
    describe_chart(fig)          # "A bar chart. Title: none. ... 2 bars: Lyon 3, Sofia 5."

and a self-check cell::

    from course.learner import charts
    charts.check("country_fig", kind="bar", title=True, axis_labels=True, patterns=True)
    charts.alt_text("country_alt", mentions=["Spain", "14"])

Alt text: a chart in a notebook is a picture with no alt text of its own. A lesson keeps the alt text
in a variable of its own (``country_alt = "..."``) beside the figure, and :func:`alt_text` checks it:
never empty, never only a word like "chart", and it says the chart's main fact.

matplotlib is imported only when a chart is read, so lessons without charts start as fast as before.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

from course.i18n import _, ngettext
from course.learner.checks import fail, shown
from course.learner.show import show

_getframe, _type, _str, _len = sys._getframe, type, str, len

# The Okabe-Ito palette: eight colours that people with the common kinds of colour blindness tell apart.
SAFE_COLOURS = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
# Fill patterns for bars (matplotlib's hatch marks), each easy to tell from the others.
PATTERNS = ["//", "..", "xx", "\\\\", "oo", "--", "++", "**"]
# Alt text that says nothing about what a chart shows (compared without "a", "an", "the" and punctuation).
GENERIC_ALT = {"chart", "image", "picture", "graph", "figure", "plot", "diagram", "photo", "alt text", "alt",
               "bar chart", "line chart", "scatter chart", "pie chart", "my chart", "chart of data", "data"}
MIN_ALT_WORDS = 5
MAX_ALT_CHARACTERS = 300


@dataclass
class Group:
    """One group of points or one line: its legend label, its points, marker shape and colour."""

    label: str
    points: list[tuple[float, float]]
    marker: tuple
    colour: str


@dataclass
class ChartFacts:
    """What a figure shows, read from its first axes."""

    kind: str  # "bar", "barh", "scatter", "line", "pie" or "empty"
    title: str = ""
    xlabel: str = ""
    ylabel: str = ""
    bars: list[tuple[str, float]] = field(default_factory=list)  # (label, value) of each bar, in order
    hatches: list[str] = field(default_factory=list)  # the pattern of each bar ("" for none)
    colours: list[str] = field(default_factory=list)  # the fill colour of each bar, as "#rrggbb"
    groups: list[Group] = field(default_factory=list)  # scatter groups and lines
    legend: list[str] = field(default_factory=list)  # the legend's labels ([] for no legend)


def is_figure(value: object) -> bool:
    """Is *value* a matplotlib Figure (not imported when matplotlib was never loaded)?"""
    figure = sys.modules.get("matplotlib.figure")
    return figure is not None and isinstance(value, figure.Figure)


def facts(fig) -> ChartFacts:
    """The facts of the first axes of *fig* (an empty chart when it has no axes)."""
    if not fig.axes:
        return ChartFacts("empty")
    ax = fig.axes[0]
    legend = ax.get_legend()
    found = ChartFacts(_kind(ax), title=ax.get_title(), xlabel=ax.get_xlabel(), ylabel=ax.get_ylabel(),
                       legend=[text.get_text() for text in legend.get_texts()] if legend else [])
    if found.kind in ("bar", "barh"):
        _read_bars(ax, found)
    elif found.kind in ("scatter", "line"):
        found.groups = _scatter_groups(ax) + _line_groups(ax)
    return found


def _kind(ax) -> str:
    from matplotlib.collections import PathCollection
    from matplotlib.container import BarContainer
    from matplotlib.patches import Wedge

    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    if bars:
        return "barh" if getattr(bars[0], "orientation", "vertical") == "horizontal" else "bar"
    if any(isinstance(c, PathCollection) for c in ax.collections):
        return "scatter"
    if ax.get_lines():
        return "line"
    if any(isinstance(p, Wedge) for p in ax.patches):
        return "pie"
    return "empty"


def _read_bars(ax, found: ChartFacts) -> None:
    from matplotlib.colors import to_hex
    from matplotlib.container import BarContainer

    horizontal = found.kind == "barh"
    names = _category_names(ax.yaxis if horizontal else ax.xaxis)
    for container in (c for c in ax.containers if isinstance(c, BarContainer)):
        for patch in container.patches:
            place = patch.get_y() + patch.get_height() / 2 if horizontal else patch.get_x() + patch.get_width() / 2
            value = patch.get_width() if horizontal else patch.get_height()
            found.bars.append((names.get(round(place, 6), _number_words(place)), float(value)))
            found.hatches.append(patch.get_hatch() or "")
            found.colours.append(to_hex(patch.get_facecolor()))


def _category_names(axis) -> dict[float, str]:
    """Place on the axis -> the category written there (bars drawn with text labels); {} for numbers."""
    mapping = getattr(getattr(axis, "units", None), "_mapping", None)
    if not mapping:
        return {}
    return {round(float(place), 6): str(name) for name, place in mapping.items()}


def _scatter_groups(ax) -> list[Group]:
    from matplotlib.collections import PathCollection
    from matplotlib.colors import to_hex

    groups = []
    for collection in (c for c in ax.collections if isinstance(c, PathCollection)):
        offsets = collection.get_offsets()
        points = [(float(x), float(y)) for x, y in offsets.tolist() if _is_value(x) and _is_value(y)]
        paths = collection.get_paths()
        marker = tuple(map(tuple, paths[0].vertices.round(3).tolist())) if paths else ()
        colours = collection.get_facecolor()
        groups.append(Group(_label(collection), points, marker, to_hex(colours[0]) if _len(colours) else ""))
    return groups


def _line_groups(ax) -> list[Group]:
    from matplotlib.colors import to_hex

    groups = []
    for line in ax.get_lines():
        points = [(float(x), float(y)) for x, y in zip(line.get_xdata(), line.get_ydata())
                  if _is_value(x) and _is_value(y)]
        marker = line.get_marker()
        groups.append(Group(_label(line), points, ("line", str(marker) if marker not in (None, "None", "") else ""),
                            to_hex(line.get_color())))
    return groups


def _is_value(number) -> bool:
    """A point is drawn only where both numbers are there: not masked (None), not NaN (NaN != NaN)."""
    return number is not None and number == number


def _label(artist) -> str:
    label = str(artist.get_label() or "")
    return "" if label.startswith("_") else label  # matplotlib names unlabelled artists "_child0"


def _number_words(value: float) -> str:
    return f"{value:g}"


# --- the text summary -------------------------------------------------------------------------

KIND_WORDS = {
    "bar": lambda: _("a bar chart"), "barh": lambda: _("a bar chart with bars across"),
    "scatter": lambda: _("a scatter chart (points)"), "line": lambda: _("a line chart"),
    "pie": lambda: _("a pie chart"), "empty": lambda: _("an empty chart"),
}


def summary(fig) -> str:
    """A text summary of *fig*: kind, title, axis labels, then each bar or group, one line each."""
    found = facts(fig)
    none = _("none")
    lines = [
        _("This is {kind}.").format(kind=KIND_WORDS[found.kind]()),
        _("Title: {title}").format(title=found.title or none),
        _("Label of the x axis (across): {label}").format(label=found.xlabel or none),
        _("Label of the y axis (up): {label}").format(label=found.ylabel or none),
    ]
    for (name, value), hatch in zip(found.bars, found.hatches):
        lines.append(_("Bar {name}: {value}, pattern {hatch}").format(name=name, value=_number_words(value),
                                                                      hatch=hatch or none))
    for group in found.groups:
        count = _len(group.points)
        lines.append(ngettext("Group {label}: {count} point", "Group {label}: {count} points", count).format(
            label=group.label or none, count=count))
    if found.legend:
        lines.append(_("Legend: {labels}").format(labels=", ".join(found.legend)))
    return "\n".join(lines)


def describe_chart(fig) -> None:
    """Show a text summary of the chart *fig*: what a screen reader user needs to know about it."""
    if not is_figure(fig):
        show(_("describe_chart needs a chart: the first name of fig, ax = plt.subplots(). You gave {value}.")
             .format(value=shown(fig)))
        return
    show(summary(fig))


# --- self-checks ----------------------------------------------------------------------------

def figure(name: str, *, namespace: dict | None = None):
    """The learner's chart *name* (a friendly failure when it is not a Figure)."""
    from course.learner.checks import variable

    if namespace is None:
        namespace = _getframe(1).f_globals
    value = variable(name, namespace=namespace)
    if not is_figure(value):
        fail(_("`{name}` should be a chart: the first name in `fig, ax = plt.subplots()`. It holds {value}.")
             .format(name=name, value=shown(value)))
    return value


def check(name: str, *, kind: str, title: bool = True, axis_labels: bool = True, patterns: bool = False,
          legend: bool = False, namespace: dict | None = None) -> ChartFacts:
    """Check the learner's chart *name*: its kind, and that it has a title, axis labels, patterns, a legend."""
    if namespace is None:
        namespace = _getframe(1).f_globals
    found = facts(figure(name, namespace=namespace))
    if found.kind != kind:
        fail(_("The chart `{name}` is {found}. Here it should be {expected}.").format(
            name=name, found=KIND_WORDS[found.kind](), expected=KIND_WORDS.get(kind, KIND_WORDS["empty"])()))
    if title and not found.title.strip():
        fail(_("The chart `{name}` has no title. Add one with `.set_title(\"...\")`.").format(name=name))
    if axis_labels and not (found.xlabel.strip() and found.ylabel.strip()):
        fail(_("The chart `{name}` needs a label on each axis. Add them with `.set_xlabel(\"...\")` and "
               "`.set_ylabel(\"...\")`.").format(name=name))
    if patterns:
        _check_patterns(name, found)
    if legend and _len([label for label in found.legend if label.strip()]) < _len(found.groups):
        fail(_("The chart `{name}` needs a legend that names each group. Give each group a label=\"...\", "
               "then add `.legend()`.").format(name=name))
    return found


def _check_patterns(name: str, found: ChartFacts) -> None:
    """Never colour alone: every bar has a pattern, and groups differ in shape as well as colour."""
    if found.bars and not all(found.hatches):
        fail(_("Some bars of `{name}` have no pattern. Add `hatch=` to the line that draws them.").format(name=name))
    markers = [group.marker for group in found.groups]
    if _len(set(markers)) < _len(markers) or any(m == ("line", "") for m in markers):
        fail(_("In `{name}`, each group needs its own marker shape, not only its own colour. "
               "Give each one a different `marker=`.").format(name=name))
    colours = found.colours + [group.colour for group in found.groups]
    safe = {colour.lower() for colour in SAFE_COLOURS}
    if any(colour.lower() not in safe for colour in colours):
        fail(_("`{name}` uses a colour that is not in SAFE_COLOURS. Choose the colours from that list, "
               "for example `color=SAFE_COLOURS[0]`.").format(name=name))


def bars(name: str, *, equals: dict, namespace: dict | None = None) -> None:
    """Check that the bars of chart *name* are the labels and values of *equals*, in any order."""
    if namespace is None:
        namespace = _getframe(1).f_globals
    found = facts(figure(name, namespace=namespace))
    drawn = {label: value for label, value in found.bars}
    wanted = {str(label): float(value) for label, value in equals.items()}
    same = drawn.keys() == wanted.keys() and all(abs(drawn[k] - wanted[k]) <= 1e-6 * max(1, abs(wanted[k]))
                                                 for k in wanted)
    if not same:
        fail(_("The bars of `{name}` show {found}. They should show {expected}.").format(
            name=name, found=_pairs(drawn), expected=_pairs(wanted)))


def _pairs(values: dict) -> str:
    text = ", ".join(f"{label} {_number_words(value)}" for label, value in list(values.items())[:8])
    return text + (" …" if _len(values) > 8 else "") if values else _("no bars")


def _plain_words(text: str) -> str:
    words = re.findall(r"[^\W_]+", text.casefold())
    return " ".join(word for word in words if word not in ("a", "an", "the", "of", "my"))


def alt_text(name: str, *, mentions: Iterable[object] = (), namespace: dict | None = None) -> None:
    """Check the alt text in *name*: words that say what the chart shows, and each of *mentions*.

    A mention is found as a whole word with its own capitals ("IT" is not the "it" of "with it").
    """
    from course.learner.checks import text

    if namespace is None:
        namespace = _getframe(1).f_globals
    text(name, namespace=namespace)  # is it text at all (friendly messages for a number, None, ...)
    value = namespace[name]
    plain = _plain_words(value)
    if not plain:
        fail(_("`{name}` is empty. Write in words what the chart shows.").format(name=name))
    if plain in {_plain_words(word) for word in GENERIC_ALT}:
        fail(_("`{name}` only says {value}. That does not tell a reader what the chart shows. "
               "Say what it is about and its main fact.").format(name=name, value=shown(value)))
    if _len(plain.split()) < MIN_ALT_WORDS:
        fail(_("`{name}` is very short: {value}. Say what the chart is about and its main fact, in a sentence.")
             .format(name=name, value=shown(value)))
    if _len(value) > MAX_ALT_CHARACTERS:
        fail(ngettext("`{name}` is long: {count} character. Keep alt text under {most}. "
                      "The table and the summary give the details.",
                      "`{name}` is long: {count} characters. Keep alt text under {most}. "
                      "The table and the summary give the details.", _len(value)).format(
            name=name, count=_len(value), most=MAX_ALT_CHARACTERS))
    for part in mentions:
        if not re.search(r"(?<!\w)" + re.escape(_str(part)) + r"(?!\w)", value):
            fail(_("`{name}` does not say {part}. A reader who cannot see the chart needs it.").format(
                name=name, part=_str(part)))


class closed_after:
    """Close every chart made inside the block (a re-run's charts are checked, never shown)."""

    def __enter__(self):
        self._before = set(self._pyplot().get_fignums()) if self._pyplot() else set()
        return self

    def __exit__(self, *exc):
        pyplot = self._pyplot()
        if pyplot:
            for number in set(pyplot.get_fignums()) - self._before:
                pyplot.close(number)
        return False

    @staticmethod
    def _pyplot():
        return sys.modules.get("matplotlib.pyplot")
