"""What the report reads from notebook files: confidence answers and typical mistakes.

Both readers are tolerant: a damaged or unexpected notebook is skipped, never
fatal. A quick text search comes before JSON parsing, so a cohort of thousands
of notebooks is read in seconds.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

import pandas as pd

from course.reports.columns import CELL, HITS, LESSON, MISTAKE, MOMENT, RATING, SAVED_AT, STATEMENT, STUDENT

CONFIDENCE_MIME = "application/vnd.codensocial.confidence+json"
# Until the learner toolkit's course.learner.confidence.STATEMENTS lands: the statement ids, in order.
STATEMENT_IDS = ["run-code", "write-program", "fix-error", "ask-help", "it-future"]
MOMENTS = ["course-start", "lesson-end", "course-end"]
ANSWER_COLUMNS = [STUDENT, LESSON, MOMENT, SAVED_AT, STATEMENT, RATING]
MISTAKE_COLUMNS = [STUDENT, LESSON, CELL, MISTAKE]
_KEY = re.compile(r'"' + re.escape(CONFIDENCE_MIME) + r'"\s*:\s*')
_DECODER = json.JSONDecoder()
PARALLEL_FROM = 400  # notebooks; fewer are read in this process
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def notebooks(stage: Path) -> Iterator[tuple[str, str, Path]]:
    """(learner, lesson, path) of every notebook under a stage folder laid out <learner>/<lesson>/*.ipynb."""
    if not stage.is_dir():
        return
    for path in sorted(stage.glob("*/*/*.ipynb")):
        yield path.parent.parent.name, path.parent.name, path


def _load(path: Path, needle: str) -> dict | None:
    """The notebook as JSON when its text contains *needle*; None when it does not or cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
        return json.loads(text) if needle in text else None
    except (OSError, UnicodeDecodeError, ValueError):
        return None


# ---- confidence answers (submitted notebooks) ---------------------------------------------------


def in_parallel(reader, stage: Path) -> list[list]:
    """Rows from *reader*(learner, lesson, path) over every notebook of a stage, on every core.

    Reading and parsing JSON is CPU-bound; a thousand learners x 11 lessons
    are 11,000 notebooks. Small stages are read in this process.
    """
    found = list(notebooks(stage))
    if len(found) < PARALLEL_FROM:
        return [row for item in found for row in reader(*item)]
    workers = min(os.cpu_count() or 1, 4)
    chunks = [found[start::workers * 4] for start in range(workers * 4)]
    # fork: the workers need nothing but this module's functions, and start at once (spawn re-imports pandas).
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return [row for rows in pool.map(partial(_read_chunk, reader), chunks) for row in rows]


def _read_chunk(reader, items) -> list[list]:
    return [row for item in items for row in reader(*item)]


def confidence_answers(submitted: Path) -> pd.DataFrame:
    """One row per learner x confidence check x statement; rating is 1..5, or empty when skipped.

    The last confidence output in a notebook wins (brief-formats.md).
    """
    table = pd.DataFrame(in_parallel(_confidence_rows, submitted), columns=ANSWER_COLUMNS)
    table[RATING] = pd.to_numeric(table[RATING], errors="coerce").astype("Float64")
    return table


def _confidence_rows(student: str, lesson: str, path: Path) -> list[list]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    if CONFIDENCE_MIME not in text:
        return []
    answer = _last_answer_quickly(text)
    if answer is None:  # an unusual layout: parse the whole notebook
        try:
            answer = last_confidence_output(json.loads(text))
        except ValueError:
            return []
    return _answer_rows(student, lesson, answer) if answer is not None else []


def _last_answer_quickly(text: str) -> dict | None:
    """The value after the last '"<confidence mime>":' in the file, parsed alone (a notebook is 30 kB; this is 200 bytes).

    Outputs are saved in notebook order, so the last occurrence is the last output.
    """
    found = _KEY.search(text, text.rfind('"' + CONFIDENCE_MIME + '"'))
    if not found:
        return None
    try:
        value, _end = _DECODER.raw_decode(text, found.end())
    except ValueError:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, dict) else None


def last_confidence_output(nb: dict) -> dict | None:
    found = None
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) if isinstance(cell, dict) else []:
            value = (output.get("data") or {}).get(CONFIDENCE_MIME) if isinstance(output, dict) else None
            if isinstance(value, str):
                try:
                    value = json.loads(value)
                except ValueError:
                    value = None
            if isinstance(value, dict):
                found = value
    return found


def _answer_rows(student: str, lesson: str, answer: dict) -> list[list]:
    answers = answer.get("answers")
    moment = answer.get("moment")
    if not isinstance(answers, dict) or moment not in MOMENTS:
        return []
    where = answer.get("lesson") or (lesson if moment == "lesson-end" else "")
    return [
        [student, where, moment, answer.get("saved_at"), statement, _rating(rating)]
        for statement, rating in answers.items()
    ]


def _rating(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5 else None


# ---- typical mistakes (autograded notebooks) ----------------------------------------------------


def mistakes(autograded: Path) -> pd.DataFrame:
    """One row per learner x graded cell whose output shows an error, with the error's own message.

    The learner toolkit makes each failed check say which typical mistake it
    found; the message is the last line of the error ("AssertionError: ...").
    """
    return pd.DataFrame(in_parallel(_mistake_rows, autograded), columns=MISTAKE_COLUMNS)


def _mistake_rows(student: str, lesson: str, path: Path) -> list[list]:
    rows = []
    nb = _load(path, '"output_type": "error"')
    for cell in (nb or {}).get("cells", []):
        message = error_message(cell)
        if message:
            rows.append([student, lesson, cell["metadata"]["nbgrader"]["grade_id"], message])
    return rows


def error_message(cell) -> str | None:
    """The plain message of a graded cell's error output, or None."""
    try:
        meta = cell["metadata"]["nbgrader"]
        if not meta.get("grade") or not meta.get("grade_id"):
            return None
        errors = [out for out in cell.get("outputs", []) if out.get("output_type") == "error"]
    except (KeyError, TypeError, AttributeError):
        return None
    if not errors:
        return None
    error = errors[-1]
    value = str(error.get("evalue") or "").strip()
    if value:
        return _ANSI.sub("", value).splitlines()[0].strip()
    lines = [_ANSI.sub("", line).strip() for line in error.get("traceback") or [] if isinstance(line, str)]
    last = [line for part in lines for line in part.splitlines() if line.strip()]
    return last[-1] if last else (str(error.get("ename") or "") or None)


def mistake_counts(mistake_rows: pd.DataFrame) -> pd.DataFrame:
    """How many learners hit each typical mistake, per lesson x exercise x message."""
    if mistake_rows.empty:
        return pd.DataFrame(columns=[HITS], index=pd.MultiIndex.from_tuples([], names=[LESSON, CELL, MISTAKE]))
    counts = mistake_rows.groupby([LESSON, CELL, MISTAKE])[STUDENT].nunique().rename(HITS)
    return counts.to_frame().sort_index()
