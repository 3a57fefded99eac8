"""What the report reads from notebook files: confidence answers and typical mistakes.

Both readers are tolerant: a damaged, huge or too deeply nested notebook is
skipped with a reason (:class:`course.reports.safe.Skipped`), never fatal. A
quick text search comes before JSON parsing, so a cohort of thousands of
notebooks is read in seconds.
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

from course.i18n import _
from course.reports.columns import CELL, HITS, LESSON, MISTAKE, MOMENT, RATING, REASONS, SAVED_AT, STATEMENT, STUDENT
from course.reports.safe import MAX_NOTEBOOK_BYTES, Skipped, TooComplex, bounded_json, json_depth, MAX_DEPTH

CONFIDENCE_MIME = "application/vnd.codensocial.confidence+json"
# Until the learner toolkit's course.learner.confidence.STATEMENTS lands: the statement ids, in order.
STATEMENT_IDS = ["run-code", "write-program", "fix-error", "ask-help", "it-future"]
MOMENTS = ["course-start", "lesson-end", "course-end"]
ANSWER_COLUMNS = [STUDENT, LESSON, MOMENT, SAVED_AT, STATEMENT, RATING]
MISTAKE_COLUMNS = [STUDENT, LESSON, CELL, MISTAKE]
_KEY = re.compile(r'"' + re.escape(CONFIDENCE_MIME) + r'"\s*:\s*')
_DECODER = json.JSONDecoder()
SKIPPED_COLUMNS = [STUDENT, LESSON, REASONS]
MAX_MESSAGE = 300  # characters of a failed check's message kept as a typical mistake
MAX_STATEMENTS = 20  # a confidence check has 5; a forged answer may have millions
PARALLEL_FROM = 400  # notebooks; fewer are read in this process
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def notebooks(stage: Path) -> Iterator[tuple[str, str, Path]]:
    """(learner, lesson, path) of every notebook under a stage folder laid out <learner>/<lesson>/*.ipynb."""
    if not stage.is_dir():
        return
    for path in sorted(stage.glob("*/*/*.ipynb")):
        yield path.parent.parent.name, path.parent.name, path


def _read_text(path: Path) -> str:
    """The notebook's text; TooComplex when the file is too large to read safely."""
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        raise TooComplex(_("it is larger than {limit} MB").format(limit=MAX_NOTEBOOK_BYTES // 1_000_000))
    return path.read_text(encoding="utf-8")


def _load(path: Path, needle: str) -> dict | None:
    """The notebook as JSON when its text contains *needle*; None when it does not or cannot be read.

    TooComplex (a reason in words) when it is past the size or depth limits.
    """
    try:
        text = _read_text(path)
        return bounded_json(text, max_depth=None) if needle in text else None
    except TooComplex:
        raise
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def _skip(student: str, lesson: str, error: TooComplex) -> list:
    return [Skipped(student, lesson, _("The notebook was not read: {why}.").format(why=error))]


# ---- confidence answers (submitted notebooks) ---------------------------------------------------


def in_parallel(reader, stage: Path) -> tuple[list[list], list[Skipped]]:
    """Rows from *reader*(learner, lesson, path) over every notebook of a stage, on every core,
    and the notebooks skipped (the reader gives a :class:`Skipped` instead of rows).

    Reading and parsing JSON is CPU-bound; a thousand learners x 11 lessons
    are 11,000 notebooks. Small stages are read in this process.
    """
    found = list(notebooks(stage))
    return _split(_read_all(reader, found))


def _split(rows: list) -> tuple[list[list], list[Skipped]]:
    return [row for row in rows if not isinstance(row, Skipped)], [row for row in rows if isinstance(row, Skipped)]


def _read_all(reader, found) -> list:
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
    return read_confidence(submitted)[0]


def read_confidence(submitted: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(confidence answers as in :func:`confidence_answers`, notebooks skipped with the reason)."""
    rows, skipped = in_parallel(_confidence_rows, submitted)
    table = pd.DataFrame(rows, columns=ANSWER_COLUMNS)
    table[RATING] = pd.to_numeric(table[RATING], errors="coerce").astype("Float64")
    return table, skipped_table(skipped)


def skipped_table(skipped: list[Skipped]) -> pd.DataFrame:
    return pd.DataFrame([[s.student, s.lesson, s.reason] for s in skipped], columns=SKIPPED_COLUMNS)


def _confidence_rows(student: str, lesson: str, path: Path) -> list:
    try:
        text = _read_text(path)
        if CONFIDENCE_MIME not in text:
            return []
        answer = _last_answer_quickly(text)
        if answer is None:  # an unusual layout: parse the whole notebook
            answer = last_confidence_output(bounded_json(text, max_depth=None))
    except TooComplex as error:
        return _skip(student, lesson, error)
    except (OSError, UnicodeDecodeError, ValueError):
        return []
    return _answer_rows(student, lesson, answer) if answer is not None else []


def _last_answer_quickly(text: str) -> dict | None:
    """The value after the last '"<confidence mime>":' in the file, parsed alone (a notebook is 30 kB; this is 200 bytes).

    Outputs are saved in notebook order, so the last occurrence is the last output.
    """
    found = _KEY.search(text, text.rfind('"' + CONFIDENCE_MIME + '"'))
    if not found:
        return None
    if json_depth(text[found.end():]) > MAX_DEPTH:  # the value, then the notebook's closing brackets
        raise TooComplex(_("its saved answers are nested more than {limit} levels deep").format(limit=MAX_DEPTH))
    try:
        value, _end = _DECODER.raw_decode(text, found.end())
    except ValueError:
        return None
    if isinstance(value, str):
        try:
            value = bounded_json(value)
        except TooComplex:
            raise
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
                    value = bounded_json(value)
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
    where = _text(answer.get("lesson")) or (lesson if moment == "lesson-end" else "")
    return [
        [student, where, moment, _text(answer.get("saved_at"))[:40] or None, statement[:80], _rating(rating)]
        for statement, rating in list(answers.items())[:MAX_STATEMENTS]
    ]


def _text(value) -> str:
    """A learner-written field as text, only when it is text (a forged answer may put anything there)."""
    return value if isinstance(value, str) else ""


def _rating(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5 else None


# ---- typical mistakes (autograded notebooks) ----------------------------------------------------


def mistakes(autograded: Path) -> pd.DataFrame:
    """One row per learner x graded cell whose output shows an error, with the error's own message.

    The learner toolkit makes each failed check say which typical mistake it
    found; the message is the last line of the error ("AssertionError: ...").
    """
    return read_autograded(autograded)[0]


def read_mistakes(autograded: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(typical mistakes as in :func:`mistakes`, notebooks skipped with the reason)."""
    found, _blank, skipped = read_autograded(autograded)
    return found, skipped


def read_autograded(autograded: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Everything the report reads from autograded notebooks, each parsed once: (typical mistakes as in
    :func:`mistakes`, lessons handed in blank as in :func:`blank_lessons`, notebooks skipped with the reason)."""
    rows, skipped = in_parallel(_autograded_rows, autograded)
    found = pd.DataFrame([row[1:] for row in rows if row[0] == "mistake"], columns=MISTAKE_COLUMNS)
    notebook_blank = pd.DataFrame([row[1:] for row in rows if row[0] == "blank"], columns=BLANK_COLUMNS)
    return found, _blank_per_lesson(notebook_blank), skipped_table(skipped)


def _autograded_rows(student: str, lesson: str, path: Path) -> list:
    """("mistake", learner, lesson, cell, message) rows and one ("blank", learner, lesson, blank?) row.

    A notebook with no error output is not read: it has no typical mistake, and a blank notebook fails its
    checks, so it has one.
    """
    try:
        nb = _load(path, '"output_type": "error"')
    except TooComplex as error:
        return _skip(student, lesson, error)
    if nb is None:
        return []
    rows = [("mistake", student, lesson, cell["metadata"]["nbgrader"]["grade_id"], message)
            for cell in nb.get("cells", []) if (message := error_message(cell))]
    answers = [cell for cell in nb.get("cells", []) if _is_answer(cell)]
    return rows + [("blank", student, lesson, bool(answers) and all(_unchanged(cell) for cell in answers))]


def error_message(cell) -> str | None:
    """The plain message of a graded cell's error output (at most MAX_MESSAGE characters), or None."""
    message = _error_message(cell)
    return message[:MAX_MESSAGE] if message else message


def _error_message(cell) -> str | None:
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
    value = str(error.get("evalue") or "")[:MAX_MESSAGE * 4].strip()  # a learner's message can be 100 MB
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


# ---- blank submissions (autograded notebooks) ---------------------------------------------------

BLANK_COLUMNS = [STUDENT, LESSON, "blank"]


def blank_lessons(autograded: Path) -> pd.DataFrame:
    """(learner, lesson) of every lesson handed in with no answer written: each answer cell of each of its
    notebooks is as released (nbgrader's checksum of the cell, kept in its metadata, still matches)."""
    return read_autograded(autograded)[1]


def _blank_per_lesson(notebook_blank: pd.DataFrame) -> pd.DataFrame:
    if notebook_blank.empty:
        return pd.DataFrame(columns=[STUDENT, LESSON])
    every = notebook_blank.groupby([STUDENT, LESSON])["blank"].all()
    return every[every].reset_index()[[STUDENT, LESSON]]


def _is_answer(cell) -> bool:
    try:
        return bool(cell["metadata"]["nbgrader"].get("solution"))
    except (KeyError, TypeError, AttributeError):
        return False


def _unchanged(cell) -> bool:
    """Is this answer cell's text the released one? (nbgrader's own checksum rule)"""
    from nbformat import from_dict
    from nbgrader.utils import compute_checksum

    try:
        source = cell.get("source", "")
        node = from_dict({**cell, "source": "".join(source) if isinstance(source, list) else source})
        return node.metadata.nbgrader.get("checksum") == compute_checksum(node)
    except (KeyError, TypeError, AttributeError, ValueError):
        return False
