"""Learner-controlled text reaches the report's files as inert text: no formulas, no scripts, no crash."""
import csv
import json

import nbformat
import openpyxl
import pandas as pd
import pytest

from course.reports import notebooks
from course.reports.build import report
from course.reports.rules import Rules
from course.reports.safe import csv_text
from tests.reports import cohort

FORMULA = '=HYPERLINK("http://x","y")'
SCRIPT = "<script>alert(1)</script>"
IMAGE = '<img src=x onerror="alert(2)">'


def hostile_course(folder):
    """The known cohort, plus a failed check whose message is a formula and a forged confidence answer."""
    course = cohort.course_in(folder)
    autograded = course.folder("autograded") / "s2" / "L2" / "nb.ipynb"
    autograded.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[cohort.graded_cell("d1", FORMULA + " " + SCRIPT)]), autograded)
    submitted = course.folder("submitted") / "s3" / "L1" / "nb.ipynb"
    nb = nbformat.v4.new_notebook(cells=[cohort.confidence_cell("course-start", IMAGE, {"run-code": 3})])
    nb.cells[0].outputs[0].data[notebooks.CONFIDENCE_MIME]["saved_at"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    nbformat.write(nb, submitted)
    deep = course.folder("submitted") / "s1" / "L2" / "deep.ipynb"
    deep.write_text(deep_notebook(5000), encoding="utf-8")
    return course


def deep_notebook(depth: int) -> str:
    """A notebook whose confidence output is *depth* lists deep (json.loads raises RecursionError on it)."""
    value = "[" * depth + "]" * depth
    return ('{"cells": [{"cell_type": "code", "metadata": {}, "source": "", "execution_count": 1, "outputs": '
            '[{"output_type": "display_data", "metadata": {}, "data": {"' + notebooks.CONFIDENCE_MIME + '": '
            '{"moment": "lesson-end", "answers": ' + value + '}}}]}], "metadata": {}, "nbformat": 4, '
            '"nbformat_minor": 5}')


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    course = hostile_course(folder)
    return report(course=course, folder=folder / "out", today=pd.Timestamp(cohort.TODAY),
                  curriculum=cohort.CURRICULUM, rules=Rules(min_learners=1))


def test_workbook_keeps_learner_text_as_strings_not_formulas(hostile_report):
    """Does a failed-check message like =HYPERLINK(...) stay text in report.xlsx?"""
    book = openpyxl.load_workbook(hostile_report.xlsx)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert any(isinstance(cell.value, str) and cell.value.startswith("=HYPERLINK") for cell in cells)


def test_csv_cells_that_a_spreadsheet_would_run_get_a_quote_in_front(hostile_report):
    """Does every CSV cell starting with = + - @ carry OWASP's ' prefix?"""
    seen = []
    for path in hostile_report.csv.values():
        with path.open(newline="", encoding="utf-8") as handle:
            seen += [cell for row in csv.reader(handle) for cell in row]
    assert "'" + FORMULA + " " + SCRIPT in seen and "'@SUM(1+1)*cmd|' /C calc'!A0" in seen
    assert not [cell for cell in seen if cell[:1] in ("=", "+", "@", "\t", "\r")]
    assert not [cell for cell in seen if cell.startswith("-") and not _number(cell)]


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("text, safe", [("=1+1", "'=1+1"), ("+1", "'+1"), ("-x", "'-x"), ("@a", "'@a"),
                                        ("\tx", "'\tx"), ("\rx", "'\rx"), ("plain", "plain"), (-3.5, -3.5)])
def test_the_owasp_prefix_rule(text, safe):
    """Which cells get the quote: text starting with = + - @ tab or CR, and never numbers?"""
    assert csv_text(text) == safe


def test_html_report_shows_learner_markup_as_text(hostile_report):
    """Does <script> or <img onerror> from a learner reach the HTML page only escaped?"""
    page = hostile_report.html.read_text()
    assert "<script" not in page and "<img" not in page and "&lt;script&gt;" in page


def test_a_deeply_nested_answer_is_skipped_with_a_reason(hostile_report):
    """Does a confidence answer 5,000 levels deep skip that notebook (with a reason) instead of stopping the report?"""
    skipped = hostile_report.tables.skipped.reset_index()
    assert len(skipped) == 1 and skipped.loc[0, "lesson"] == "L2"
    assert "nested more than" in skipped.loc[0, "reasons"]
    assert "nested more than" in hostile_report.html.read_text()
    assert not hostile_report.tables.confidence_answers.empty  # the other notebooks are still read


def test_a_huge_notebook_is_skipped_with_a_reason(tmp_path, monkeypatch):
    """Is a notebook over the size limit skipped, not read into memory?"""
    from course.reports import safe

    monkeypatch.setattr(notebooks, "MAX_NOTEBOOK_BYTES", 100)
    path = tmp_path / "submitted" / "s1" / "L1" / "nb.ipynb"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"x": notebooks.CONFIDENCE_MIME, "pad": "a" * 200}))
    answers, skipped = notebooks.read_confidence(tmp_path / "submitted")
    assert answers.empty and "larger than" in skipped.iloc[0]["reasons"]
    assert safe.json_depth('{"a": "[[[[", "b": [[1]]}') == 3


def test_huge_learner_text_is_cut_to_a_readable_size():
    """Is a 1 MB error message cut, and a forged confidence answer with 100,000 statements kept to a few rows?"""
    cell = cohort.graded_cell("c1", "x" * 1_000_000)
    assert len(notebooks.error_message(cell)) == notebooks.MAX_MESSAGE
    forged = {"moment": "lesson-end", "answers": {f"s{n}": 3 for n in range(100_000)}}
    assert len(notebooks._answer_rows("s1", "L1", forged)) == notebooks.MAX_STATEMENTS
