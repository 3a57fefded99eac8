"""Report tables as tidy pandas DataFrames: one function per table, nothing written to disk.

Percent basis: a learner's percent is the share of the points *marked so far*
(automatic checks plus answers the trainer has marked). Answers that still wait
for the trainer are counted apart, in ``to_mark``, and do not pull the percent down.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from course.curriculum import Curriculum, competence_title
from course.reports.columns import (
    AT_RISK, AUTO, CELL, CHANGE, COMPETENCE, DISCRIMINATION, EVIDENCED, FELL, FIRST, FLAGS, GRADED_MAX, HITS, LATE,
    LATEST, LEARNERS, LESSON, LEVEL, MAX_SCORE, MEAN, MISTAKE, MISTAKES, MOMENT, NOTEBOOK, OUT_OF, PASS_RATE,
    PASSED, PENALTY, PERCENT, RATING, REASONS, ROSE, SCORE, SHOWN, STATEMENT, STUDENT, SUBMITTED, SUBMITTED_AT, TITLE, TO_MARK,
    TOP_MISTAKE, TREND, LAST_ACTIVITY, LESSONS, WAITING, MANUAL,
)

__all__ = ["STUDENT", "LESSON", "SCORE", "MAX_SCORE", "PERCENT", "LATE", "WAITING", "TO_MARK"]  # for older callers
from course.reports.notebooks import MOMENTS
from course.reports.rules import Rules, confidence_reason, exercise_flags, low_run_reason, quiet_reason, stuck_reasons

LESSON_COLUMNS = [SCORE, MAX_SCORE, GRADED_MAX, PERCENT, TO_MARK, LATE, SUBMITTED_AT]
EXERCISE_COLUMNS = [AUTO, LEARNERS, PASSED, PASS_RATE, MEAN, DISCRIMINATION, TO_MARK, MISTAKES, TOP_MISTAKE, FLAGS]
CONFIDENCE_COLUMNS = [FIRST, LATEST, CHANGE]
COHORT_CONFIDENCE_COLUMNS = [LEARNERS, FIRST, LATEST, CHANGE, ROSE, FELL]
COMPETENCE_COLUMNS = [TITLE, EVIDENCED, LEVEL, SHOWN, OUT_OF]


def _empty(columns: list[str], index: list[str]) -> pd.DataFrame:
    return pd.DataFrame(columns=columns, index=pd.MultiIndex.from_tuples([], names=index))


def lessons(score_rows: pd.DataFrame) -> pd.DataFrame:
    """One row per learner x lesson: score (less late penalty), out of, points marked so far, percent, to mark."""
    if score_rows.empty:
        return _empty(LESSON_COLUMNS, [STUDENT, LESSON])
    marked = ~score_rows[TO_MARK]
    rows = score_rows.assign(_graded_max=score_rows[MAX_SCORE].where(marked, 0.0))
    grouped = rows.groupby([STUDENT, LESSON])
    penalty = rows.groupby([STUDENT, LESSON, NOTEBOOK])[PENALTY].first().groupby([STUDENT, LESSON]).sum()
    table = pd.DataFrame(
        {
            SCORE: (grouped[SCORE].sum() - penalty).clip(lower=0.0),
            MAX_SCORE: grouped[MAX_SCORE].sum(),
            GRADED_MAX: grouped["_graded_max"].sum(),
            TO_MARK: grouped[TO_MARK].sum().astype(int),
            LATE: grouped[LATE].any(),
            SUBMITTED_AT: grouped[SUBMITTED_AT].max(),
        }
    )
    table[PERCENT] = (100.0 * table[SCORE] / table[GRADED_MAX].where(table[GRADED_MAX] > 0)).clip(upper=100).round(1)
    return table[LESSON_COLUMNS].sort_index()


def exercises(score_rows: pd.DataFrame, mistake_counts: pd.DataFrame, *, rules: Rules) -> pd.DataFrame:
    """One row per lesson x graded cell: pass rate, mean, discrimination, typical mistakes, answers to mark, flags.

    Only marked answers count; an answer that waits for the trainer is "to mark", never failed. For a cell
    the trainer marks, nbgrader's automatic 0 for an answer left as released is not a mark either.
    Passed means full points. Discrimination is the item-rest correlation: how
    well the cell's score follows the learner's score on the rest of the lesson.
    """
    if score_rows.empty:
        return _empty(EXERCISE_COLUMNS, [LESSON, CELL])
    manual = score_rows[MANUAL] if MANUAL in score_rows else pd.Series(False, index=score_rows.index)
    counted = ~score_rows[TO_MARK] & ~(manual & score_rows[AUTO])
    marked = score_rows[counted]
    share = marked[SCORE].clip(upper=marked[MAX_SCORE]) / marked[MAX_SCORE].where(marked[MAX_SCORE] > 0)
    keys = [marked[LESSON], marked[CELL]]
    every = score_rows.groupby([LESSON, CELL])
    table = pd.DataFrame(
        {
            AUTO: every[AUTO].all() & ~manual.groupby([score_rows[LESSON], score_rows[CELL]]).any(),
            TO_MARK: every[TO_MARK].sum().astype(int),
        }
    )
    table[LEARNERS] = share.groupby(keys).size().reindex(table.index).fillna(0).astype(int)
    table[PASSED] = (share >= 1.0).groupby(keys).sum().reindex(table.index).fillna(0).astype(int)
    table[MEAN] = (100.0 * share.groupby(keys).mean()).round(1).reindex(table.index)
    table.index.names = [LESSON, CELL]
    table[PASS_RATE] = (100.0 * table[PASSED] / table[LEARNERS].where(table[LEARNERS] > 0)).round(1)
    table[DISCRIMINATION] = item_rest(marked.assign(_share=share)).reindex(table.index).round(2)
    table = table.join(_mistake_summary(mistake_counts), how="left")
    table[MISTAKES] = table[MISTAKES].fillna(0).astype(int)
    table[TOP_MISTAKE] = table[TOP_MISTAKE].fillna("")
    table[FLAGS] = [exercise_flags(row, rules=rules) for _, row in table.iterrows()]
    return table[EXERCISE_COLUMNS].sort_index()


def item_rest(marked: pd.DataFrame) -> pd.Series:
    """Pearson correlation, per lesson x cell, of the cell's points with the learner's other points in the lesson.

    Only learners whose answer is marked count for a cell; with fewer than
    three of them, or no spread, there is no correlation (NaN).
    """
    results = []
    for lesson, rows in marked.groupby(LESSON):
        points = rows.groupby([STUDENT, CELL])[SCORE].sum().unstack(CELL)
        rest = points.rsub(points.sum(axis=1), axis=0).where(points.notna())
        value = points.corrwith(rest).where(points.count() > 2)
        results.append(pd.concat({lesson: value}, names=[LESSON, CELL]))
    if not results:
        return pd.Series(dtype=float, index=pd.MultiIndex.from_tuples([], names=[LESSON, CELL]))
    return pd.concat(results).astype(float)


def _mistake_summary(mistake_counts: pd.DataFrame) -> pd.DataFrame:
    if mistake_counts.empty:
        return pd.DataFrame(columns=[MISTAKES, TOP_MISTAKE], index=pd.MultiIndex.from_tuples([], names=[LESSON, CELL]))
    counts = mistake_counts.reset_index().sort_values([LESSON, CELL, HITS, MISTAKE], ascending=[True, True, False, True])
    grouped = counts.groupby([LESSON, CELL])
    return pd.DataFrame({MISTAKES: grouped[HITS].sum(), TOP_MISTAKE: grouped[MISTAKE].first()})


def confidence(answers: pd.DataFrame, *, lesson_order) -> pd.DataFrame:
    """One row per learner x statement: first and latest rating (1-5) and the change.

    Checks are put in course order: course start, then lesson ends in lesson
    order, then course end. Skipped statements are left out.
    """
    rated = answers.dropna(subset=[RATING])
    if rated.empty:
        return _empty(CONFIDENCE_COLUMNS, [STUDENT, STATEMENT])
    rank = rated[MOMENT].map(MOMENTS.index) * 10_000 + rated[LESSON].map(lambda name: lesson_order(name)[0])
    ordered = rated.assign(_rank=rank).sort_values(["_rank", LESSON])
    grouped = ordered.groupby([STUDENT, STATEMENT])[RATING]
    table = pd.DataFrame({FIRST: grouped.first(), LATEST: grouped.last(), "_count": grouped.size()})
    table[CHANGE] = (table[LATEST] - table[FIRST]).where(table["_count"] > 1)
    return table[CONFIDENCE_COLUMNS].astype(float).sort_index()


def cohort_confidence(learner_confidence: pd.DataFrame) -> pd.DataFrame:
    """One row per statement: mean first and latest rating of learners who answered twice or more."""
    both = learner_confidence.dropna(subset=[CHANGE])
    if both.empty:
        return pd.DataFrame(columns=COHORT_CONFIDENCE_COLUMNS, index=pd.Index([], name=STATEMENT))
    grouped = both.groupby(level=STATEMENT)
    table = pd.DataFrame(
        {
            LEARNERS: grouped.size(),
            FIRST: grouped[FIRST].mean().round(2),
            LATEST: grouped[LATEST].mean().round(2),
            CHANGE: grouped[CHANGE].mean().round(2),
            ROSE: grouped[CHANGE].apply(lambda c: int((c > 0).sum())),
            FELL: grouped[CHANGE].apply(lambda c: int((c < 0).sum())),
        }
    )
    return table[COHORT_CONFIDENCE_COLUMNS].sort_index()


def competences(score_rows: pd.DataFrame, curriculum: Curriculum) -> pd.DataFrame:
    """One row per learner x DigComp competence of the lessons they submitted.

    A competence is shown when the learner passed (full points, marked) at least
    one exercise that gives evidence of it; the level is the highest such level.
    """
    evidence = pd.DataFrame(
        [(e.lesson, e.exercise, e.digcomp, e.level) for e in curriculum.evidence],
        columns=[LESSON, CELL, COMPETENCE, LEVEL],
    )
    if score_rows.empty or evidence.empty:
        return _empty(COMPETENCE_COLUMNS, [STUDENT, COMPETENCE])
    rows = score_rows.merge(evidence, on=[LESSON, CELL], how="inner")
    if rows.empty:
        return _empty(COMPETENCE_COLUMNS, [STUDENT, COMPETENCE])
    rows["_passed"] = ~rows[TO_MARK] & (rows[SCORE] >= rows[MAX_SCORE])
    grouped = rows.groupby([STUDENT, COMPETENCE])
    table = pd.DataFrame(
        {
            SHOWN: grouped["_passed"].sum().astype(int),
            OUT_OF: grouped.size(),
            LEVEL: rows[LEVEL].where(rows["_passed"]).groupby([rows[STUDENT], rows[COMPETENCE]]).max(),
        }
    )
    table[EVIDENCED] = table[SHOWN] > 0
    table[TITLE] = [competence_title(code) for code in table.index.get_level_values(COMPETENCE)]
    table[LEVEL] = table[LEVEL].astype("Int64")
    return table[COMPETENCE_COLUMNS].sort_index()


PROGRESS_COLUMNS = [SUBMITTED, LESSONS, PERCENT, TREND, LAST_ACTIVITY, TO_MARK, AT_RISK, REASONS]


def progress(lesson_table: pd.DataFrame, *, learners: pd.Index, lesson_count: int, learner_confidence: pd.DataFrame,
             lesson_order, today: pd.Timestamp, rules: Rules, blank: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per learner (also those with no submission): lessons, percent, trend, last activity, at-risk.

    Percent is over all points marked so far in the learner's lessons; trend is
    the change in percent from the lesson before to the latest (course order).
    *blank*: (learner, lesson) rows of lessons handed in with no answer written.
    """
    everyone = pd.Index(sorted(set(learners) | set(lesson_table.index.get_level_values(STUDENT))), name=STUDENT)
    if everyone.empty:
        return pd.DataFrame(columns=PROGRESS_COLUMNS, index=everyone)
    by_learner = lesson_table.groupby(level=STUDENT)
    table = pd.DataFrame(index=everyone)
    table[SUBMITTED] = by_learner.size().reindex(everyone).fillna(0).astype(int)
    table[LESSONS] = lesson_count
    graded = by_learner[GRADED_MAX].sum().reindex(everyone)
    table[PERCENT] = (100.0 * by_learner[SCORE].sum().reindex(everyone) / graded.where(graded > 0)).round(1)
    table[TO_MARK] = by_learner[TO_MARK].sum().reindex(everyone).fillna(0).astype(int)
    table[LAST_ACTIVITY] = by_learner[SUBMITTED_AT].max().reindex(everyone)
    series = _percent_series(lesson_table, lesson_order)
    table[TREND] = [_trend(series.get(student, {})) for student in everyone]
    mean_change = learner_confidence[CHANGE].groupby(level=STUDENT).mean() if not learner_confidence.empty else {}
    blank_by_learner = blank.groupby(STUDENT)[LESSON].agg(set).to_dict() if blank is not None and not blank.empty else {}
    reasons = [
        _reasons(student, row, series.get(student, {}), mean_change, blank=blank_by_learner.get(student, set()),
                 anyone=not lesson_table.empty, today=today, rules=rules)
        for student, row in table.iterrows()
    ]
    table[REASONS] = reasons
    table[AT_RISK] = [bool(text) for text in reasons]
    return table[PROGRESS_COLUMNS].sort_index()


def _percent_series(lesson_table: pd.DataFrame, lesson_order) -> dict[str, dict[str, float]]:
    """Each learner's lesson -> percent in course order, lessons with nothing marked left out."""
    known = lesson_table[PERCENT].dropna().reset_index()
    known["_order"] = known[LESSON].map(lesson_order)
    known = known.sort_values([STUDENT, "_order"])
    return {student: dict(zip(rows[LESSON], rows[PERCENT])) for student, rows in known.groupby(STUDENT)}


def _trend(percents: dict[str, float]) -> float:
    values = list(percents.values())
    return round(values[-1] - values[-2], 1) if len(values) >= 2 else np.nan


def _reasons(student, row, percents: dict[str, float], mean_change, *, blank: set[str], anyone: bool, today,
             rules: Rules) -> str:
    stuck = stuck_reasons(percents, blank, rules=rules)
    found = [
        quiet_reason(row[LAST_ACTIVITY], anyone_submitted=anyone, today=today, rules=rules),
        *stuck,
        "" if stuck else low_run_reason(list(percents.values()), rules=rules),
        confidence_reason(float(mean_change.get(student, np.nan)), rules=rules),
    ]
    return " ".join(reason for reason in found if reason)
