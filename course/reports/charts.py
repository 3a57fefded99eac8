"""Small accessible charts, written as inline SVG (no scripts, nothing fetched).

Each chart has a <title> and <desc> (its alt text, read by screen readers),
shows every value as a label beside its bar, and tells series apart by fill
pattern as well as colour (Okabe-Ito colour-blind-safe palette), so nothing
depends on colour alone. The caller puts a text summary and the data table
beside it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html import escape

# (colour, pattern) per series: solid, diagonal hatch, dots.
STYLES = [("#0072B2", "solid"), ("#D55E00", "hatch"), ("#009E73", "dots")]
BAR = 18
GAP = 10
LABEL_WIDTH = 260
PLOT_WIDTH = 380
VALUE_WIDTH = 70


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]  # one per category; None draws no bar and says "no data"


def bar_chart(*, title: str, description: str, categories: list[str], series: list[Series], maximum: float,
              unit: str = "", marked: set[int] = frozenset(), mark_label: str = "") -> str:
    """A horizontal bar chart: one group of bars per category, one bar per series.

    *marked* categories get a "⚠" before their label and *mark_label* in the legend.
    """
    uid = chart_id(title)
    group = len(series) * BAR + GAP
    legend_height = 24 * (len(series) + (1 if marked else 0))
    height = legend_height + 10 + group * max(len(categories), 1)
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" aria-labelledby="chart{uid}-title chart{uid}-desc" class="chart">',
        f'<title id="chart{uid}-title">{escape(title)}</title>',
        f'<desc id="chart{uid}-desc">{escape(description)}</desc>',
        _patterns(uid),
        _legend(uid, series, mark_label if marked else ""),
    ]
    top = legend_height + 10
    for position, category in enumerate(categories):
        y = top + position * group
        text = ("⚠ " if position in marked else "") + _shorten(category)
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + group / 2}" text-anchor="end" '
                     f'dominant-baseline="middle">{escape(text)}</text>')
        for number, line in enumerate(series):
            parts.append(_bar(uid, number, line.values[position], y + number * BAR, maximum, unit))
    parts.append(f'<line x1="{LABEL_WIDTH}" y1="{top - 4}" x2="{LABEL_WIDTH}" y2="{height}" stroke="#1a1a1a"/>')
    parts.append("</svg>")
    return "".join(parts)


def chart_id(title: str) -> str:
    """An id made from the chart's title: the same in every run, so two reports compare line by line."""
    return "c" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:8]


def _patterns(uid: str) -> str:
    defs = []
    for number, (colour, kind) in enumerate(STYLES):
        pid = f"p{uid}-{number}"
        if kind == "solid":
            body = f'<rect width="8" height="8" fill="{colour}"/>'
        elif kind == "hatch":
            body = (f'<rect width="8" height="8" fill="#fff"/>'
                    f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{colour}" stroke-width="2.5"/>')
        else:
            body = f'<rect width="8" height="8" fill="#fff"/><circle cx="4" cy="4" r="2.2" fill="{colour}"/>'
        defs.append(f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">{body}</pattern>')
    return "<defs>" + "".join(defs) + "</defs>"


def _legend(uid: str, series: list[Series], mark_label: str) -> str:
    items = []
    for number, line in enumerate(series):
        y = 4 + 24 * number
        colour = STYLES[number][0]
        items.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="28" height="16" fill="url(#p{uid}-{number})" '
                     f'stroke="{colour}"/><text x="{LABEL_WIDTH + 36}" y="{y + 13}">{escape(line.name)}</text>')
    if mark_label:
        y = 4 + 24 * len(series)
        items.append(f'<text x="{LABEL_WIDTH}" y="{y + 13}">⚠ {escape(mark_label)}</text>')
    return "".join(items)


def _bar(uid: str, number: int, value: float | None, y: float, maximum: float, unit: str) -> str:
    if value is None or value != value:  # None or NaN
        return f'<text x="{LABEL_WIDTH + 6}" y="{y + BAR - 5}" font-style="italic">–</text>'
    length = 0 if maximum <= 0 else max(0.0, min(1.0, value / maximum)) * PLOT_WIDTH
    colour = STYLES[number % len(STYLES)][0]
    return (f'<rect x="{LABEL_WIDTH}" y="{y + 2}" width="{length:.1f}" height="{BAR - 4}" '
            f'fill="url(#p{uid}-{number % len(STYLES)})" stroke="{colour}"/>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + BAR - 5}">{value:g}{escape(unit)}</text>')


def _shorten(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
