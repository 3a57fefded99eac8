"""Learner-controlled text made safe for the files a trainer opens.

A learner writes error messages, confidence answers and IDs that reach the CSV
files and the workbook. Spreadsheet programs run a cell that starts with ``=``
(``=HYPERLINK(...)``, ``=cmd|...``) as a formula. The workbook keeps every text
as a string cell; the CSV files follow OWASP's rule for CSV injection: a cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
``'`` in front.
Learner JSON (outputs saved in notebooks) is read with limits on size and depth,
so a hostile notebook is skipped with a reason instead of stopping the report.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pandas as pd

from course.i18n import _

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_NOTEBOOK_BYTES = 50_000_000  # larger notebooks are not read (the grader caps outputs far below this)
MAX_DEPTH = 64  # a confidence answer is 3 levels deep; a notebook about 8
_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)  # unrolled: one step per run of plain characters
_BRACKETS = re.compile(r"[\[\]{}]")


def csv_text(value):
    """*value* with OWASP's prefix when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of *frame* whose text cells and index labels carry the OWASP prefix where needed."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(csv_text)
    if isinstance(safe.index, pd.MultiIndex):
        safe.index = safe.index.set_levels([_safe_level(level) for level in safe.index.levels])
    else:
        safe.index = _safe_level(safe.index)
    return safe


def _safe_level(level: pd.Index) -> pd.Index:
    return level.map(csv_text) if level.dtype == object or pd.api.types.is_string_dtype(level) else level


class TooComplex(ValueError):
    """Learner JSON past the size or depth limit."""


@dataclass(frozen=True)
class Skipped:
    """A notebook the report did not read, and why (in words)."""

    student: str
    lesson: str
    reason: str


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in JSON *text* (strings do not count)."""
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def bounded_json(text: str, *, max_bytes: int = MAX_NOTEBOOK_BYTES, max_depth: int | None = MAX_DEPTH):
    """Parse learner JSON *text*; :class:`TooComplex` past the limits, ValueError when it is not JSON.

    *max_depth* None leaves the depth to the parser's own limit (a RecursionError becomes TooComplex):
    a whole notebook is parsed that way, as scanning it first would double the report's reading time.
    """
    if len(text) > max_bytes:
        raise TooComplex(_("it is larger than {limit} MB").format(limit=max_bytes // 1_000_000))
    if max_depth is not None and json_depth(text) > max_depth:
        raise TooComplex(_("its saved answers are nested more than {limit} levels deep").format(limit=max_depth))
    try:
        return json.loads(text)
    except RecursionError as error:  # a limit set too high for this interpreter
        raise TooComplex(_("its saved answers are nested too deeply")) from error
