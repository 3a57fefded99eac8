"""The Excel workbook: one sheet per report table, frozen header row, headers in the cohort's language.

openpyxl's write-only mode streams rows, so a cohort of a thousand learners
(a quarter of a million score rows) is written in seconds. Every text cell is a
string cell: text a learner wrote never becomes a formula.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from course.reports.columns import label

SHEET_NAME_LIMIT = 31  # Excel's own limit


def write_workbook(path: Path, sheets: dict[str, pd.DataFrame]) -> Path:
    """Write *sheets* (sheet title -> table; index levels become the first columns) to *path*."""
    book = Workbook(write_only=True)
    for title, frame in sheets.items():
        sheet = book.create_sheet(title=title[:SHEET_NAME_LIMIT])
        sheet.freeze_panes = "A2"
        flat = frame.reset_index() if _has_named_index(frame) else frame
        sheet.append([_header(sheet, label(str(name))) for name in flat.columns])
        for row in flat.itertuples(index=False, name=None):
            sheet.append([_cell(sheet, _excel_value(value)) for value in row])
    book.save(path)
    return path


def _has_named_index(frame: pd.DataFrame) -> bool:
    return any(name is not None for name in frame.index.names)


def _header(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    cell.font = Font(bold=True)
    return cell


def _cell(sheet, value):
    """Text as a string cell, always: openpyxl would store "=HYPERLINK(...)" from a learner as a live formula."""
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _excel_value(value):
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value
